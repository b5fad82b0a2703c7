from include.chain.m32 import DEEP
