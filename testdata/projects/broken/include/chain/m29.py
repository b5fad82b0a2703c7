from include.chain.m30 import DEEP
