#!/usr/bin/env bash
# Receiving a round at scale: a round of N units (default 1,000) of Biểu 01 made from the bundled
# example, then every unit's workbook received into one store with `bieu round receive` (read,
# checked against what was sent, stored one transaction per file with its bytes, cells and
# findings). Prints wall/CPU time and peak memory of the receive, and the store's size.
# The returns are the workbooks as sent (untouched): the same import and store work as a filled
# return, without needing a spreadsheet program to fill 1,000 files.
#
#   Benchmarks/round.sh [N] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
config=${2:-release}
work=Benchmarks/work/round
bieu=.build/$config/bieu
[[ -x $bieu ]] || swift build -c "$config" --product bieu >/dev/null
rm -rf "$work"; mkdir -p "$work"
for i in $(seq -w 1 "$n"); do echo "Xã số $i"; done > "$work/don-vi.txt"
"$bieu" round new bieu-01 --period 2025 --units "$work/don-vi.txt" --data Examples/tam-duong-2024.json \
  --store "$work/dot.sqlite" -o "$work/gui" > /dev/null 2>&1
echo "==> $n returns, $(nproc) cores, $config build"
/usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KiB peak RSS" "$bieu" round receive --store "$work/dot.sqlite" "$work/gui" \
  > "$work/log.txt" 2> "$work/time.txt" || true
grep -v '^\[' "$work/time.txt" | tail -2
echo "revisions stored: $(sqlite3 "$work/dot.sqlite" 'SELECT count(*) FROM revision'), cells: $(sqlite3 "$work/dot.sqlite" 'SELECT count(*) FROM cell'), store: $(du -h "$work/dot.sqlite" | cut -f1)"
