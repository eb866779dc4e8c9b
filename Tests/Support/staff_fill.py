"""Fill a bieu staff workbook the way a person would, with openpyxl
(independent of bieu), then report where every row id ended up.

Usage: python3 staff_fill.py IN.xlsx OUT.xlsx SPEC.json
SPEC: {"sheet": "Biểu 01", "ops": [...]} with ops applied in order:
  {"op": "type", "id": ROW_ID, "col": "F", "value": 52.5}     a number, as Excel stores what was typed
  {"op": "type", "id": ROW_ID, "col": "F", "value": "31,4"}   text (typed with a Vietnamese decimal comma
                                                              on an English-settings machine, or after ')
  {"op": "clear", "id": ROW_ID, "col": "F"}
  {"op": "insert_row", "before_id": ROW_ID, "values": {"B": "...", "F": 5}}
      rows from ROW_ID down move one row down (formulas translated, as a spreadsheet does);
      the new row has no id
  {"op": "delete_row", "id": ROW_ID}                           rows below move up
  {"op": "sort", "first_id": A, "last_id": B, "by": "B", "descending": true}
      the rows from A to B (inclusive) sorted by a column, whole rows moved with their
      formulas translated and their hidden ids — what Data > Sort does on a selected block
  {"op": "move_row", "id": ROW_ID, "before_id": OTHER}       cut the row and insert it before OTHER

Prints JSON: {"rows": {id: {"row": n, "cells": {col: value}}}, "unidentified": [{"row": n, "cells": {...}}]}
for every data row (from the first data row recorded in the hidden _bieu sheet).
Data validations, conditional formats and merges are not moved by this script
(a spreadsheet program would move them); row identity does not depend on them.
"""
import copy, json, sys
import openpyxl
from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter

src, dst, spec_path = sys.argv[1], sys.argv[2], sys.argv[3]
spec = json.load(open(spec_path, encoding="utf-8"))
wb = openpyxl.load_workbook(src)
ws = wb[spec["sheet"]]
meta = wb["_bieu"]
first_data = None
for row in meta.iter_rows(values_only=True):
    if row and row[0] == "table" and row[1] == ws.title:
        first_data = int(row[6])
if first_data is None:
    raise SystemExit("no table record for %s in _bieu" % ws.title)

id_col = None
for r in range(1, first_data):
    for c in range(1, ws.max_column + 1):
        if ws.cell(r, c).value == "bieu:id":
            id_col = c
if id_col is None:
    raise SystemExit("no bieu:id column")
width = id_col
# The row-identity column (bieu:row) right of the ids moves with its row too, as a spreadsheet's
# sort or cut/insert moves whole rows.
for r in range(1, first_data):
    if ws.cell(r, id_col + 1).value == "bieu:row":
        width = id_col + 1


def row_of(row_id):
    for r in range(first_data, ws.max_row + 1):
        if ws.cell(r, id_col).value == row_id:
            return r
    raise SystemExit("row id %s not found" % row_id)


def snapshot(r):
    cells = []
    for c in range(1, width + 1):
        cell = ws.cell(r, c)
        cells.append((cell.value, copy.copy(cell._style), cell.coordinate))
    return cells, ws.row_dimensions[r].height


def put(r, snap):
    cells, height = snap
    for c, (value, style, origin) in enumerate(cells, start=1):
        cell = ws.cell(r, c)
        if isinstance(value, str) and value.startswith("="):
            value = Translator(value, origin=origin).translate_formula(cell.coordinate)
        cell.value = value
        cell._style = copy.copy(style)
    ws.row_dimensions[r].height = height


def shift(from_row, by):
    last = ws.max_row
    ws.move_range("A%d:%s%d" % (from_row, get_column_letter(width), last), rows=by, translate=True)
    if by > 0:
        for r in range(last, from_row - 1, -1):
            ws.row_dimensions[r + by].height = ws.row_dimensions[r].height
        ws.row_dimensions[from_row].height = None
    else:
        for r in range(from_row, last + 1):
            ws.row_dimensions[r + by].height = ws.row_dimensions[r].height


for op in spec["ops"]:
    kind = op["op"]
    if kind == "type":
        ws["%s%d" % (op["col"], row_of(op["id"]))].value = op["value"]
    elif kind == "clear":
        ws["%s%d" % (op["col"], row_of(op["id"]))].value = None
    elif kind == "insert_row":
        r = row_of(op["before_id"])
        shift(r, 1)
        for col, v in op.get("values", {}).items():
            ws["%s%d" % (col, r)].value = v
    elif kind == "delete_row":
        r = row_of(op["id"])
        for c in range(1, width + 1):
            ws.cell(r, c).value = None
        shift(r + 1, -1)
    elif kind == "move_row":
        r = row_of(op["id"])
        snap = snapshot(r)
        for c in range(1, width + 1):
            ws.cell(r, c).value = None
        shift(r + 1, -1)
        target = row_of(op["before_id"])
        shift(target, 1)
        put(target, snap)
    elif kind == "sort":
        a, b = row_of(op["first_id"]), row_of(op["last_id"])
        snaps = [snapshot(r) for r in range(a, b + 1)]
        key_index = openpyxl.utils.column_index_from_string(op["by"]) - 1

        def key(s):
            v = s[0][key_index][0]
            return (v is None, str(v) if v is not None else "")
        snaps.sort(key=key, reverse=bool(op.get("descending")))
        for r, s in zip(range(a, b + 1), snaps):
            put(r, s)
    else:
        raise SystemExit("unknown op %s" % kind)

wb.save(dst)

out = {"rows": {}, "unidentified": []}
for r in range(first_data, ws.max_row + 1):
    cells = {}
    for c in range(1, id_col):
        v = ws.cell(r, c).value
        if v is not None:
            cells[get_column_letter(c)] = v
    rid = ws.cell(r, id_col).value
    if rid:
        out["rows"][rid] = {"row": r, "cells": cells}
    elif cells:
        out["unidentified"].append({"row": r, "cells": cells})
print(json.dumps(out, ensure_ascii=False))
