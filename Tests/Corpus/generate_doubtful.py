#!/usr/bin/env python3
"""Writes the "nothing slips through" corpus (issue 15, readers): files real
tools write, plus small hand edits of them, that a careless reader alters or
loses without a word, and ``expected.json`` saying what a correct reader
must report for each (error case and place, or the cells it reads).

Usage: generate_doubtful.py OUTDIR

Exit status 1 (message on stderr) when openpyxl is missing: the Swift tests
that use this corpus must fail, not skip.
"""

import datetime
import json
import os
import sys
import zipfile

try:
    import openpyxl
except ImportError as exc:  # pragma: no cover - reported to the Swift test
    sys.stderr.write(f"corpus generator: missing Python package: {exc}\n")
    sys.exit(1)

SHEET = "xl/worksheets/sheet1.xml"


def position(data, offset):
    """1-based line and column (characters, UTF-8) of byte `offset`."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = sum(1 for b in before[start:] if b & 0xC0 != 0x80) + 1
    return line, column


def csv_files(out, expected):
    rows = "STT;Chỉ tiêu;Đơn vị tính;Thực hiện\r\n1;Tỷ lệ hộ nghèo;%;4,5\r\n2;Thu nhập bình quân;Triệu đồng;41.160\r\n"
    good = rows.encode("utf-8")
    # 1. UTF-8 with one Windows-1258 byte pasted in (issue 15 item 1).
    bad_at = good.index("Thu nhập".encode()) + len("Thu nh".encode())
    mixed = good[:bad_at] + b"\xe9" + good[bad_at + len("ậ".encode()):]
    with open(os.path.join(out, "mixed-utf8.csv"), "wb") as f:
        f.write(mixed)
    line, column = position(mixed, bad_at)
    valid = sum(1 for ch in mixed.decode("utf-8", errors="ignore") if ord(ch) > 0x7F)
    expected["mixed-utf8.csv"] = {"error": "mixedEncoding", "offset": bad_at, "line": line, "column": column,
                                  "byte": 0xE9, "invalidBytes": 1, "validCharacters": valid}
    # 3. Text after a closing quote (issue 15 item 2).
    junk = 'STT;Chỉ tiêu;Ghi chú\r\n1;"Tổng số"xã;ghi\r\n2;"b";c\r\n'.encode("utf-8")
    at = junk.index(b'"x') + 1
    line, column = position(junk, at)
    q = junk.index(b'"T')
    qline, qcolumn = position(junk, q)
    with open(os.path.join(out, "text-after-quote.csv"), "wb") as f:
        f.write(junk)
    expected["text-after-quote.csv"] = {"error": "textAfterClosingQuote", "offset": at, "line": line, "column": column,
                                        "quoteLine": qline, "quoteColumn": qcolumn}
    # 4. An unterminated quote: the line and column where the field began.
    open_quote = 'STT;Chỉ tiêu\r\n1;"dòng một\r\n2;Đạt\r\n'.encode("utf-8")
    q = open_quote.index(b'"')
    line, column = position(open_quote, q)
    with open(os.path.join(out, "unterminated-quote.csv"), "wb") as f:
        f.write(open_quote)
    expected["unterminated-quote.csv"] = {"error": "unterminatedQuote", "offset": q, "line": line, "column": column}


def patch_sheet(src, dst, edit):
    """Copies an xlsx, passing the first worksheet's XML through `edit`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == SHEET:
                data = edit(data)
            zout.writestr(item, data)


def replacing(old, new):
    """An edit for `patch_sheet`: `old` (which must be there) replaced by `new`."""
    def edit(xml):
        text = xml.decode("utf-8")
        assert old in text, text[:2000]
        return text.replace(old, new).encode("utf-8")
    return edit


def xlsx_files(out, expected):
    # openpyxl with ISO dates: t="d" cells (issue 15 item 7).
    wb = openpyxl.Workbook()
    wb.iso_dates = True
    ws = wb.active
    ws.title = "Biểu 01"
    ws["A1"] = "STT"
    ws["B1"] = "Ngày"
    ws["A2"] = 1
    ws["B2"] = datetime.date(2024, 12, 5)
    ws["A3"] = 2
    ws["B3"] = datetime.time(10, 10, 10)
    ws["A4"] = 3
    ws["B4"] = datetime.datetime(2024, 12, 5, 8, 30, 15, 500000)
    ws["A5"] = 4
    ws["B5"] = datetime.date(2024, 1, 1)     # replaced below by a value no reader can read as a date
    ws["C5"] = "sau ô hỏng"
    ws["A6"] = 5
    ws["B6"] = "61O000"
    ws["C6"] = "chưa thống kê"
    src = os.path.join(out, "openpyxl-iso-dates.tmp.xlsx")
    wb.save(src)

    patch_sheet(src, os.path.join(out, "openpyxl-iso-dates.xlsx"), replacing("<v>2024-01-01</v>", "<v>ngày 1 tháng 1</v>"))
    with zipfile.ZipFile(os.path.join(out, "openpyxl-iso-dates.xlsx")) as z:
        xml = z.read(SHEET).decode("utf-8")
    for ref in ("B2", "B3", "B4"):
        assert f'r="{ref}" t="d"' in xml or f'r="{ref}" s="' in xml, xml
    base = datetime.date(1899, 12, 30)
    expected["openpyxl-iso-dates.xlsx"] = {"cells": {
        "B2": {"type": "date", "serial": float((datetime.date(2024, 12, 5) - base).days)},
        "B3": {"type": "date", "serial": (10 * 3600 + 10 * 60 + 10) / 86400},
        "B4": {"type": "date", "serial": (datetime.date(2024, 12, 5) - base).days + (8 * 3600 + 30 * 60 + 15.5) / 86400},
        "B5": {"type": "unreadable", "text": "ngày 1 tháng 1", "declared": "d"},
        "C5": {"type": "string", "text": "sau ô hỏng"},
        "B6": {"type": "string", "text": "61O000"},
        "C6": {"type": "string", "text": "chưa thống kê"},
    }}

    # A stray </c> (issue 15 item 3): before, the cells after it were lost.
    patch_sheet(src, os.path.join(out, "stray-end-tag.xlsx"), replacing('<c r="A3"', '</c><c r="A3"'))
    with zipfile.ZipFile(os.path.join(out, "stray-end-tag.xlsx")) as z:
        xml = z.read(SHEET)
    expected["stray-end-tag.xlsx"] = {"error": "mismatchedEndTag", "entry": SHEET,
                                      "offset": xml.index(b'</c><c r="A3"'), "open": "row", "close": "c"}

    # A 2 MB cell (issue 15 item 6). openpyxl itself cuts strings at Excel's
    # 32,767 characters, so the text is put into its sheet afterwards.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    ws["A1"] = "ngắn"
    ws["D7"] = "CHỖ-ĐỂ-THAY"
    small = os.path.join(out, "huge-cell.tmp.xlsx")
    wb.save(small)
    patch_sheet(small, os.path.join(out, "huge-cell.xlsx"), replacing("CH&#7894;-&#272;&#7874;-THAY", "Đạt " * 300_000))
    os.remove(small)
    expected["huge-cell.xlsx"] = {"error": "cellTextTooLong", "cell": "Biểu 01!D7"}
    os.remove(src)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: generate_doubtful.py OUTDIR\n")
        return 2
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    expected = {}
    csv_files(out, expected)
    xlsx_files(out, expected)
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
