from include.chain.m39 import DEEP
