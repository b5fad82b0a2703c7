from include.chain.m8 import DEEP
