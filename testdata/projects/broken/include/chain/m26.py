from include.chain.m27 import DEEP
