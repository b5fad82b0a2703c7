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
#                    (go run -tags devtools ./bench/pydiff --bench N), on the corpus and each tree
#   DAGLINT=PATH     time this binary instead of building one
#   PYTHON=PATH      CPython to compare with (default /usr/bin/python3, else python3)
#   ROUNDS=N         interleaved runs of each side (default 5)
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
go run -tags devtools ./bench/gen -out "$corpus" -files "$files" -seed "$seed"
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

# once FILE CMD...: runs CMD once and appends "wall cpu rss_kb" to FILE.
once() {
	local out=$1 tf
	shift
	tf=$(mktemp -p "$tmp")
	/usr/bin/time -o "$tf" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
	tail -1 "$tf" | awk '{print $1, $2 + $3, $4}' >>"$out"
}

# stats FILE: "min_wall median_wall cpu_of_min max_rss_kb" over FILE's runs.
stats() {
	sort -n "$1" | awk '{w[NR] = $1; c[NR] = $2; if ($3 > m) m = $3}
		END {print w[1], w[int((NR + 1) / 2)], c[1], m}'
}

# compare DIR: daglint check against CPython parsing the same .py files,
# ROUNDS times each (default 5), interleaved so that a burst of load on the
# machine falls on both; the fastest and the median wall time of each are
# compared.
compare() {
	local dir=$1 bytes count dt pt
	bytes=$(find "$dir" -name '*.py' -type f -exec cat {} + | wc -c)
	count=$(find "$dir" -name '*.py' -type f | wc -l)
	dt=$(mktemp -p "$tmp") pt=$(mktemp -p "$tmp")
	for ((r = 0; r < ${ROUNDS:-5}; r++)); do
		# daglint exits 1 when it finds something. --no-gitignore:
		# bench/corpus is git-ignored, and the walk skips ignored paths
		# even below a folder named on the command line.
		once "$dt" "$bin" check --no-config --no-gitignore "$dir" --format json
		once "$pt" "$py" -c "$parse_all" "$dir"
	done
	read -r dw dmed dc dm < <(stats "$dt")
	read -r pw pmed pc pm < <(stats "$pt")
	awk -v dir="$dir" -v n="$count" -v b="$bytes" -v dw="$dw" -v dmed="$dmed" -v dc="$dc" -v dm="$dm" \
		-v pw="$pw" -v pmed="$pmed" -v pc="$pc" -v pm="$pm" -v rounds="${ROUNDS:-5}" 'BEGIN {
		mb = b / 1e6
		printf "\n%s: %d files, %.1f MB, %d interleaved runs each\n", dir, n, mb, rounds
		printf "daglint: %.2f s wall (median %.2f), %.2f s CPU, %.1f MB/s, peak RSS %.0f MB\n", dw, dmed, dc, mb/dw, dm/1024
		printf "cpython: %.2f s wall (median %.2f), %.2f s CPU, %.1f MB/s, peak RSS %.0f MB (ast.parse only)\n", pw, pmed, pc, mb/pw, pm/1024
		printf "ratio:   daglint is %.2fx faster in wall time (medians: %.2fx), %.2fx in CPU time\n", pw/dw, pmed/dmed, pc/dc
	}'
	if ((parser_runs > 0)); then
		go run -tags devtools ./bench/pydiff -python "$py" -bench "$parser_runs" "$dir"
	fi
}

compare "$corpus"
for t in "${trees[@]}"; do
	compare "$t"
done
if command -v hyperfine >/dev/null; then
	hyperfine --warmup 1 -i "$bin check --no-config --no-gitignore $corpus --format json"
fi
