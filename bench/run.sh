#!/usr/bin/env bash
# Builds daglint, generates the benchmark corpus into bench/corpus and times
# `daglint check` against CPython merely parsing the same files.
#
# Usage: bench/run.sh [FILES] [SEED]   (defaults: 3000 files, seed 1)
set -euo pipefail

cd "$(dirname "$0")/.."
files=${1:-3000}
seed=${2:-1}
corpus=bench/corpus
bin=$(mktemp -d)/daglint
trap 'rm -rf "$(dirname "$bin")"' EXIT

go build -o "$bin" ./cmd/daglint
go run -tags devtools ./bench/gen -out "$corpus" -files "$files" -seed "$seed"
bytes=$(find "$corpus" -name '*.py' -type f -exec cat {} + | wc -c)
count=$(find "$corpus" -name '*.py' -type f | wc -l)

# time_cmd LABEL CMD...: runs CMD three times, keeps the fastest wall time
# and the largest peak RSS; prints "LABEL wall user rss_kb".
time_cmd() {
	local label=$1 best="" rss=0 user="" tf
	shift
	tf=$(mktemp)
	for _ in 1 2 3; do
		/usr/bin/time -o "$tf" -f '%e %U %M' "$@" >/dev/null 2>&1 || true
		read -r w u m < <(tail -1 "$tf")
		if [[ -z $best ]] || awk -v a="$w" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$w user=$u; fi
		((m > rss)) && rss=$m
	done
	rm -f "$tf"
	echo "$label $best $user $rss"
}

if [[ ! -x /usr/bin/time ]]; then
	echo "run.sh needs GNU time at /usr/bin/time" >&2
	exit 2
fi

# daglint exits 1 when it finds something, which the corpus makes sure of.
# --no-gitignore: bench/corpus is git-ignored, and the walk skips ignored
# paths even below a folder named on the command line.
read -r _ dw du dm < <(time_cmd daglint "$bin" check --no-config --no-gitignore "$corpus" --format json)
read -r _ pw pu pm < <(time_cmd cpython python3 -c \
	"import ast,sys,pathlib; [ast.parse(p.read_bytes()) for p in pathlib.Path(sys.argv[1]).rglob('*.py')]" "$corpus")

awk -v n="$count" -v b="$bytes" -v dw="$dw" -v du="$du" -v dm="$dm" -v pw="$pw" -v pu="$pu" -v pm="$pm" 'BEGIN {
	mb = b / 1e6
	printf "corpus:  %d files, %.1f MB\n", n, mb
	printf "daglint: %.2f s wall (%.2f s CPU), %.0f files/s, %.1f MB/s, peak RSS %.0f MB\n", dw, du, n/dw, mb/dw, dm/1024
	printf "cpython: %.2f s wall (%.2f s CPU), %.0f files/s, %.1f MB/s, peak RSS %.0f MB (ast.parse only)\n", pw, pu, n/pw, mb/pw, pm/1024
	printf "ratio:   daglint is %.1fx faster (wall), %.1fx (CPU)\n", pw/dw, pu/du
}'
if command -v hyperfine >/dev/null; then
	hyperfine --warmup 1 -i "$bin check --no-config --no-gitignore $corpus --format json"
fi
