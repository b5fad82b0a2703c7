from include.chain.m26 import DEEP
