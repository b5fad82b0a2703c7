from include.chain.m1 import DEEP
