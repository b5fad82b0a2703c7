from include.chain.m5 import DEEP
