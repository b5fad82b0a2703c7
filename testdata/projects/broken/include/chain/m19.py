from include.chain.m20 import DEEP
