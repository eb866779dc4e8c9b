#!/usr/bin/env python3
"""Transcribes the three annex tables of seed 001 (Tam Đường, 641-BC/HU) into bieu/1 JSON.

Usage: build_tam_duong_2024.py SEED.txt OUT.json NOTES.json

OUT.json has bare-string cells (plus the decided ambiguous numbers as typed cells);
run `bieu normalize OUT.json -o Examples/tam-duong-2024.json` to get the canonical file.
Every correction to the seed is declared with `fix(line, before, after, why)` and is
checked against the seed text (exact occurrence count); NOTES.json lists the
corrections, reconstructions, decisions and the row → seed-line map that
Examples/README.md documents.
"""
import json
import re
import sys
import unicodedata

SEED_PATH = sys.argv[1]
OUT_JSON = sys.argv[2]
OUT_NOTES = sys.argv[3]

RAW = open(SEED_PATH, encoding="utf-8").read().split("\n")
LINES = {i + 1: s for i, s in enumerate(RAW)}

corrections = []      # (line, before, after, count, why, category)
reconstructions = []  # (lines, what we saw, what we concluded)
decisions = []        # (table, row id, column, text, value, reason)
markup_lines = set()


def fix(line, before, after, why, count=1, category="word"):
    text = LINES[line]
    found = text.count(before)
    if found != count:
        raise SystemExit(f"line {line}: expected {count}× {before!r}, found {found}")
    LINES[line] = text.replace(before, after)
    corrections.append((line, before, after, count, why, category))


def fix_re(line, pattern, repl, before_label, after_label, why, count, category="word"):
    text = LINES[line]
    new, found = re.subn(pattern, repl, text)
    if found != count:
        raise SystemExit(f"line {line}: expected {count}× /{pattern}/, found {found}")
    LINES[line] = new
    corrections.append((line, before_label, after_label, count, why, category))


def recon(lines, saw, concluded):
    reconstructions.append((lines, saw, concluded))


def clean(s, line):
    """Plain conversion noise: HTML paragraphs, bold/italic, m<sup>2</sup>."""
    orig = s
    s = s.replace("m<sup>2</sup>", "m²")
    paras = re.findall(r"<p>(.*?)</p>", s, flags=re.S)
    if paras:
        rest = re.sub(r"<p>.*?</p>", "", s, flags=re.S).strip()
        if rest:
            raise SystemExit(f"line {line}: text outside <p>: {rest!r}")
        s = "\n".join(p.strip() for p in paras)
    for tag in ("<b>", "</b>", "<i>", "</i>"):
        s = s.replace(tag, "")
    if "<" in s and re.search(r"</?[a-z]+>", s):
        raise SystemExit(f"line {line}: markup left: {s!r}")
    if s != orig:
        markup_lines.add(line)
    s = "\n".join(part.strip() for part in s.split("\n"))
    return s.strip()


def fields(line, expect=None):
    parts = [clean(p, line) for p in LINES[line].split("\t")]
    if expect is not None and len(parts) != expect:
        raise SystemExit(f"line {line}: expected {expect} fields, found {len(parts)}")
    return parts


def decide(table, rid, column, text, value, reason):
    decisions.append((table, rid, column, text, value, reason))
    return {"text": text, "type": "number", "value": value}


def row(rid, kind, stt="", name="", unit="", cells=None, note="", src=()):
    r = {"id": rid, "kind": kind}
    if stt:
        r["stt"] = stt
    if name:
        r["name"] = name
    if unit:
        r["unit"] = unit
    c = {k: v for k, v in (cells or {}).items() if v not in ("", None)}
    if c:
        r["cells"] = c
    if note:
        r["note"] = note
    r["_src"] = list(src)
    return r


REPORT_REF = "(Kèm theo Báo cáo số 641-BC/HU ngày 05/12/2024 của Huyện ủy Tam Đường)"

# ---------------------------------------------------------------- Phụ lục
fix(392, "*Kiểm tra lần 1 số 64/BC/HU ngày 05/12/2024 của Ủy ban ay Tam Đường.*", REPORT_REF,
    "garbled reference line of the title block (OCR); same report reference as the other two tables and the "
    "report's own number and date (seed l. 3–5)", category="title")
fix(400, "\tHà\t", "\tHa\t", "unit: hectare is `Ha` (OCR added a tone mark)")
fix(402, "Tăng trưởng dân gia súc", "Tăng trưởng đàn gia súc",
    "`đàn gia súc` (livestock herd); the report body says `Tốc độ tăng trưởng đàn gia súc` (l. 222)")
fix(408, "kiên cố, hắt kiên cố", "kiên cố, bán kiên cố",
    "`bán kiên cố` (semi-permanent); the body says `kiên cố và bán kiên cố` (l. 224)")

PL_COLS = ["kh_nam", "th_nam", "ss_th_kh", "mt_nam_sau"]
pl_rows = []
for n in range(397, 436):
    f = fields(n, 8)
    rid = f"pl-{len(pl_rows) + 1:03d}"
    cells = dict(zip(PL_COLS, f[3:7]))
    pl_rows.append(row(rid, "indicator", f[0], f[1], f[2], cells, f[7], src=[n]))


def pl(n):
    return next(r for r in pl_rows if r["_src"] == [n])


r = pl(399)
r["cells"]["kh_nam"] = decide("phu-luc", r["id"], "kh_nam", "41.100", 41100,
    "tonnes of grain for a district; Biểu 01 prints the same plan as `41,100` beside `41,160.0`, and the body "
    "says `41.160/41.100 tấn` (l. 42)")
r["cells"]["th_nam"] = decide("phu-luc", r["id"], "th_nam", "41.160", 41160,
    "tonnes; written unambiguously as `41,160.0` in Biểu 01 (l. 447) and `41.160 tấn` in the body (l. 222)")
r["cells"]["mt_nam_sau"] = decide("phu-luc", r["id"], "mt_nam_sau", "40.620", 40620,
    "tonnes; written unambiguously as `40,620.0` in Biểu 01 (l. 447); body: `40.620 tấn` (l. 304)")
r = pl(409)
r["cells"]["kh_nam"] = decide("phu-luc", r["id"], "kh_nam", "500.000", 500000,
    "visitors (Lượt) are whole numbers; Biểu 01 writes `500,000.0` (l. 460)")
r["cells"]["th_nam"] = decide("phu-luc", r["id"], "th_nam", "500.000", 500000,
    "visitors; body: `500.000 lượt khách` (l. 76); Biểu 01 `500,000.0`")
r["cells"]["mt_nam_sau"] = decide("phu-luc", r["id"], "mt_nam_sau", "600.000", 600000,
    "visitors; Biểu 01 writes `600,000.0` (l. 460); body: `600.000 lượt` (l. 308)")
r = pl(425)
r["cells"]["kh_nam"] = decide("phu-luc", r["id"], "kh_nam", "1.320", 1320,
    "number of workers (Người) is a whole number")
r["cells"]["th_nam"] = decide("phu-luc", r["id"], "th_nam", "2.412", 2412,
    "number of workers (Người) is a whole number")
r["cells"]["mt_nam_sau"] = decide("phu-luc", r["id"], "mt_nam_sau", "1.140", 1140,
    "number of workers; body: `Giải quyết việc làm cho 1.140 người` (l. 318)")

# ---------------------------------------------------------------- Biểu 01
fix(440, "(Kèm theo báo cáo số 641-BC/CH/ ngày 05/12/2024 của Huyện ủy Tân Châu)", REPORT_REF,
    "document symbol `641-BC/HU` and issuer `Huyện ủy Tam Đường` (seed l. 3–5); `Tân Châu` is OCR for Tam Đường",
    category="title")
fix(452, "Tỷ lệ gieo phủ rừng", "Tỷ lệ che phủ rừng",
    "`che phủ rừng` (forest cover), as in the Phụ lục (l. 401) and the body (l. 222)")
fix(461, "Đoanh thu", "Doanh thu", "OCR Đ for D; Phụ lục l. 410 prints `Doanh thu từ dịch vụ du lịch`")
fix(463, "Tỷ lệ được, bán có đường", "Tỷ lệ thôn, bản có đường",
    "`thôn, bản` (hamlets, villages): the Phụ lục row with the same values reads `Tỷ lệ thôn, bản được cứng hóa, "
    "có đường xe máy…` (l. 406); `được, bán` is not a phrase")
fix(465, "Tỷ lệ dân số đủ thu được", "Tỷ lệ dân số đô thị được",
    "`đô thị` (urban); identical row in the Phụ lục (l. 427) and the body `dân số thị trấn` (l. 240)")
fix(482, "CHI TIÊU XÂY DỰNG DẶNG", "CHỈ TIÊU XÂY DỰNG ĐẢNG", "lost diacritics (`CHỈ TIÊU`, `ĐẢNG`), cf. `CHỈ TIÊU KINH TẾ` (l. 445)")
fix(483, "hoàn thành các nhiệm vụ trọng tâm", "hoàn thành tốt nhiệm vụ trở lên",
    "garbled like l. 484; the Phụ lục row with the same 2024 result 96.2 reads `Tổ chức cơ sở đảng hoàn thành tốt "
    "nhiệm vụ trở lên` (l. 431) and so does the body (l. 322). Uncertain: the Biểu 01 wording may have differed",
    category="reconstruction")
fix(484, "hoàn thành bổ nhiệm vụ trọng tâm", "hoàn thành tốt nhiệm vụ trở lên",
    "`bổ nhiệm vụ` is not a phrase; the Phụ lục row with the same result 96.1 reads `Đảng viên hoàn thành tốt nhiệm "
    "vụ trở lên` (l. 432)", category="reconstruction")

B01_COLS = ["mt_nq", "kh_nam", "th_nam", "kh_nam_sau", "th_gd", "uoc_th_gd", "ss_th_kh", "ss_gd_nq", "ss_uoc_nq"]
b01 = []
seq = [0]


def b01id():
    seq[0] += 1
    return f"b01-{seq[0]:03d}"


def b01_plain(n, kind="indicator"):
    f = fields(n)
    if len(f) not in (12, 13):
        raise SystemExit(f"line {n}: {len(f)} fields")
    cells = dict(zip(B01_COLS, f[3:12]))
    note = f[12] if len(f) == 13 else ""
    return row(b01id(), kind, f[0], f[1], f[2], cells, note, src=[n])


f = fields(445, 12)
b01.append(row("b01-a", "section", f[0], f[1], src=[445]))
b01.append(b01_plain(446))
# 447–449: values line, group heading, name line shifted one column right.
f447, f448, f449 = fields(447, 12), fields(448, 12), fields(449, 12)
b01.append(row(b01id(), "group", "", f448[1], src=[448]))
vals = f447[5:12]
rid = b01id()
cells = dict(zip(B01_COLS, vals))
cells["mt_nq"] = decide("bieu-01", rid, "mt_nq", "39,500", 39500,
    "tonnes of grain; the body gives 41.160 tấn as `104,2% Nghị quyết` (l. 222), and 41160/39500 = 104.2%")
cells["kh_nam"] = decide("bieu-01", rid, "kh_nam", "41,100", 41100, "tonnes; the Phụ lục plan 41.100 tấn, body `41.160/41.100 tấn` (l. 42)")
cells["th_nam"] = decide("bieu-01", rid, "th_nam", "41,160", 41160, "tonnes; the same figure is written `41,160.0` in this row")
b01.append(row(rid, "indicator", "", f449[2], f449[3], cells, src=[447, 449]))
recon("447–449",
      "l. 447 has only values, starting in the 6th column: `39,500 | 41,100 | 41,160 | 40,620.0 | 41,160.0 | 40,820.0 | 100.1`; "
      "l. 448 is the heading `Các chỉ tiêu nông nghiệp, nông thôn mới`; l. 449 has `Tổng sản lượng lương thực | Tấn` one column "
      "to the right and no values",
      "one group row (l. 448) and one indicator `Tổng sản lượng lương thực` (Tấn) carrying the values of l. 447 in the "
      "first seven value columns: 39,500 = Mục tiêu NQ (41160/39500 = 104.2%, the body's `104,2% Nghị quyết`), 41,100 = KH "
      "2024, 41,160 = TH 2024, 40,620.0 = KH 2025 (body l. 304), 41,160.0 = TH 2021–2024, 40,820.0 = Ước 2021–2025, "
      "100.1 = TH/KH 2024 (41160/41100). The two last ratio columns are not in the seed and are left empty. The group is "
      "put before the indicator (the seed prints the values line first).")
b01.append(b01_plain(450))
r = b01[-1]
r["cells"]["mt_nq"] = decide("bieu-01", r["id"], "mt_nq", "2,200", 2200,
    "hectares of tea; the same row writes `2,202.34`, and TH 2021–2024/NQ = 2222.34/2200 = 101.0 as printed")
b01.append(b01_plain(451, "sub_indicator"))
b01.append(b01_plain(452))
# 453/454: values line and a garbled name line.
f453, f454 = fields(453, 12), fields(454, 12)
b01.append(row(b01id(), "indicator", "", "Tăng trưởng đàn gia súc", f454[2],
               dict(zip(B01_COLS, f453[5:12])), src=[453, 454]))
corrections.append((454, "Trong trường hợp gieo sạ", "Tăng trưởng đàn gia súc", 1,
                    "garbled name (five words for five words); see the reconstruction of l. 453–454", "reconstruction"))
recon("453–454",
      "l. 453 has only values from the 6th column: `5-6 | 7.2 | 7.2 | 6.10 | 6.60 | 6.35 | 100.0`; l. 454 reads "
      "`Trong trường hợp gieo sạ | %` with no values",
      "one indicator. The values are those of livestock growth: the Phụ lục prints `Tăng trưởng dân gia súc | % | 7.2 | "
      "7.2 | 100 | 6.1` (l. 402), the body gives 6,6%/năm for 2021–2024 (l. 222) and 6,1% for 2025 (l. 304). The name "
      "`Trong trường hợp gieo sạ` is an OCR garbling of `Tăng trưởng đàn gia súc` (word for word: Tăng/Trong, "
      "trưởng/trường, đàn/hợp, gia/gieo, súc/sạ), which is the name used here. Values mapped as for l. 447: 5-6 = "
      "Mục tiêu NQ, 7.2 = KH 2024, 7.2 = TH 2024, 6.10 = KH 2025, 6.60 = TH 2021–2024, 6.35 = Ước 2021–2025, 100.0 = "
      "TH/KH 2024; the last two ratio columns are empty in the seed.")
for n in (455,):
    b01.append(b01_plain(n))
b01.append(b01_plain(456, "sub_indicator"))
for n in range(457, 462):
    b01.append(b01_plain(n))
r = next(x for x in b01 if x["_src"] == [460])
r["cells"]["mt_nq"] = decide("bieu-01", r["id"], "mt_nq", "600,000", 600000,
    "visitors (Lượt); the same row writes `600,000.0`")
r["cells"]["kh_nam"] = decide("bieu-01", r["id"], "kh_nam", "500,000", 500000,
    "visitors; the same row writes `500,000.0`")
fix(462, "Hàng tháng nông thôn", "Hạ tầng nông thôn",
    "bold heading over roads, electricity, water, school and clinic buildings: `Hạ tầng nông thôn` (rural "
    "infrastructure); `Hàng tháng` (monthly) makes no sense here. Likely but not attested elsewhere in the seed",
    category="reconstruction")
f = fields(462, 12)
b01.append(row(b01id(), "group", "", f[1], src=[462]))
for n in range(463, 469):
    b01.append(b01_plain(n))
f = fields(469, 12)
b01.append(row("b01-b", "section", f[0], f[1], src=[469]))
b01.append(b01_plain(470, "group"))
# 480–481: group heading merged with its first indicator; second indicator without a name.
f480, f481 = fields(480, 13), fields(481, 13)
b01.append(row(b01id(), "group", f480[0], f480[1], src=[480]))
b01.append(row(b01id(), "indicator", "", "Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom và xử lý", f480[2],
               dict(zip(B01_COLS, f480[3:12])), f480[12], src=[480]))
b01.append(row(b01id(), "indicator", "", "Tỷ lệ số xã được thu gom, xử lý rác thải sinh hoạt", f481[2],
               dict(zip(B01_COLS, f481[3:12])), f481[12], src=[481]))
recon("480–481",
      "l. 480 reads `10 | Môi trường | % | 98.0 | 97.0 | 97.0 | 98.0 | 97.0 | 98.0 | 100.0 | 99.0 | 100`; l. 481 has unit "
      "and values (all 100) but no name. The rows between `Giáo dục` (l. 470) and this one are missing from the seed "
      "(page break, l. 471–479)",
      "`10 Môi trường` is a group heading that absorbed the values of its first indicator. Split into the group row "
      "(STT 10) and two indicators whose names are taken from the Phụ lục rows with the same values: l. 428 `Tỷ lệ chất "
      "thải rắn sinh hoạt đô thị được thu gom và xử lý` (97 → 98; the body: `97%/98% chất thải rắn sinh hoạt đô thị … "
      "đạt 99% Nghị quyết`, l. 240) and l. 429 `Tỷ lệ số xã được thu gom, xử lý rác thải sinh hoạt` (100). The Biểu 01 "
      "wording of these two names is not in the seed and may differ.")
f = fields(482, 13)
b01.append(row("b01-c", "section", f[0], f[1], src=[482]))
for n in range(482, 487):
    f = fields(n, 13)
    vals = f[4:12]
    cells = {"mt_nq": vals[0], "kh_nam": vals[1], "th_nam": vals[2], "th_gd": vals[3], "uoc_th_gd": vals[4],
             "ss_th_kh": vals[5], "ss_gd_nq": vals[6], "ss_uoc_nq": vals[7]}
    b01.append(row(b01id(), "indicator", "", f[2], f[3], cells, f[12], src=[n]))
recon("482–486",
      "l. 482 holds the section `C | CHI TIÊU XÂY DỰNG DẶNG, HỆ THỐNG CHÍNH TRỊ` followed, in the same line, by the "
      "indicator `Kết nạp đảng viên mới | Đảng viên | 70 | 85 | 90 | 81.5 | 81.5 | 105.9 | 116.4 | 116.4`; l. 483–486 "
      "have an empty STT, an empty name cell, then name, unit and eight values",
      "the section row C and five indicators. Each line has eight values for nine columns; the ratios fix the "
      "mapping: `ss_th_kh` = TH 2024/KH 2024 (90/85 = 105.9, 96.2/90 = 106.9, 96.1/90 = 106.8, 100/90 = 111.1, "
      "100/75 = 133.3) and `ss_gd_nq` = `ss_uoc_nq` = TH 2021–2024/Mục tiêu NQ (81.5/70 = 116.4, 93.1/90 = 103.4, …). "
      "So the values are Mục tiêu NQ, KH 2024, TH 2024, TH 2021–2024, Ước 2021–2025 and the three ratios; the "
      "`Kế hoạch năm 2025` column is missing from the seed and left empty (the Phụ lục gives 90 (trên 3% trở lên) and "
      ">90 / >75 for 2025, but that is another table).")

# ---------------------------------------------------------------- Biểu 02
fix(492, "**BIỆU 02:**  ", "BIỂU 02:", "OCR `BIỆU`; markdown bold", category="title")
fix(493, "**TỔNG HỢP TÌNH HÌNH THỰC HIỆN CHỈ TIÊU ĐỀ AN, NGHĨ QUYẾT CỦA**  ",
    "TỔNG HỢP TÌNH HÌNH THỰC HIỆN CHỈ TIÊU ĐỀ ÁN, NGHỊ QUYẾT CỦA", "OCR `ĐỀ AN`, `NGHĨ`; markdown bold", category="title")
fix(494, "**BCH ĐẢNG BỘ TỈNH, BAN THƯỜNG VỤ TỈNH ỦY KỶOẠ XIV, NHIỆM KỲ 2020-2025**  ",
    "BCH ĐẢNG BỘ TỈNH, BAN THƯỜNG VỤ TỈNH ỦY KHÓA XIV, NHIỆM KỲ 2020-2025", "OCR `KỶOẠ` for `KHÓA`; markdown bold",
    category="title")
fix(495, "*(Kèm theo Báo cáo số 641-BC/HC ngày 05/12/2024 của Huyện ủy Tân Dương)*", REPORT_REF,
    "`641-BC/HU` (seed l. 5) and `Tam Đường`; markdown italics", category="title")

b02 = []
seq2 = [0]


def b02id():
    seq2[0] += 1
    return f"b02-{seq2[0]:03d}"


def b02_8(n, kind="indicator", stt=None, rid=None, status_shift=False):
    """An 8-column line: TT | name | unit | chi_tieu | luy_ke | ty_le | danh_gia | note."""
    f = fields(n, 8)
    cells = {"chi_tieu": f[3], "luy_ke": f[4], "ty_le": f[5], "danh_gia": f[6]}
    if status_shift:
        assert f[6] == "" and f[5] in ("Đạt", "Vượt", "Chưa đạt"), (n, f)
        cells["danh_gia"], cells["ty_le"] = f[5], ""
    return row(rid or b02id(), kind, f[0] if stt is None else stt, f[1], f[2], cells, f[7], src=[n])


STATUS_SHIFT_NOTE = ("the assessment word sits in the ratio column and the assessment column is empty: moved to "
                     "`danh_gia` (the line has one cell fewer than the header, shifted left)")

# I, II and the first items (page 1)
fix(498, "1\tNghị quyết 03-NQ/TU", "I\tNghị quyết 03-NQ/TU",
    "Roman numeral of the resolution block read as a digit (the blocks run I, II, III (l. 519), IV…)", category="stt")
fix(499, "2\tNghị quyết 04-NQ/TU", "II\tNghị quyết 04-NQ/TU", "as l. 498: `II` read as `2`", category="stt")
fix(499, "Huyện Tân Dương", "Huyện Tam Đường", "`Tân Dương` is OCR for Tam Đường (the issuing district)", category="name")
fix(500, "Huyện Tân Dương", "Huyện Tam Đường", "as l. 499", category="name")
b02.append(b02_8(498, "section", rid="b02-i"))
b02.append(b02_8(499, "section", rid="b02-ii", status_shift=True))
recon("499", "`Đạt` in the 6th cell (ratio column), 7th cell empty", STATUS_SHIFT_NOTE)
b02.append(b02_8(500, status_shift=True))
recon("500", "`Đạt` in the 6th cell (ratio column), 7th cell empty; its target and result text are identical to "
      "l. 499's", STATUS_SHIFT_NOTE + "; the duplicated text is kept as printed (cannot tell which row it belongs to)")
fix(505, "Sĩ Thiệp Chải, xã Hồ Thấp", "Sì Thâu Chải, xã Hồ Thầu",
    "place names: the body names `bản Sì Thâu Chải` as one of the 02 OCOP tourism products (l. 76) and `Hồ Thầu` "
    "as a commune (l. 44, 54)", category="name")
fix(506, "huyện Lâm Hoàng", "huyện Tam Đường", "district name garbled like `Tân Dương`/`Tân Châu`", category="name")
fix(511, "huyện Tam Dương", "huyện Tam Đường", "district name", category="name")
fix(514, "giao đoạn", "giai đoạn", "OCR; `giai đoạn` throughout the document")
for n in range(505, 515):
    b02.append(b02_8(n))
recon("505", "the name starts in lower case: `sử dụng bản đồ lịch … thành sản phẩm OCOP du lịch`, without STT",
      "the beginning of the row (and its STT) is lost at the page break (l. 501–504); the fragment is kept as the "
      "name, as printed")

# III (l. 519, repeated verbatim as l. 520)
fix(519, "05-NQ/TT", "05-NQ/TU", "document symbol of a provincial Party Committee resolution is `-NQ/TU` (as IV–VI)",
    category="name")
fix(519, "tập trung giải quyết 2023 - 2025", "tập trung giai đoạn 2023 - 2025",
    "`giai đoạn` (period); the year is kept as printed", category="name")
n_so = LINES[519].count("so để an ninh")
fix(519, "so để an ninh", "so đề án", "`so đề án` (compared with the project), OCR garbling repeated in the cell",
    count=n_so)
fix(519, "lưu kế", "lũy kế", "`lũy kế` (cumulative), as the brief's `Lấy kế` for `Lũy kế`", count=3)
fix(519, "Sắn Lai Châu", "Sâm Lai Châu", "product name `Sâm Lai Châu` (l. 50, and Nghị quyết 17 in this table)")
f = fields(519, 6)
stt_name = f[0].split("\n")
assert len(stt_name) == 2, stt_name
b02.append(row("b02-iii", "section", stt_name[0], stt_name[1], "",
               {"chi_tieu": f[1], "luy_ke": f[2]}, src=[519, 520]))
assert LINES[520] != LINES[519]  # 519 was corrected; 520 is the verbatim repeat
recon("519–520",
      "one line of six cells, all wrapped in `<p>`: STT and name in the first cell as two paragraphs, then the "
      "targets, the results, and three cells repeating the column headers (`Lưu kế thực hiện đến hết năm 2024 so với "
      "chỉ tiêu…`, `Đánh giá mức độ thực hiện…`, `Chỉ tiêu`). Line 520 repeats line 519 byte for byte",
      "the section row III with `chi_tieu` and `luy_ke`; the three header fragments are conversion artefacts and are "
      "dropped (the ratio and assessment of this block are not in the seed); l. 520 is the same row printed twice "
      "and is not repeated")

# IV
fix(531, "Ban Hướng vụ", "Ban Thường vụ", "OCR; `Ban Thường vụ` (standing committee)", category="name")
fix(532, "Ban Hướng vụ", "Ban Thường vụ", "as l. 531", category="name")
fix(535, "HONDI-UBND", "HĐND-UBND", "OCR of `HĐND` (People's Council)", category="name")
fix(536, "lãnh đạo HONDI hoặc UBND", "lãnh đạo HĐND hoặc UBND", "as l. 535", category="name")
b02.append(b02_8(523, "section", rid="b02-iv"))
IV = {524: "group", 531: "group", 535: "group", 540: "group", 550: "group"}
for n in list(range(524, 542)) + list(range(546, 558)):
    f = fields(n, 8)
    kind = IV.get(n, "sub_indicator" if f[1].startswith("Trong đó:") else "indicator")
    b02.append(b02_8(n, kind))

# V
b02.append(b02_8(558, "section", rid="b02-v"))
for n in range(559, 562):
    b02.append(b02_8(n))

# VI
fix(565, "I\tTăng triển khai", "1\tTăng triển khai",
    "STT `1` read as `I`: the sub-groups of block VI are numbered 1, 2 (l. 581), 3 (l. 593)", category="stt")
fix(571, "100% LUNDO cấp xã", "100% UBND cấp xã", "OCR of `UBND`", category="name")
b02.append(b02_8(564, "section", rid="b02-vi"))
b02.append(b02_8(565, "group"))
recon("565", "STT `I`, a heading-like name (`… hướng tới Chính quyền số, nâng cao hiệu quả, hiệu lực hoạt động`) "
      "with values `% | 80 | 80 | 100 | Đạt`",
      "the first of the three sub-groups of block VI (1, 2, 3); kept as a group row that carries its values as "
      "printed (the name and values may belong to a lost first indicator; not decidable from the seed)")
for n in list(range(566, 572)) + list(range(576, 581)):
    b02.append(b02_8(n))
b02.append(b02_8(581, "group"))
for n in list(range(582, 588)) + list(range(590, 593)):
    b02.append(b02_8(n))
b02.append(b02_8(593, "group"))
for n in range(594, 605):
    b02.append(b02_8(n))

# VII, VIII
fix(609, "Lấy kế vào", "Lũy kế vào", "`Lũy kế` (cumulative) read as `Lấy kế`", count=2)
b02.append(b02_8(609, "section", rid="b02-vii"))
f610 = fields(610, 8)
b02.append(row("b02-viii", "section", f610[0], f610[1], f610[2], {}, src=[610]))
fix(611, "I\t\t%", "1\t\t%", "STT `1` read as `I` (a numbered item under VIII, followed by items 7 and 8)", category="stt")
f611 = fields(611, 8)
b02.append(row(b02id(), "indicator", f611[0], f610[4], f611[2],
               {"chi_tieu": f611[3], "luy_ke": f611[4], "ty_le": f611[5], "danh_gia": f611[6]}, f611[7],
               src=[610, 611]))
recon("610–611",
      "l. 610 (section VIII) has an italic sentence in the 5th cell: `Đến hết năm 2024, 100% các dân tộc, khu dân cư, "
      "tổ dân phố …`; l. 611 has STT `I`, no name, then `% | 100 | 100 | 100 | Đạt`",
      "the sentence is the name of item 1 (a target statement like items 7 and 8, l. 614–615, and it matches the "
      "100% values), shifted up into the section row: it becomes the name of the indicator of l. 611")
b02.append(b02_8(614, status_shift=True))
b02.append(b02_8(615, status_shift=True))
recon("614–615", "`Đạt` / `Vượt` in the 6th cell, 7th empty; no ratio", STATUS_SHIFT_NOTE)

# IX
fix(616, "17-NQ/TH", "17-NQ/TU", "document symbol `-NQ/TU`", category="name")
fix(616, "Sản Lái Châu", "Sâm Lai Châu", "`Sâm Lai Châu` (Lai Châu ginseng): body l. 50 `Sâm Lai Châu 17,18 ha`, "
    "which is the 17.18 ha of l. 618", category="name")
fix(618, "Sản Lái Châu", "Sâm Lai Châu", "as l. 616", category="name")
fix(619, "Sản Lái Châu", "Sâm Lai Châu", "as l. 616", category="name")
fix(625, "Sản Lũy Châm", "Sâm Lai Châu", "as l. 616", count=2, category="name")
fix(625, "OCCOP", "OCOP", "OCR doubling")
fix(625, "(Đê An)", "(Đề án)", "lost tone marks (`Đề án`, project)")
b02.append(b02_8(616, "section", rid="b02-ix"))


def ix(n, chi, luy, ty, dg, kind="bullet"):
    f = fields(n)
    return row(b02id(), kind, f[0], f[1], "", {"chi_tieu": chi, "luy_ke": luy, "ty_le": ty, "danh_gia": dg}, src=[n])


f = fields(617, 8)
b02.append(ix(617, f[2], f[3], f[4], f[5]))
f = fields(618, 8)
assert f[4] == f[3]
b02.append(ix(618, f[2], f[3], f[5], f[6]))
f = fields(619, 8)
assert f[4] == f[3]
b02.append(ix(619, f[2], f[3], f[5], f[6]))
f = fields(620, 8)
assert f[4] == f[3] == f[5]
b02.append(ix(620, f[2], f[3], f[5], f[6]))
f625 = fields(625, 7)
b02.append(ix(625, f625[2], f625[4], "", f625[5]))
recon("617–620, 625",
      "the bullets of block IX carry their target in the unit column (`2`, `Đến 2030: 700 ha; đến 2025: 1.000 ha`, "
      "`100%`, `Đến 2030: 05 sản phẩm`, `1` — each the number stated in the bullet's own text), and the result text is "
      "repeated two or three times in the following cells",
      "targets go to `chi_tieu`, results to `luy_ke`; the unit is empty. l. 617 (`2 | Đạt 100% NQ | Đạt 100% NQ | Đạt`) "
      "is read as chi_tieu 2, luy_ke and ty_le `Đạt 100% NQ`, danh_gia `Đạt`. In l. 618–620, which have one cell more, "
      "the first verbatim repeat of the result is dropped as a conversion duplicate and the next cell is the ratio "
      "(l. 618: `Mục tiêu đến 2025: 17.18/20 ha, đạt 85,9%; …`; l. 619: `Chưa đạt`; l. 620: the result text a third "
      "time), then the assessment. l. 620 has no STT and starts mid-sentence (`Châu năm 2030 …`): the start of the "
      "bullet is lost at the page break; kept as printed. l. 625: its 4th cell is the first target of Nghị quyết 18 "
      "(drug control) and moves to block X (below)")

# X (l. 625–632) and XI (l. 635–636)
f626, f627, f628 = fields(626, 7), fields(627, 7), fields(628, 7)
res = [fields(n, 7) for n in range(629, 633)]
assert f626[4] == res[0][4] + "\n" + res[1][4] and f628[4] == res[2][4]
b02.append(row("b02-x", "section", f627[0], f627[1], "", {"luy_ke": f627[4], "danh_gia": f627[5]}, src=[627]))
targets = [f625[3], f626[3], f627[3], f628[3]]
for k in range(4):
    b02.append(row(b02id(), "indicator", "", "", "",
                   {"chi_tieu": targets[k], "luy_ke": res[k][4], "danh_gia": res[k][5]},
                   src=[[625, 626, 627, 628][k], 629 + k]))
fix_re(635, r"đất (\d)", r"đạt \1", "đất N%", "đạt N%",
       "`đạt` (reached) before a percentage, e.g. `đất 21,7% nhiệm vụ Đề án`; `đất` (land) makes no sense there", 10)
f635, f636 = fields(635, 8), fields(636, 8)
b02.append(row(b02id(), "indicator", "", "", "", {"chi_tieu": f635[2]}, src=[635]))
recon("625–632",
      "eight lines (7-column page, no ratio column) mix the end of block IX and block X (Nghị quyết 18, drug "
      "control): the targets (1)–(4) of Nghị quyết 18 sit in the target column of l. 625, 626, 627 (the section line "
      "X) and 628; the results (1)+(2) in l. 626, a long detailed result `(1) Giảm thiểu số vụ 57 vụ …` in l. 627, "
      "result (3) in l. 628, and l. 629–632 list results (1)–(4) again, one per line, each with `Đạt`",
      "section X keeps its own line's result paragraph and `Đạt`; four indicator rows (no STT or name were printed) "
      "pair target (k) with result (k) from l. 629–632 and their `Đạt`. The result paragraphs of l. 626 and 628 are "
      "verbatim copies of l. 629–631 and are not repeated. Result (4) (l. 632) is word for word the text of target "
      "(4); kept as printed")
b02.append(row("b02-xi", "section", f636[0], f636[1], "",
               {"chi_tieu": f636[2], "luy_ke": f635[3], "ty_le": f635[4], "danh_gia": f635[5]}, src=[635, 636]))
recon("635–636",
      "l. 635 has no STT or name: a target `(1) PHỤ HỘP KẾH XỐP CHỊU 100% … có chứa chất ma túy …` in the unit "
      "column, then results by production area (`- Vùng Mắc ca … - Vùng Chè …`), the ratio statements `(1) Đầu tư … "
      "đạt 0% so NQ …` and `Đạt`; l. 636 is section XI (Đề án 04-ĐA/TU, infrastructure of production areas) with its "
      "targets `(1) Đầu tư … 20,3 km … (2) … (3) …` in the unit column and nothing else",
      "the results, ratio statements and `Đạt` of l. 635 belong to section XI (they answer its targets (1)–(3)), so "
      "section XI gets chi_tieu from l. 636 and luy_ke, ty_le, danh_gia from l. 635. The drug-crop target of l. 635 "
      "(heavily garbled, about crops containing narcotics) belongs to Nghị quyết 18 and is kept as a fifth "
      "indicator of block X with only its target; its placement is a best guess")

# XII, XIII
fix(641, "XIII\tĐề án số 06-ĐXA/TT", "XII\tĐề án số 06-ĐA/TU",
    "the block after XI is XII (l. 642 is XIII); `ĐA/TU` is the symbol of a provincial Đề án (cf. `04-ĐA/TU`, l. 636)",
    category="stt")
fix(642, "07-ĐXA/TT", "07-ĐA/TU", "as l. 641", category="name")
fix(643, "I\tCác cấp ủy", "1\tCác cấp ủy", "STT `1` read as `I` (followed by 2, 3, 4, 5)", category="stt")
fix(654, "NHTTQ", "MTTQ", "OCR of `MTTQ` (Fatherland Front)", category="name")
b02.append(b02_8(641, "section", rid="b02-xii"))
b02.append(b02_8(642, "section", rid="b02-xiii"))
for n in (643, 646, 647, 648, 649, 654, 655, 656):
    b02.append(b02_8(n))

# ---------------------------------------------------------------- output
for r in pl_rows + b01 + b02:
    for k, v in list(r.items()):
        if isinstance(v, str) and "<" in v:
            raise SystemExit(f"markup left in {r['id']}.{k}")

titles = {
    "phu-luc": [clean(LINES[390].strip().strip("*"), 390), LINES[392]],
    "bieu-01": [LINES[439].strip().strip("*").strip(), LINES[440]],
    "bieu-02": [LINES[492], LINES[493], LINES[494], LINES[495]],
}


def strip_src(rows):
    return [{k: v for k, v in r.items() if k != "_src"} for r in rows]


report = {
    "format": "bieu/1",
    "issuer": "Huyện ủy Tam Đường",
    "number": "641-BC/HU",
    "date": "2024-12-05",
    "period": {"kind": "year", "year": 2024},
    "term": {"start": 2020, "end": 2025},
    "title": "Báo cáo tình hình thực hiện nhiệm vụ chính trị năm 2024, nhiệm vụ trọng tâm năm 2025",
    "tables": [
        {"id": "phu-luc", "template": "phu-luc", "title": titles["phu-luc"], "rows": strip_src(pl_rows)},
        {"id": "bieu-01", "template": "bieu-01", "title": titles["bieu-01"], "rows": strip_src(b01)},
        {"id": "bieu-02", "template": "bieu-02", "title": titles["bieu-02"], "rows": strip_src(b02)},
    ],
}
with open(OUT_JSON, "w", encoding="utf-8") as fh:
    json.dump(report, fh, ensure_ascii=False, indent=2)
    fh.write("\n")

notes = {
    "corrections": corrections,
    "reconstructions": reconstructions,
    "decisions": decisions,
    "markup_lines": sorted(markup_lines),
    "rowmap": {t: [(r["id"], r["kind"], r.get("stt", ""), r["_src"], r.get("name", "")) for r in rows]
               for t, rows in (("phu-luc", pl_rows), ("bieu-01", b01), ("bieu-02", b02))},
}
with open(OUT_NOTES, "w", encoding="utf-8") as fh:
    json.dump(notes, fh, ensure_ascii=False, indent=1)
print({t: len(v) for t, v in notes["rowmap"].items()})
