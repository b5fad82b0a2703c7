from include.chain.m11 import DEEP
