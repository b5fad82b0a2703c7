from include.chain.m10 import DEEP
