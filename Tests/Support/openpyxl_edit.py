"""Edit an XLSX file with openpyxl, as a person would, from a JSON list of edits.

Usage: python3 openpyxl_edit.py IN.xlsx OUT.xlsx EDITS.json
Edits: {"op": "set", "sheet": S, "cell": "F12", "value": 41.5 | "text"}
       {"op": "insert_rows", "sheet": S, "row": 12, "count": 1}
       {"op": "delete_rows", "sheet": S, "row": 12, "count": 1}
       {"op": "move_row", "sheet": S, "from": 12, "to": 20}   (cut row `from`, insert it before `to`)
       {"op": "rename_sheet", "sheet": S, "name": N}
       {"op": "insert_cols", "sheet": S, "col": 3, "count": 1}
openpyxl does not move merged ranges on insert, so insertions are made below/right of merged headers.
"""
import json, sys
import openpyxl

src, dst, edits_path = sys.argv[1:4]
wb = openpyxl.load_workbook(src)
for e in json.load(open(edits_path, encoding="utf-8")):
    ws = wb[e["sheet"]]
    op = e["op"]
    if op == "set":
        ws[e["cell"]].value = e["value"]
    elif op == "insert_rows":
        ws.insert_rows(e["row"], e.get("count", 1))
    elif op == "delete_rows":
        ws.delete_rows(e["row"], e.get("count", 1))
    elif op == "insert_cols":
        ws.insert_cols(e["col"], e.get("count", 1))
    elif op == "move_row":
        src_row, to = e["from"], e["to"]
        values = [(c.column, c.value, c._style) for c in ws[src_row]]
        ws.insert_rows(to)
        if to <= src_row:
            src_row += 1
        for col, v, style in values:
            cell = ws.cell(row=to, column=col)
            cell.value = v
            cell._style = style
        ws.delete_rows(src_row)
    elif op == "rename_sheet":
        ws.title = e["name"]
    else:
        raise SystemExit("unknown op " + op)
wb.save(dst)
