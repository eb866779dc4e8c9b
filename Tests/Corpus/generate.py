#!/usr/bin/env python3
"""Writes the XLSX reader corpus: one logical annex table written by several
real writers (openpyxl, xlsxwriter, LibreOffice headless) and by hand-built
zips for variants real tools produce, plus ``expected.json`` describing what
a correct reader must see in every file.

Usage: generate.py OUTDIR

Fails (exit status 1, message on stderr) when python3 packages openpyxl or
xlsxwriter or the ``soffice`` program are missing: the Swift corpus tests
must fail, not skip, in that case.
"""

import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

try:
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    import xlsxwriter
except ImportError as exc:  # pragma: no cover - reported to the Swift test
    sys.stderr.write(f"corpus generator: missing Python package: {exc}\n")
    sys.exit(1)

NFD_NAME = unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo")
assert NFD_NAME != "Tỷ lệ hộ nghèo"
TITLE = "BIỂU 01: KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU NĂM 2024"
HEADERS = ["STT", "Chỉ tiêu", "Đơn vị tính", "KH năm 2024", "Thực hiện năm 2024", "So sánh TH/KH (%)", "Ghi chú"]
REPORT_DATE = datetime.date(2024, 12, 5)
SERIAL_1900 = 45631  # 2024-12-05
SERIAL_1904 = SERIAL_1900 - 1462


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# The logical content of sheet "Biểu 01": ref -> (kind, value, format, formula, cached)
# kind: s (text), n (number), d (date), b (boolean), f (formula; cached = (type, value)).
def main_cells():
    c = {}
    c["A1"] = ("s", TITLE, None)
    for i, h in enumerate(HEADERS):
        c[col_letter(i) + "2"] = ("s", h, None)
    c["H2"] = ("s", "Cột ẩn", None)
    c["A3"] = ("s", "A", None)
    c["B3"] = ("s", "CHỈ TIÊU KINH TẾ", None)
    c["A4"] = ("n", 1, None)
    c["B4"] = ("s", "Thu nhập bình quân đầu người/năm", None)
    c["C4"] = ("s", "Triệu đồng", None)
    c["D4"] = ("n", 40000, "#,##0")
    c["E4"] = ("n", 41000.5, "#,##0.0")
    c["F4"] = ("f", "E4/D4", "0.0%", ("number", "1.0250125"))
    c["G4"] = ("s", "Vượt", None)
    c["H4"] = ("n", 99, None)
    c["A5"] = ("n", 2, None)
    c["B5"] = ("s", NFD_NAME, None)
    c["C5"] = ("s", "%", None)
    c["D5"] = ("n", 0.0625, "0.00%")
    c["E5"] = ("n", 0.03125, "0.00%")
    c["F5"] = ("f", "E5/D5", "0.0%", ("number", "0.5"))
    c["G5"] = ("s", "Chưa đạt", None)
    c["A6"] = ("n", 3, None)
    c["B6"] = ("s", "Ngày báo cáo", None)
    c["C6"] = ("d", REPORT_DATE, "dd/mm/yyyy")
    c["D6"] = ("b", True, None)
    c["E6"] = ("f", "1/0", None, ("error", "#DIV/0!"))
    c["F6"] = ("s", 'A & B <5> "x" \'y\'', None)
    c["G6"] = ("s", "16/19", None)
    c["A7"] = ("s", "Dòng ẩn", None)
    c["A8"] = ("s", "Ghi chú: số liệu ước tính", None)
    c["B8"] = ("s", "Dòng 1\nDòng 2", None)
    return c


HIDDEN_SHEET = ("Ẩn", "hidden", {"A1": ("s", "Bảng phụ", None), "A2": ("n", 42, None)})
VERY_HIDDEN_SHEET = ("Rất ẩn", "veryHidden", {"A1": ("s", "Dữ liệu ẩn", None)})
MERGES = ["A1:G1"]
HIDDEN_ROWS = [7]
HIDDEN_COLUMNS = ["H"]


def num_literal(v):
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    r = repr(v)
    return r[:-2] if r.endswith(".0") else r


def expected_cell(ref, spec, writer, date1904=False):
    kind = spec[0]
    fmt = spec[2]
    out = {"ref": ref}
    if kind == "s":
        out.update(type="string", value=unicodedata.normalize("NFC", spec[1]))
    elif kind == "n":
        out.update(type="number", value=num_literal(spec[1]))
    elif kind == "b":
        out.update(type="boolean", value="true" if spec[1] else "false")
    elif kind == "e":
        out.update(type="error", value=spec[1])
    elif kind == "d":
        out.update(type="date", value=str(SERIAL_1904 if date1904 else SERIAL_1900), date1904=date1904)
    elif kind == "f":
        out["formula"] = spec[1]
        if writer == "openpyxl":
            out.update(type="formula-without-value", value="")
        else:
            out.update(type=spec[3][0], value=spec[3][1])
    out["format"] = fmt
    return out


def expected_sheet(name, state, cells, writer, merges=(), hidden_rows=(), hidden_columns=(), date1904=False):
    return {
        "name": name,
        "state": state,
        "cells": [expected_cell(r, s, writer, date1904) for r, s in sorted(cells.items(), key=lambda kv: ref_key(kv[0]))],
        "merges": list(merges),
        "hiddenRows": list(hidden_rows),
        "hiddenColumns": list(hidden_columns),
    }


def ref_key(ref):
    letters = "".join(ch for ch in ref if ch.isalpha())
    digits = int("".join(ch for ch in ref if ch.isdigit()))
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return (digits, col)


def expected_workbook(writer, date1904=False, defined_names=None):
    return {
        "writer": writer,
        "date1904": date1904,
        "sheets": [
            expected_sheet("Biểu 01", "visible", main_cells(), writer, MERGES, HIDDEN_ROWS, HIDDEN_COLUMNS, date1904),
            expected_sheet(HIDDEN_SHEET[0], HIDDEN_SHEET[1], HIDDEN_SHEET[2], writer),
            expected_sheet(VERY_HIDDEN_SHEET[0], VERY_HIDDEN_SHEET[1], VERY_HIDDEN_SHEET[2], writer),
        ],
        "definedNames": defined_names if defined_names is not None else {"bieu.template": '"bieu-01"'},
    }


# ---------------------------------------------------------------- real writers

def write_openpyxl(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    for ref, spec in main_cells().items():
        kind, value, fmt = spec[0], spec[1], spec[2]
        cell = ws[ref]
        if kind == "f":
            cell.value = "=" + value
        else:
            cell.value = value
        if fmt:
            cell.number_format = fmt
    ws.merge_cells(MERGES[0])
    ws.row_dimensions[7].hidden = True
    ws.column_dimensions["H"].hidden = True
    for name, state, cells in (HIDDEN_SHEET, VERY_HIDDEN_SHEET):
        s = wb.create_sheet(name)
        s.sheet_state = state
        for ref, spec in cells.items():
            s[ref] = spec[1]
    wb.defined_names["bieu.template"] = DefinedName("bieu.template", attr_text='"bieu-01"')
    wb.save(path)


def write_xlsxwriter(path, constant_memory=False):
    wb = xlsxwriter.Workbook(path, {"constant_memory": constant_memory})
    ws = wb.add_worksheet("Biểu 01")
    formats = {}

    def fmt(code):
        if code is None:
            return None
        if code not in formats:
            formats[code] = wb.add_format({"num_format": code})
        return formats[code]

    cells = main_cells()
    # Row options first: constant_memory mode ignores them once a row is written.
    ws.set_row(6, None, None, {"hidden": True})
    # Rows in order (constant_memory needs it); the merge is written with its row.
    for ref, spec in sorted(cells.items(), key=lambda kv: ref_key(kv[0])):
        kind, value, code = spec[0], spec[1], spec[2]
        if ref == "A1":
            ws.merge_range(MERGES[0], value, None)
            continue
        if kind == "s":
            ws.write_string(ref, value, fmt(code))
        elif kind == "n":
            ws.write_number(ref, value, fmt(code))
        elif kind == "b":
            ws.write_boolean(ref, value, fmt(code))
        elif kind == "d":
            ws.write_datetime(ref, datetime.datetime.combine(value, datetime.time()), fmt(code))
        elif kind == "f":
            cached = spec[3][1]
            ws.write_formula(ref, "=" + value, fmt(code), float(cached) if spec[3][0] == "number" else cached)
    ws.set_column("H:H", None, None, {"hidden": True})
    for name, state, cells2 in (HIDDEN_SHEET, VERY_HIDDEN_SHEET):
        s = wb.add_worksheet(name)
        if state == "hidden":
            s.hide()
        else:
            s.very_hidden()
        for ref, spec in sorted(cells2.items(), key=lambda kv: ref_key(kv[0])):
            s.write(ref, spec[1])
    wb.define_name("bieu.template", '="bieu-01"')
    wb.close()


def soffice_convert(src, fmt, outdir, profile):
    """Runs LibreOffice headless in its own process group and profile, then kills the group."""
    os.makedirs(outdir, exist_ok=True)
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", outdir, src]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=180)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    base = os.path.splitext(os.path.basename(src))[0]
    ext = fmt.split(":")[0]
    result = os.path.join(outdir, base + "." + ext)
    if proc.returncode != 0 or not os.path.exists(result):
        raise RuntimeError(f"soffice failed to convert {src} to {fmt}: {out!r} {err!r}")
    return result


# ---------------------------------------------------------------- hand-built zips

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def esc(s, attr=False):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attr:
        s = s.replace('"', "&quot;")
    return s


def x_escape(s):
    """OOXML ST_Xstring escaping: control characters as _xHHHH_, and a literal
    `_xHHHH_` protected by escaping its underscore as _x005F_."""
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "_" and len(s) - i >= 7 and s[i + 1] == "x" and all(c in "0123456789abcdefABCDEF" for c in s[i + 2:i + 6]) and s[i + 6] == "_":
            out.append("_x005F_")
        elif ord(ch) < 0x20 and ch not in "\n":
            out.append("_x%04X_" % ord(ch))
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def handbuilt(path, *, inline=False, no_refs=False, prefix="", strict=False, date1904=False,
              rich=False, shuffle_parts=False, shared_formulas=False, extra_cells=None, no_cached=False):
    """Writes the logical content as raw XML with the chosen variant features."""
    main_ns = STRICT_MAIN_NS if strict else MAIN_NS
    rel_ns = STRICT_REL_NS if strict else REL_NS
    p = prefix + ":" if prefix else ""
    xmlns = f'xmlns:{prefix}="{main_ns}"' if prefix else f'xmlns="{main_ns}"'
    strings = []
    index = {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    # Styles: 0 General, then one xf per distinct format code.
    codes = []
    for spec in main_cells().values():
        if spec[2] and spec[2] not in codes:
            codes.append(spec[2])
    builtin = {"0.00%": 10, "#,##0": 3}
    numfmts = []
    xf_ids = [0]
    style_of = {}
    next_id = 164
    for code in codes:
        if code in builtin:
            fid = builtin[code]
        else:
            fid = next_id
            next_id += 1
            numfmts.append((fid, code))
        style_of[code] = len(xf_ids)
        xf_ids.append(fid)
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><{p}styleSheet {xmlns}>'
              + (f'<{p}numFmts count="{len(numfmts)}">' + "".join(
                  f'<{p}numFmt numFmtId="{i}" formatCode="{esc(c, True)}"/>' for i, c in numfmts) + f"</{p}numFmts>")
              + f'<{p}fonts count="1"><{p}font/></{p}fonts><{p}fills count="1"><{p}fill/></{p}fills>'
              + f'<{p}borders count="1"><{p}border/></{p}borders><{p}cellStyleXfs count="1"><{p}xf numFmtId="0"/></{p}cellStyleXfs>'
              + f'<{p}cellXfs count="{len(xf_ids)}">' + "".join(f'<{p}xf numFmtId="{i}" applyNumberFormat="1"/>' for i in xf_ids)
              + f"</{p}cellXfs></{p}styleSheet>")

    def sheet_xml(cells, merges=(), hidden_rows=(), hidden_cols=()):
        rows = {}
        for ref, spec in cells.items():
            r, c = ref_key(ref)
            rows.setdefault(r, []).append((c, ref, spec))
        out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {xmlns}>']
        if hidden_cols:
            out.append(f"<{p}cols>")
            for letters in hidden_cols:
                n = ref_key(letters + "1")[1]
                out.append(f'<{p}col min="{n}" max="{n}" width="0" hidden="1"/>')
            out.append(f"</{p}cols>")
        out.append(f"<{p}sheetData>")
        prev_row = 0
        shared_master = None
        for r in sorted(rows):
            # Without references, gaps are kept with empty rows/cells.
            if no_refs:
                while prev_row + 1 < r:
                    prev_row += 1
                    out.append(f"<{p}row/>")
            hidden = ' hidden="1"' if r in hidden_rows else ""
            rattr = "" if no_refs else f' r="{r}"'
            out.append(f"<{p}row{rattr}{hidden}>")
            prev_col = 0
            for c, ref, spec in sorted(rows[r]):
                if no_refs:
                    while prev_col + 1 < c:
                        prev_col += 1
                        out.append(f"<{p}c/>")
                prev_col = c
                cattr = "" if no_refs else f' r="{ref}"'
                kind, value, code = spec[0], spec[1], spec[2]
                s = f' s="{style_of[code]}"' if code else ""
                if kind == "s":
                    text = value
                    if inline:
                        body = f"<{p}is>{run_xml(text, p, rich)}</{p}is>"
                        out.append(f'<{p}c{cattr}{s} t="inlineStr">{body}</{p}c>')
                    else:
                        out.append(f'<{p}c{cattr}{s} t="s"><{p}v>{sst(text)}</{p}v></{p}c>')
                elif kind == "n":
                    out.append(f"<{p}c{cattr}{s}><{p}v>{num_literal(value)}</{p}v></{p}c>")
                elif kind == "b":
                    out.append(f'<{p}c{cattr}{s} t="b"><{p}v>{1 if value else 0}</{p}v></{p}c>')
                elif kind == "e":
                    out.append(f'<{p}c{cattr}{s} t="e"><{p}v>{esc(value)}</{p}v></{p}c>')
                elif kind == "d":
                    serial = SERIAL_1904 if date1904 else SERIAL_1900
                    out.append(f"<{p}c{cattr}{s}><{p}v>{serial}</{p}v></{p}c>")
                elif kind == "f":
                    ctype, cached = spec[3]
                    t = ' t="e"' if ctype == "error" else ""
                    ftext = esc(value)
                    if shared_formulas and ref in ("F4", "F5"):
                        if ref == "F4":
                            f = f'<{p}f t="shared" ref="F4:F5" si="0">{ftext}</{p}f>'
                        else:
                            f = f'<{p}f t="shared" si="0"/>'
                    else:
                        f = f"<{p}f>{ftext}</{p}f>"
                    v = "" if no_cached else f"<{p}v>{esc(cached)}</{p}v>"
                    out.append(f"<{p}c{cattr}{s}{'' if no_cached else t}>{f}{v}</{p}c>")
            out.append(f"</{p}row>")
            prev_row = r
        out.append(f"</{p}sheetData>")
        if merges:
            out.append(f'<{p}mergeCells count="{len(merges)}">' + "".join(f'<{p}mergeCell ref="{m}"/>' for m in merges) + f"</{p}mergeCells>")
        out.append(f"</{p}worksheet>")
        return "".join(out)

    cells = dict(main_cells())
    if extra_cells:
        cells.update(extra_cells)
    sheets = [("Biểu 01", "visible", sheet_xml(cells, MERGES, HIDDEN_ROWS, HIDDEN_COLUMNS)),
              (HIDDEN_SHEET[0], HIDDEN_SHEET[1], sheet_xml(HIDDEN_SHEET[2])),
              (VERY_HIDDEN_SHEET[0], VERY_HIDDEN_SHEET[1], sheet_xml(VERY_HIDDEN_SHEET[2]))]
    # Part names: in order, or shuffled so that tab order differs from file names.
    part_names = ["sheet1.xml", "sheet2.xml", "sheet3.xml"]
    if shuffle_parts:
        part_names = ["sheet3.xml", "data/zzz.xml", "sheet1.xml"]
    rels = [f'<Relationship Id="rId{9 - i}" Type="{rel_ns}/worksheet" Target="worksheets/{part_names[i]}"/>' for i in range(3)]
    rels.append(f'<Relationship Id="rIdStyles" Type="{rel_ns}/styles" Target="/xl/styles.xml"/>')
    if strings:
        rels.append(f'<Relationship Id="rIdStrings" Type="{rel_ns}/sharedStrings" Target="sharedStrings.xml"/>')
    wb_pr = f'<{p}workbookPr date1904="1"/>' if date1904 else f"<{p}workbookPr/>"
    sheet_list = "".join(
        f'<{p}sheet name="{esc(name, True)}" sheetId="{i + 1}"' + ("" if state == "visible" else f' state="{state}"') + f' r:id="rId{9 - i}"/>'
        for i, (name, state, _) in enumerate(sheets))
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><{p}workbook {xmlns} xmlns:r="{rel_ns}">{wb_pr}'
                f"<{p}sheets>{sheet_list}</{p}sheets><{p}definedNames>"
                f'<{p}definedName name="bieu.template">&quot;bieu-01&quot;</{p}definedName></{p}definedNames></{p}workbook>')
    sst_xml = None
    if strings:
        items = "".join(f"<{p}si>{run_xml(t, p, rich)}</{p}si>" for t in strings)
        sst_xml = f'<?xml version="1.0" encoding="UTF-8"?><{p}sst {xmlns} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</{p}sst>'
    content_types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    root_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
                 f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">' + "".join(rels) + "</Relationships>")
        z.writestr("xl/styles.xml", styles)
        if sst_xml:
            z.writestr("xl/sharedStrings.xml", sst_xml)
        for (name, state, xml), part in zip(sheets, part_names):
            z.writestr("xl/worksheets/" + part, xml)


def run_xml(text, p, rich):
    """A string item: plain <t>, or (rich) split into two runs plus a phonetic run that readers must ignore."""
    def t(s):
        space = ' xml:space="preserve"' if s != s.strip() or "\n" in s else ""
        return f"<{p}t{space}>{esc(x_escape(s))}</{p}t>"
    if rich and len(text) > 3:
        half = len(text) // 2
        return (f"<{p}r><{p}rPr><{p}b/><{p}sz val=\"11\"/></{p}rPr>{t(text[:half])}</{p}r><{p}r>{t(text[half:])}</{p}r>"
                f'<{p}rPh sb="0" eb="1"><{p}t>フリガナ</{p}t></{p}rPh><{p}phoneticPr fontId="0" type="noConversion"/>')
    return t(text)


# ---------------------------------------------------------------- driver

def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: generate.py OUTDIR\n")
        return 2
    out = os.path.abspath(sys.argv[1])
    os.makedirs(out, exist_ok=True)
    if shutil.which("soffice") is None:
        sys.stderr.write("corpus generator: LibreOffice 'soffice' is not on PATH\n")
        return 1
    expected = {}

    write_openpyxl(os.path.join(out, "openpyxl.xlsx"))
    expected["openpyxl.xlsx"] = expected_workbook("openpyxl")
    write_xlsxwriter(os.path.join(out, "xlsxwriter.xlsx"))
    expected["xlsxwriter.xlsx"] = expected_workbook("xlsxwriter")
    write_xlsxwriter(os.path.join(out, "xlsxwriter-inline.xlsx"), constant_memory=True)
    expected["xlsxwriter-inline.xlsx"] = expected_workbook("xlsxwriter")

    profile = tempfile.mkdtemp(prefix="lo-bieu-corpus-")
    work = tempfile.mkdtemp(prefix="bieu-corpus-lo-")
    try:
        resaved = soffice_convert(os.path.join(out, "xlsxwriter.xlsx"), "xlsx:Calc MS Excel 2007 XML", work, profile)
        shutil.move(resaved, os.path.join(out, "libreoffice-resave.xlsx"))
        expected["libreoffice-resave.xlsx"] = libreoffice_expected()
        ods = soffice_convert(os.path.join(out, "openpyxl.xlsx"), "ods", work, profile)
        ods_in = os.path.join(work, "from-ods.ods")
        shutil.move(ods, ods_in)
        converted = soffice_convert(ods_in, "xlsx:Calc MS Excel 2007 XML", os.path.join(work, "x"), profile)
        shutil.move(converted, os.path.join(out, "libreoffice-from-ods.xlsx"))
        expected["libreoffice-from-ods.xlsx"] = libreoffice_expected()
        # The .ods itself, renamed: the reader must say it is an OpenDocument file.
        shutil.copy(ods_in, os.path.join(out, "ods-renamed.xlsx"))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)

    variants = {
        "hand-shared.xlsx": {},
        "hand-inline.xlsx": {"inline": True},
        "hand-no-refs.xlsx": {"no_refs": True},
        "hand-x-prefix.xlsx": {"prefix": "x"},
        "hand-strict.xlsx": {"strict": True, "prefix": "s"},
        "hand-1904.xlsx": {"date1904": True},
        "hand-rich-phonetic.xlsx": {"rich": True},
        "hand-rich-inline.xlsx": {"rich": True, "inline": True},
        "hand-sheet-order.xlsx": {"shuffle_parts": True},
        "hand-shared-formulas.xlsx": {"shared_formulas": True},
        "hand-no-cached-values.xlsx": {"no_cached": True},
        "hand-error-values.xlsx": {"extra_cells": {
            "B11": ("e", "#N/A", None),                 # error values without a formula
            "C11": ("e", "#REF!", None),
            "D11": ("e", "#VALUE!", None),
            "E11": ("e", "#DIV/0!", "0.0%"),
        }},
        "hand-x-escapes.xlsx": {"extra_cells": {
            "B10": ("s", "Mã_x0041_ gốc", None),       # literal _x0041_ written as _x005F_x0041_
            "C10": ("s", "Tab\there", None),            # control character written as _x0009_
            "D10": ("s", "Cột_x_y", None),              # underscores that are no escape
        }},
    }
    for name, opts in variants.items():
        handbuilt(os.path.join(out, name), **opts)
        wb = expected_workbook("openpyxl" if opts.get("no_cached") else "hand", date1904=opts.get("date1904", False))
        if opts.get("extra_cells"):
            cells = dict(main_cells())
            cells.update(opts["extra_cells"])
            wb["sheets"][0] = expected_sheet("Biểu 01", "visible", cells, "hand", MERGES, HIDDEN_ROWS, HIDDEN_COLUMNS)
        expected[name] = wb

    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"files": expected, "odsRenamed": "ods-renamed.xlsx"}, f, ensure_ascii=False, indent=1, sort_keys=True)
    return 0


def libreoffice_expected():
    """What LibreOffice (7.4) changes when it saves the same content, measured
    on its output (documented in docs/READER.md):
    - a boolean is saved as the formula TRUE() with its cached value;
    - a very hidden sheet is saved as merely hidden.
    Everything else (values, formats, merges, hidden rows/columns, names) is
    the same as the other writers'."""
    wb = expected_workbook("libreoffice")
    for sheet in wb["sheets"]:
        if sheet["state"] == "veryHidden":
            sheet["state"] = "hidden"
        for cell in sheet["cells"]:
            if cell["type"] == "boolean":
                cell["formula"] = "TRUE()" if cell["value"] == "true" else "FALSE()"
    return wb

if __name__ == "__main__":
    sys.exit(main())
