#!/usr/bin/env bash
# Builds daglint, generates the benchmark corpus into bench/corpus and times
# `daglint check` against CPython merely parsing the same files; then does the
# same on every extra folder named with --tree (e.g. a checkout of
# apache/airflow), in the same run.
#
# Usage: bench/run.sh [--tree DIR]... [--parser-bench N] [FILES] [SEED]
#   FILES, SEED      synthetic corpus size and seed (defaults: 3000 files, seed 1)
#   --tree DIR       also compare on DIR (repeatable)
#   --parser-bench N also time the parsers alone on one core, N runs each
#                    (go run ./bench/pydiff --bench N), on the corpus and each tree
#   DAGLINT=PATH     time this binary instead of building one
#   PYTHON=PATH      CPython to compare with (default /usr/bin/python3, else python3)
set -euo pipefail

cd "$(dirname "$0")/.."
trees=()
parser_runs=0
args=()
while (($#)); do
	case $1 in
	--tree) trees+=("$2"); shift 2 ;;
	--parser-bench) parser_runs=$2; shift 2 ;;
	*) args+=("$1"); shift ;;
	esac
done
files=${args[0]:-3000}
seed=${args[1]:-1}
corpus=bench/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ ! -x /usr/bin/time ]]; then
	echo "run.sh needs GNU time at /usr/bin/time" >&2
	exit 2
fi
if [[ -n ${PYTHON:-} ]]; then
	py=$PYTHON
elif [[ -x /usr/bin/python3 ]]; then
	py=/usr/bin/python3
else
	py=$(command -v python3)
fi
bin=${DAGLINT:-$tmp/daglint}
[[ -n ${DAGLINT:-} ]] || go build -o "$bin" ./cmd/daglint
go run ./bench/gen -out "$corpus" -files "$files" -seed "$seed"
echo "cpython: $("$py" -c 'import sys; print(sys.version.split()[0], sys.executable)')"

# A plain for-loop: each AST is freed before the next file is parsed (a list
# comprehension keeps them all alive and spends its time in the GC).
read -r -d '' parse_all <<'EOF' || true
import ast, pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    try:
        ast.parse(p.read_bytes())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
EOF

# time_cmd CMD...: runs CMD three times, keeps the fastest wall time (and its
# CPU time) and the largest peak RSS; prints "wall cpu rss_kb".
time_cmd() {
	local best="" cpu="" rss=0 tf
	tf=$(mktemp -p "$tmp")
	for _ in 1 2 3; do
		/usr/bin/time -o "$tf" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
		read -r w u s m < <(tail -1 "$tf")
		if [[ -z $best ]] || awk -v a="$w" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$w cpu=$(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}')
		fi
		((m > rss)) && rss=$m
	done
	echo "$best $cpu $rss"
}

# compare DIR: daglint check against CPython parsing the same .py files.
compare() {
	local dir=$1 bytes count
	bytes=$(find "$dir" -name '*.py' -type f -exec cat {} + | wc -c)
	count=$(find "$dir" -name '*.py' -type f | wc -l)
	# daglint exits 1 when it finds something. --no-gitignore: bench/corpus
	# is git-ignored, and the walk skips ignored paths even below a folder
	# named on the command line.
	read -r dw dc dm < <(time_cmd "$bin" check --no-config --no-gitignore "$dir" --format json)
	read -r pw pc pm < <(time_cmd "$py" -c "$parse_all" "$dir")
	awk -v dir="$dir" -v n="$count" -v b="$bytes" -v dw="$dw" -v dc="$dc" -v dm="$dm" \
		-v pw="$pw" -v pc="$pc" -v pm="$pm" 'BEGIN {
		mb = b / 1e6
		printf "\n%s: %d files, %.1f MB\n", dir, n, mb
		printf "daglint: %.2f s wall, %.2f s CPU, %.1f MB/s, peak RSS %.0f MB\n", dw, dc, mb/dw, dm/1024
		printf "cpython: %.2f s wall, %.2f s CPU, %.1f MB/s, peak RSS %.0f MB (ast.parse only)\n", pw, pc, mb/pw, pm/1024
		printf "ratio:   daglint is %.2fx faster in wall time, %.2fx in CPU time\n", pw/dw, pc/dc
	}'
	if ((parser_runs > 0)); then
		go run ./bench/pydiff -python "$py" -bench "$parser_runs" "$dir"
	fi
}

compare "$corpus"
for t in "${trees[@]}"; do
	compare "$t"
done
if command -v hyperfine >/dev/null; then
	hyperfine --warmup 1 -i "$bin check --no-config --no-gitignore $corpus --format json"
fi
