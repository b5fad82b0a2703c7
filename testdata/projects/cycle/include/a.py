from include.b import B_IMAGE, LOOP_B

A_IMAGE = "ghcr.io/acme/a:latest"
FROM_B = B_IMAGE
LOOP_A = LOOP_B
