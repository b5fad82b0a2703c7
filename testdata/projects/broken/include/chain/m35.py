from include.chain.m36 import DEEP
