"""Dump what a staff workbook carries besides cell values, using openpyxl
(an independent reader): sheet states and protection, workbook protection,
defined names, custom properties, data validations, conditional formats,
autofilter, hidden columns, and for every cell of every visible sheet its
value, type, lock state and fill colour.

Usage: python3 staff_inspect.py FILE.xlsx
Prints JSON.
"""
import json, sys
import openpyxl

path = sys.argv[1]
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)


def color(c):
    if c is None:
        return None
    rgb = c.rgb if isinstance(c.rgb, str) else None
    return rgb[-6:].upper() if rgb else None


out = {"sheets": [], "defined_names": {}, "custom": {}, "workbook_protection": None}
for name, dn in wb.defined_names.items():
    out["defined_names"][name] = dn.attr_text
try:
    for p in wb.custom_doc_props.props:
        out["custom"][p.name] = str(p.value)
except AttributeError:
    pass
sec = wb.security
if sec is not None:
    out["workbook_protection"] = {"lockStructure": bool(sec.lockStructure),
                                  "password": sec.workbookPassword}

for ws in wb.worksheets:
    p = ws.protection
    sheet = {
        "name": ws.title,
        "state": ws.sheet_state,
        "protection": {
            "sheet": bool(p.sheet), "formatRows": bool(p.formatRows), "formatColumns": bool(p.formatColumns),
            "formatCells": bool(p.formatCells), "insertRows": bool(p.insertRows), "deleteRows": bool(p.deleteRows),
            "insertColumns": bool(p.insertColumns), "deleteColumns": bool(p.deleteColumns),
            "sort": bool(p.sort), "autoFilter": bool(p.autoFilter), "objects": bool(p.objects),
            "password": p.password,
        },
        "autofilter": ws.auto_filter.ref,
        "hidden_columns": sorted(k for k, d in ws.column_dimensions.items() if d.hidden),
        "freeze": ws.freeze_panes,
        "validations": [],
        "conditional": [],
        "cells": {},
    }
    for dv in ws.data_validations.dataValidation:
        sheet["validations"].append({
            "type": dv.type, "operator": dv.operator, "formula1": dv.formula1, "formula2": dv.formula2,
            "errorStyle": dv.errorStyle, "sqref": str(dv.sqref), "promptTitle": dv.promptTitle, "prompt": dv.prompt,
            "errorTitle": dv.errorTitle, "error": dv.error, "allowBlank": bool(dv.allow_blank),
            # OOXML's showDropDown="1" HIDES the arrow.
            "dropdownHidden": bool(dv.showDropDown), "showError": bool(dv.showErrorMessage), "showInput": bool(dv.showInputMessage),
        })
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            fill = font = None
            if rule.dxf is not None:
                if rule.dxf.fill is not None:
                    fill = color(rule.dxf.fill.bgColor) or color(rule.dxf.fill.fgColor)
                if rule.dxf.font is not None:
                    font = color(rule.dxf.font.color)
            sheet["conditional"].append({"sqref": str(cf.sqref), "type": rule.type,
                                         "formula": list(rule.formula or []), "fill": fill, "font": font})
    if ws.sheet_state == "visible":
        cws = cached[ws.title]
        for row in ws.iter_rows():
            for c in row:
                fill = color(c.fill.fgColor) if c.fill is not None and c.fill.fill_type == "solid" else None
                if c.value is None and fill is None and c.protection.locked:
                    continue
                v = c.value
                cv = cws[c.coordinate].value
                sheet["cells"][c.coordinate] = {
                    "value": v if isinstance(v, (int, float, str, bool)) or v is None else str(v),
                    "cached": cv if isinstance(cv, (int, float, str, bool)) or cv is None else str(cv),
                    "type": c.data_type, "locked": bool(c.protection.locked), "fill": fill,
                    "format": c.number_format,
                }
    else:
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append([("" if v is None else str(v)) for v in row])
        sheet["rows"] = rows
    out["sheets"].append(sheet)
print(json.dumps(out, ensure_ascii=False))
