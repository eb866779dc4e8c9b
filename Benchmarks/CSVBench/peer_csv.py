"""Python csv-module peer of csvbench: same three jobs, same data.

    python3 peer_csv.py read FILE     -> list of rows in memory (like a GridSheet)
    python3 peer_csv.py stream FILE   -> iterate rows, keep nothing
    python3 peer_csv.py write FILE N  -> write N rows, UTF-8 with BOM, ';', CRLF,
                                         text neutralised like bieu's writer
"""
import csv
import sys

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutral(text):
    return "'" + text if text.startswith(TRIGGERS) else text


def main():
    job, path = sys.argv[1], sys.argv[2]
    if job == "read":
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        print("rows", len(rows), "cells", sum(1 for r in rows for c in r if c))
    elif job == "stream":
        fields = 0
        n = 0
        with open(path, encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f, delimiter=";"):
                fields += len(row)
                n += 1
        print("rows", n, "fields", fields)
    elif job == "write":
        rows = int(sys.argv[3]) if len(sys.argv) > 3 else 200000
        names = ["Thu nhập bình quân đầu người năm", "Tổng sản lượng lương thực", "Tỷ lệ che phủ rừng",
                 "Diện tích trồng chè mới", "- Trong đó: Diện tích trồng mới", "Tỷ lệ hộ gia đình đạt tiêu chuẩn văn hóa",
                 "Số lao động được giải quyết việc làm", "Kết nạp đảng viên mới"]
        units = ["Triệu đồng", "Tấn", "%", "Hà", "Người", "Đảng viên"]
        notes = ["", "Đạt", "Vượt", "Chưa đạt", "HTTNV", "=SUM(A1)"]
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, delimiter=";", lineterminator="\r\n")
            for i in range(rows):
                n = i % len(names)
                w.writerow([
                    str(i + 1), neutral(names[n]), neutral(units[i % len(units)]),
                    f"41.{100 + i % 900}", f"{i % 97},{i % 10}", f"{i % 100},5",
                    f"-{i % 13},25", neutral(f"{i % 19}/19"), neutral(f">{i % 90}"),
                    neutral(f"Trên {i % 7}%/năm"), f"{100 + i % 50},{i % 10}", neutral(notes[i % len(notes)]),
                    neutral(f'Ghi chú "số {i}"; dòng 1\ndòng 2'),
                ])
        print("wrote", rows, "rows")


main()
