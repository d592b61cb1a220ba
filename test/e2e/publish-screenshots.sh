#!/usr/bin/env bash
# Copies the end-to-end suite's best screenshots (test/e2e/artifacts/, from the last `node test/e2e/run.mjs`)
# to docs/screenshots/ for the README, shrunk with pngquant when it is installed (apt-get install pngquant).
set -euo pipefail
cd "$(dirname "$0")/../.."
src=test/e2e/artifacts
dst=docs/screenshots
shots=(
  tp-spans-nodes-hover     # (a) TP larger than a node: the warning with its cost
  tp-hover                 # (b) hover on tp: collectives, bandwidth, how
  sbatch-p2p-disabled-hover # (c) NCCL_P2P_DISABLE=1 in an sbatch script
  log-root-cause           # (d) the root cause of a failed run in Problems
  log-report-full          # (d) the Analyze log report: root-cause card
  log-report-charts        # (d) the report's charts
  quick-fix-menu           # (e) a quick fix
  untrusted-profile-fallback # (f) Restricted Mode
)
mkdir -p "$dst"
for s in "${shots[@]}"; do
  [ -f "$src/$s.png" ] || { echo "missing $src/$s.png: run node test/e2e/run.mjs first" >&2; exit 1; }
  if command -v pngquant >/dev/null; then
    pngquant --quality=70-90 --speed 1 --strip --force --output "$dst/$s.png" "$src/$s.png"
  else
    cp "$src/$s.png" "$dst/$s.png"
  fi
  printf '%-32s %6d KiB\n' "$s.png" $(( $(stat -c %s "$dst/$s.png") / 1024 ))
done
