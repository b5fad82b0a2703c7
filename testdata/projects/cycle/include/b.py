from include.a import A_IMAGE, LOOP_A
from include.b import SELF

B_IMAGE = "ghcr.io/acme/b:latest"
FROM_A = A_IMAGE
LOOP_B = LOOP_A
