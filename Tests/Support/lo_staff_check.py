#!/usr/bin/python3
"""Ask LibreOffice itself how it understands a bieu staff workbook.

Usage: /usr/bin/python3 lo_staff_check.py FILE.xlsx PROFILE_DIR SPEC.json
SPEC: {"sheet": "Biểu 02", "cells": ["G9", "B9"], "lists": ["bieu_list_danh_gia"],
       "type": [{"cell": "E9", "value": 80}], "read": ["F9", "G9"]}
Starts soffice headless (own profile, own pipe), loads FILE and prints JSON:
  structure_protected  the document's structure lock (XProtectable on the document)
  sheets               name -> {"visible": bool, "protected": bool}
  cells                cell -> {"locked": bool, "validation": {"type": "LIST" | "DECIMAL" | "ANY" | …,
                       "show_list": int, "formula1": str}}
  lists                defined name -> the values of the range it refers to
  after                cell -> {"value": number, "string": str} after typing the values
                       (API calls are not stopped by sheet protection) and calculateAll()
Needs Debian's python3-uno (run with /usr/bin/python3).
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lo_session

path, profile, spec_path = sys.argv[1], sys.argv[2], sys.argv[3]
spec = json.load(open(spec_path, encoding="utf-8"))
with lo_session.open_document(path, profile) as doc:
    out = {"structure_protected": bool(doc.isProtected()), "sheets": {}, "cells": {}, "lists": {}, "after": {}}
    sheets = doc.Sheets
    for i in range(sheets.Count):
        s = sheets.getByIndex(i)
        out["sheets"][s.Name] = {"visible": bool(s.IsVisible), "protected": bool(s.isProtected())}
    sheet = sheets.getByName(spec["sheet"])
    for ref in spec.get("cells", []):
        cell = sheet.getCellRangeByName(ref)
        v = cell.Validation
        out["cells"][ref] = {"locked": bool(cell.CellProtection.IsLocked),
                             "validation": {"type": v.Type.value, "show_list": int(v.ShowList),
                                            "formula1": v.getFormula1()}}
    for name in spec.get("lists", []):
        rng = doc.NamedRanges.getByName(name).getReferredCells()
        out["lists"][name] = [str(x) for row in rng.getDataArray() for x in row]
    for t in spec.get("type", []):
        cell = sheet.getCellRangeByName(t["cell"])
        if isinstance(t["value"], str):
            cell.setString(t["value"])
        else:
            cell.setValue(t["value"])
    doc.calculateAll()
    for ref in spec.get("read", []):
        cell = sheet.getCellRangeByName(ref)
        out["after"][ref] = {"value": cell.getValue(), "string": cell.getString()}
print(json.dumps(out, ensure_ascii=False))
