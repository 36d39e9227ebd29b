"""Loader for the Worldwide AI Ethics (WAIE) dataset in its published form (``data_raw.parquet``).

Corrêa et al., "Worldwide AI ethics: A review of 200 guidelines and recommendations for AI
governance", *Patterns* 4(10), 2023 (CC BY-NC 4.0). One row per guideline, with country, world
region, institution, institution type, year, the WAIE principle labels and ``principles_definition``,
which holds one passage per labelled principle, each introduced by ``#<Principle>:``.

This module is the one WAIE reader: :func:`read_waie_table` reads and checks the file for every user
(the corpus loader below and the evaluation, :mod:`aicompare.evaluate`), and :func:`waie_doc_id` is the
one ``doc_id`` scheme.

``load_waie(path)`` maps a row to aicompare's documents table and its principle blocks to the
passages table:

* ``doc_id`` = ``waie-<slug of the title>-<6 hex of sha1(title, institution)>`` (stable across the
  full dataset and any subset of it);
* ``country`` = codes from ``countries.csv`` (``;``-joined when WAIE names several), ``region`` =
  WAIE's world region(s), ``organisation`` = UNESCO/WHO/… found in the institution name;
* ``publisher_type`` from ``waie_institution_types.csv`` (a multi-type institution takes the
  type with the lowest priority number, e.g. "CSO/NGO, International Organization" → government);
* ``sha256`` is the hash of the row's ``principles_definition`` text (the content that becomes
  passages), ``path`` the parquet file, ``source_row`` the row number in it;
* one passage per ``#Principle:`` block: ``heading`` = ``section_path`` = the principle,
  ``text`` = the block without its heading (NFKC, whitespace collapsed), ``kind`` = ``sentence``,
  ``char_start``/``char_end`` = offsets of the block in ``principles_definition``.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from aicompare.corpus import meta
from aicompare.corpus.model import Corpus
from aicompare.corpus.normalise import detect_language, nfkc_collapsed
from aicompare.schema import DOCUMENT_COLUMNS, ISSUE_COLUMNS, PASSAGE_COLUMNS

REQUIRED_COLUMNS = [
    "document_name", "country", "world_region", "institution", "institution_type",
    "year_of_publication", "principles", "principles_definition",
]
EXTRA_DOCUMENT_COLUMNS = [
    "region", "organisation", "publisher_kind", "institution_type", "principles", "url", "source_row",
]
_BLOCK = re.compile(r"(?m)^[ \t]*#([^:\n#]{1,120}):")


def is_waie_file(path: str | Path) -> bool:
    """True when ``path`` is a parquet file with the WAIE columns."""
    path = Path(path)
    if path.suffix.lower() != ".parquet" or not path.is_file():
        return False
    import pyarrow.parquet as pq

    try:
        names = set(pq.read_schema(path).names)
    except Exception:  # not a readable parquet file: not WAIE
        return False
    return set(REQUIRED_COLUMNS) <= names


def waie_doc_id(title: str, institution: str) -> str:
    """Stable document id of a WAIE row."""
    digest = hashlib.sha1(f"{title}\x1f{institution}".encode("utf-8")).hexdigest()[:6]
    slug = meta.slugify(title)
    return f"waie-{slug}-{digest}" if slug else f"waie-{digest}"


def split_principles(definition: str) -> list[dict]:
    """``#Principle: text`` blocks of one ``principles_definition`` cell, in order.

    Returns dicts with principle, text (clean), text_raw, char_start, char_end. Text before
    the first block (none in the published data) becomes a block with an empty principle.
    """
    if not isinstance(definition, str):
        return []
    marks = list(_BLOCK.finditer(definition))
    spans: list[tuple[str, int, int, int]] = []  # principle, block start, content start, block end
    if not marks or definition[: marks[0].start()].strip():
        first = marks[0].start() if marks else len(definition)
        spans.append(("", 0, 0, first))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(definition)
        spans.append((m.group(1).strip(), m.start(), m.end(), end))
    blocks = []
    for principle, start, content_start, end in spans:
        raw = definition[start:end].rstrip()
        start = start + (len(raw) - len(raw.lstrip()))
        blocks.append({
            "principle": nfkc_collapsed(principle),
            "text": nfkc_collapsed(definition[content_start:end]),
            "text_raw": raw.strip(),
            "char_start": start,
            "char_end": start + len(raw.strip()),
        })
    return blocks


def _publisher_type(institution_type: object) -> tuple[str, str, list[str]]:
    table = meta.waie_institution_types().set_index("institution_type")
    parts = meta.split_multi(institution_type) or ["Unspecified"]
    known = [p for p in parts if p in table.index]
    unknown = [p for p in parts if p not in table.index]
    if not known:
        return "other", "unknown", unknown
    best = table.loc[known].sort_values("priority", kind="stable").iloc[0]
    return best["publisher_type"], best["publisher_kind"], unknown


def _year(value: object) -> object:
    m = re.search(r"(19|20)\d{2}", str(value)) if value is not None else None
    return int(m.group(0)) if m else pd.NA


def _issue(path: str, doc_id: str, severity: str, code: str, message: str) -> dict:
    return dict(zip(ISSUE_COLUMNS, (path, doc_id, severity, code, message)))


def read_waie_table(path: str | Path, columns: list[str] | None = None) -> pd.DataFrame:
    """The rows of a WAIE parquet file, checked for the WAIE columns (``REQUIRED_COLUMNS``), with the
    ``doc_id`` of each row (:func:`waie_doc_id`) as the first column; ``columns``: read only these
    (besides ``document_name`` and ``institution``, which the id needs)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"WAIE file not found: {path} (run `aicompare fetch waie` or give a local path)")
    if columns is not None:
        columns = list(dict.fromkeys(["document_name", "institution", *columns]))
    try:
        raw = pd.read_parquet(path, columns=columns)
    except Exception as exc:  # not parquet, or a column missing
        raise ValueError(f"{path}: cannot be read as a WAIE parquet file ({type(exc).__name__}: {exc})") from exc
    missing = [c for c in (columns or REQUIRED_COLUMNS) if c not in raw.columns]
    if missing:
        raise ValueError(f"{path} is not a WAIE data_raw.parquet file: missing columns {', '.join(missing)}")
    raw = raw.reset_index(drop=True)
    ids = [waie_doc_id(nfkc_collapsed(str(t or "")), nfkc_collapsed(str(i or "")))
           for t, i in zip(raw["document_name"], raw["institution"])]
    raw.insert(0, "doc_id", ids)
    return raw


def read_waie(path: str | Path) -> Corpus:
    """Load a WAIE parquet file → ``Corpus(documents, passages, issues)``."""
    path = Path(path)
    raw = read_waie_table(path)
    from aicompare.paths import portable_path

    src = portable_path(path)  # stored in outputs: relative to the project, identical across clones
    docs, passages, issues = [], [], []
    seen: set[str] = set()
    for row_no, row in enumerate(raw.itertuples(index=False)):
        title = nfkc_collapsed(str(row.document_name or ""))
        institution = nfkc_collapsed(str(row.institution or ""))
        doc_id = row.doc_id
        if doc_id in seen:
            issues.append(_issue(src, doc_id, "warning", "duplicate_document",
                                 f"row {row_no} repeats document '{title}' ({institution}); skipped"))
            continue
        seen.add(doc_id)
        codes, unknown_countries = meta.country_codes(row.country)
        for name in unknown_countries:
            issues.append(_issue(src, doc_id, "warning", "unknown_country",
                                 f"country '{name}' is not in countries.csv; kept as written"))
        ptype, pkind, unknown_types = _publisher_type(row.institution_type)
        for name in unknown_types:
            issues.append(_issue(src, doc_id, "warning", "unknown_institution_type",
                                 f"institution type '{name}' is not in waie_institution_types.csv"))
        definition = row.principles_definition if isinstance(row.principles_definition, str) else ""
        blocks = [b for b in split_principles(definition) if b["text"]]
        if not blocks:
            issues.append(_issue(src, doc_id, "warning", "no_passages", "principles_definition holds no principle text"))
        doc_lang = detect_language(" ".join(b["text"] for b in blocks) or title)
        for n, b in enumerate(blocks):
            plang = detect_language(b["text"]) if len(b["text"]) >= 20 else doc_lang
            passages.append({
                "doc_id": doc_id, "passage_id": f"{doc_id}:{n:05d}", "page": pd.NA,
                "section_path": b["principle"], "heading": b["principle"], "kind": "sentence",
                "text": b["text"], "text_raw": b["text_raw"], "lang": doc_lang if plang == "und" else plang,
                "char_start": b["char_start"], "char_end": b["char_end"],
            })
        year = _year(row.year_of_publication)
        if year is pd.NA:
            issues.append(_issue(src, doc_id, "info", "no_year", f"year of publication '{row.year_of_publication}'"))
        docs.append({
            "doc_id": doc_id, "title": title, "path": src,
            "sha256": hashlib.sha256(definition.encode("utf-8")).hexdigest(),
            "lang": doc_lang, "n_pages": pd.NA, "n_chars": len(definition),
            "n_passages": len(blocks), "source_type": "waie", "publisher": institution or pd.NA,
            "country": meta.join_multi(codes + unknown_countries), "publisher_type": ptype, "year": year,
            "role": "guideline",
            "region": meta.join_multi(meta.split_multi(row.world_region)),
            "organisation": meta.match_organisation(institution) or pd.NA,
            "publisher_kind": pkind, "institution_type": row.institution_type,
            "principles": meta.join_multi(meta.split_multi(row.principles)),
            "url": getattr(row, "document_url", pd.NA), "source_row": row_no,
        })
    return Corpus(_documents_frame(docs), _passages_frame(passages), pd.DataFrame(issues, columns=ISSUE_COLUMNS))


def _documents_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS + EXTRA_DOCUMENT_COLUMNS)
    for col in ("n_pages", "n_chars", "n_passages", "year", "source_row"):
        df[col] = df[col].astype("Int64")
    return df.sort_values("doc_id", kind="stable").reset_index(drop=True)


def _passages_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    for col in ("page", "char_start", "char_end"):
        df[col] = df[col].astype("Int64")
    return df.sort_values("passage_id", kind="stable").reset_index(drop=True)


def load_waie(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load a WAIE parquet file → ``(documents, passages)`` in aicompare's schema (see module doc)."""
    corpus = read_waie(path)
    return corpus.documents, corpus.passages
