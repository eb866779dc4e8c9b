#!/usr/bin/env python3
"""polars peers of bieu's CSV export and import.

    python3 csv_polars.py export REPORT.json OUT.csv   # canonical JSON → Biểu 01 CSV (polars write_csv)
    python3 csv_polars.py import IN.csv OUT.json       # a Biểu 01 CSV → JSON (polars read_csv + write_json)

export: `json.load` of the report (polars cannot read the nested model
directly), each table's rows into a polars DataFrame of strings (STT, name,
unit, each cell's text as written, note; text a spreadsheet would run as a
formula gets a leading `'`), then `write_csv` with a byte-order mark — after
the title and the two header lines, written as json2csv.py writes them. Same
work as the Python csv peer (json2csv.py), with polars' Rust CSV writer.

import: `read_csv` of every line as strings (no header, the widest line sets
the columns), the data lines below the two header rows, `write_json` of the
resulting frame. No value interpretation, no row kinds, no validation: a lower
bound of what an importer built on polars would cost (csv2json.py does the
interpretation in Python).
"""
import csv
import io
import json
import sys

import polars as pl

from json2csv import COLUMNS, GROUP, cell_text, neutral, placeholder_values


def export(src, dst):
    with open(src, encoding="utf-8") as f:
        report = json.load(f)
    values = placeholder_values(report)
    year = values["year"]
    with open(dst, "wb") as out:
        out.write("\ufeff".encode())
        for table in report["tables"]:
            head = io.StringIO()
            w = csv.writer(head, delimiter=";", lineterminator="\r\n")
            for line in table.get("title") or [f"BIỂU 01 ({year})"]:
                w.writerow([line])
            w.writerow([])
            top, bottom = [], []
            for i, (_, header) in enumerate(COLUMNS):
                text = header.format(**values)
                inside = GROUP[1] <= i <= GROUP[2]
                top.append(GROUP[0] if i == GROUP[1] else "" if inside else text)
                bottom.append(text if inside else "")
            w.writerow(top)
            w.writerow(bottom)
            out.write(head.getvalue().encode())
            columns = {key: [] for key, _ in COLUMNS}
            for row in table["rows"]:
                for key, _ in COLUMNS:
                    columns[key].append(neutral(cell_text(row, key)) or None)  # empty, not a quoted ""
            pl.DataFrame(columns, schema={k: pl.String for k in columns}).write_csv(
                out, include_header=False, separator=";", line_terminator="\r\n")


def import_(src, dst):
    with open(src, encoding="utf-8-sig", newline="") as f:
        head = f.read(65536)
    sep = ";" if head.count(";") > head.count(",") else ","
    lines = list(csv.reader(io.StringIO(head), delimiter=sep))
    width = max((len(l) for l in lines), default=1)
    start = next((i for i, l in enumerate(lines) if l and l[0].strip() == "STT"), 0) + 2
    df = pl.read_csv(src, has_header=False, separator=sep, skip_rows=start, infer_schema=False,
                     schema={f"c{i}": pl.String for i in range(width)}, encoding="utf8",
                     truncate_ragged_lines=True)
    df.write_json(dst)


def main():
    mode, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
    {"export": export, "import": import_}[mode](src, dst)


if __name__ == "__main__":
    main()
