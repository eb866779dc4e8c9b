#!/usr/bin/env python3
"""Writes deterministic annex-like workbooks for the read benchmark, and a
deflate bomb.

Usage: make_workbooks.py OUTDIR ROWS [ROWS...]

Each workbook has one sheet "Biểu 01" with a title row, a header row and
ROWS data rows of 13 columns (STT, a long Vietnamese indicator name, unit,
seven numbers, three percentages, a note), written by xlsxwriter with shared
strings, like a workbook saved by Excel. `bomb.xlsx` holds a worksheet that
inflates from about 1 MB to 1 GiB.
"""
import os
import random
import sys
import struct
import zlib

import xlsxwriter

UNITS = ["Tỷ đồng", "Triệu đồng", "%", "ha", "tấn", "người", "hộ", "xã", "km", "%o"]
SUBJECTS = ["Thu nhập bình quân đầu người", "Diện tích trồng mới cây ăn quả", "Tỷ lệ hộ nghèo theo chuẩn đa chiều",
            "Sản lượng lương thực có hạt", "Tổng thu ngân sách nhà nước trên địa bàn", "Tỷ lệ trường đạt chuẩn quốc gia",
            "Số xã đạt chuẩn nông thôn mới", "Tỷ lệ dân số tham gia bảo hiểm y tế", "Tỷ lệ che phủ rừng",
            "Số lao động được giải quyết việc làm mới"]
NOTES = ["", "", "Đạt", "Vượt", "Chưa đạt", "Ước thực hiện cả năm", "Số liệu của Chi cục Thống kê"]


def make(path, rows):
    rnd = random.Random(rows)
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Biểu 01")
    num = wb.add_format({"num_format": "#,##0.00"})
    pct = wb.add_format({"num_format": "0.0%"})
    ws.merge_range(0, 0, 0, 12, "BIỂU 01: KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU NĂM 2024, KẾ HOẠCH NĂM 2025")
    headers = ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu NQ ĐH", "KH năm 2024", "Thực hiện năm 2024", "Kế hoạch năm 2025",
               "Thực hiện GĐ 2021-2024", "Ước thực hiện GĐ 2021-2025", "TH 2024/KH 2024", "TH 2021-2024/Mục tiêu NQ",
               "TH 2021-2025/Mục tiêu NQ", "Ghi chú"]
    for c, h in enumerate(headers):
        ws.write_string(1, c, h)
    for i in range(rows):
        r = i + 2
        ws.write_number(r, 0, i + 1)
        ws.write_string(r, 1, f"{SUBJECTS[i % len(SUBJECTS)]} của xã, thị trấn số {i // len(SUBJECTS) + 1} (giai đoạn 2021-2025)")
        ws.write_string(r, 2, UNITS[i % len(UNITS)])
        for c in range(3, 9):
            ws.write_number(r, c, round(rnd.uniform(10, 100000), 2), num)
        for c in range(9, 12):
            ws.write_number(r, c, round(rnd.uniform(0.5, 1.5), 4), pct)
        note = NOTES[i % len(NOTES)]
        if note:
            ws.write_string(r, 12, note)
    wb.close()


def make_bomb(path, size=1 << 30, declared=None):
    """A valid-looking workbook whose sheet inflates to `size` bytes of `<x/>`;
    `declared` is the size its zip headers claim (default: the truth)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"<x/>" * (1 << 18)
    head = f'<worksheet xmlns="{main}"><sheetData/>'.encode()
    tail = b"</worksheet>"
    data = [comp.compress(head)]
    crc = zlib.crc32(head)
    left = size - len(head) - len(tail)
    while left > 0:
        chunk = block[:min(left, len(block))]
        data.append(comp.compress(chunk))
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    data.append(comp.compress(tail))
    crc = zlib.crc32(tail, crc)
    data.append(comp.flush())
    raw = b"".join(data)
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    others = [
        ("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("_rels/.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'.encode()),
        ("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Bom" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode()),
        ("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'.encode()),
    ]
    write_zip(path, others, "xl/worksheets/sheet1.xml", raw, crc, size if declared is None else declared)


def write_zip(path, others, name, raw, crc, size):
    """A zip of `others` (deflated here) plus one entry whose raw deflate data is given."""
    out = bytearray()
    central = bytearray()
    entries = [(n, zlib.compressobj(6, zlib.DEFLATED, -15), d) for n, d in others]
    items = []
    for n, c, d in entries:
        comp = c.compress(d) + c.flush()
        items.append((n, comp, zlib.crc32(d), len(d)))
    items.append((name, raw, crc, size))
    for n, comp, c, usize in items:
        nb = n.encode()
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, 0, 0x21, c, len(comp), usize, len(nb), 0) + nb + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, 0, 0x21, c, len(comp), usize,
                               len(nb), 0, 0, 0, 0, 0, off) + nb
    cd = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(items), len(items), len(central), cd, 0)
    with open(path, "wb") as f:
        f.write(out)


if __name__ == "__main__":
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for n in map(int, sys.argv[2:]):
        p = os.path.join(outdir, f"annex-{n}.xlsx")
        if not os.path.exists(p):
            make(p, n)
    bomb = os.path.join(outdir, "bomb.xlsx")
    if not os.path.exists(bomb):
        make_bomb(bomb)
    lying = os.path.join(outdir, "bomb-lying.xlsx")
    if not os.path.exists(lying):
        make_bomb(lying, declared=4 << 20)
