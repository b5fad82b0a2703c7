from include.chain.m13 import DEEP
