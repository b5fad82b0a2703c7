from include.chain.m35 import DEEP
