"""Project roles, ``SOURCES.csv`` rows and the home country: the one place that answers
"which document has role X".

``SOURCES.csv`` (in ``data/raw`` and any folder ingest reads) gives each file its metadata; its
``role`` column marks the two documents the project studies rather than compares:

* ``review_report``       the 2022 review report (the survey stage parses it);
* ``business_guideline``  the AI事業者ガイドライン (the coverage stage measures against it).

Two views of the same fact:

* on disk — :func:`read_sources`, :func:`source_row`, :func:`source_with_role` read ``SOURCES.csv``;
* in a documents table (ingest copies ``role`` and ``country`` into it) — :func:`document_with_role`,
  :func:`document_path_with_role`.

The home country (the review's domestic side) is derived, never typed: the country of the business
guideline (:func:`home_country`).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

SOURCES_FILE = "SOURCES.csv"
REVIEW_REPORT = "review_report"
BUSINESS_GUIDELINE = "business_guideline"


def read_sources(raw: str | Path | None = None) -> pd.DataFrame:
    """``SOURCES.csv`` of the folder ``raw`` (default ``data/raw``) as strings, empty cells as ``""``."""
    from aicompare.paths import raw_dir

    raw = Path(raw) if raw is not None else raw_dir()
    return pd.read_csv(raw / SOURCES_FILE, dtype=str, keep_default_na=False)


def source_row(path: str | Path) -> pd.Series | None:
    """The row of the ``SOURCES.csv`` beside ``path`` that describes it (``None``: no such file or row)."""
    path = Path(path)
    if not (path.parent / SOURCES_FILE).is_file():
        return None
    df = read_sources(path.parent)
    hit = df[df.get("file", pd.Series(dtype=str)) == path.name]
    return hit.iloc[0] if not hit.empty else None


def source_with_role(role: str, raw: str | Path | None = None) -> Path:
    """Path of the one file whose ``role`` in ``raw``'s ``SOURCES.csv`` is ``role`` (default folder ``data/raw``).

    Raises ``FileNotFoundError`` (no ``SOURCES.csv``, or the file it names is missing) or ``ValueError``
    (not exactly one file has the role)."""
    from aicompare.paths import raw_dir

    raw = Path(raw) if raw is not None else raw_dir()
    sources = raw / SOURCES_FILE
    if not sources.is_file():
        raise FileNotFoundError(f"no SOURCES.csv in {raw}: cannot find the document with role {role!r}")
    df = read_sources(raw)
    hit = df.loc[df["role"] == role, "file"].tolist()
    if len(hit) != 1:
        raise ValueError(f"{sources} lists {len(hit)} documents with role {role!r}; expected exactly one")
    path = raw / hit[0]
    if not path.is_file():
        raise FileNotFoundError(f"{sources} names {hit[0]!r} (role {role!r}) but {path} does not exist")
    return path


def document_with_role(documents: pd.DataFrame, role: str) -> pd.Series | None:
    """The first row of a documents table whose ``role`` is ``role`` (``None`` when there is none)."""
    if "role" not in documents.columns:
        return None
    hit = documents[documents["role"] == role]
    return hit.iloc[0] if len(hit) else None


def document_path_with_role(documents: pd.DataFrame, role: str) -> str | None:
    """The ``path`` of the first document whose ``role`` is ``role`` (``None`` when there is none)."""
    row = document_with_role(documents, role)
    return str(row["path"]) if row is not None else None


def home_country(documents: pd.DataFrame | None = None, raw: str | Path | None = None) -> str | None:
    """The business guideline's country, upper case: the review's domestic side.

    From a documents table when one is given (``None`` when it has no business guideline with a country),
    else from the guideline's row in ``raw``'s ``SOURCES.csv`` (``ValueError`` when that row gives none)."""
    if documents is not None:
        if not {"role", "country"} <= set(documents.columns):
            return None
        hit = documents.loc[documents["role"] == BUSINESS_GUIDELINE, "country"].dropna()
        return str(hit.iloc[0]).strip().upper() if len(hit) else None
    path = source_with_role(BUSINESS_GUIDELINE, raw)
    row = source_row(path)
    country = row.get("country", "") if row is not None else ""
    if not country:
        raise ValueError(f"{path.parent / SOURCES_FILE} gives no country for {path.name}")
    return country.strip().upper()


def is_compared(documents: pd.DataFrame) -> pd.Series:
    """True for documents with no project role (the guidelines a comparison is about)."""
    role = documents["role"] if "role" in documents.columns else pd.Series(pd.NA, index=documents.index)
    return role.isna()
