from include.chain.m9 import DEEP
