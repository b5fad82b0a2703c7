from include.chain.m25 import DEEP
