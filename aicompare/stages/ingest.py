"""The ingest stage: any input a command accepts (files, folders, document tables, manifests, WAIE parquet) into
``documents.parquet``, ``passages.parquet`` and ``issues.csv``.

Plain files and folders are streamed in batches (:func:`aicompare.corpus.ingest.ingest_to`, bounded memory);
manifests and WAIE files are read as :func:`aicompare.corpus.load.load_corpus` reads them for every other
command, so ``ingest`` accepts everything ``all`` accepts.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from aicompare.corpus.ingest import DEFAULT_FILE_TIMEOUT, IngestWritten, ingest_to, write_ingested
from aicompare.corpus.readers import PDF_ENGINES

# Only a .csv (manifest) or a .parquet (WAIE) can be read by load_corpus rather than streamed: other paths are
# told apart without importing aicompare.corpus.load, which loads pandas (slower to import than reading a few PDFs).
_LOADER_SUFFIXES = {".csv", ".parquet"}


def _streamed(path: Path) -> bool:
    """True when ``path`` is read by :func:`ingest_to` (not a manifest or a WAIE parquet)."""
    if path.suffix.lower() not in _LOADER_SUFFIXES:
        return True
    from aicompare.corpus.load import corpus_kind

    return corpus_kind(path) == "ingest"


def run_ingest(
    paths: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    pdf_engine: str = "pypdfium2",
    workers: int | None = None,
    use_cache: bool = True,
    progress: bool = False,
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    follow_outside: bool = False,
) -> IngestWritten:
    """Ingest ``paths`` into ``out_dir``; nothing is written when no document could be read (an earlier run's
    tables are kept). Raises ValueError for an unknown ``pdf_engine``."""
    if pdf_engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {pdf_engine!r} (use {' or '.join(PDF_ENGINES)})")
    paths = [Path(p) for p in paths]
    if all(_streamed(p) for p in paths):
        return ingest_to(paths, out_dir, pdf_engine=pdf_engine, workers=workers, use_cache=use_cache,
                         progress=progress, file_timeout=file_timeout, follow_outside=follow_outside)
    from aicompare.corpus.load import load_corpus

    corpus = load_corpus(paths, follow_outside=follow_outside)
    written = write_ingested(corpus, out_dir) if len(corpus.documents) else []
    return IngestWritten(documents=corpus.documents, issues=corpus.issues, n_passages=len(corpus.passages),
                         written=written)
