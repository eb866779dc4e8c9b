#!/usr/bin/env python3
"""bieu benchmark harness: whole-process times and peak memory of bieu and its peers.

Run it through `Benchmarks/run.sh` (which builds bieu in release mode and the C
peer first); `run.sh --help` lists the options. See Benchmarks/README.md.

Every measurement is one whole process, started and reaped by the small
launcher tools/measure.c (posix_spawn + wait4): wall time from just before the
start to the reap (CLOCK_MONOTONIC), CPU time (user + system) and peak
resident set size (ru_maxrss) from the child's rusage — what
`/usr/bin/time -f "%e %U %S %M"` reports, with sub-millisecond wall resolution.
The tools of one group are run interleaved (round robin, starting with a
different tool each round), so the load of the shared machine weighs on all of
them alike; ratios are taken between medians of the same group.
"""
import argparse
import datetime
import hashlib
import importlib.metadata
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import zipfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, "work")
DATA = os.path.join(WORK, "data")
OUT = os.path.join(WORK, "out")
LOGS = os.path.join(WORK, "logs")
BIN = os.path.join(WORK, "bin")
PEERS = os.path.join(BENCH, "peers")
TOOLS = os.path.join(BENCH, "tools")
PY = sys.executable
EXAMPLE = os.path.join(ROOT, "Examples", "tam-duong-2024.json")
# The generated data breaks the templates' declared rules on purpose (as real reports do): bieu imports
# it with --force, writes the JSON and exits 2 (errors in the file, written anyway).
FORCED = (0, 2)
BEGIN, END = "<!-- BEGIN MEASURED (written by Benchmarks/harness.py) -->", "<!-- END MEASURED -->"


# ---------------------------------------------------------------- measuring

class Run:
    __slots__ = ("wall", "cpu", "rss_kb", "status")

    def __init__(self, wall, cpu, rss_kb, status):
        self.wall, self.cpu, self.rss_kb, self.status = wall, cpu, rss_kb, status


def run_once(argv, log_base):
    """Runs one process through the small `measure` launcher (tools/measure.c): its
    stdout and stderr go to files, so a full pipe never stalls the child, and the
    peak-memory figure is not inflated by this Python process (see measure.c)."""
    r = subprocess.run([os.path.join(BIN, "measure"), log_base + ".out", log_base + ".err"] + argv,
                       capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        sys.exit(f"measure failed: {r.stderr.strip()}")
    status, wall, cpu, rss = r.stdout.split()
    return Run(float(wall), float(cpu), int(rss), int(status))


class Case:
    def __init__(self, key, label, argv, ok_status=(0,), note=""):
        self.key, self.label, self.argv, self.ok_status, self.note = key, label, argv, ok_status, note
        self.runs = []
        self.failed = None
        self.planned = 0

    def median(self, attr):
        vals = [getattr(r, attr) for r in self.runs]
        return statistics.median(vals) if vals else None

    def spread(self):
        walls = [r.wall for r in self.runs]
        return (min(walls), max(walls)) if walls else (None, None)

    def to_json(self):
        return {"key": self.key, "label": self.label, "command": shlex.join(self.argv), "note": self.note,
                "failed": self.failed, "runs": [[r.wall, r.cpu, r.rss_kb] for r in self.runs]}


def tail(path, n=600):
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(size - n, 0))
            return f.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""


def measure(group, cases, opts):
    """Warm-up, then interleaved measured runs. A run that takes longer than
    --long seconds is not repeated for warm-up: its first run counts, and the
    case gets --long-runs measured runs instead of --runs."""
    load_before = os.getloadavg()
    print(f"\n== {group}  (load {load_before[0]:.2f})", flush=True)
    for c in cases:
        log = os.path.join(LOGS, f"{slug(group)}-{c.key}")
        r = run_once(c.argv, log)
        if r.status not in c.ok_status:
            c.failed = f"exit status {r.status}: {tail(log + '.err') or tail(log + '.out')}"
            print(f"   {c.label}: FAILED ({c.failed[:300]})", flush=True)
            continue
        if r.wall > opts.long:
            c.runs.append(r)
            c.planned = opts.long_runs
        else:
            c.planned = opts.runs
        print(f"   {c.label}: first run {fmt_time(r.wall)}", flush=True)
    rounds = max((c.planned for c in cases), default=0)
    for i in range(rounds):
        order = cases[i % len(cases):] + cases[:i % len(cases)]
        for c in order:
            if c.failed or len(c.runs) >= c.planned:
                continue
            r = run_once(c.argv, os.path.join(LOGS, f"{slug(group)}-{c.key}"))
            if r.status not in c.ok_status:
                c.failed = f"exit status {r.status} on a later run"
                continue
            c.runs.append(r)
    load_after = os.getloadavg()
    for c in cases:
        if not c.failed:
            lo, hi = c.spread()
            print(f"   {c.label}: median {fmt_time(c.median('wall'))} (min {fmt_time(lo)}, max {fmt_time(hi)}, "
                  f"n={len(c.runs)}), cpu {fmt_time(c.median('cpu'))}, peak {c.median('rss_kb') / 1024:.1f} MiB", flush=True)
    return {"group": group, "cases": cases, "load": (load_before, load_after)}


def slug(s):
    return "".join(ch if ch.isalnum() else "-" for ch in s.lower()).strip("-")[:60]


def fmt_time(s):
    if s is None:
        return "—"
    if s < 1:
        return f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


# ---------------------------------------------------------------- data

def sha(path, extra=b""):
    h = hashlib.sha256(extra)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def stamp_ok(path, key):
    return os.path.exists(path) and os.path.exists(path + ".stamp") and open(path + ".stamp").read() == key


def write_stamp(path, key):
    with open(path + ".stamp", "w") as f:
        f.write(key)


def check(argv, what):
    r = subprocess.run(argv, cwd=ROOT, capture_output=True)
    if r.returncode != 0:
        sys.exit(f"{what} failed ({r.returncode}): {shlex.join(argv)}\n{r.stderr.decode(errors='replace')[-2000:]}")
    return r


def dataset(rows, bieu):
    """Generated input (bare strings) and canonical JSON (`bieu normalize`), cached by the generator's hash."""
    gen = os.path.join(TOOLS, "generate.py")
    key = f"{sha(gen)}-{rows}"
    raw = os.path.join(DATA, f"bieu01-{rows}.in.json")
    canonical = os.path.join(DATA, f"bieu01-{rows}.json")
    if not stamp_ok(canonical, key):
        print(f"-- generating {rows} rows", flush=True)
        check([PY, gen, str(rows), raw], "generator")
        check([bieu, "normalize", raw, "-o", canonical], "bieu normalize")
        write_stamp(canonical, key)
    return canonical


def zip_key(path):
    """What a workbook holds, without its timestamps: names, CRCs and sizes of its parts but docProps/core.xml."""
    with zipfile.ZipFile(path) as z:
        parts = sorted((i.filename, i.CRC, i.file_size) for i in z.infolist() if i.filename != "docProps/core.xml")
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def reference_xlsx(name, export_argv):
    """bieu's own export of a data set, and the peers' cell stream extracted from it (cached by content)."""
    xlsx = os.path.join(DATA, f"{name}.xlsx")
    cells = os.path.join(DATA, f"{name}.cells")
    check(export_argv + ["-o", xlsx], "bieu export (reference)")
    key = zip_key(xlsx)
    if not stamp_ok(cells, key):
        print(f"-- extracting the peers' cell stream from {os.path.basename(xlsx)}", flush=True)
        check([PY, os.path.join(TOOLS, "xlsx_to_cells.py"), xlsx, cells], "xlsx_to_cells")
        write_stamp(cells, key)
    return xlsx, cells


MISSING = {}  # Python module -> why it could not be imported (printed once, noted in RESULTS.md)


def peer_available(module):
    """Whether a Python peer's module imports; a peer that will not install is skipped with a printed note."""
    if module not in MISSING:
        r = subprocess.run([PY, "-c", f"import {module}"], capture_output=True, text=True)
        MISSING[module] = None if r.returncode == 0 else (r.stderr.strip().splitlines() or ["import failed"])[-1]
        if MISSING[module]:
            print(f"   (skipped: the peer module {module} is not available: {MISSING[module]})", flush=True)
    return MISSING[module] is None


def csv_export_available(bieu, canonical):
    probe = os.path.join(OUT, "probe.csv")
    r = subprocess.run([bieu, "export", canonical, "--format", "csv", "-o", probe], cwd=ROOT, capture_output=True)
    return r.returncode == 0 and os.path.exists(probe), r.stderr.decode(errors="replace").strip()


# ---------------------------------------------------------------- sections

def export_section(size, canonical, bieu, opts, results):
    xlsx, cells = reference_xlsx(f"bieu01-{size}", [bieu, "export", canonical])
    c = [
        Case("bieu", "bieu export", [bieu, "export", canonical, "-o", os.path.join(OUT, f"bieu-{size}.xlsx")]),
        Case("c", "C libxlsxwriter", [os.path.join(BIN, "cells2xlsx"), cells, os.path.join(OUT, f"c-{size}.xlsx")]),
        Case("c-cm", "C libxlsxwriter, constant_memory", [os.path.join(BIN, "cells2xlsx"), "-c", cells,
                                                           os.path.join(OUT, f"ccm-{size}.xlsx")],
             note="reference for memory only: inline strings, rows flushed as written"),
    ]
    if peer_available("rustpy_xlsxwriter"):
        c.append(Case("rust", "rust_xlsxwriter (rustpy-xlsxwriter)",
                      [PY, os.path.join(PEERS, "cells2xlsx_rust.py"), cells, os.path.join(OUT, f"rust-{size}.xlsx")],
                      note="writes less than bieu: the cells' values, column widths and row heights; no cell "
                           "formats, merges or print set-up (its API has none below the header row)"))
    if (size <= opts.slow_peers_max or opts.all) and peer_available("pyexcelerate"):
        c.append(Case("pyexcelerate", "pyexcelerate",
                      [PY, os.path.join(PEERS, "cells2xlsx_pyexcelerate.py"), cells, os.path.join(OUT, f"pxl-{size}.xlsx")],
                      note="cells with formats, merges, row heights and column widths; no formulas (cached values "
                           "instead), print set-up, hidden parts or properties"))
    if size <= opts.slow_peers_max or opts.all:
        c.append(Case("xlsxwriter", "Python xlsxwriter", [PY, os.path.join(PEERS, "cells2xlsx_xlsxwriter.py"), cells,
                                                           os.path.join(OUT, f"xw-{size}.xlsx")]))
        c.append(Case("openpyxl", "openpyxl", [PY, os.path.join(PEERS, "cells2xlsx_openpyxl.py"), cells,
                                               os.path.join(OUT, f"opx-{size}.xlsx")]))
    results.append(measure(f"XLSX export, {size:,} rows", c, opts))
    if size <= 100:
        # The peers must write what bieu wrote: compare the C and xlsxwriter outputs with bieu's.
        for key, out in (("c", f"c-{size}.xlsx"), ("xlsxwriter", f"xw-{size}.xlsx")):
            r = subprocess.run([PY, os.path.join(TOOLS, "same_workbook.py"), xlsx, os.path.join(OUT, out)],
                               capture_output=True, text=True)
            results[-1].setdefault("checks", []).append(f"{key} vs bieu: {r.stdout.strip().splitlines()[0] if r.stdout else r.stderr.strip()}")
    return xlsx


def import_section(size, xlsx, canonical, bieu, opts, results):
    c = [
        Case("bieu", "bieu import", [bieu, "import", xlsx, "--force", "-o", os.path.join(OUT, f"import-{size}.json")], ok_status=FORCED),
        Case("bieu-reader", "bieu inspect (reader only)", [bieu, "inspect", xlsx],
             note="the XLSX reader alone (no table location, mapping, validation or output), for context"),
        Case("calamine", "python-calamine", [PY, os.path.join(PEERS, "read_xlsx.py"), "calamine", xlsx]),
        Case("pandas", "pandas (calamine engine)", [PY, os.path.join(PEERS, "read_xlsx.py"), "pandas", xlsx]),
    ]
    for engine, module, label in (("fastexcel", "fastexcel", "fastexcel"), ("polars", "polars", "polars (calamine engine)")):
        if peer_available(module):
            c.append(Case(engine, label, [PY, os.path.join(PEERS, "read_xlsx.py"), engine, xlsx]))
            c.append(Case(engine + "-json", label + " → JSON",
                          [PY, os.path.join(PEERS, "read_xlsx.py"), engine, xlsx, "--json",
                           os.path.join(OUT, f"{engine}-{size}.json")],
                          note="reads the workbook and writes what it read as JSON (rows of values per sheet): "
                               "no table location, interpretation or validation"))
    if size <= opts.slow_peers_max or opts.all:
        c.insert(4, Case("openpyxl", "openpyxl (read-only)", [PY, os.path.join(PEERS, "read_xlsx.py"), "openpyxl", xlsx]))
    res = measure(f"XLSX import, {size:,} rows", c, opts)
    results.append(res)
    if size <= opts.roundtrip_check_max and not c[0].failed:
        same = json.load(open(os.path.join(OUT, f"import-{size}.json"), encoding="utf-8")) == \
            json.load(open(canonical, encoding="utf-8"))
        res.setdefault("checks", []).append(f"bieu import gives back the exported JSON: {'yes' if same else 'NO'}")


def csv_section(size, canonical, bieu, opts, results):
    available, why = csv_export_available(bieu, canonical)
    peer_csv = os.path.join(OUT, f"py-{size}.csv")
    c = [Case("python", "Python json + csv", [PY, os.path.join(PEERS, "json2csv.py"), canonical, peer_csv])]
    if peer_available("polars"):
        c.append(Case("polars", "polars (json.load + write_csv)",
                      [PY, os.path.join(PEERS, "csv_polars.py"), "export", canonical, os.path.join(OUT, f"pl-{size}.csv")]))
    if available:
        c.insert(0, Case("bieu", "bieu export --format csv",
                         [bieu, "export", canonical, "--format", "csv", "-o", os.path.join(OUT, f"bieu-{size}.csv")]))
    res = measure(f"CSV export, {size:,} rows", c, opts)
    if not available:
        res["pending"] = f"`bieu export --format csv` is not available in this build ({why}); only the peer was timed."
    results.append(res)
    # Import: bieu's own CSV when it can write one, else the peer's (same layout as the XLSX grid).
    source = os.path.join(OUT, f"bieu-{size}.csv") if available else peer_csv
    csv_in = os.path.join(DATA, f"bieu01-{size}.csv")
    shutil.copyfile(source, csv_in)
    c = [
        Case("bieu", "bieu import (CSV)", [bieu, "import", csv_in, "--template", "bieu-01", "--force", "-o",
                                           os.path.join(OUT, f"import-csv-{size}.json")], ok_status=FORCED),
        Case("python", "Python csv + interpret + json", [PY, os.path.join(PEERS, "csv2json.py"), csv_in,
                                                         os.path.join(OUT, f"py-import-{size}.json")]),
    ]
    if peer_available("polars"):
        c.append(Case("polars", "polars (read_csv + write_json)",
                      [PY, os.path.join(PEERS, "csv_polars.py"), "import", csv_in, os.path.join(OUT, f"pl-import-{size}.json")],
                      note="no value interpretation: every cell as a string"))
    res = measure(f"CSV import, {size:,} rows", c, opts)
    res["input"] = "bieu's CSV export" if available else "the CSV written by the Python peer (json2csv.py)"
    results.append(res)


def typical_section(bieu, opts, results):
    runs = argparse.Namespace(**vars(opts))
    runs.runs = opts.typical_runs
    gen60 = dataset(60, bieu)
    ex_xlsx = os.path.join(OUT, "typical-example-bieu01.xlsx")
    all_xlsx = os.path.join(OUT, "typical-example-all.xlsx")
    g_xlsx = os.path.join(OUT, "typical-60.xlsx")
    _, cells60 = reference_xlsx("bieu01-60", [bieu, "export", gen60])
    c = [
        Case("ex-b01", "bieu export: Tam Đường Biểu 01 (33 rows)",
             [bieu, "export", EXAMPLE, "--table", "bieu-01", "-o", ex_xlsx]),
        Case("ex-all", "bieu export: Tam Đường, 3 tables (184 rows)", [bieu, "export", EXAMPLE, "-o", all_xlsx]),
        Case("g60", "bieu export: generated Biểu 01, 60 rows", [bieu, "export", gen60, "-o", g_xlsx]),
        Case("c60", "C libxlsxwriter: the same 60-row workbook",
             [os.path.join(BIN, "cells2xlsx"), cells60, os.path.join(OUT, "typical-c60.xlsx")]),
    ]
    results.append(measure("Typical annex: export (XLSX)", c, runs))
    c = [
        Case("ex-b01", "bieu import: Tam Đường Biểu 01", [bieu, "import", ex_xlsx, "-o", os.path.join(OUT, "ti-1.json")]),
        Case("ex-all", "bieu import: Tam Đường, 3 tables", [bieu, "import", all_xlsx, "-o", os.path.join(OUT, "ti-2.json")]),
        Case("g60", "bieu import: generated Biểu 01, 60 rows", [bieu, "import", g_xlsx, "--force", "-o", os.path.join(OUT, "ti-3.json")], ok_status=FORCED),
        Case("cal60", "python-calamine: read the 60-row workbook", [PY, os.path.join(PEERS, "read_xlsx.py"), "calamine", g_xlsx]),
        Case("true", "(floor) /bin/true", ["/bin/true"], note="process start-up and measurement overhead"),
    ]
    results.append(measure("Typical annex: import (XLSX)", c, runs))


# ---------------------------------------------------------------- report

def machine(bieu):
    def out(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"
    cpu = next((l.split(":", 1)[1].strip() for l in out(["lscpu"]).splitlines() if l.startswith("Model name")), "?")
    mem = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
    osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), "?")

    def ver(pkg):
        try:
            return importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"
    commit = out(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"])
    dirty = " (with uncommitted changes)" if out(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"]) else ""
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical CPUs",
        "Memory": f"{int(mem) / 1024 / 1024:.1f} GiB",
        "OS": f"{osname}, Linux {platform.release()}",
        "Swift": out(["swift", "--version"]).splitlines()[0] if out(["swift", "--version"]) else "?",
        "Python": platform.python_version(),
        "libxlsxwriter (C)": out(["dpkg-query", "-W", "-f=${Version}", "libxlsxwriter-dev"]),
        "Python packages": ", ".join(f"{p} {ver(p)}" for p in ("xlsxwriter", "openpyxl", "python-calamine", "pandas",
                                                                     "fastexcel", "polars", "rustpy-xlsxwriter", "pyexcelerate")),
        "C compiler": out(["cc", "--version"]).splitlines()[0] if out(["cc", "--version"]) else "?",
        "bieu": f"{os.path.relpath(bieu, ROOT)} (release), commit {commit}{dirty}",
    }


def ratio(a, b):
    return a / b if a and b else None


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}×"


def table(res):
    cases = res["cases"]
    bieu = next((c for c in cases if c.key == "bieu" and not c.failed), None)
    lines = ["| tool | wall median | min – max | CPU median | peak RSS | bieu ÷ tool (wall) | bieu ÷ tool (CPU) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for c in cases:
        if c.failed:
            lines.append(f"| {c.label} | failed: {c.failed[:200].replace('|', '/')} | | | | | |")
            continue
        lo, hi = c.spread()
        rw = ratio(bieu.median("wall"), c.median("wall")) if bieu and c is not bieu else None
        rc = ratio(bieu.median("cpu"), c.median("cpu")) if bieu and c is not bieu else None
        lines.append(f"| {c.label} | {fmt_time(c.median('wall'))} | {fmt_time(lo)} – {fmt_time(hi)} | "
                     f"{fmt_time(c.median('cpu'))} | {c.median('rss_kb') / 1024:.1f} MiB | {fmt_ratio(rw)} | {fmt_ratio(rc)} |")
    lb, la = res["load"]
    notes = [f"runs: {', '.join(f'{c.key} {len(c.runs)}' for c in cases if not c.failed)}; "
             f"load average {lb[0]:.2f} before, {la[0]:.2f} after."]
    for c in cases:
        if c.note:
            notes.append(f"{c.label}: {c.note}.")
    if res.get("input"):
        notes.append(f"Input: {res['input']}.")
    if res.get("pending"):
        notes.append("**Pending:** " + res["pending"])
    for chk in res.get("checks", []):
        notes.append("Check: " + chk)
    return "\n".join(lines) + "\n\n" + "".join(f"- {n}\n" for n in notes)


def find(results, group_prefix, key):
    for res in results:
        if res["group"].startswith(group_prefix):
            for c in res["cases"]:
                if c.key == key and not c.failed and c.runs:
                    return c
    return None


def targets(results, sizes):
    """The targets of issue 13, each as measured in this run (ratios of medians of one group)."""
    big = max(sizes)
    rows = ["| target | measured | met? |", "|---|---|---|"]

    def line(name, value, ok):
        rows.append(f"| {name} | {value} | {'met' if ok else 'missed' if ok is not None else 'not measured'} |")

    def versus(group, peer, limit, name, strict=False):
        b, p = find(results, group, "bieu"), find(results, group, peer)
        r = ratio(b and b.median("wall"), p and p.median("wall"))
        rc = ratio(b and b.median("cpu"), p and p.median("cpu"))
        ok = None if r is None else (r < limit if strict else r <= limit)
        line(name, f"{fmt_ratio(r)} wall, {fmt_ratio(rc)} CPU" if r else "—", ok)

    for size in sorted(sizes):
        g = f"XLSX import, {size:,} rows"
        versus(g, "calamine", 1.0, f"XLSX import ≤ 1.0× python-calamine reading into Python values ({size:,} rows)")
        versus(g, "fastexcel-json", 1.0, f"XLSX import ahead of fastexcel reading + writing JSON ({size:,} rows)", True)
        versus(g, "polars-json", 1.0, f"XLSX import ahead of polars reading + writing JSON ({size:,} rows)", True)
    for size in sorted(sizes):
        g = f"XLSX export, {size:,} rows"
        versus(g, "c", 1.3, f"XLSX export ≤ 1.3× the C program ({size:,} rows)")
        versus(g, "rust", 1.0, f"XLSX export ahead of rust_xlsxwriter ({size:,} rows)", True)
    for kind in ("export", "import"):
        for size in sorted(sizes):
            versus(f"CSV {kind}, {size:,} rows", "polars", 1.0, f"CSV {kind} ahead of polars ({size:,} rows)", True)
    for group, label in ((f"XLSX export, {big:,} rows", "XLSX export"), (f"XLSX import, {big:,} rows", "XLSX import"),
                         (f"CSV import, {big:,} rows", "CSV import"), (f"CSV export, {big:,} rows", "CSV export")):
        c = find(results, group, "bieu")
        mib = c.median("rss_kb") / 1024 if c else None
        line(f"peak memory ≤ 64 MB, {label} of {big:,} rows", f"{mib:.0f} MiB" if c else "—",
             (mib * 1.048576 <= 64) if c else None)
    # Reported, no longer a target (issue 13 retired the 20 ms goal).
    for group, key, what in (("Typical annex: export", "ex-b01", "export, Tam Đường Biểu 01"),
                             ("Typical annex: import", "ex-b01", "import, Tam Đường Biểu 01")):
        c = find(results, group, key)
        rows.append(f"| typical annex {what} (whole process; reported, not a target) | "
                    f"{fmt_time(c.median('wall')) if c else '—'} | — |")
    if any(MISSING.values()):
        rows.append("")
        rows.extend(f"Peer not measured: `{m}` would not import ({why})." for m, why in MISSING.items() if why)
    return "\n".join(rows) + "\n"


def write_results(path, results, info, command, started, sizes, elapsed):
    parts = [BEGIN, "",
             f"Measured {started:%Y-%m-%d %H:%M} UTC in {elapsed / 60:.1f} min with:", "",
             "```sh", command, "```", "",
             "| machine | |", "|---|---|"]
    parts += [f"| {k} | {v} |" for k, v in info.items()]
    parts += ["", "### Targets", "", targets(results, sizes)]
    for res in results:
        parts += [f"### {res['group']}", "", table(res)]
    parts += [END]
    block = "\n".join(parts) + "\n"
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if BEGIN in old and END in old:
        new = old[:old.index(BEGIN)] + block.rstrip("\n") + old[old.index(END) + len(END):]
    else:
        new = "# Benchmark results\n\n" + block + old
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


# ---------------------------------------------------------------- main

def render_only(opts):
    with open(os.path.join(WORK, "last-results.json"), encoding="utf-8") as f:
        last = json.load(f)
    results = []
    for g in last["groups"]:
        cases = []
        for cj in g["cases"]:
            c = Case(cj["key"], cj["label"], shlex.split(cj["command"]), note=cj.get("note", ""))
            c.failed = cj.get("failed")
            c.runs = [Run(w, cpu, rss, 0) for w, cpu, rss in cj["runs"]]
            cases.append(c)
        results.append({**{k: v for k, v in g.items() if k != "cases"}, "cases": cases})
    started = datetime.datetime.fromisoformat(last["started"])
    write_results(opts.results, results, last["machine"], last["command"], started, last["sizes"], last["elapsed"])
    print(f"Wrote {os.path.relpath(opts.results, ROOT)} from the last run.")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="sizes 100 and 10,000; 3 runs; typical annex 10 runs")
    ap.add_argument("--sizes", help="comma-separated row counts (default 100,10000,200000)")
    ap.add_argument("--sections", default="export,import,csv,typical", help="any of export,import,csv,typical")
    ap.add_argument("--runs", type=int, default=5, help="measured runs per tool after a warm-up (default 5)")
    ap.add_argument("--typical-runs", type=int, default=20, help="runs for the typical-annex section (default 20)")
    ap.add_argument("--long", type=float, default=10.0,
                    help="a first run longer than this many seconds counts as measured, no warm-up (default 10)")
    ap.add_argument("--long-runs", type=int, default=3, help="measured runs for such long cases (default 3)")
    ap.add_argument("--slow-peers-max", type=int, default=10000,
                    help="largest size at which the slow peers run: Python xlsxwriter and openpyxl writing, openpyxl "
                         "reading (default 10000; at 200,000 rows they need minutes per run)")
    ap.add_argument("--all", action="store_true", help="run every peer at every size")
    ap.add_argument("--roundtrip-check-max", type=int, default=10000, help="largest size whose import is compared with its source")
    ap.add_argument("--bieu", default=os.path.join(ROOT, ".build", "release", "bieu"))
    ap.add_argument("--results", default=os.path.join(BENCH, "RESULTS.md"), help="file to write (default Benchmarks/RESULTS.md)")
    ap.add_argument("--render-only", action="store_true",
                    help="rewrite RESULTS.md from the last run (work/last-results.json) without measuring")
    ap.add_argument("--command", default=None, help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.render_only:
        return render_only(opts)
    if opts.quick:
        opts.runs = min(opts.runs, 3)
        opts.typical_runs = min(opts.typical_runs, 10)
    sizes = [int(s) for s in (opts.sizes or ("100,10000" if opts.quick else "100,10000,200000")).split(",")]
    sections = set(opts.sections.split(","))
    for d in (DATA, OUT, LOGS, BIN):
        os.makedirs(d, exist_ok=True)
    bieu = os.path.abspath(opts.bieu)
    if not os.access(bieu, os.X_OK):
        sys.exit(f"no bieu executable at {bieu}: build it with `swift build -c release` (run.sh does)")
    for tool in ("cells2xlsx", "measure"):
        if not os.access(os.path.join(BIN, tool), os.X_OK):
            sys.exit(f"{tool} is not built: run Benchmarks/run.sh")
    os.environ["BIEU_TEMPLATES"] = os.path.join(ROOT, "Templates")
    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.monotonic()
    info = machine(bieu)
    results = []
    for size in sizes:
        canonical = dataset(size, bieu)
        xlsx = None
        if "export" in sections:
            xlsx = export_section(size, canonical, bieu, opts, results)
        if "import" in sections:
            if xlsx is None:
                xlsx, _ = reference_xlsx(f"bieu01-{size}", [bieu, "export", canonical])
            import_section(size, xlsx, canonical, bieu, opts, results)
        if "csv" in sections:
            csv_section(size, canonical, bieu, opts, results)
    if "typical" in sections:
        typical_section(bieu, opts, results)
    elapsed = time.monotonic() - t0
    command = (opts.command or shlex.join(["Benchmarks/run.sh"] + sys.argv[1:])).strip()
    write_results(opts.results, results, info, command, started, sizes, elapsed)
    with open(os.path.join(WORK, "last-results.json"), "w") as f:
        json.dump({"started": started.isoformat(), "elapsed": elapsed, "sizes": sizes, "machine": info, "command": command,
                   "groups": [{**{k: v for k, v in r.items() if k != "cases"}, "cases": [c.to_json() for c in r["cases"]]}
                              for r in results]}, f, ensure_ascii=False, indent=1)
    print(f"\nTargets:\n{targets(results, sizes)}")
    print(f"Wrote {os.path.relpath(opts.results, ROOT)} ({elapsed / 60:.1f} min).")


if __name__ == "__main__":
    main()
