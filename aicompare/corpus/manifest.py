"""Manifest loader: an analyst's own collection described by a CSV, ingested in full text.

A manifest has one row per file, with the columns ``file, title, publisher, country,
publisher_type, year, lang`` (``language`` is accepted for ``lang`` and ``date`` for ``year``,
so ``MANIFEST.csv`` of the shared PDF corpus loads as it is; extra columns are ignored).
``file`` is relative to the manifest's folder. The fields are read by ingest's
:func:`~aicompare.corpus.ingest.read_metadata` (publisher types mapped to the review's by
``aicompare/data/publisher_types.csv``: ``international`` → ``government``); this module adds
country codes from ``countries.csv`` (a code or a name), the WAIE world ``region``, the
international ``organisation`` named by the publisher and ``publisher_kind`` (the manifest's own
publisher-type label, e.g. ``international``).

``load_manifest(csv)`` ingests the listed files with :func:`aicompare.corpus.ingest.ingest` and
joins the manifest's metadata onto the ingested documents (manifest values win where given).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from aicompare.corpus import meta
from aicompare.corpus.model import Corpus
from aicompare.schema import ISSUE_COLUMNS

META_COLUMNS = [
    "doc_id", "file", "path", "title", "publisher", "country", "region", "organisation",
    "publisher_type", "publisher_kind", "year", "lang",
]
JOINED_COLUMNS = ["title", "publisher", "country", "region", "organisation", "publisher_type",
                  "publisher_kind", "year", "lang"]


def is_manifest(path: str | Path) -> bool:
    """True for a CSV whose header has ``file`` and at least one metadata column."""
    path = Path(path)
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    try:
        header = {c.strip().lower() for c in pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns}
    except (UnicodeDecodeError, ValueError, OSError):  # not a UTF-8 manifest: ingest reads (or reports) it as a table
        return False
    return "file" in header and bool(header & {"title", "publisher", "country", "publisher_type", "year",
                                               "date", "lang", "language"})


def _issue(path: str, doc_id: object, severity: str, code: str, message: str) -> dict:
    return dict(zip(ISSUE_COLUMNS, (path, doc_id, severity, code, message)))


def _blank(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == ""


def read_manifest(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and normalise a manifest → ``(metadata, issues)``; one metadata row per listed file."""
    from aicompare.corpus.ingest import read_metadata
    from aicompare.corpus.readers import ReadError

    path = Path(path)
    try:
        md = read_metadata(path)
    except ReadError as exc:
        raise ValueError(str(exc)) from exc
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [c.strip().lower() for c in raw.columns]
    kinds = dict(zip(raw["file"], raw["publisher_type"])) if "publisher_type" in raw.columns else {}
    rows, issues = [], []
    src = str(path)
    for file, r in md.iterrows():
        file = str(file).strip()
        if not file:
            issues.append(_issue(src, pd.NA, "error", "manifest_no_file", "a row has an empty 'file'"))
            continue
        doc_id = Path(file).stem
        codes, unknown = meta.country_codes(r["country"])
        for name in unknown:
            issues.append(_issue(src, doc_id, "warning", "unknown_country",
                                 f"{file}: country '{name}' is not in countries.csv; kept as written"))
        org = meta.match_organisation(r["publisher"]) or meta.match_organisation(r["title"])
        regions = meta.regions_for(codes) or (meta.regions_for([org]) if org else [])
        kind = re.sub(r"[\s-]+", "_", str(kinds.get(file, "")).strip().lower())
        rows.append({
            "doc_id": doc_id, "file": file, "path": str(path.parent / file),
            "title": r["title"] if not _blank(r["title"]) else pd.NA,
            "publisher": r["publisher"] if not _blank(r["publisher"]) else pd.NA,
            "country": meta.join_multi(codes + unknown), "region": meta.join_multi(regions),
            "organisation": org or pd.NA,
            "publisher_type": r["publisher_type"] if not _blank(r["publisher_type"]) else pd.NA,
            "publisher_kind": kind or pd.NA, "year": r["year"],
            "lang": r["lang"] if not _blank(r["lang"]) else pd.NA,
        })
    df = pd.DataFrame(rows, columns=META_COLUMNS)
    df["year"] = df["year"].astype("Int64")
    dup = df["doc_id"][df["doc_id"].duplicated()].tolist()
    if dup:
        raise ValueError(f"{path}: several files share the document id (file stem) {', '.join(sorted(set(dup)))}")
    return df.sort_values("doc_id", kind="stable").reset_index(drop=True), pd.DataFrame(issues, columns=ISSUE_COLUMNS)


def apply_metadata(documents: pd.DataFrame, metadata: pd.DataFrame) -> pd.DataFrame:
    """Join metadata onto ingested documents by ``doc_id``; metadata values win where given."""
    out = documents.copy()
    m = metadata.set_index("doc_id")
    for col in JOINED_COLUMNS:
        given = out["doc_id"].map(m[col]) if col in m.columns else pd.Series(pd.NA, index=out.index)
        given = given.where(~given.map(_blank), pd.NA)
        if col in out.columns:
            current = out[col].where(~out[col].map(_blank), pd.NA)
            out[col] = given.where(given.notna(), current)
        else:
            out[col] = given
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    return out


def enrich_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """Add ``region`` / ``organisation`` / country codes to ingested documents that lack them."""
    rows = []
    for d in documents.itertuples(index=False):
        codes, unknown = meta.country_codes(getattr(d, "country", None))
        org = getattr(d, "organisation", None)
        if _blank(org):
            org = meta.match_organisation(getattr(d, "publisher", None)) or meta.match_organisation(getattr(d, "title", None))
        region = getattr(d, "region", None)
        if _blank(region):
            region = meta.join_multi(meta.regions_for(codes) or (meta.regions_for([org]) if org else []))
        rows.append({"doc_id": d.doc_id, "country": meta.join_multi(codes + unknown), "region": region,
                     "organisation": org if not _blank(org) else pd.NA})
    return apply_metadata(documents, pd.DataFrame(rows, columns=["doc_id", "country", "region", "organisation"]))


def outside_folder(file: str, folder: Path) -> bool:
    """True when a manifest's ``file`` entry (absolute, or with ``../``) leads out of the manifest's folder."""
    target = (folder / file).resolve()
    top = folder.resolve()
    return target != top and top not in target.parents


def read_manifest_corpus(path: str | Path, follow_outside: bool = False) -> Corpus:
    """Ingest the files a manifest lists and join its metadata → ``Corpus(documents, passages, issues)``.

    A listed file outside the manifest's folder (an absolute path, ``../``, a link out) is read only with
    ``follow_outside`` and is named in an issue either way."""
    from aicompare.corpus.ingest import ingest

    path = Path(path)
    metadata, issues = read_manifest(path)
    extra = []
    outside = [outside_folder(f, path.parent) for f in metadata["file"]]
    for d, f, out in zip(metadata["doc_id"], metadata["file"], outside):
        if out and follow_outside:
            extra.append(_issue(str(path), d, "warning", "outside_input",
                                f"{path.name}: {f} is outside the manifest's folder; read as asked."))
        elif out:
            extra.append(_issue(str(path), d, "error", "outside_input",
                                f"{path.name}: {f} is outside the manifest's folder; not read "
                                "(pass --follow-outside to read it)."))
    if not follow_outside:  # boolean Series, not lists: an empty list would select no *columns*
        metadata = metadata.loc[~pd.Series(outside, index=metadata.index, dtype=bool)]
    exists = pd.Series([Path(p).is_file() for p in metadata["path"]], index=metadata.index, dtype=bool)
    present, missing = metadata.loc[exists], metadata.loc[~exists]
    extra += [_issue(str(path), d, "error", "manifest_file_missing", f"listed file not found: {p}")
              for d, p in zip(missing["doc_id"], missing["path"])]
    res = ingest([Path(p) for p in present["path"]])
    documents = apply_metadata(res.documents, metadata)
    frames = [f for f in (issues, pd.DataFrame(extra, columns=ISSUE_COLUMNS), res.issues) if len(f)]
    all_issues = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ISSUE_COLUMNS)
    return Corpus(documents, res.passages, all_issues)


def load_manifest(path: str | Path, follow_outside: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Ingest a manifest's files with their metadata → ``(documents, passages)``."""
    corpus = read_manifest_corpus(path, follow_outside)
    return corpus.documents, corpus.passages
