from include.chain.m3 import DEEP
