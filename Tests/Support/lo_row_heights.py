#!/usr/bin/python3
"""Ask LibreOffice whether any row of a workbook is too short for its text.

Usage: /usr/bin/python3 lo_row_heights.py FILE.xlsx PROFILE_DIR
Starts soffice headless (own profile, own pipe), loads FILE, and for every used
row of every visible sheet compares the row's height as written with the height
LibreOffice itself computes as optimal for the row's contents (OptimalHeight).
Prints JSON: {"rows": [[sheet, row1, written_mm, optimal_mm], ...]} for every row.
Needs Debian's python3-uno (run with /usr/bin/python3).
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lo_session

path, profile = sys.argv[1], sys.argv[2]
with lo_session.open_document(path, profile) as doc:
    out = []
    sheets = doc.Sheets
    for i in range(sheets.Count):
        sheet = sheets.getByIndex(i)
        if not sheet.IsVisible:
            continue
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last = cursor.RangeAddress.EndRow
        rows = sheet.Rows
        for r in range(last + 1):
            row = rows.getByIndex(r)
            written = row.Height
            row.OptimalHeight = True
            optimal = row.Height
            out.append([sheet.Name, r + 1, written / 100.0, optimal / 100.0])
print(json.dumps({"rows": out}, ensure_ascii=False))
