"""Manifest loader: an analyst's own collection described by a CSV, ingested in full text.

A manifest has one row per file, with the columns ``file, title, publisher, country,
publisher_type, year, lang`` (``language`` is accepted for ``lang``, so ``MANIFEST.csv`` of the
shared PDF corpus loads as it is; extra columns are ignored). ``file`` is relative to the
manifest's folder. ``country`` is a code or a name from ``countries.csv``; ``publisher_type`` is
mapped to the review's types by ``manifest_publisher_types.csv`` (``international`` →
``government``, kept apart as ``publisher_kind``); ``lang`` keeps the first token
(``"en (ja disclaimer line on p.1)"`` → ``en``).

``load_manifest(csv)`` ingests the listed files with :func:`aicompare.corpus.ingest.ingest` and
joins the manifest's metadata onto the ingested documents (manifest values win where given).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from aicompare.corpus import meta
from aicompare.corpus.waie import Corpus
from aicompare.schema import ISSUE_COLUMNS

MANIFEST_COLUMNS = ["file", "title", "publisher", "country", "publisher_type", "year", "lang"]
_ALIASES = {"language": "lang", "filename": "file", "path": "file"}
META_COLUMNS = [
    "doc_id", "file", "path", "title", "publisher", "country", "region", "organisation",
    "publisher_type", "publisher_kind", "year", "lang",
]


def is_manifest(path: str | Path) -> bool:
    """True for a CSV whose header has ``file`` and at least one metadata column."""
    path = Path(path)
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    cols = {_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in header}
    return "file" in cols and bool(cols & set(MANIFEST_COLUMNS[1:]))


def _issue(path: str, doc_id: object, severity: str, code: str, message: str) -> dict:
    return dict(zip(ISSUE_COLUMNS, (path, doc_id, severity, code, message)))


def read_manifest(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and normalise a manifest → ``(metadata, issues)``; one metadata row per listed file."""
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in raw.columns]
    if "file" not in raw.columns:
        raise ValueError(f"{path}: a manifest needs a 'file' column (has: {', '.join(raw.columns)})")
    for col in MANIFEST_COLUMNS:
        if col not in raw.columns:
            raw[col] = ""
    ptypes = meta.manifest_publisher_types().set_index("value")
    rows, issues = [], []
    src = str(path)
    for line_no, r in enumerate(raw.itertuples(index=False), start=2):
        file = r.file.strip()
        if not file:
            issues.append(_issue(src, pd.NA, "error", "manifest_no_file", f"line {line_no}: empty 'file'"))
            continue
        doc_id = Path(file).stem
        codes, unknown = meta.country_codes(r.country)
        for name in unknown:
            issues.append(_issue(src, doc_id, "warning", "unknown_country",
                                 f"line {line_no}: country '{name}' is not in countries.csv; kept as written"))
        key = re.sub(r"[\s-]+", "_", r.publisher_type.strip().lower())
        if key and key not in ptypes.index:
            issues.append(_issue(src, doc_id, "warning", "unknown_publisher_type",
                                 f"line {line_no}: publisher_type '{r.publisher_type}' is not in "
                                 f"manifest_publisher_types.csv (known: {', '.join(ptypes.index)})"))
        ptype = ptypes.loc[key] if key in ptypes.index else None
        year = re.search(r"(19|20)\d{2}", r.year)
        lang = re.match(r"[A-Za-z]{2,3}", r.lang.strip())
        org = meta.match_organisation(r.publisher) or meta.match_organisation(r.title)
        regions = meta.regions_for(codes) or (meta.regions_for([org]) if org else [])
        rows.append({
            "doc_id": doc_id, "file": file, "path": str((path.parent / file)),
            "title": r.title.strip() or pd.NA, "publisher": r.publisher.strip() or pd.NA,
            "country": meta.join_multi(codes + unknown), "region": meta.join_multi(regions),
            "organisation": org or pd.NA,
            "publisher_type": ptype["publisher_type"] if ptype is not None else pd.NA,
            "publisher_kind": ptype["publisher_kind"] if ptype is not None else pd.NA,
            "year": int(year.group(0)) if year else pd.NA,
            "lang": lang.group(0).lower() if lang else pd.NA,
        })
    df = pd.DataFrame(rows, columns=META_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    dup = df["doc_id"][df["doc_id"].duplicated()].tolist()
    if dup:
        raise ValueError(f"{path}: several files share the document id (file stem) {', '.join(sorted(set(dup)))}")
    return df, pd.DataFrame(issues, columns=ISSUE_COLUMNS)


def apply_metadata(documents: pd.DataFrame, metadata: pd.DataFrame) -> pd.DataFrame:
    """Join manifest metadata onto ingested documents by ``doc_id``; manifest values win where given."""
    out = documents.copy()
    m = metadata.set_index("doc_id")
    for col in ["title", "publisher", "country", "region", "organisation", "publisher_type",
                "publisher_kind", "year", "lang"]:
        given = out["doc_id"].map(m[col]) if col in m.columns else pd.Series(pd.NA, index=out.index)
        if col in out.columns:
            out[col] = given.where(given.notna(), out[col])
        else:
            out[col] = given
    out["year"] = out["year"].astype("Int64")
    return out


def read_manifest_corpus(path: str | Path) -> Corpus:
    """Ingest the files a manifest lists and join its metadata → ``Corpus(documents, passages, issues)``."""
    from aicompare.corpus.ingest import ingest

    metadata, issues = read_manifest(path)
    present = metadata[[Path(p).is_file() for p in metadata["path"]]]
    missing = metadata[~metadata["doc_id"].isin(present["doc_id"])]
    extra = [_issue(str(path), d, "error", "manifest_file_missing", f"listed file not found: {p}")
             for d, p in zip(missing["doc_id"], missing["path"])]
    res = ingest([Path(p) for p in present["path"]])
    documents = apply_metadata(res.documents, metadata)
    all_issues = pd.concat([issues, pd.DataFrame(extra, columns=ISSUE_COLUMNS), res.issues], ignore_index=True)
    return Corpus(documents, res.passages, all_issues)


def load_manifest(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ingest a manifest's files with their metadata → ``(documents, passages)``."""
    corpus = read_manifest_corpus(path)
    return corpus.documents, corpus.passages
