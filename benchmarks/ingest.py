"""Benchmark the ingestion path.

    python benchmarks/ingest.py [PDF_DIR] [--max-pages N]

Prints pages/s for aicompare's default ingestion (cold and cached), a bare pdfplumber
``extract_text`` loop and a bare pypdfium2 loop over the same pages, the character agreement of
the default engine with pdfplumber, peak memory, and the default corpus (data/raw) cold/cached.
PDF_DIR defaults to ../shared/corpora/pdf. ``--max-pages`` limits every engine to the first N pages of
each file (the bare pdfplumber loop over all 1,000+ pages takes minutes).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bag(text: str) -> Counter:
    return Counter(c for c in text if not c.isspace())


def agreement(a: Counter, b: Counter) -> float:
    """Share of characters the two extractions have in common (order-free)."""
    common = sum((a & b).values())
    return common / max(1, max(sum(a.values()), sum(b.values())))


def bare_pdfplumber(files: list[Path], max_pages: int | None) -> tuple[int, float, list[str]]:
    import pdfplumber

    t, pages, texts = time.perf_counter(), 0, []
    for f in files:
        with pdfplumber.open(str(f)) as pdf:
            for p in pdf.pages[:max_pages]:
                texts.append(p.extract_text() or "")
                pages += 1
    return pages, time.perf_counter() - t, texts


def bare_pdfium(files: list[Path], max_pages: int | None) -> tuple[int, float, list[str]]:
    import pypdfium2 as pdfium

    t, pages, texts = time.perf_counter(), 0, []
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        for i in range(min(len(pdf), max_pages or len(pdf))):
            texts.append(pdf[i].get_textpage().get_text_range())
            pages += 1
        pdf.close()
    return pages, time.perf_counter() - t, texts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf_dir", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "pdf"))
    ap.add_argument("--max-pages", type=int, default=None)
    args = ap.parse_args()
    os.environ["AICOMPARE_CACHE"] = tempfile.mkdtemp(prefix="aicompare-bench-cache-")
    from aicompare.corpus.ingest import ingest

    # default corpus
    t = time.perf_counter()
    res = ingest([ROOT / "data" / "raw"])
    cold_raw = time.perf_counter() - t
    t = time.perf_counter()
    ingest([ROOT / "data" / "raw"])
    cached_raw = time.perf_counter() - t
    print(f"default corpus (data/raw): {len(res.documents)} documents, {len(res.passages)} passages; "
          f"cold {cold_raw:.2f} s (target < 5 s), cached {cached_raw:.2f} s (target < 1 s)")

    pdf_dir = Path(args.pdf_dir)
    files = sorted(pdf_dir.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {pdf_dir}: PDF benchmark skipped")
        return
    if args.max_pages:
        # ingest only the first pages: cut copies so every engine reads the same pages
        import pypdfium2 as pdfium

        tmp = Path(tempfile.mkdtemp(prefix="aicompare-bench-pdf-"))
        cut = []
        for f in files:
            src = pdfium.PdfDocument(str(f))
            dst = pdfium.PdfDocument.new()
            dst.import_pages(src, list(range(min(len(src), args.max_pages))))
            dst.save(str(tmp / f.name))
            cut.append(tmp / f.name)
        files = cut
    n_pages, t_pdfium, pdfium_texts = bare_pdfium(files, None)
    print(f"bare pypdfium2 loop: {n_pages} pages in {t_pdfium:.2f} s = {n_pages / t_pdfium:.0f} pages/s")

    t = time.perf_counter()
    res = ingest(files, progress=False)
    cold = time.perf_counter() - t
    t = time.perf_counter()
    ingest(files, progress=False)
    cached = time.perf_counter() - t
    print(f"aicompare ingest (pypdfium2, {os.cpu_count()} cores): cold {cold:.2f} s = {n_pages / cold:.0f} pages/s; "
          f"cached {cached:.2f} s = {n_pages / cached:.0f} pages/s; {len(res.passages)} passages, "
          f"{(res.issues['severity'] == 'error').sum()} errors")

    p_pages, t_plumber, plumber_texts = bare_pdfplumber(files, None)
    print(f"bare pdfplumber loop: {p_pages} pages in {t_plumber:.2f} s = {p_pages / t_plumber:.1f} pages/s")
    print(f"speed: default ingestion is {t_plumber / cold:.1f}x the bare pdfplumber loop (target >= 10x) and "
          f"{cold / t_pdfium:.1f}x the time of the bare pypdfium2 loop (target <= 5x)")

    # agreement of the raw engines, file by file, over the files where pdfplumber finds text
    import pdfplumber
    import pypdfium2 as pdfium

    both_a, both_b, no_plumber, per_file = Counter(), Counter(), [], []
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        a = bag("".join(pdf[i].get_textpage().get_text_range().replace("\ufffe", "-") for i in range(len(pdf))))
        with pdfplumber.open(str(f)) as doc:
            b = bag("".join((p.extract_text() or "") for p in doc.pages))
        if not sum(b.values()):
            no_plumber.append(f"{f.name} ({sum(a.values())} characters found by pypdfium2, none by pdfplumber)")
            continue
        both_a += a
        both_b += b
        passages = bag("".join(res.passages.loc[res.passages["doc_id"] == f.stem, "text_raw"]))
        per_file.append((agreement(a, b), agreement(passages, b), f.name))
    print(f"character agreement with pdfplumber (pypdfium2 engine text, {len(per_file)} files where pdfplumber "
          f"finds text): {agreement(both_a, both_b):.2%} (target >= 98%)")
    for name in no_plumber:
        print(f"  not comparable: {name}")
    for eng, pas, name in sorted(per_file)[:3]:
        print(f"  lowest: engine {eng:.2%}, ingested passages {pas:.2%} (running headers/footers removed) {name}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB (main process), {peak_children:.0f} MB (largest worker)")
    shutil.rmtree(os.environ["AICOMPARE_CACHE"], ignore_errors=True)


if __name__ == "__main__":
    main()
