from include.chain.m15 import DEEP
