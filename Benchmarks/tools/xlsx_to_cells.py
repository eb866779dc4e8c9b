#!/usr/bin/env python3
"""Turn a workbook written by `bieu export` into the peers' input: a cell stream.

    python3 xlsx_to_cells.py IN.xlsx OUT.cells

The XLSX-export peers (the plain C program on libxlsxwriter, Python xlsxwriter,
openpyxl) read this file and write the same workbook bieu wrote: the same
sheets, cells (strings, numbers, blanks with borders, formulas with cached
results), formats, merges, row heights, column widths, print setup and document
properties. They do no interpretation, no layout and no arithmetic: everything
bieu computed (row heights from text metrics, split rows, formulas and their
cached values, number formats that keep the text as written, the hidden id
column and `_bieu` metadata sheet) is already in the stream. That is the fair
lower bound of "writing the same workbook" — what the file costs to write, and
nothing else.

Format: UTF-8, one record per line, fields separated by TAB. In text fields
`\\`, TAB, LF and CR are written `\\\\`, `\\t`, `\\n`, `\\r`. Rows and columns are
0-based. `fmt` is a format id from an `F` record, -1 for none.

    P key value                     document property: title subject author company comments keywords
    U name value                    custom document property (text)
    F id font size bold italic halign valign wrap left right top bottom numfmt
                                    a cell format; halign/valign '-' for default; border 0/1 (thin); numfmt '' for General
    S name                          a new worksheet; the records below apply to it
    A                               this sheet is the active one
    Z                               this sheet is hidden
    C first last width hidden       column widths (Excel character units)
    M r1 c1 r2 c2 fmt text          a merged range with its text
    H row height                    row height in points
    s row col fmt text              a string cell
    n row col fmt number            a number cell
    b row col fmt                   a blank cell with a format
    f row col fmt formula kind cached
                                    a formula with its cached result; kind 'n' (number) or 's' (text)
    O landscape|portrait            page orientation
    Q paper                         paper size index (9 = A4)
    G left right top bottom         margins in inches
    R first last                    rows repeated at the top of each printed page
    T width height                  fit to pages (0 = as many as needed)
    Y row col                       freeze panes
    K                               centre horizontally on the page
    V footer                        page footer (Excel header/footer codes)
"""
import io
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
BUILTIN_FORMATS = {0: "", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 49: "@"}


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def cell_ref(ref):
    m = re.match(r"([A-Z]+)([0-9]+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + (ord(ch) - 64)
    return int(m.group(2)) - 1, col - 1


def user_width(xml_width):
    """libxlsxwriter stores int((pixels/7)*256)/256 with pixels = int(w*7 + 0.5) + 5; invert it."""
    pixels = round(xml_width * 7)
    return max(pixels - 5, 0) / 7


def text_of(si):
    return "".join(t.text or "" for t in si.iter(NS + "t"))


def main():
    src, dst = sys.argv[1], sys.argv[2]
    z = zipfile.ZipFile(src)
    out = open(dst, "w", encoding="utf-8", newline="\n")
    w = out.write

    # Document properties.
    core = ET.fromstring(z.read("docProps/core.xml"))
    dc = "{http://purl.org/dc/elements/1.1/}"
    cp = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    for key, tag in (("title", dc + "title"), ("subject", dc + "subject"), ("author", dc + "creator"),
                     ("keywords", cp + "keywords"), ("comments", dc + "description")):
        e = core.find(tag)
        if e is not None and e.text:
            w(f"P\t{key}\t{esc(e.text)}\n")
    app = ET.fromstring(z.read("docProps/app.xml"))
    company = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company")
    if company is not None and company.text:
        w(f"P\tcompany\t{esc(company.text)}\n")
    if "docProps/custom.xml" in z.namelist():
        custom = ET.fromstring(z.read("docProps/custom.xml"))
        for p in custom:
            value = "".join(p.itertext())
            w(f"U\t{esc(p.get('name'))}\t{esc(value)}\n")

    # Formats.
    styles = ET.fromstring(z.read("xl/styles.xml"))
    numfmts = dict(BUILTIN_FORMATS)
    for nf in styles.iter(NS + "numFmt"):
        numfmts[int(nf.get("numFmtId"))] = nf.get("formatCode")
    fonts = []
    for f in styles.find(NS + "fonts"):
        name = f.find(NS + "name").get("val")
        size = f.find(NS + "sz").get("val")
        fonts.append((name, size, int(f.find(NS + "b") is not None), int(f.find(NS + "i") is not None)))
    borders = []
    for b in styles.find(NS + "borders"):
        borders.append(tuple(int((b.find(NS + side) is not None) and b.find(NS + side).get("style") == "thin")
                             for side in ("left", "right", "top", "bottom")))
    for i, xf in enumerate(styles.find(NS + "cellXfs")):
        if i == 0:
            continue
        font = fonts[int(xf.get("fontId", "0"))]
        border = borders[int(xf.get("borderId", "0"))]
        al = xf.find(NS + "alignment")
        halign = al.get("horizontal", "-") if al is not None else "-"
        valign = al.get("vertical", "-") if al is not None else "-"
        wrap = int(al is not None and al.get("wrapText") == "1")
        numfmt = numfmts[int(xf.get("numFmtId", "0"))]
        w("F\t%d\t%s\t%s\t%d\t%d\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n" % (
            i, esc(font[0]), font[1], font[2], font[3], halign, valign, wrap, *border, esc(numfmt)))

    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for _, si in ET.iterparse(z.open("xl/sharedStrings.xml")):
            if si.tag == NS + "si":
                strings.append(text_of(si))
                si.clear()

    # Sheets, in workbook order.
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    titles = {}
    for dn in wb.iter(NS + "definedName"):
        if dn.get("name") == "_xlnm.Print_Titles":
            m = re.search(r"\$(\d+):\$(\d+)$", dn.text)
            titles[int(dn.get("localSheetId"))] = (int(m.group(1)) - 1, int(m.group(2)) - 1)
    for index, sheet in enumerate(wb.iter(NS + "sheet")):
        path = "xl/" + targets[sheet.get(RNS + "id")].lstrip("/").removeprefix("xl/")
        data = z.read(path)
        w(f"S\t{esc(sheet.get('name'))}\n")
        if sheet.get("state") == "hidden":
            w("Z\n")
        merges = {}
        covered = set()
        for ref in re.findall(rb'<mergeCell ref="([A-Z0-9]+:[A-Z0-9]+)"', data):
            a, b = ref.decode().split(":")
            r1, c1 = cell_ref(a)
            r2, c2 = cell_ref(b)
            merges[(r1, c1)] = (r2, c2)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        covered.add((r, c))
        tail = []
        for event, e in ET.iterparse(io.BytesIO(data), events=("start", "end")):
            tag = e.tag
            if event == "start":
                if tag == NS + "row" and e.get("customHeight") == "1":
                    # Row height first, so a streaming writer can apply it before the row's cells.
                    w(f"H\t{int(e.get('r')) - 1}\t{e.get('ht')}\n")
                continue
            if tag == NS + "row":
                e.clear()
            elif tag == NS + "c":
                r, c = cell_ref(e.get("r"))
                fmt = int(e.get("s", "0")) or -1
                if (r, c) in covered:
                    continue
                t = e.get("t")
                v = e.find(NS + "v")
                f = e.find(NS + "f")
                if f is not None:
                    cached = v.text if v is not None and v.text is not None else ""
                    kind = "s" if t == "str" else "n"
                    w(f"f\t{r}\t{c}\t{fmt}\t{esc(f.text)}\t{kind}\t{esc(cached)}\n")
                    continue
                if t == "s":
                    text = strings[int(v.text)]
                elif t == "inlineStr":
                    text = text_of(e)
                else:
                    text = None
                if (r, c) in merges:
                    r2, c2 = merges[(r, c)]
                    w(f"M\t{r}\t{c}\t{r2}\t{c2}\t{fmt}\t{esc(text or '')}\n")
                elif text is not None:
                    w(f"s\t{r}\t{c}\t{fmt}\t{esc(text)}\n")
                elif v is not None:
                    w(f"n\t{r}\t{c}\t{fmt}\t{v.text}\n")
                else:
                    w(f"b\t{r}\t{c}\t{fmt}\n")
            elif tag == NS + "sheetView":
                if e.get("tabSelected") == "1":
                    tail.append("A\n")
                pane = e.find(NS + "pane")
                if pane is not None and pane.get("state") == "frozen":
                    tail.append("Y\t%d\t%d\n" % (int(float(pane.get("ySplit", "0"))), int(float(pane.get("xSplit", "0")))))
            elif tag == NS + "col":
                tail.append("C\t%d\t%d\t%s\t%d\n" % (int(e.get("min")) - 1, int(e.get("max")) - 1,
                                                     repr(user_width(float(e.get("width")))), int(e.get("hidden") == "1")))
            elif tag == NS + "printOptions" and e.get("horizontalCentered") == "1":
                tail.append("K\n")
            elif tag == NS + "pageMargins":
                tail.append("G\t%s\t%s\t%s\t%s\n" % (e.get("left"), e.get("right"), e.get("top"), e.get("bottom")))
            elif tag == NS + "pageSetup":
                if e.get("orientation"):
                    tail.append(f"O\t{e.get('orientation')}\n")
                if e.get("paperSize"):
                    tail.append(f"Q\t{e.get('paperSize')}\n")
                tail.append("T\t%s\t%s\n" % (e.get("fitToWidth", "1"), e.get("fitToHeight", "1")))
            elif tag == NS + "oddFooter":
                tail.append(f"V\t{esc(e.text or '')}\n")
        if index in titles:
            tail.append("R\t%d\t%d\n" % titles[index])
        if b"fitToPage=\"1\"" not in data:
            tail = [t for t in tail if not t.startswith("T\t")]
        for t in tail:
            w(t)
    out.close()


if __name__ == "__main__":
    main()
