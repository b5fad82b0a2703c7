from include.chain.m21 import DEEP
