from include.chain.m6 import DEEP
