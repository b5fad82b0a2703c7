from include.chain.m37 import DEEP
