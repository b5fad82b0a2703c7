from include.chain.m24 import DEEP
