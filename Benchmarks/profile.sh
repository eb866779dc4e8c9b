#!/usr/bin/env bash
# Instruction-count profile of one bieu command (valgrind callgrind), release build.
#
#   Benchmarks/profile.sh export 10000        # bieu export of the generated 10,000-row Biểu 01
#   Benchmarks/profile.sh import 10000        # bieu import of bieu's own export of it
#   Benchmarks/profile.sh read 10000          # bieu inspect of that workbook (the XLSX reader alone)
#   Benchmarks/profile.sh csv-import 10000    # bieu import of the CSV the harness wrote for it
#   Benchmarks/profile.sh typical             # bieu export of Examples/tam-duong-2024.json --table bieu-01
#   Benchmarks/profile.sh typical-import      # bieu import of that export
#
# Instruction counts are stable on a shared, noisy machine, unlike times.
# Callgrind runs about 30-50 times slower than native: 10,000 rows take a few
# minutes; cost grows linearly with rows (measured), so 10,000 rows stand for
# 200,000 well. Output: Benchmarks/work/profile-<what>-<rows>.txt (top functions
# by inclusive and by self cost, demangled) and the raw callgrind file beside it.
#
# valgrind 3.19 (Debian 12) cannot read the DWARF that Swift 6.3 emits ("Possibly
# corrupted debuginfo file"), so the binary is profiled with its debug info
# stripped; function names come from the symbol table.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:?usage: profile.sh export|import|read|csv-import|typical|typical-import [ROWS]}
rows=${2:-10000}
W=Benchmarks/work
mkdir -p "$W/bin" "$W/data" "$W/out"
scripts/build-release.sh 2>&1 | grep -E "error|Build complete" || true
objcopy --strip-debug .build/release/bieu "$W/bin/bieu-nodebug"
B="$W/bin/bieu-nodebug"
export BIEU_TEMPLATES="$PWD/Templates"

data="$W/data/bieu01-$rows.json"
if [[ "$what" != typical* && ! -f "$data" ]]; then
  python3 Benchmarks/tools/generate.py "$rows" "$W/data/bieu01-$rows.in.json"
  .build/release/bieu normalize "$W/data/bieu01-$rows.in.json" -o "$data"
fi
case "$what" in
  export) cmd=("$B" export "$data" -o "$W/out/profile.xlsx"); tag="export-$rows" ;;
  import)
    .build/release/bieu export "$data" -o "$W/out/profile-in.xlsx" 2>/dev/null
    cmd=("$B" import "$W/out/profile-in.xlsx" -o "$W/out/profile.json"); tag="import-$rows" ;;
  read)
    .build/release/bieu export "$data" -o "$W/out/profile-in.xlsx" 2>/dev/null
    cmd=("$B" inspect "$W/out/profile-in.xlsx"); tag="read-$rows" ;;
  csv-import)
    [[ -f "$W/data/bieu01-$rows.csv" ]] || python3 Benchmarks/peers/json2csv.py "$data" "$W/data/bieu01-$rows.csv"
    cmd=("$B" import "$W/data/bieu01-$rows.csv" --template bieu-01 -o "$W/out/profile.json"); tag="csv-import-$rows" ;;
  typical) cmd=("$B" export Examples/tam-duong-2024.json --table bieu-01 -o "$W/out/profile.xlsx"); tag="typical" ;;
  typical-import)
    .build/release/bieu export Examples/tam-duong-2024.json --table bieu-01 -o "$W/out/profile-in.xlsx" 2>/dev/null
    cmd=("$B" import "$W/out/profile-in.xlsx" -o "$W/out/profile.json"); tag="typical-import" ;;
  *) echo "unknown: $what" >&2; exit 2 ;;
esac

raw="$W/profile-$tag.callgrind"
report="$W/profile-$tag.txt"
echo "==> callgrind: ${cmd[*]}"
valgrind --tool=callgrind --callgrind-out-file="$raw" "${cmd[@]}" >/dev/null 2>"$W/profile-$tag.log" || true
grep -E "refs" "$W/profile-$tag.log" || { tail "$W/profile-$tag.log"; exit 1; }
{
  echo "# callgrind: ${cmd[*]}"
  grep -E "refs" "$W/profile-$tag.log"
  echo
  echo "## Top 70 by inclusive cost"
  callgrind_annotate --inclusive=yes "$raw" 2>/dev/null | grep -E '^ *[0-9,]+ +\(' | sed -n 2,71p
  echo
  echo "## Top 40 by self cost"
  callgrind_annotate "$raw" 2>/dev/null | grep -E '^ *[0-9,]+ +\(' | sed -n 2,41p
} | swift demangle --simplified | cut -c1-220 >"$report"
echo "==> $report"
