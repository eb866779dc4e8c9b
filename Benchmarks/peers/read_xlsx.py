#!/usr/bin/env python3
"""Python peers of `bieu import FILE.xlsx`: read every sheet of a workbook into memory.

    python3 read_xlsx.py ENGINE FILE.xlsx [--json OUT.json]

ENGINE:
- calamine: python-calamine, each sheet `to_python()` (a list of rows of values);
- openpyxl: `load_workbook(read_only=True)`, each sheet's `iter_rows(values_only=True)` into a list
  (formulas come back as their text, as openpyxl reads them by default);
- pandas: `read_excel(sheet_name=None, header=None, engine="calamine")` (pandas' fastest engine);
- fastexcel: `fastexcel.read_excel(FILE)`, each sheet `load_sheet(name, header_row=None)` as a polars DataFrame
  (Rust: calamine into Arrow);
- polars: `polars.read_excel(sheet_id=0, engine="calamine", has_header=False)` (every sheet, as DataFrames).

They read cells only: no table location, no mapping to the model, no value
interpretation, no validation and no output file — all of which `bieu import`
does. So they are a lower bound of what an importer built on them would cost.
With `--json OUT.json` the peer also writes what it read as JSON (one object per
sheet: its rows; polars' own `write_json` for the DataFrame engines, `json.dump`
otherwise) — the nearest like-for-like with `bieu import … -o OUT.json`, which
writes the canonical model.
"""
import json
import sys


def frames_to_json(frames, out):
    # polars writes a DataFrame as a JSON array of row objects; several sheets go in one object.
    with open(out, "w", encoding="utf-8") as f:
        f.write("{")
        for i, (name, df) in enumerate(frames.items()):
            f.write(("," if i else "") + json.dumps(name, ensure_ascii=False) + ":")
            f.write(df.write_json())
        f.write("}")


def main():
    engine, path = sys.argv[1], sys.argv[2]
    out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    sheets = {}
    frames = None
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
        frames_pd = pd.read_excel(path, sheet_name=None, header=None, engine="calamine")
        sheets = {k: v.values.tolist() for k, v in frames_pd.items()}
    elif engine == "fastexcel":
        import fastexcel
        reader = fastexcel.read_excel(path)
        frames = {name: reader.load_sheet(name, header_row=None).to_polars() for name in reader.sheet_names}
    elif engine == "polars":
        import polars as pl
        frames = pl.read_excel(path, sheet_id=0, engine="calamine", has_header=False)
    else:
        raise SystemExit(f"unknown engine {engine}")
    if frames is not None:
        cells = sum(df.height * df.width - sum(df.null_count().row(0)) for df in frames.values())
        rows = sum(df.height for df in frames.values())
        if out:
            frames_to_json(frames, out)
    else:
        cells = sum(1 for rows in sheets.values() for r in rows for v in r if v is not None and v != "" and v == v)
        rows = sum(len(r) for r in sheets.values())
        if out:
            with open(out, "w", encoding="utf-8") as f:
                json.dump(sheets, f, ensure_ascii=False, default=str)
    print(f"{len(frames if frames is not None else sheets)} sheets, {rows} rows, {cells} non-empty cells")


if __name__ == "__main__":
    main()
