from include.chain.m28 import DEEP
