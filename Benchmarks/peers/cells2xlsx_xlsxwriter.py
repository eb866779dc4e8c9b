#!/usr/bin/env python3
"""Python xlsxwriter peer of `bieu export` (XLSX): the cell stream → the same workbook.

    python3 cells2xlsx_xlsxwriter.py IN.cells OUT.xlsx

Same input and same job as the C peer (cells2xlsx.c); see xlsx_to_cells.py.
"""
import sys

import xlsxwriter

from cells_stream import records, unescape

HALIGN = {"left": "left", "center": "center", "right": "right"}
VALIGN = {"top": "top", "center": "vcenter", "bottom": "bottom"}


def main():
    src, dst = sys.argv[1], sys.argv[2]
    wb = xlsxwriter.Workbook(dst)
    formats = {}
    props = {}
    ws = None
    cells = 0
    for f in records(src):
        k = f[0]
        if k == "s":
            fmt = formats.get(int(f[3]))
            ws.write_string(int(f[1]), int(f[2]), unescape(f[4]), fmt)
            cells += 1
        elif k == "n":
            ws.write_number(int(f[1]), int(f[2]), float(f[4]), formats.get(int(f[3])))
            cells += 1
        elif k == "b":
            ws.write_blank(int(f[1]), int(f[2]), None, formats.get(int(f[3])))
            cells += 1
        elif k == "f":
            cached = float(f[6]) if f[5] == "n" else unescape(f[6])
            ws.write_formula(int(f[1]), int(f[2]), unescape(f[4]), formats.get(int(f[3])), cached)
            cells += 1
        elif k == "H":
            ws.set_row(int(f[1]), float(f[2]))
        elif k == "M":
            ws.merge_range(int(f[1]), int(f[2]), int(f[3]), int(f[4]), unescape(f[6]), formats.get(int(f[5])))
        elif k == "F":
            size = float(f[3])
            spec = {"font_name": unescape(f[2]), "font_size": int(size) if size.is_integer() else size}
            if f[4] == "1":
                spec["bold"] = True
            if f[5] == "1":
                spec["italic"] = True
            if f[6] in HALIGN:
                spec["align"] = HALIGN[f[6]]
            if f[7] in VALIGN:
                spec["valign"] = VALIGN[f[7]]
            if f[8] == "1":
                spec["text_wrap"] = True
            for side, v in zip(("left", "right", "top", "bottom"), f[9:13]):
                if v == "1":
                    spec[side] = 1
            if f[13]:
                spec["num_format"] = unescape(f[13])
            formats[int(f[1])] = wb.add_format(spec)
        elif k == "S":
            ws = wb.add_worksheet(unescape(f[1]))
        elif k == "A":
            ws.activate()
        elif k == "Z":
            ws.hide()
        elif k == "C":
            ws.set_column(int(f[1]), int(f[2]), float(f[3]), None, {"hidden": f[4] == "1"})
        elif k == "O":
            ws.set_landscape() if f[1] == "landscape" else ws.set_portrait()
        elif k == "Q":
            ws.set_paper(int(f[1]))
        elif k == "G":
            ws.set_margins(*(float(x) for x in f[1:5]))
        elif k == "R":
            ws.repeat_rows(int(f[1]), int(f[2]))
        elif k == "T":
            ws.fit_to_pages(int(f[1]), int(f[2]))
        elif k == "Y":
            ws.freeze_panes(int(f[1]), int(f[2]))
        elif k == "K":
            ws.center_horizontally()
        elif k == "V":
            ws.set_footer(unescape(f[1]))
        elif k == "P":
            props[f[1]] = unescape(f[2])
        elif k == "U":
            wb.set_custom_property(unescape(f[1]), unescape(f[2]))
        else:
            raise SystemExit(f"unknown record {k!r}")
    wb.set_properties(props)
    wb.close()
    print("cells", cells)


if __name__ == "__main__":
    main()
