#!/usr/bin/env bash
# End-to-end check of `daglint server` with a real editor: Neovim, headless,
# starts the server through its built-in LSP client (nvim-e2e/init.lua),
# opens nvim-e2e/dag.py, waits for diagnostics, applies the preferred quick
# fix and hovers; the result must equal nvim-e2e/expected.txt.
#
#   docs/editors/nvim-e2e.sh            # builds daglint from this checkout
#   DAGLINT=path/to/daglint docs/editors/nvim-e2e.sh
#
# Needs nvim (0.7 or later) on PATH; exits 0 when the output matches.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
command -v nvim >/dev/null || { echo "nvim-e2e: nvim is not on PATH" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -z "${DAGLINT:-}" ]]; then
  (cd "$repo" && go build -o "$work/daglint" ./cmd/daglint)
  DAGLINT="$work/daglint"
fi
# A project of its own, so that no configuration around the checkout applies.
mkdir -p "$work/project"
cp "$here/nvim-e2e/dag.py" "$work/project/dag.py"
cp -r "$here/nvim-e2e/include" "$work/project/include"
cd "$work/project"
DAGLINT="$DAGLINT" DAGLINT_E2E_OUT="$work/out.txt" \
  timeout 120 nvim --headless -n -i NONE -u "$here/nvim-e2e/init.lua" -c 'lua DaglintE2E()' dag.py </dev/null >/dev/null 2>"$work/nvim.err" || true
if [[ ! -f "$work/out.txt" ]]; then
  echo "nvim-e2e: Neovim wrote no result" >&2
  cat "$work/nvim.err" >&2
  exit 1
fi
cat "$work/out.txt"
if diff -u "$here/nvim-e2e/expected.txt" "$work/out.txt" >&2; then
  echo "nvim-e2e: OK ($(nvim --version | head -1))"
else
  echo "nvim-e2e: output differs from nvim-e2e/expected.txt" >&2
  exit 1
fi
