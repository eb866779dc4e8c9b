#!/usr/bin/env python3
"""pyexcelerate peer of `bieu export` (XLSX): the cell stream → a workbook.

    python3 cells2xlsx_pyexcelerate.py IN.cells OUT.xlsx

Same input as the C peer (cells2xlsx.c; see tools/xlsx_to_cells.py): every
string, number and blank cell with its format (font, bold, italic, alignment,
wrap, thin borders, number format), merged ranges, row heights, column widths.
pyexcelerate has no formulas with cached results, no print set-up, no hidden
sheets or columns and no document properties: formulas are written as their
cached values and those records are skipped, so it does somewhat less than bieu.
"""
import sys

from pyexcelerate import Alignment, Font, Format, Style, Workbook
from pyexcelerate.Border import Border
from pyexcelerate.Borders import Borders

from cells_stream import records, unescape

HALIGN = {"left": "left", "center": "center", "right": "right"}
VALIGN = {"top": "top", "center": "center", "bottom": "bottom"}


def main():
    src, dst = sys.argv[1], sys.argv[2]
    wb = Workbook()
    styles = {}
    ws = None
    cells = 0
    for f in records(src):
        k = f[0]
        if k in ("s", "n", "b", "f"):
            r, c = int(f[1]) + 1, int(f[2]) + 1
            if k == "s":
                ws.set_cell_value(r, c, unescape(f[4]))
            elif k == "n":
                ws.set_cell_value(r, c, float(f[4]))
            elif k == "f":
                ws.set_cell_value(r, c, float(f[6]) if f[5] == "n" else unescape(f[6]))
            style = styles.get(int(f[3]))
            if style is not None:
                ws.set_cell_style(r, c, style)
            cells += 1
        elif k == "M":
            r1, c1, r2, c2 = (int(x) + 1 for x in f[1:5])
            ws.set_cell_value(r1, c1, unescape(f[6]))
            style = styles.get(int(f[5]))
            if style is not None:
                ws.set_cell_style(r1, c1, style)
            ws.range((r1, c1), (r2, c2)).merge()
        elif k == "H":
            ws.set_row_style(int(f[1]) + 1, Style(size=float(f[2])))
        elif k == "C":
            for c in range(int(f[1]), int(f[2]) + 1):
                ws.set_col_style(c + 1, Style(size=float(f[3])))
        elif k == "F":
            size = float(f[3])
            font = Font(family=unescape(f[2]), size=size, bold=f[4] == "1", italic=f[5] == "1")
            align = Alignment(horizontal=HALIGN.get(f[6], "general") if f[6] in HALIGN else "general",
                              vertical=VALIGN.get(f[7], "bottom"), wrap_text=f[8] == "1")
            thin = [Border(style="thin") if v == "1" else None for v in f[9:13]]
            borders = Borders(left=thin[0], right=thin[1], top=thin[2], bottom=thin[3]) if any(thin) else None
            # pyexcelerate 0.13 writes the format code into styles.xml unescaped: a `"` would
            # break the XML (openpyxl and LibreOffice then refuse the file), so escape it here.
            code = unescape(f[13]).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            fmt = Format(code) if code else None
            styles[int(f[1])] = Style(font=font, alignment=align, borders=borders, format=fmt)
        elif k == "S":
            ws = wb.new_sheet(unescape(f[1]))
        # A Z O Q G R T Y K V P U: not in pyexcelerate's API (see the docstring).
    wb.save(dst)
    print("cells", cells)


if __name__ == "__main__":
    main()
