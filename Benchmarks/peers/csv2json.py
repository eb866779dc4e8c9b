#!/usr/bin/env python3
"""Python peer of `bieu import FILE.csv`: a Biểu 01 CSV → report JSON.

    python3 csv2json.py IN.csv OUT.json

What it does: Python's `csv` module reads the file (UTF-8 with BOM, `;`), the
script finds the header row (first cell `STT`), skips the two header rows,
and turns each line into a row with STT, name, unit, note and one cell per
value column; each cell's text is interpreted with a few regular expressions
(numbers in both conventions, ambiguous thousands, percents, per mille,
ratios, ranges, bounds, statuses, otherwise text), and the report is written
with `json.dump`. That is a reasonable amount of what an importer must do.
What it does not do, compared with bieu: no encoding or delimiter detection,
no tolerant header matching, no row kinds, ids or hierarchy, no validation
findings, no Unicode normalisation, no canonical key order.
"""
import csv
import json
import re
import sys
from decimal import Decimal

VALUE_COLUMNS = ["mt_nq", "kh_nam", "th_nam", "kh_nam_sau", "th_gd", "uoc_th_gd", "ss_th_kh", "ss_gd_nq", "ss_uoc_nq"]
STATUSES = {"đạt": "met", "vượt": "exceeded", "chưa đạt": "not_met", "không đạt": "failed",
            "httnv": "completed_well", "hoàn thành tốt nhiệm vụ": "completed_well", "htnv": "completed"}
NUM = r"[-+]?\d[\d.,]*"
RE_NUMBER = re.compile(rf"^({NUM})$")
RE_PERCENT = re.compile(rf"^({NUM})\s*%$")
RE_PERMILLE = re.compile(rf"^({NUM})\s*(‰|%o)$")
RE_RATIO = re.compile(rf"^({NUM})\s*/\s*({NUM})\s*(.*)$")
RE_RANGE = re.compile(rf"^({NUM})\s*[-–]\s*({NUM})\s*(.*)$")
RE_BOUND = re.compile(rf"^(>=|<=|>|<|≥|≤|trên|dưới)\s*({NUM})\s*(.*)$", re.IGNORECASE)
RE_QUANTITY = re.compile(rf"^({NUM})\s+(\S.{{0,39}})$")
RELATIONS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=", "trên": ">", "dưới": "<"}


def number(token):
    """Decimal, or a list of two readings when a single separator is followed by three digits."""
    t = token.lstrip("+")
    seps = [c for c in t if c in ".,"]
    if not seps:
        return Decimal(t)
    if len(seps) == 1:
        head, tail = re.split(r"[.,]", t)
        if len(tail) == 3 and 1 <= len(head.lstrip("-")) <= 3 and not head.lstrip("-").startswith("0"):
            return [Decimal(head + tail), Decimal(head + "." + tail)]
        return Decimal(head + "." + tail)
    if len(set(seps)) == 1:
        return Decimal(t.replace(seps[0], ""))
    last = seps[-1]
    other = "," if last == "." else "."
    return Decimal(t.replace(other, "").replace(last, "."))


def value(text):
    s = text.strip()
    if not s:
        return None
    status = STATUSES.get(s.lower())
    if status:
        return {"text": text, "type": "status", "status": status}
    for rx, kind in ((RE_NUMBER, "number"), (RE_PERCENT, "percent"), (RE_PERMILLE, "per_mille")):
        m = rx.match(s)
        if m:
            v = number(m.group(1))
            if isinstance(v, list):
                return {"text": text, "type": "ambiguous",
                        "candidates": [{"type": kind, "value": float(x)} for x in v]}
            return {"text": text, "type": kind, "value": float(v)}
    m = RE_BOUND.match(s)
    if m:
        v = number(m.group(2))
        return {"text": text, "type": "bound", "relation": RELATIONS[m.group(1).lower()],
                "value": float(v[0] if isinstance(v, list) else v), "unit": m.group(3) or None}
    for rx, kind, a, b in ((RE_RATIO, "ratio", "numerator", "denominator"), (RE_RANGE, "range", "low", "high")):
        m = rx.match(s)
        if m:
            x, y = number(m.group(1)), number(m.group(2))
            return {"text": text, "type": kind, a: float(x[0] if isinstance(x, list) else x),
                    b: float(y[0] if isinstance(y, list) else y), "unit": m.group(3) or None}
    m = RE_QUANTITY.match(s)
    if m:
        v = number(m.group(1))
        return {"text": text, "type": "quantity", "value": float(v[0] if isinstance(v, list) else v), "unit": m.group(2)}
    return {"text": text, "type": "text"}


def main():
    src, dst = sys.argv[1], sys.argv[2]
    rows = []
    with open(src, encoding="utf-8-sig", newline="") as f:
        head = f.read(4096)
        f.seek(0)
        # bieu writes ",", the Python export peer ";".
        reader = csv.reader(f, delimiter=";" if head.count(";") > head.count(",") else ",")
        for line in reader:
            if line and line[0].strip() == "STT":
                break
        next(reader)  # second header row
        for n, line in enumerate(reader, 1):
            line = [c[1:] if c.startswith("'") else c for c in line] + [""] * (13 - len(line))
            cells = {}
            for key, text in zip(VALUE_COLUMNS, line[3:12]):
                v = value(text)
                if v is not None:
                    cells[key] = v
            row = {"id": f"row-{n}", "stt": line[0], "name": line[1], "unit": line[2], "cells": cells, "note": line[12]}
            rows.append(row)
    report = {"format": "bieu/1", "tables": [{"id": "bieu-01", "template": "bieu-01", "rows": rows}]}
    with open(dst, "w", encoding="utf-8") as out:
        json.dump(report, out, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()
