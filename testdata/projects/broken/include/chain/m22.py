from include.chain.m23 import DEEP
