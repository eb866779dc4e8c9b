#!/usr/bin/env bash
# Builds a fuzz target with libFuzzer + AddressSanitizer and runs it for a
# bounded time on a seed corpus made from Tests/Corpus/generate.py.
# Usage: bash Fuzz/run.sh [TARGET] [SECONDS]
#   TARGET: FuzzXLSXReader (default; whole .xlsx files) or FuzzXLSXParts (XML parts)
#   SECONDS: default 300
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:-FuzzXLSXReader}"
seconds="${2:-300}"
cd "$here"
flags=(-c release -Xswiftc -sanitize=fuzzer,address)
swift build "${flags[@]}" --product "$target"
bin="$(swift build "${flags[@]}" --show-bin-path)/$target"
work="$here/corpus-work"
mkdir -p "$work/xlsx-seed" "$work/$target/corpus" "$work/$target/crashes"
if [ -z "$(ls -A "$work/xlsx-seed")" ]; then
    python3 "$here/../Tests/Corpus/generate.py" "$work/xlsx-seed" >/dev/null
    rm -f "$work/xlsx-seed/expected.json"
fi
seed="$work/xlsx-seed"
if [ "$target" = FuzzXLSXParts ]; then
    seed="$work/parts-seed"
    mkdir -p "$seed"
    # worksheet NUL sharedStrings NUL styles, taken from each corpus file.
    python3 - "$work/xlsx-seed" "$seed" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    try:
        z = zipfile.ZipFile(os.path.join(src, name))
    except zipfile.BadZipFile:
        continue
    names = z.namelist()
    sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    part = lambda n: z.read(n) if n in names else b""
    for i, s in enumerate(sheets):
        with open(os.path.join(dst, f"{name}.{i}"), "wb") as f:
            f.write(z.read(s) + b"\0" + part("xl/sharedStrings.xml") + b"\0" + part("xl/styles.xml"))
PY
fi
"$bin" "$work/$target/corpus" "$seed" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=131072 \
    -artifact_prefix="$work/$target/crashes/" -print_final_stats=1
