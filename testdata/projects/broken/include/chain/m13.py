from include.chain.m14 import DEEP
