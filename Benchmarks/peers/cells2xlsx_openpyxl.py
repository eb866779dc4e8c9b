#!/usr/bin/env python3
"""openpyxl peer of `bieu export` (XLSX): the cell stream → the same workbook.

    python3 cells2xlsx_openpyxl.py IN.cells OUT.xlsx

Same input and job as the C peer (cells2xlsx.c), in openpyxl's ordinary
(not write-only) mode: write-only worksheets cannot merge cells or set row
heights, which the table needs. Differences openpyxl imposes: formulas are
written without cached results (openpyxl cannot write them), and the
workbook has no Company property.
"""
import sys

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.page import PageMargins

from cells_stream import records, unescape

THIN = Side(style="thin")
NONE = Side()


def main():
    src, dst = sys.argv[1], sys.argv[2]
    wb = Workbook()
    wb.remove(wb.active)
    formats = {}
    ws = None
    cells = 0
    active = 0

    def styled(cell, fid):
        st = formats.get(fid)
        if st is not None:
            cell.font, cell.alignment, cell.border, cell.number_format = st

    for f in records(src):
        k = f[0]
        if k in ("s", "n", "b", "f"):
            r, c, fid = int(f[1]) + 1, int(f[2]) + 1, int(f[3])
            if k == "s":
                cell = ws.cell(row=r, column=c, value=unescape(f[4]))
                cell.data_type = "s"  # text stays text, even when it looks like a formula or number
            elif k == "n":
                cell = ws.cell(row=r, column=c, value=float(f[4]))
            elif k == "f":
                cell = ws.cell(row=r, column=c, value="=" + unescape(f[4]))
            else:
                cell = ws.cell(row=r, column=c)
            styled(cell, fid)
            cells += 1
        elif k == "H":
            ws.row_dimensions[int(f[1]) + 1].height = float(f[2])
        elif k == "M":
            r1, c1, r2, c2 = (int(x) + 1 for x in f[1:5])
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
            cell = ws.cell(row=r1, column=c1, value=unescape(f[6]))
            styled(cell, int(f[5]))
        elif k == "F":
            font = Font(name=unescape(f[2]), size=float(f[3]), bold=f[4] == "1", italic=f[5] == "1")
            al = Alignment(horizontal=None if f[6] == "-" else f[6], vertical=None if f[7] == "-" else f[7],
                           wrap_text=f[8] == "1")
            sides = [THIN if v == "1" else NONE for v in f[9:13]]
            border = Border(left=sides[0], right=sides[1], top=sides[2], bottom=sides[3])
            formats[int(f[1])] = (font, al, border, unescape(f[13]) or "General")
        elif k == "S":
            ws = wb.create_sheet(unescape(f[1]))
        elif k == "A":
            active = wb.sheetnames.index(ws.title)
        elif k == "Z":
            ws.sheet_state = "hidden"
        elif k == "C":
            from openpyxl.utils import get_column_letter
            for col in range(int(f[1]), int(f[2]) + 1):
                d = ws.column_dimensions[get_column_letter(col + 1)]
                d.width = float(f[3])
                d.hidden = f[4] == "1"
        elif k == "O":
            ws.page_setup.orientation = f[1]
        elif k == "Q":
            ws.page_setup.paperSize = int(f[1])
        elif k == "G":
            left, right, top, bottom = (float(x) for x in f[1:5])
            ws.page_margins = PageMargins(left=left, right=right, top=top, bottom=bottom)
        elif k == "R":
            ws.print_title_rows = f"{int(f[1]) + 1}:{int(f[2]) + 1}"
        elif k == "T":
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = int(f[1]), int(f[2])
        elif k == "Y":
            ws.freeze_panes = ws.cell(row=int(f[1]) + 1, column=int(f[2]) + 1)
        elif k == "K":
            ws.print_options.horizontalCentered = True
        elif k == "V":
            text = unescape(f[1])
            ws.oddFooter.center.text = text[2:] if text.startswith("&C") else text
        elif k == "P":
            key = {"title": "title", "subject": "subject", "author": "creator", "keywords": "keywords",
                   "comments": "description"}.get(f[1])
            if key:
                setattr(wb.properties, key, unescape(f[2]))
        elif k == "U":
            wb.custom_doc_props.append(StringProperty(name=unescape(f[1]), value=unescape(f[2])))
        else:
            raise SystemExit(f"unknown record {k!r}")
    wb.active = active
    wb.save(dst)
    print("cells", cells)


if __name__ == "__main__":
    main()
