from include.chain.m33 import DEEP
