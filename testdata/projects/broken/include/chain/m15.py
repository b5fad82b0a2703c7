from include.chain.m16 import DEEP
