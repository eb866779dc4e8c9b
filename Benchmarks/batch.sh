#!/usr/bin/env bash
# Batch import at scale: N copies (default 1,000) of a typical annex workbook
# (Biểu 01 of the bundled example, 33 rows, exported by bieu) imported with
# `bieu import --batch` on all cores. Prints wall/CPU time and peak memory.
#
#   Benchmarks/batch.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
work=Benchmarks/work/batch
bieu=.build/release/bieu
[[ -x $bieu ]] || scripts/build-release.sh >/dev/null
rm -rf "$work"; mkdir -p "$work/in" "$work/out"
"$bieu" export Examples/tam-duong-2024.json --table bieu-01 -o "$work/typical.xlsx" 2>/dev/null
for i in $(seq -w 1 "$n"); do cp "$work/typical.xlsx" "$work/in/don-vi-$i.xlsx"; done
echo "==> $n workbooks, $(nproc) cores"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KiB peak RSS" "$bieu" import --batch "$work/in" -o "$work/out" > "$work/log.txt" 2> "$work/time.txt" || true
tail -3 "$work/log.txt"
tail -1 "$work/time.txt"
echo "outputs: $(ls "$work/out" | wc -l)"
