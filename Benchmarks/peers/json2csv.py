#!/usr/bin/env python3
"""Python peer of `bieu export --format csv`: canonical report JSON → a Biểu 01 CSV.

    python3 json2csv.py REPORT.json OUT.csv

What it does: `json.load` of the whole report, then Python's `csv` module
writes the table as Excel under Vietnamese settings reads it (UTF-8 with a
byte-order mark, `;` separators, CRLF): the title lines, the two header rows
of Biểu 01 (So sánh (%) over its three sub-columns), and one line per row with
STT, name, unit, each cell's text as written, and the note. Text that a
spreadsheet would take for a formula is neutralised with a leading `'`.
What it does not do, compared with bieu: no template (the Biểu 01 columns are
written into this script), no value interpretation, no checks, no computed
values for empty "So sánh" cells.
"""
import csv
import json
import sys

COLUMNS = [("stt", "STT"), ("name", "Chỉ tiêu"), ("unit", "Đơn vị tính"),
           ("mt_nq", "Mục tiêu NQ ĐH ({term_start}-{term_end})"), ("kh_nam", "KH năm {year}"),
           ("th_nam", "Thực hiện năm {year}"), ("kh_nam_sau", "Kế hoạch năm {next_year}"),
           ("th_gd", "Thực hiện giai đoạn {plan_start}-{year}"),
           ("uoc_th_gd", "Ước thực hiện giai đoạn {plan_start}-{plan_end}"),
           ("ss_th_kh", "TH {year}/KH {year}"), ("ss_gd_nq", "TH {plan_start}-{year}/Mục tiêu NQ"),
           ("ss_uoc_nq", "Ước TH {plan_start}-{plan_end}/Mục tiêu NQ"), ("note", "Ghi chú")]
GROUP = ("So sánh (%)", 9, 11)  # label, first and last sub-column
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def placeholder_values(report):
    """The values the header texts' placeholders take ({year}, {term_start}, …)."""
    year = report["period"]["year"]
    term = report.get("term", {"start": year - 4, "end": year + 1})
    return {"year": year, "next_year": year + 1, "term_start": term["start"], "term_end": term["end"],
            "plan_start": term["start"] + 1, "plan_end": term["end"]}


def cell_text(row, key):
    """A row's text in a column: its own field (STT, name, unit, note) or its cell's text."""
    if key in ("stt", "name", "unit", "note"):
        return row.get(key, "")
    c = row.get("cells", {}).get(key)
    return "" if c is None else (c if isinstance(c, str) else c["text"])


def neutral(text):
    return "'" + text if text.startswith(TRIGGERS) and not text[1:2].isdigit() else text


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        report = json.load(f)
    values = placeholder_values(report)
    year = values["year"]
    date = report.get("date", "")
    if date:
        y, m, d = date.split("-")
        date = f"{d}/{m}/{y}"
    with open(dst, "w", encoding="utf-8-sig", newline="") as out:
        w = csv.writer(out, delimiter=";", lineterminator="\r\n")
        for table in report["tables"]:
            title = table.get("title") or [
                f"BIỂU 01: KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU NĂM {year}, KẾ HOẠCH {year + 1}",
                f"(Kèm theo Báo cáo số {report.get('number', '')} ngày {date} của {report.get('issuer', '')})"]
            for line in title:
                w.writerow([line])
            w.writerow([])
            top = []
            bottom = []
            for i, (_, header) in enumerate(COLUMNS):
                text = header.format(**values)
                if GROUP[1] <= i <= GROUP[2]:
                    top.append(GROUP[0] if i == GROUP[1] else "")
                    bottom.append(text)
                else:
                    top.append(text)
                    bottom.append("")
            w.writerow(top)
            w.writerow(bottom)
            for row in table["rows"]:
                w.writerow([neutral(cell_text(row, key)) for key, _ in COLUMNS])


if __name__ == "__main__":
    main()
