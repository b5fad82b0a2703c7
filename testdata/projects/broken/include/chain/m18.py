from include.chain.m19 import DEEP
