"""Speed and scale benchmark (issue 14), every figure measured on whole processes.

    python benchmarks/speed.py [--repeat N] [--scales 1,4,16] [--skip-plumber] [--skip-all]
    python benchmarks/speed.py --only scale --work /tmp/speed   # section 2 alone; cache and outputs kept
    python benchmarks/speed.py --only scale --ingest-only      # the ingest of the document tables alone

Prints, in one run:

1. PDF reading of four real PDFs (NIST AI RMF, METI/MIC v1.0 English, OECD, G7 guiding principles):
   ``python -m aicompare ingest <4 files> --no-cache`` beside a bare pypdfium2 loop and a bare pdfplumber
   loop reading the same pages (medians of ``--repeat`` runs, alternated), the ratios against the targets
   (within 3x of pypdfium2, at least 10x faster than pdfplumber), and the character agreement of the
   default engine's page text with pypdfium2's own text (the two-column reordering may not lose a character).
2. Extraction at 1x, 4x and 16x the English passages of the 21 shared PDFs:
   ``python -m aicompare extract passages.parquet --out matrix.csv --evidence evidence.csv``, time and peak
   memory (target: peak under 600 MB at 16x, time linear), and ``python -m aicompare ingest`` of the same texts
   as a ``.jsonl`` document table at each scale (same targets; ``--ingest-scales``, ``--ingest-only``).
3. ``python -m aicompare all`` on the default corpus into temporary folders, cold (empty cache) and cached
   (targets: cold under 30 s, cached under 1 s).

Sections 1 and 2 need ../shared/corpora/pdf and are skipped with a note when it is absent. ``--root`` points
the benchmark at another checkout (e.g. an older commit, for before/after figures). ``--only`` runs one section;
``--work DIR`` keeps the caches and the outputs of section 2 (``m<scale>.csv``, ``m<scale>_decisions.csv``,
``e<scale>.csv``) in DIR, e.g. to compare two checkouts' outputs byte for byte.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOUR_PDFS = [
    "nist_ai_rmf_1_0_ai_100_1_2023_en.pdf",
    "jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf",
    "oecd_ai_recommendation_2019_en.pdf",
    "g7_hiroshima_process_guiding_principles_2023_en.pdf",
]

BARE_PDFIUM = """
import sys, pypdfium2 as pdfium
for f in sys.argv[1:]:
    pdf = pdfium.PdfDocument(f)
    for i in range(len(pdf)):
        page = pdf[i]; tp = page.get_textpage(); tp.get_text_range(); tp.close(); page.close()
    pdf.close()
"""
BARE_PLUMBER = """
import sys, pdfplumber
for f in sys.argv[1:]:
    with pdfplumber.open(f) as pdf:
        for p in pdf.pages:
            p.extract_text()
"""
# Runs a command and prints its wall time and the peak resident memory of its process tree's largest process.
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_mb": ru.ru_maxrss / 1024,
                  "rc": rc.returncode, "stderr": rc.stderr[-2000:]}))
"""


def measure(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> dict:
    """Wall time, CPU time and peak memory (MB) of ``cmd`` run as its own process."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env, cwd=cwd,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _env(root: Path, **extra: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root)
    env.update(extra)
    return env


# ------------------------------------------------------------------ 1. PDF reading

def char_agreement(files: list[Path], root: Path) -> tuple[float, int]:
    """Share of the non-space characters of pypdfium2's page text (``get_text_range``) that the default
    engine's page text has, page by page (multiset), over ``files``; and the number of two-column pages."""
    code = """
import json, sys
from collections import Counter
from pathlib import Path
import pypdfium2 as pdfium
from aicompare.corpus import readers
common = total = cols = 0
for f in sys.argv[1:]:
    ours = readers.PDF_ENGINES["pypdfium2"](Path(f))
    pdf = pdfium.PdfDocument(f)
    for i, text in enumerate(ours):
        page = pdf[i]; tp = page.get_textpage()
        bare = Counter(c for c in tp.get_text_range() if not c.isspace())
        mine = Counter(c for c in text if not c.isspace())
        rects = [tuple(tp.get_rect(k)) for k in range(tp.count_rects())]
        cols += readers._two_columns(rects, page.get_width()) is not None
        common += sum((bare & mine).values()); total += max(sum(bare.values()), sum(mine.values()))
print(json.dumps([common / max(1, total), cols]))
"""
    out = subprocess.run([sys.executable, "-c", code, *map(str, files)], capture_output=True, text=True,
                         env=_env(root), check=True)
    share, cols = json.loads(out.stdout.strip().splitlines()[-1])
    return share, cols


def pdf_section(root: Path, pdf_dir: Path, repeat: int, plumber: bool, tmp: Path) -> None:
    files = [pdf_dir / n for n in FOUR_PDFS]
    if not all(f.is_file() for f in files):
        print(f"1. PDF reading: skipped ({pdf_dir} does not hold the four PDFs)")
        return
    env = _env(root, AICOMPARE_CACHE=str(tmp / "cache-pdf"))
    cmds = {
        "bare pypdfium2": [sys.executable, "-c", BARE_PDFIUM, *map(str, files)],
        "aicompare ingest": [sys.executable, "-m", "aicompare", "ingest", *map(str, files), "--no-cache",
                             "--out", str(tmp / "pdf-out")],
    }
    if plumber:
        cmds["bare pdfplumber"] = [sys.executable, "-c", BARE_PLUMBER, *map(str, files)]
    runs: dict[str, list[dict]] = {k: [] for k in cmds}
    for i in range(repeat):
        for name, cmd in cmds.items():
            if name == "bare pdfplumber" and i >= max(1, repeat // 2):
                continue  # slow: fewer repeats
            r = measure(cmd, env=env, cwd=root)
            if r["rc"] != 0:
                raise SystemExit(f"{name} failed: {r['stderr']}")
            runs[name].append(r)
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    cpu = {k: statistics.median(r["cpu"] for r in v) for k, v in runs.items()}
    print(f"1. PDF reading, 4 PDFs ({', '.join(f.stem for f in files)}), medians of {repeat} alternated runs:")
    for k in cmds:
        print(f"   {k:18s} {med[k]:6.2f} s wall  {cpu[k]:6.2f} s CPU  ({len(runs[k])} runs)")
    ours = med["aicompare ingest"]
    print(f"   aicompare / bare pypdfium2: {ours / med['bare pypdfium2']:.2f}x the time "
          f"(target <= 3x): {'met' if ours <= 3 * med['bare pypdfium2'] else 'NOT met'}")
    if plumber:
        print(f"   bare pdfplumber / aicompare: {med['bare pdfplumber'] / ours:.1f}x faster "
              f"(target >= 10x): {'met' if med['bare pdfplumber'] >= 10 * ours else 'NOT met'}")
    share, cols = char_agreement(files, root)
    print(f"   character agreement of the default engine with pypdfium2's text: {share:.2%} "
          f"({cols} two-column pages reordered)")


# ------------------------------------------------------------------ 2. extraction at scale

def english_passages(pdf_dir: Path, root: Path, tmp: Path) -> Path:
    """The English passages of the shared PDFs, ingested once (cache kept in ``tmp``)."""
    out = tmp / "shared-ingest"
    env = _env(root, AICOMPARE_CACHE=str(tmp / "cache-shared"))
    subprocess.run([sys.executable, "-m", "aicompare", "ingest", str(pdf_dir), "--out", str(out)],
                   env=env, cwd=root, capture_output=True, check=False)
    return out / "passages.parquet"


def replicate(passages: Path, scale: int, dest: Path) -> tuple[Path, Path, int]:
    """``scale`` copies of the English passages (doc_ids suffixed ``~rNN``, copy after copy, so documents are
    not in doc_id order), as an ingested passages parquet and as a JSONL document table of the same texts."""
    import pandas as pd

    p = pd.read_parquet(passages)
    p = p[p["lang"] == "en"].reset_index(drop=True)
    frames = []
    for k in range(scale):
        c = p.copy()
        c["doc_id"] = c["doc_id"] + f"~r{k:02d}"
        c["passage_id"] = c["doc_id"] + ":" + c["passage_id"].str.rsplit(":", n=1).str[1]
        frames.append(c)
    big = pd.concat(frames, ignore_index=True)
    pq = dest / f"passages_x{scale}.parquet"
    big.to_parquet(pq, index=False)
    table = dest / f"documents_x{scale}.jsonl"
    with table.open("w", encoding="utf-8") as fh:
        for doc_id, grp in big.groupby("doc_id", sort=False):
            fh.write(json.dumps({"doc_id": doc_id, "text": "\n".join(grp["text_raw"]), "lang": "en"},
                                ensure_ascii=False) + "\n")
    return pq, table, len(big)


def scale_section(root: Path, pdf_dir: Path, scales: list[int], tmp: Path, ingest_scales: set[int],
                  extract: bool = True) -> None:
    if not pdf_dir.is_dir():
        print(f"2. Extraction at scale: skipped ({pdf_dir} not found)")
        return
    src = english_passages(pdf_dir, root, tmp)
    if not src.is_file():
        print("2. Extraction at scale: skipped (the shared PDFs could not be ingested)")
        return
    env = _env(root, AICOMPARE_CACHE=str(tmp / "cache-scale"))
    print("2. Extraction (python -m aicompare extract passages.parquet --out --evidence), English passages of "
          "the shared PDFs" + ("" if extract else ": not measured (--ingest-only)") + ":")
    rows, ingested = [], []
    for s in scales:
        pq, table, n = replicate(src, s, tmp)
        if extract:
            r = measure([sys.executable, "-m", "aicompare", "extract", str(pq), "--out", str(tmp / f"m{s}.csv"),
                         "--evidence", str(tmp / f"e{s}.csv")], env=env, cwd=root)
            if r["rc"] not in (0, 1):
                print(f"   x{s}: failed: {r['stderr'][-500:]}")
            else:
                rows.append((s, n, r))
                print(f"   x{s:<3d} {n:8,d} passages  {r['seconds']:7.1f} s  {n / r['seconds']:8,.0f} passages/s  "
                      f"peak {r['peak_mb']:6.0f} MB")
        if s in ingest_scales:
            ri = measure([sys.executable, "-m", "aicompare", "ingest", str(table), "--no-cache",
                          "--out", str(tmp / f"ingest-x{s}")], env=env, cwd=root)
            ingested.append((s, n, ri))
            print(f"   ingest of the same texts as a document table (x{s}, {table.stat().st_size / 1e6:.0f} MB .jsonl): "
                  f"{ri['seconds']:.1f} s, peak {ri['peak_mb']:.0f} MB (rc {ri['rc']})")
        pq.unlink()
        table.unlink()
    _scale_summary("extraction", rows)
    _scale_summary("ingest of the document table", ingested)


def _scale_summary(what: str, rows: list[tuple[int, int, dict]]) -> None:
    """Peak memory at the largest scale against the target, and the time per passage at each scale."""
    if not rows:
        return
    top = max(rows, key=lambda r: r[0])
    low = min(rows, key=lambda r: r[0])
    per = [r[2]["seconds"] / r[1] * 1e6 for r in rows]
    print(f"   {what}: peak memory at x{top[0]}: {top[2]['peak_mb']:.0f} MB (target < 600 MB): "
          f"{'met' if top[2]['peak_mb'] < 600 else 'NOT met'}; time per passage "
          f"{', '.join(f'{p:.0f}' for p in per)} µs (x{low[0]} … x{top[0]}: linear when flat)")


# ------------------------------------------------------------------ 3. aicompare all

def all_section(root: Path, tmp: Path) -> None:
    env = _env(root, AICOMPARE_CACHE=str(tmp / "cache-all"))
    cmd = [sys.executable, "-m", "aicompare", "all", "--out", str(tmp / "all-out"), "--figures", str(tmp / "all-fig")]
    cold = measure(cmd, env=env, cwd=root)
    cached = [measure(cmd, env=env, cwd=root) for _ in range(3)]
    c = statistics.median(r["seconds"] for r in cached)
    print(f"3. python -m aicompare all (default corpus{'' if (root.parent / 'shared').is_dir() else ', no ../shared'}):"
          f" cold {cold['seconds']:.1f} s (target < 30 s, rc {cold['rc']}), cached {c:.2f} s (median of 3; "
          f"target < 1 s); peak {cold['peak_mb']:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="checkout to benchmark (default: this one)")
    ap.add_argument("--pdf-dir", type=Path, default=ROOT.parent / "shared" / "corpora" / "pdf")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scales", default="1,4,16")
    ap.add_argument("--ingest-scales", "--ingest-scale", dest="ingest_scales", default="1,4,16",
                    help="scales at which the ingest of the document table is measured (0: none)")
    ap.add_argument("--ingest-only", action="store_true", help="in section 2, measure the ingest but not the extraction")
    ap.add_argument("--skip-plumber", action="store_true")
    ap.add_argument("--skip-pdf", action="store_true")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--skip-all", action="store_true")
    ap.add_argument("--only", choices=["pdf", "scale", "all"], help="run this section only")
    ap.add_argument("--work", type=Path, help="working folder kept after the run (default: a temporary one, removed)")
    args = ap.parse_args()
    if args.only:
        args.skip_pdf, args.skip_scale, args.skip_all = (args.only != "pdf", args.only != "scale", args.only != "all")
    root = args.root.resolve()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
    tmp = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="aicompare-speed-"))
    t0 = time.perf_counter()
    print(f"aicompare speed benchmark: {root}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    try:
        if not args.skip_pdf:
            pdf_section(root, args.pdf_dir, args.repeat, not args.skip_plumber, tmp)
        if not args.skip_scale:
            scale_section(root, args.pdf_dir, [int(s) for s in args.scales.split(",")], tmp,
                          {int(s) for s in args.ingest_scales.split(",")} - {0}, extract=not args.ingest_only)
        if not args.skip_all:
            all_section(root, tmp)
    finally:
        if not args.work:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"benchmark finished in {time.perf_counter() - t0:.0f} s (load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
