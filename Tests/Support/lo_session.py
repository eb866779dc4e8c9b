"""A headless LibreOffice of its own for one test script (shared by the lo_*.py checks).

    with lo_session.open_document(path, profile) as doc:
        ...   # a com.sun.star document, loaded hidden

Starts soffice with its own profile and its own pipe, connects through UNO
(waiting up to a minute for it to start), loads the document hidden, and on
leaving closes it and kills soffice's whole process group.
Needs Debian's python3-uno (run with /usr/bin/python3).
"""
import contextlib, os, subprocess, time, uuid
import uno
from com.sun.star.beans import PropertyValue


@contextlib.contextmanager
def open_document(path, profile):
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
        try:
            yield doc
        finally:
            doc.close(True)
    finally:
        try:
            os.killpg(proc.pid, 9)
        except Exception:
            pass
