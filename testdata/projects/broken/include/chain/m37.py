from include.chain.m38 import DEEP
