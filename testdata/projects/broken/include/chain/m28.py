from include.chain.m29 import DEEP
