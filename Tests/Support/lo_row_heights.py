#!/usr/bin/python3
"""Ask LibreOffice whether any row of a workbook is too short for its text.

Usage: /usr/bin/python3 lo_row_heights.py FILE.xlsx PROFILE_DIR
Starts soffice headless (own profile, own pipe), loads FILE, and for every used
row of every visible sheet compares the row's height as written with the height
LibreOffice itself computes as optimal for the row's contents (OptimalHeight).
Prints JSON: {"rows": [[sheet, row1, written_mm, optimal_mm], ...]} for every row.
Needs Debian's python3-uno (run with /usr/bin/python3).
"""
import json, os, subprocess, sys, time, uuid
import uno
from com.sun.star.beans import PropertyValue

path, profile = sys.argv[1], sys.argv[2]
pipe = "bieu" + uuid.uuid4().hex
proc = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore",
                         "--invisible", "--accept=pipe,name=%s;urp;" % pipe], start_new_session=True,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(240):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.25)
    if ctx is None:
        raise SystemExit("could not connect to LibreOffice")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue(); hidden.Name = "Hidden"; hidden.Value = True
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (hidden,))
    out = []
    sheets = doc.Sheets
    for i in range(sheets.Count):
        sheet = sheets.getByIndex(i)
        if not sheet.IsVisible:
            continue
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last = cursor.RangeAddress.EndRow
        rows = sheet.Rows
        for r in range(last + 1):
            row = rows.getByIndex(r)
            written = row.Height
            row.OptimalHeight = True
            optimal = row.Height
            out.append([sheet.Name, r + 1, written / 100.0, optimal / 100.0])
    doc.close(True)
    print(json.dumps({"rows": out}, ensure_ascii=False))
finally:
    try:
        os.killpg(proc.pid, 9)
    except Exception:
        pass
