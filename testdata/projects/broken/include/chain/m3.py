from include.chain.m4 import DEEP
