from include.chain.m31 import DEEP
