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
# Hand-written seeds for paths the corpus files do not show.
extra = [
    b'<worksheet><sheetData><row r="1"><c r="A1" t="d"><v>2024-12-05T08:30:00</v></c><c r="B1" t="d"><v>1900-02-28</v></c>'
    b'<c r="C1" t="e"><f>1/0</f></c><c r="D1" t="str"><f>""</f><v></v></c></row></sheetData></worksheet>',
    b'<worksheet><cols><col min="2" max="4" hidden="1"/></cols><sheetData><row r="2" hidden="1"><c r="B2">'
    b'<f t="shared" ref="B2:C3" si="0">A2+$A$1</f><v>1</v></c><c r="C2"><f t="shared" si="0"/><v>2</v></c></row>'
    b'<row><c t="inlineStr"><is><r><t>a_x005F_x0041_</t></r><rPh><t>x</t></rPh></is></c><c><v>1E+3</v></c></row>'
    b'</sheetData><mergeCells><mergeCell ref="A1:C1"/></mergeCells></worksheet>\0<sst><si><t>&#x1EA1;&amp;</t></si></sst>\0'
    b'<styleSheet><numFmts><numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy;@"/></numFmts><cellXfs><xf numFmtId="164"/></cellXfs></styleSheet>',
]
for i, data in enumerate(extra):
    with open(os.path.join(dst, f"extra.{i}"), "wb") as f:
        f.write(data)
PY
fi
"$bin" "$work/$target/corpus" "$seed" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=131072 \
    -artifact_prefix="$work/$target/crashes/" -print_final_stats=1
