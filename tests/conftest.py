"""Shared fixtures: the project's seeds, generated PDFs (Japanese CID font), optional shared corpora."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SHARED = ROOT.parent / "shared"
BUSINESS_GUIDELINE = RAW / "ai_guidelines_for_business_v1_01_draft_ja.txt"
REVIEW_REPORT = RAW / "ai_network_society_report_2022_summary_ja.txt"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Keep the ingest cache of test runs out of the project's data/processed."""
    monkeypatch.setenv("AICOMPARE_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


OVERSEAS = RAW / "overseas"


@pytest.fixture(scope="session")
def small_raw(tmp_path_factory) -> Path:
    """A copy of the shipped corpus cut to its smaller documents, so that whole runs stay quick: the five
    Japanese seeds and the 11 shortest overseas documents (enough for every stage, clustering included)."""
    import shutil

    import pandas as pd

    root = tmp_path_factory.mktemp("small_raw")
    for f in RAW.iterdir():
        if f.is_file():
            shutil.copy(f, root / f.name)
    sources = pd.read_csv(OVERSEAS / "SOURCES.csv", dtype=str, keep_default_na=False)
    sources["bytes"] = [(OVERSEAS / f).stat().st_size for f in sources["file"]]
    keep = sources.sort_values(["bytes", "file"]).head(11).drop(columns="bytes").sort_values("file")
    (root / "overseas").mkdir()
    for f in keep["file"]:
        shutil.copy(OVERSEAS / f, root / "overseas" / f)
    keep.to_csv(root / "overseas" / "SOURCES.csv", index=False)
    return root


@pytest.fixture(scope="session")
def seeds(tmp_path_factory) -> Path:
    """The five Japanese seed documents of ``data/raw`` (with their SOURCES.csv), without the overseas folder."""
    import shutil

    root = tmp_path_factory.mktemp("seeds")
    for f in RAW.iterdir():
        if f.is_file():
            shutil.copy(f, root / f.name)
    return root


@pytest.fixture(scope="session")
def seed_ingest(seeds):
    from aicompare.corpus.ingest import ingest

    return ingest([seeds], use_cache=False)


@pytest.fixture(scope="session")
def shared_pdf_dir() -> Path:
    d = SHARED / "corpora" / "pdf"
    if not d.is_dir():
        pytest.skip("../shared/corpora/pdf is not available")
    return d


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def waie_path(tmp_path_factory) -> Path:
    """A WAIE-shaped parquet file: the development subset in ../shared when present, else the committed
    synthetic table (36 invented documents in WAIE's columns and principle labels), so that the WAIE loader,
    comparison and clustering are tested on every machine."""
    real = SHARED / "corpora" / "waie" / "waie_dev.parquet"
    if real.is_file():
        return real
    import pandas as pd

    path = tmp_path_factory.mktemp("waie") / "waie_synthetic.parquet"
    pd.read_csv(FIXTURES / "waie_synthetic.csv", dtype=str, keep_default_na=False).to_parquet(path, index=False)
    return path


@pytest.fixture(scope="session")
def waie_dev_path() -> Path:
    p = SHARED / "corpora" / "waie" / "waie_dev.parquet"
    if not p.is_file():
        pytest.skip("../shared/corpora/waie/waie_dev.parquet is not available")
    return p


def business_guideline_lines(start: str = "C. 共通の指針", n: int = 120) -> list[str]:
    """Lines of the business-guideline seed from the common-guidelines heading on (real text)."""
    lines = [ln for ln in BUSINESS_GUIDELINE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    from aicompare.corpus.normalise import normalise_line

    i = next(k for k, ln in enumerate(lines) if normalise_line(ln) == normalise_line(start))
    return lines[i:i + n]


def make_pdf(path: Path, pages: list[list[str]], *, header: str | None = None, footer_numbers: bool = True,
             two_column: list[str] | None = None, encrypt: str | None = None, image_only: bool = False,
             interleaved: bool = False) -> Path:
    """Write a PDF with a Japanese CID font: one list of lines per page, optional running header,
    page-number footer, a final two-column page (drawn column by column, or line by line across both
    columns with ``interleaved``, as some generators do), password protection or no text at all."""
    import textwrap

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    w, h = A4
    all_pages = list(pages) + ([two_column] if two_column else [])
    for pno, lines in enumerate(all_pages, start=1):
        if image_only:
            c.rect(72, 400, 300, 200, fill=1)
            c.showPage()
            continue
        c.setFont("HeiseiKakuGo-W5", 10)
        if header:
            c.drawString(72, h - 40, header)
        if footer_numbers:
            c.drawCentredString(w / 2, 30, f"- {pno} -")
        if two_column and lines is two_column:
            half = (len(lines) + 1) // 2
            columns = [[p for ln in chunk for p in (textwrap.wrap(ln, 20) or [""])] for chunk in (lines[:half], lines[half:])]
            if interleaved:
                for row in range(max(map(len, columns))):
                    for col, pieces in enumerate(columns):
                        if row < len(pieces):
                            c.drawString(72 + col * 250, h - 80 - 14 * row, pieces[row])
            else:
                for col, pieces in enumerate(columns):
                    for row, piece in enumerate(pieces):
                        c.drawString(72 + col * 250, h - 80 - 14 * row, piece)
        else:
            y = h - 80
            for ln in lines:
                for piece in textwrap.wrap(ln, 42) or [""]:
                    c.drawString(72, y, piece)
                    y -= 14
                    if y < 60:
                        break
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="session")
def shipped_coding():
    """The shipped corpus (data/raw) and its real coding: ``(documents, decisions, matrix)`` of the documents
    compared overseas (outside the business guideline's country, no project role), coded by
    :func:`aicompare.extract.code_documents` as ``aicompare all`` codes them."""
    from aicompare.corpus.load import default_corpus, overseas_documents
    from aicompare.extract import code_documents

    _, corpus = default_corpus()
    docs = overseas_documents(corpus.documents).reset_index(drop=True)
    passages = corpus.passages[corpus.passages["doc_id"].isin(docs["doc_id"])]
    _, decisions, matrix = code_documents(passages, docs)
    return docs, decisions, matrix
