from include.chain.m18 import DEEP
