from include.chain.m17 import DEEP
