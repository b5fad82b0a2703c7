from include.chain.m12 import DEEP
