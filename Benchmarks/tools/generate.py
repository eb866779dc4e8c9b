#!/usr/bin/env python3
"""Deterministic Biểu 01 indicator tables for the benchmarks.

    python3 generate.py ROWS OUT.in.json

Writes a report (format bieu/1) with one `bieu-01` table of ROWS rows. Cells are
bare strings (as a person types them) plus some typed cells recording a decided
reading of an ambiguous number; `bieu normalize` turns the file into canonical
JSON, which is what the benchmarks feed to `bieu export`.

The same ROWS always gives the same bytes: the generator uses its own
pseudo-random sequence (splitmix64), not Python's `random`, and no clock.

What the table contains, in roughly these proportions (see MIX below):
- row kinds: sections (A, B, C… then I, II…), groups, indicators, sub-indicators
  (`Trong đó: …`), bullets (`- …`), a few notes;
- Vietnamese names and units; lower-is-better indicators (poverty, malnutrition,
  population growth) so the flipped formulas are exercised;
- value cells: plain numbers in both conventions (`31,4`, `48.1`, `2,202.34`,
  `1.234,5`, `1.234.567`), thousands that are ambiguous (`41.160`) or decided
  (typed number), percents (`29,2%`, `101.13%`), per mille (`12%o`), ratios
  (`16/19`, `113/118 bản có điện`), ranges (`5-6`), bounds (`>90`, `≥ 75%`,
  `Trên 5%/năm`), quantities (`16 tỷ đồng`), statuses (`Đạt`, `HTTNV`, `Chưa
  đạt`, `Vượt`), whole sentences, and empty cells;
- the three "So sánh" columns printed (mostly computed correctly from the
  numbers, a few deliberately off as in real reports) or left empty (bieu then
  writes live formulas).
"""
import json
import sys
from decimal import Decimal, ROUND_HALF_UP

MASK = (1 << 64) - 1


class Rand:
    """splitmix64: tiny, fast enough, and identical on every Python version."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def chance(self, percent):
        return self.below(1000) < percent * 10

    def pick(self, items):
        return items[self.below(len(items))]

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)


SECTIONS = ["CHỈ TIÊU KINH TẾ", "CHỈ TIÊU VĂN HÓA - XÃ HỘI", "CHỈ TIÊU XÂY DỰNG ĐẢNG, HỆ THỐNG CHÍNH TRỊ",
            "CHỈ TIÊU QUỐC PHÒNG - AN NINH", "CHỈ TIÊU TÀI NGUYÊN VÀ MÔI TRƯỜNG"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
GROUPS = ["Các chỉ tiêu nông nghiệp, nông thôn mới", "Hạ tầng nông thôn", "Giáo dục", "Y tế",
          "Văn hóa, thông tin", "Lao động, việc làm và an sinh xã hội", "Môi trường", "Thương mại, dịch vụ, du lịch",
          "Công tác xây dựng Đảng", "Công tác dân vận"]
COMMUNES = ["Bản Bo", "Bình Lư", "Hồ Thầu", "Khun Há", "Nà Tăm", "Nùng Nàng", "Sơn Bình", "Sùng Phài",
            "Tả Lèng", "Thèn Sin", "Bản Giang", "Bản Hon", "thị trấn Tam Đường"]

# (name, unit, value kind, lower is better)
INDICATORS = [
    ("Thu nhập bình quân đầu người/năm", "Triệu đồng", "small", False),
    ("Tổng sản lượng lương thực có hạt", "Tấn", "thousands", False),
    ("Thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", "decimal", False),
    ("Tỷ lệ che phủ rừng", "%", "percentage_number", False),
    ("Diện tích trồng chè mới", "Ha", "integer", False),
    ("Số xã đạt chuẩn nông thôn mới", "Xã", "count", False),
    ("Xã nông thôn mới nâng cao", "Tiêu chí", "ratio", False),
    ("Số bản có điện lưới quốc gia", "Bản", "ratio_unit", False),
    ("Tỷ lệ hộ nghèo", "%", "percentage_number", True),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân", "%", "percentage_number", True),
    ("Tỷ lệ tăng dân số tự nhiên", "%", "percentage_number", True),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "bound", False),
    ("Tốc độ tăng trưởng giá trị sản xuất", "%", "growth", False),
    ("Tổng vốn đầu tư toàn xã hội", "Tỷ đồng", "big_decimal", False),
    ("Tỷ lệ trường đạt chuẩn quốc gia", "%", "percent", False),
    ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "%", "status_or_percent", False),
    ("Kết nạp đảng viên mới", "Đảng viên", "integer", False),
    ("Tỷ suất sinh thô", "%o", "per_mille", True),
    ("Số lao động được giải quyết việc làm mới", "Lao động", "thousands", False),
    ("Đàn gia súc", "Con", "thousands", False),
    ("Khách du lịch", "Lượt người", "big_group", False),
    ("Tỷ lệ hộ gia đình đạt danh hiệu gia đình văn hóa", "%", "percent", False),
    ("Chương trình, đề án trọng tâm", "", "sentence", False),
    ("Kinh phí hỗ trợ phát triển sản xuất", "", "quantity", False),
]
SUBS = ["Trong đó: Diện tích trồng mới", "Trong đó: Hộ cận nghèo", "Trong đó: Nữ", "Trong đó: Người dân tộc thiểu số",
        "Trong đó: Xã đạt chuẩn nâng cao"]
BULLETS = ["- Cây chè", "- Cây mắc ca", "- Cây quế", "- Sâm Lai Châu", "- Lúa đông xuân", "- Ngô"]
SENTENCES = [
    "Hoàn thành xây dựng 03 điểm trưng bày, giới thiệu sản phẩm văn hóa, sản phẩm OCOP gắn với du lịch cộng đồng",
    "Đang triển khai, dự kiến hoàn thành trong quý IV",
    "Chưa thực hiện do chưa được bố trí vốn",
    "Tiếp tục duy trì 100% xã có đường ô tô đến trung tâm, được cứng hóa",
    "Tổ chức được 12 lớp tập huấn, bồi dưỡng cho cán bộ, công chức cấp xã",
]
NOTES = ["Số liệu ước", "Đạt", "Số liệu của Chi cục Thống kê", "Theo Nghị quyết số 12-NQ/HU",
         "Chỉ tiêu giao bổ sung giữa năm", "Số liệu đến hết ngày 30/11/2024, ước thực hiện cả năm"]
STATUSES = ["Đạt", "Đạt", "Vượt", "Chưa đạt", "HTTNV", "Hoàn thành tốt nhiệm vụ", "Không đạt chỉ tiêu NQ"]


def vn_decimal(d, places):
    """Decimal comma (31,4)."""
    return f"{d:.{places}f}".replace(".", ",")


def group3(n, sep):
    s = str(n)
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


class Cells:
    """Produces the cell text for one indicator and remembers plain numeric values for the ratios."""

    def __init__(self, r):
        self.r = r

    def value(self, kind, base):
        """(text or typed cell, numeric value or None). `base` is a per-row magnitude in [0.5, 1.5]."""
        r = self.r
        if kind == "small":
            v = Decimal(int(40 * base * 10)) / 10
            return (vn_decimal(v, 1) if r.chance(50) else f"{v:.1f}"), v
        if kind == "thousands":
            n = 30000 + int(20000 * base) + r.below(999)
            if n % 1000 == 0:
                n += 7
            text = group3(n, ".")
            if r.chance(60):
                # A decided reading: the person confirmed 41.160 means forty-one thousand.
                return {"text": text, "type": "number", "value": n}, Decimal(n)
            return text, None  # left ambiguous
        if kind == "big_group":
            n = 1000000 + int(500000 * base) + r.below(99999)
            return group3(n, "." if r.chance(70) else ","), Decimal(n)
        if kind == "decimal":
            v = Decimal(int(480 * base)) / 10
            return (f"{v:.1f}" if r.chance(50) else vn_decimal(v, 1)), v
        if kind == "big_decimal":
            v = Decimal(int(220234 * base)) / 100
            if r.chance(50):
                return f"{int(v):,}.{int(v * 100) % 100:02d}", v  # 2,202.34
            return group3(int(v), ".") + "," + f"{int(v * 100) % 100:02d}", v  # 2.202,34
        if kind == "percentage_number":
            v = Decimal(int(300 * base)) / 10
            return (vn_decimal(v, 2) if r.chance(40) else vn_decimal(v, 1)), v
        if kind == "integer":
            v = int(70 * base) + 1
            return str(v), Decimal(v)
        if kind == "count":
            v = r.between(1, 12)
            return str(v), Decimal(v)
        if kind == "ratio":
            d = 19
            return f"{r.between(10, 19)}/{d}", None
        if kind == "ratio_unit":
            d = r.between(110, 120)
            return f"{d - r.below(8)}/{d} bản có điện", None
        if kind == "bound":
            return r.pick([">90", ">95", "≥ 75%", "Trên 90%", ">90"]), None
        if kind == "growth":
            return r.pick(["Trên 5%/năm", "5-6", "6,5", "7.2", "5-6"]), None
        if kind == "percent":
            v = Decimal(int(900 * base)) / 10
            return (vn_decimal(v, 1) + "%" if r.chance(70) else f"{v + Decimal('10.13'):.2f}%"), None
        if kind == "per_mille":
            v = Decimal(int(150 * base)) / 10
            return vn_decimal(v, 1) + "%o", None
        if kind == "status_or_percent":
            if r.chance(50):
                return r.pick(STATUSES), None
            return vn_decimal(Decimal(int(900 * base)) / 10, 1) + "%", None
        if kind == "sentence":
            return r.pick(SENTENCES), None
        if kind == "quantity":
            return f"{int(16 * base)} tỷ đồng", None
        raise ValueError(kind)


def ratio_text(a, b, r):
    """TH/KH × 100 to one decimal, as printed: mostly right, in either convention."""
    if a is None or b is None or b == 0:
        return None
    v = (a / b * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if r.chance(3):
        v += Decimal("0.3")  # a printed ratio that disagrees with its numbers, as in real reports
    s = f"{v:.1f}"
    return s.replace(".", ",") if r.chance(50) else s


def make_report(rows):
    r = Rand(0xB1E0_0001 + rows)
    cells = Cells(r)
    out = []
    section_i = 0
    group_i = 0
    stt = 0
    while len(out) < rows:
        # A section every ~60 rows, a group every ~8.
        if len(out) % 60 == 0:
            label = chr(ord("A") + section_i) if section_i < 26 else ROMAN[section_i % len(ROMAN)]
            out.append({"id": f"r{len(out) + 1:06d}", "kind": "section", "stt": label,
                        "name": SECTIONS[section_i % len(SECTIONS)]})
            section_i += 1
            stt = 0
            continue
        if r.chance(12):
            group_i += 1
            row = {"id": f"r{len(out) + 1:06d}", "kind": "group", "name": GROUPS[group_i % len(GROUPS)]}
            if r.chance(50):
                stt += 1
                row["stt"] = str(stt)
            out.append(row)
            continue
        roll = r.below(100)
        name, unit, kind, lower = r.pick(INDICATORS)
        if roll < 8:
            row_kind, name, lower = "sub_indicator", r.pick(SUBS), False
        elif roll < 13:
            row_kind, name, lower = "bullet", r.pick(BULLETS), False
        elif roll < 14:
            out.append({"id": f"r{len(out) + 1:06d}", "kind": "note", "name": "Ghi chú: " + r.pick(NOTES)})
            continue
        else:
            row_kind = "indicator"
            if r.chance(40):
                name = f"{name} (xã {r.pick(COMMUNES)})"
        row = {"id": f"r{len(out) + 1:06d}", "kind": row_kind}
        if row_kind == "indicator" and r.chance(70):
            stt += 1
            row["stt"] = str(stt)
        elif row_kind == "bullet":
            row["stt"] = "-"
        row["name"] = name
        if unit:
            row["unit"] = unit
        base = Decimal(500 + r.below(1000)) / 1000
        values = {}
        numeric = {}
        for col, scale, empty_pct in (("mt_nq", Decimal("1.10"), 15), ("kh_nam", Decimal("1.00"), 8),
                                      ("th_nam", Decimal("1.02"), 0), ("kh_nam_sau", Decimal("1.05"), 20),
                                      ("th_gd", Decimal("0.95"), 25), ("uoc_th_gd", Decimal("1.08"), 30)):
            if empty_pct and r.chance(empty_pct):
                continue
            jitter = Decimal(950 + r.below(100)) / 1000
            text, number = cells.value(kind, min(base * scale * jitter, Decimal("1.49")))
            values[col] = text
            numeric[col] = number
        # The three comparisons: printed when the numbers allow (most of the time), else left to formulas.
        for col, top, bottom in (("ss_th_kh", "th_nam", "kh_nam"), ("ss_gd_nq", "th_gd", "mt_nq"),
                                 ("ss_uoc_nq", "uoc_th_gd", "mt_nq")):
            a, b = numeric.get(top), numeric.get(bottom)
            if lower:
                a, b = b, a
            if r.chance(70):
                t = ratio_text(a, b, r)
                if t is not None:
                    values[col] = t
        if r.chance(6):
            values["uoc_th_gd"] = r.pick(SENTENCES)
        if values:
            row["cells"] = values
        if r.chance(5):
            row["note"] = r.pick(NOTES)
        out.append(row)
    return {
        "format": "bieu/1",
        "issuer": "Huyện ủy Tam Đường",
        "number": "641-BC/HU",
        "date": "2024-12-05",
        "period": {"kind": "year", "year": 2024},
        "term": {"start": 2020, "end": 2025},
        "title": "Báo cáo tình hình thực hiện nhiệm vụ chính trị năm 2024, nhiệm vụ trọng tâm năm 2025",
        "tables": [{"id": "bieu-01", "template": "bieu-01", "rows": out}],
    }


def main():
    rows, path = int(sys.argv[1]), sys.argv[2]
    report = make_report(rows)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
