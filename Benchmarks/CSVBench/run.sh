#!/bin/sh
# Release-mode CSV measurement: bieu's reader/writer vs Python's csv module,
# 200,000 rows x 13 columns of Vietnamese text. Whole-process wall time and
# peak RSS from /usr/bin/time. Output files go to Benchmarks/work/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work="$here/../work"
mkdir -p "$work"
rows=${ROWS:-200000}
cd "$here"
swift build -c release >/dev/null
bin="$here/.build/release/CSVBench"
measure() {
    label=$1; shift
    /usr/bin/time -f "$label: %e s wall, %U s user, %S s sys, %M KB peak RSS" "$@" >/dev/null
}
# The input for the read jobs is written by Python so both readers get the same bytes.
python3 peer_csv.py write "$work/input.csv" "$rows" >/dev/null
for i in 1 2 3; do
    measure "swift write " "$bin" write "$work/out-swift.csv" "$rows"
    measure "python write" python3 peer_csv.py write "$work/out-python.csv" "$rows"
    measure "swift read  " "$bin" read "$work/input.csv"
    measure "python read " python3 peer_csv.py read "$work/input.csv"
    measure "swift stream" "$bin" stream "$work/input.csv"
    measure "python strm " python3 peer_csv.py stream "$work/input.csv"
done
cmp "$work/out-swift.csv" "$work/out-python.csv" && echo "outputs identical"
ls -l "$work/input.csv"
