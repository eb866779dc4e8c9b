"""Dump an XLSX file as JSON using openpyxl (an independent reader).

Usage: python3 openpyxl_dump.py FILE.xlsx
For each sheet: name, state, merged ranges, freeze pane, print titles, page
setup, hidden columns, row heights, and every non-empty cell with its type,
value (formulas as text), cached value (from a data_only load) and number format.
"""
import json, sys
import openpyxl

path = sys.argv[1]
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
out = {"properties": {"title": wb.properties.title, "creator": wb.properties.creator,
                      "subject": wb.properties.subject},
       "sheets": []}
for ws in wb.worksheets:
    cws = cached[ws.title]
    sheet = {
        "name": ws.title, "state": ws.sheet_state,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "print_title_rows": ws.print_title_rows,
        "orientation": ws.page_setup.orientation, "paper": ws.page_setup.paperSize,
        "fit_width": ws.page_setup.fitToWidth, "fit_height": ws.page_setup.fitToHeight,
        "fit_to_page": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
        "hidden_columns": sorted(k for k, d in ws.column_dimensions.items() if d.hidden),
        "heights": {str(r): d.height for r, d in ws.row_dimensions.items() if d.height is not None},
        "cells": {},
    }
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            cv = cws[c.coordinate].value
            v = c.value
            sheet["cells"][c.coordinate] = {
                "type": c.data_type,
                "value": v if isinstance(v, (int, float, str, bool)) else str(v),
                "cached": cv if isinstance(cv, (int, float, str, bool)) or cv is None else str(cv),
                "format": c.number_format,
                "bold": bool(c.font.b), "italic": bool(c.font.i), "font": c.font.name, "size": c.font.sz,
                "halign": c.alignment.horizontal, "wrap": bool(c.alignment.wrap_text),
                "border": bool(c.border.left.style and c.border.right.style and c.border.top.style and c.border.bottom.style),
            }
    out["sheets"].append(sheet)
print(json.dumps(out, ensure_ascii=False))
