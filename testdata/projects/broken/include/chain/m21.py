from include.chain.m22 import DEEP
