from include.chain.m34 import DEEP
