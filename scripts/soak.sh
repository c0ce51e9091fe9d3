#!/usr/bin/env bash
# A long robustness run, outside CI: damaged project files, arbitrary bytes as
# transcripts, random edit sequences with undo and redo, format round trips.
# Usage: scripts/soak.sh [CASES]   (default 5000 cases per property)
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-5000}"
export MARGIN_SOAK_CASES="$cases"
cargo test --release --test cli load_robustness
cargo test --release --test properties
