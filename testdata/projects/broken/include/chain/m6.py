from include.chain.m7 import DEEP
