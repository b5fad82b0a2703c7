from include.chain.m2 import DEEP
