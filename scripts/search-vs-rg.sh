#!/usr/bin/env bash
# `margin search` beside ripgrep on the same transcripts, in one run: each
# searches the corpus RUNS times and the medians are printed with their ratio.
# Usage: scripts/search-vs-rg.sh CORPUS [PATTERN] [RUNS]
#   CORPUS   a margin project, e.g. one made by
#            cargo run --release --example gen-corpus -- /tmp/reference
#   PATTERN  default 'cr[a-z]ck'; RUNS default 7
# Both print every match with its line, column and line text to /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:?usage: scripts/search-vs-rg.sh CORPUS [PATTERN] [RUNS]}"
pattern="${2:-cr[a-z]ck}"
runs="${3:-7}"
command -v rg >/dev/null || { echo "ripgrep (rg) is needed: apt-get install ripgrep" >&2; exit 1; }
cargo build --release --quiet --bin margin
margin=target/release/margin

median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null || [ $? -eq 1 ]
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

hits=$("$margin" search "$corpus" "$pattern" | wc -l)
# --vimgrep: one line per match with its line and column, as margin prints.
rg_hits=$(rg --vimgrep "$pattern" "$corpus"/documents --glob '*.txt' | wc -l)
rg_ms=$(median_ms rg --vimgrep "$pattern" "$corpus"/documents --glob '*.txt')
margin_ms=$(median_ms "$margin" search "$corpus" "$pattern")
echo "pattern /$pattern/: margin prints $hits matches, rg $rg_hits"
echo "rg            ${rg_ms} ms (median of $runs)"
echo "margin search ${margin_ms} ms (median of $runs)"
awk -v m="$margin_ms" -v r="$rg_ms" 'BEGIN { printf "ratio         %.2fx ripgrep\n", m / (r > 0 ? r : 1) }'
