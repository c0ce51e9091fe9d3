#!/usr/bin/env bash
# A long kill run, outside CI: real margin processes SIGKILLed at random
# moments during code merges, deletes with reassignment, splits,
# auto-codings and renames; after each kill the project must load, pass
# `margin check` and be as before or after the edit.
# Usage: scripts/kill-soak.sh [KILLS] [SEED]   (default 500 kills)
set -euo pipefail
cd "$(dirname "$0")/.."
export MARGIN_KILLS="${1:-500}"
if [ -n "${2:-}" ]; then export MARGIN_KILL_SEED="$2"; fi
cargo test --test cli kill_soak -- --nocapture
