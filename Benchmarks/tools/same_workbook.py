#!/usr/bin/env python3
"""Check that two workbooks hold the same content, as the peers' cell stream sees it.

    python3 same_workbook.py A.xlsx B.xlsx

Both files are turned into cell streams (xlsx_to_cells.py); format ids are
replaced by the formats they stand for, so two writers that number their
formats differently still compare equal. Document timestamps are not part of
the stream. Exit status 0 when equal, 1 with the first differences otherwise.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def resolved(path):
    with tempfile.NamedTemporaryFile(suffix=".cells", delete=False) as t:
        out = t.name
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "xlsx_to_cells.py"), path, out], check=True)
        formats = {"-1": "-"}
        lines = []
        with open(out, encoding="utf-8") as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if p[0] == "F":
                    formats[p[1]] = "|".join(p[2:])
                    continue
                if p[0] in ("s", "n", "b", "f"):
                    p[3] = formats[p[3]]
                elif p[0] == "M":
                    p[5] = formats[p[5]]
                lines.append("\t".join(p))
        return lines
    finally:
        os.unlink(out)


def main():
    a, b = resolved(sys.argv[1]), resolved(sys.argv[2])
    if a == b:
        print(f"same content: {len(a)} records")
        return 0
    sa, sb = set(a), set(b)
    only_a = [x for x in a if x not in sb]
    only_b = [x for x in b if x not in sa]
    if not only_a and not only_b:
        print(f"same records, different order ({len(a)} records)")
        return 0
    names = {"H": "row heights", "s": "strings", "n": "numbers", "b": "blanks", "f": "formulas", "M": "merges",
             "F": "formats", "C": "columns", "P": "properties", "U": "custom properties"}
    kinds = {}
    for x in only_a + only_b:
        kinds[x.split("\t", 1)[0]] = kinds.get(x.split("\t", 1)[0], 0) + 1
    summary = ", ".join(f"{names.get(k, k)} {v}" for k, v in sorted(kinds.items()))
    print(f"different: {len(a)} vs {len(b)} records; records that differ: {summary}")
    for x in only_a[:5]:
        print("  only in A:", x[:160])
    for x in only_b[:5]:
        print("  only in B:", x[:160])
    return 1


if __name__ == "__main__":
    sys.exit(main())
