#!/usr/bin/env python3
"""Python peers of `bieu import FILE.xlsx`: read every sheet of a workbook into memory.

    python3 read_xlsx.py calamine|openpyxl|pandas FILE.xlsx

- calamine: python-calamine, each sheet `to_python()` (a list of rows of values);
- openpyxl: `load_workbook(read_only=True)`, each sheet's `iter_rows(values_only=True)` into a list
  (formulas come back as their text, as openpyxl reads them by default);
- pandas: `read_excel(sheet_name=None, header=None, engine="calamine")` (pandas' fastest engine).

They read cells only: no table location, no mapping to the model, no value
interpretation, no validation and no output file — all of which `bieu import`
does. So they are a lower bound of what an importer built on them would cost.
"""
import sys


def main():
    engine, path = sys.argv[1], sys.argv[2]
    sheets = {}
    if engine == "calamine":
        from python_calamine import CalamineWorkbook
        wb = CalamineWorkbook.from_path(path)
        for name in wb.sheet_names:
            sheets[name] = wb.get_sheet_by_name(name).to_python()
    elif engine == "openpyxl":
        from openpyxl import load_workbook
        wb = load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            sheets[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
    elif engine == "pandas":
        import pandas as pd
        frames = pd.read_excel(path, sheet_name=None, header=None, engine="calamine")
        sheets = {k: v.values.tolist() for k, v in frames.items()}
    else:
        raise SystemExit(f"unknown engine {engine}")
    cells = sum(1 for rows in sheets.values() for r in rows for v in r if v is not None and v != "" and v == v)
    print(f"{len(sheets)} sheets, {sum(len(r) for r in sheets.values())} rows, {cells} non-empty cells")


if __name__ == "__main__":
    main()
