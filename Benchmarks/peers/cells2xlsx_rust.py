#!/usr/bin/env python3
"""rust_xlsxwriter peer of `bieu export` (XLSX), through rustpy-xlsxwriter: the cell stream → a workbook.

    python3 cells2xlsx_rust.py IN.cells OUT.xlsx

rustpy-xlsxwriter writes a worksheet from records (one dict per row) in one
call into Rust. Its API has no per-cell formats and no merged ranges below its
header row, so this peer writes LESS than bieu and the C program: every
string and number cell of every sheet (formulas as their cached results), the
column widths and the row heights — no cell formats, no merges, no print
set-up. Its figure is a lower bound for "writing the same workbook with
rust_xlsxwriter". Its header row holds the column letters (A, B, …), so the
sheet has one row more than bieu's.
"""
import sys

import rustpy_xlsxwriter

from cells_stream import records, unescape


def column_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main():
    src, dst = sys.argv[1], sys.argv[2]
    sheets = []  # (name, rows: {row: {col: value}}, widths {col: w}, heights {row: h})
    cur = None
    cells = 0
    for f in records(src):
        k = f[0]
        if k == "S":
            cur = (unescape(f[1]), {}, {}, {})
            sheets.append(cur)
        elif k == "s":
            cur[1].setdefault(int(f[1]), {})[int(f[2])] = unescape(f[4])
            cells += 1
        elif k == "n":
            cur[1].setdefault(int(f[1]), {})[int(f[2])] = float(f[4])
            cells += 1
        elif k == "f":
            cur[1].setdefault(int(f[1]), {})[int(f[2])] = float(f[6]) if f[5] == "n" else unescape(f[6])
            cells += 1
        elif k == "M":
            cur[1].setdefault(int(f[1]), {})[int(f[2])] = unescape(f[6])
        elif k == "C":
            for c in range(int(f[1]), int(f[2]) + 1):
                cur[2][c] = float(f[3])
        elif k == "H":
            cur[3][int(f[1]) + 1] = float(f[2])
    entries = []
    widths_by_sheet, heights_by_sheet = {}, {}
    for name, rows, widths, heights in sheets:
        ncols = 1 + max((c for r in rows.values() for c in r), default=0)
        keys = [column_name(c) for c in range(ncols)]
        last = max(rows, default=-1)
        data = []
        for r in range(last + 1):
            row = rows.get(r, {})
            data.append({keys[c]: row.get(c) for c in range(ncols)})
        entries.append((name, data))
        widths_by_sheet[name] = [widths.get(c, 8.43) for c in range(ncols)]
        heights_by_sheet[name] = heights
    # All sheets in one call (one call per sheet would rewrite the file).
    rustpy_xlsxwriter.write_worksheets(entries, dst, column_widths=widths_by_sheet, row_heights=heights_by_sheet)
    print("cells", cells)


if __name__ == "__main__":
    main()
