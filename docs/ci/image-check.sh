#!/usr/bin/env bash
# Checks the container image's design without a Docker daemon: the static
# binary alone in an empty root file system (what `FROM scratch` gives),
# the workspace mounted at /src, run as a non-root user the way
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/src" daglint ...
# runs it. It needs root (mount and chroot) and a Linux machine; run it from
# the repository root: sudo bash docs/ci/image-check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
cleanup() { umount "$work/root/src" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/root/src" "$work/ws/dags"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/root/daglint" ./cmd/daglint
cp testdata/dags/seed_example1.py testdata/dags/DAG202.py "$work/ws/dags/"
uid=4242 gid=4242 # a user that exists nowhere in the image, like --user does
chown -R "$uid:$gid" "$work/ws"
mount --bind "$work/ws" "$work/root/src"
before=$(sha256sum "$work/ws/dags/DAG202.py")

run() { chroot --userspec="$uid:$gid" "$work/root" /daglint "$@"; }
# The image's WORKDIR is /src; chroot starts in /, so paths name /src.
set +e
run version
run check --format text --format sarif=/src/daglint.sarif /src/dags >/dev/null
code=$?
run check --fix /src/dags >/dev/null 2>&1
fix=$?
set -e
[ "$code" = 1 ] || { echo "check exited $code, want 1 (findings)"; exit 1; }
[ -s "$work/ws/daglint.sarif" ] || { echo "no SARIF file written"; exit 1; }
[ "$(stat -c %u "$work/ws/daglint.sarif")" = "$uid" ] || { echo "SARIF file not owned by the caller"; exit 1; }
[ "$(sha256sum "$work/ws/dags/DAG202.py")" != "$before" ] || { echo "--fix changed nothing (exit $fix)"; exit 1; }
[ "$(stat -c %u "$work/ws/dags/DAG202.py")" = "$uid" ] || { echo "fixed file not owned by the caller"; exit 1; }
echo "image-check: OK (static binary in an empty root, uid $uid, SARIF written and owned by the caller, --fix applied)"
