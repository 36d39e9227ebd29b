"""One entry for every kind of corpus a command accepts.

``load_corpus(paths)`` takes any mix of

* WAIE parquet files (:mod:`aicompare.corpus.waie`),
* manifests — a CSV with ``file`` and metadata columns (:mod:`aicompare.corpus.manifest`),
* anything :func:`aicompare.corpus.ingest.ingest` accepts (files, folders, document tables),

and returns one ``Corpus(documents, passages, issues)``; documents carry ``region`` and
``organisation`` besides the documents schema. A ``doc_id`` met twice keeps its first source.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pandas as pd

from aicompare.corpus.manifest import enrich_documents, is_manifest, read_manifest_corpus
from aicompare.corpus.sources import home_country, is_compared  # noqa: F401  (home_country: re-exported)
from aicompare.corpus.model import Corpus
from aicompare.corpus.waie import is_waie_file, read_waie
from aicompare.schema import DOCUMENT_COLUMNS, ISSUE_COLUMNS, PASSAGE_COLUMNS

CORPUS_EXTRA_COLUMNS = ["region", "organisation", "publisher_kind"]


def corpus_kind(path: str | os.PathLike) -> str:
    """``waie``, ``manifest`` or ``ingest`` for one input path."""
    if is_waie_file(path):
        return "waie"
    if is_manifest(path):
        return "manifest"
    return "ingest"


def load_corpus(paths: Iterable[str | os.PathLike] | str | os.PathLike, follow_outside: bool = False) -> Corpus:
    """Load and combine corpora of any supported kind (see module doc); ``follow_outside``: read files that
    links or manifest entries place outside their input folder (named in a warning)."""
    from aicompare.corpus.ingest import ingest

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    parts: list[Corpus] = []
    to_ingest: list[Path] = []
    for p in map(Path, paths):
        kind = corpus_kind(p)
        if kind == "waie":
            parts.append(read_waie(p))
        elif kind == "manifest":
            parts.append(read_manifest_corpus(p, follow_outside))
        else:
            to_ingest.append(p)
    if to_ingest:
        res = ingest(to_ingest, follow_outside=follow_outside)
        parts.append(Corpus(enrich_documents(res.documents), res.passages, res.issues))
    return combine(parts)


def combine(parts: list[Corpus]) -> Corpus:
    """Concatenate corpora; a ``doc_id`` already seen is dropped with a warning."""
    docs, passages, issues = [], [], []
    seen: set[str] = set()
    for part in parts:
        dup = part.documents["doc_id"].isin(seen)
        for d in part.documents.loc[dup, "doc_id"]:
            issues.append(pd.DataFrame([{"path": "", "doc_id": d, "severity": "warning", "code": "duplicate_doc_id",
                                         "message": f"document id '{d}' appears in several inputs; the first is kept"}],
                                       columns=ISSUE_COLUMNS))
        keep = part.documents.loc[~dup]
        docs.append(keep)
        passages.append(part.passages[part.passages["doc_id"].isin(keep["doc_id"])])
        issues.append(part.issues)
        seen |= set(keep["doc_id"])
    cols = DOCUMENT_COLUMNS + CORPUS_EXTRA_COLUMNS
    documents = pd.concat([d for d in docs if len(d)], ignore_index=True) if any(len(d) for d in docs) \
        else pd.DataFrame(columns=cols)
    for c in cols:
        if c not in documents.columns:
            documents[c] = pd.NA
    extra = [c for c in documents.columns if c not in cols]
    documents = documents[cols + extra].sort_values("doc_id", kind="stable").reset_index(drop=True)
    for c in ("n_pages", "n_chars", "n_passages", "year"):
        documents[c] = pd.to_numeric(documents[c], errors="coerce").astype("Int64")
    pas = [p for p in passages if len(p)]
    passages_df = pd.concat(pas, ignore_index=True) if pas else pd.DataFrame(columns=PASSAGE_COLUMNS)
    iss = [i for i in issues if len(i)]
    issues_df = pd.concat(iss, ignore_index=True) if iss else pd.DataFrame(columns=ISSUE_COLUMNS)
    return Corpus(documents, passages_df.reset_index(drop=True), issues_df.reset_index(drop=True))


def write_issues(issues: pd.DataFrame, out_dir: str | os.PathLike) -> Path:
    """``issues.csv`` in ``out_dir`` (written even when empty, so an old one never outlives its run)."""
    from aicompare.io import write_table

    from aicompare.corpus.ingest import portable_paths

    frame = issues if len(issues.columns) else pd.DataFrame(columns=ISSUE_COLUMNS)
    return write_table(portable_paths(frame), Path(out_dir) / "issues.csv")


def read_issues(out_dir: str | os.PathLike) -> pd.DataFrame:
    """The ``issues.csv`` a command wrote to ``out_dir`` (empty when there is none)."""
    from aicompare.io import unescape_csv_frame

    path = Path(out_dir) / "issues.csv"
    if not path.is_file():
        return pd.DataFrame(columns=ISSUE_COLUMNS)
    return unescape_csv_frame(pd.read_csv(path, dtype=str, keep_default_na=False))


def default_corpus() -> tuple[str, Corpus]:
    """The corpus every user has: the shipped documents in ``data/raw`` (the Japanese government documents and
    the openly licensed guidelines in ``data/raw/overseas``). Returns ``(description, corpus)``."""
    from aicompare.paths import raw_dir

    return "shipped corpus (data/raw)", load_corpus([raw_dir()])


def overseas_documents(documents: pd.DataFrame, home: str | None = None) -> pd.DataFrame:
    """Documents with a country other than ``home`` (default :func:`home_country`) and no project role
    (the review report and the business guideline are the objects of study, not compared guidelines)."""
    home = home or home_country(documents) or ""
    country = documents["country"].fillna("").astype(str).str.upper()
    keep = (country != "") & ~country.str.split(";").map(lambda cs: home in cs) & is_compared(documents)
    return documents[keep]
