#!/usr/bin/env bash
# Read benchmark: bieu inspect vs python-calamine vs openpyxl (read-only).
# Usage: bash Benchmarks/read-xlsx/run.sh [RUNS]   (from anywhere; default 5 runs)
# Writes Benchmarks/read-xlsx/RESULTS.md. Workbooks are generated once into
# Benchmarks/work/ (git-ignored) and reused.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
cd "$root"
bieu="$(scripts/build-release.sh 2>/dev/null | tail -1)"
mkdir -p Benchmarks/work
python3 "$here/make_workbooks.py" Benchmarks/work 100 10000 200000
python3 "$here/bench.py" "$bieu" Benchmarks/work "$runs" "$here/RESULTS.md"
