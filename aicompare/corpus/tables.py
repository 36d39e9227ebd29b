"""The ingest tables built and written with pyarrow alone (no pandas).

``aicompare ingest`` on a few PDFs takes less time than importing pandas, so :func:`ingest_to
<aicompare.corpus.ingest.ingest_to>` writes ``documents.parquet``, ``passages.parquet`` and ``issues.csv`` from the
parsed rows with the functions here. The files equal, byte for byte, those pandas writes for the frames of
``_documents_frame``, ``_passages_frame`` and ``_issues_frame`` (the same Arrow types, the same pandas metadata,
the same CSV quoting and formula escaping; ``tests/test_ingest_tables.py`` compares them), and the rows are
checked as the schemas of :mod:`aicompare.schema_checks` check those frames.

The Arrow schema reproduced here is the one pandas 3 writes (``str`` columns as ``large_string``); with an older
pandas :func:`native_tables` is False and the ingest writes through pandas as before.
"""
from __future__ import annotations

import csv
import io
import json
import math
from functools import lru_cache
from pathlib import Path

from aicompare.io import atomic_path, escape_csv_cell
from aicompare.schema import COLUMNS, DOCUMENT_COLUMNS, ISSUE_COLUMNS, PUBLISHER_TYPES

DOCUMENT_INTS = ("n_pages", "n_chars", "n_passages", "year")
PASSAGE_INTS = ("page", "char_start", "char_end")
SOURCE_TYPES = frozenset(["pdf", "html", "markdown", "text", "table", "waie"])
PASSAGE_KINDS = frozenset(["heading", "sentence", "bullet", "footnote", "table", "toc"])


class SchemaViolation(Exception):
    """A row that breaks the table's schema (what :class:`aicompare.schema_checks.SchemaError` reports for the pandas frames)."""


@lru_cache(maxsize=1)
def _pandas_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pandas")
    except PackageNotFoundError:
        return None


def native_tables() -> bool:
    """True when the installed pandas writes the schema reproduced here (pandas 3 or later)."""
    v = _pandas_version()
    return v is not None and v.split(".")[0].isdigit() and int(v.split(".")[0]) >= 3


def load_arrow() -> None:
    """Import pyarrow's Parquet writer now (while worker processes read the first files)."""
    import pyarrow.parquet  # noqa: F401


@lru_cache(maxsize=None)
def arrow_schema(table: str):
    """The Arrow schema, with its pandas metadata, that pandas writes for the documents or passages frame."""
    import pyarrow as pa

    ints = DOCUMENT_INTS if table == "documents" else PASSAGE_INTS
    cols = COLUMNS[table]
    meta = {
        "index_columns": [], "column_indexes": [],
        "columns": [{"name": c, "field_name": c, "pandas_type": "int64" if c in ints else "object",
                     "numpy_type": "Int64" if c in ints else "str", "metadata": None} for c in cols],
        "attributes": {}, "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": _pandas_version(),
    }
    fields = [pa.field(c, pa.int64() if c in ints else pa.large_string()) for c in cols]
    return pa.schema(fields, metadata={b"pandas": json.dumps(meta).encode("utf8")})


def as_text(value: object) -> str | None:
    """A cell as pandas' ``astype("str")`` leaves it: text, or None for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value) is str:
        return value
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values (pandas is loaded when they occur)
        return None
    return str(value)


def _check(ok: bool, table: str, message: str) -> None:
    if not ok:
        raise SchemaViolation(f"{table} table: {message}")


def arrow_column(values: list, type_):
    """An Arrow int64 or large_string array of ``values`` (None: null), assembled from its buffers
    (``pa.array`` would import pandas: pyarrow checks whether its argument is a pandas object)."""
    import array
    from itertools import accumulate

    import pyarrow as pa

    n = len(values)
    nulls = values.count(None)
    validity = None
    if nulls:
        bits = bytearray((n + 7) // 8)
        for i, v in enumerate(values):
            if v is not None:
                bits[i >> 3] |= 1 << (i & 7)
        validity = pa.py_buffer(bytes(bits))
    if type_ == pa.int64():
        data = array.array("q", [0 if v is None else v for v in values])
        return pa.Array.from_buffers(type_, n, [validity, pa.py_buffer(data)], null_count=nulls)
    encoded = [b"" if v is None else v.encode("utf-8") for v in values]
    offsets = array.array("q", accumulate(map(len, encoded), initial=0))
    return pa.Array.from_buffers(type_, n, [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))],
                                 null_count=nulls)


def passages_table(rows: list[dict]):
    """Passage rows (as :func:`aicompare.corpus.ingest._ingest_rows` yields them) as an Arrow table, checked like
    the schema of ``passages``."""
    import pyarrow as pa

    schema = arrow_schema("passages")
    cols: dict[str, list] = {}
    for c in schema.names:
        if c in PASSAGE_INTS:
            values = [r[c] for r in rows]
            if c != "page":
                _check(None not in values, "passages", f"{c} has missing values")
            low = 1 if c == "page" else 0
            _check(all(v is None or v >= low for v in values), "passages", f"{c} below {low}")
        else:
            values = [as_text(r[c]) for r in rows]
            _check(None not in values, "passages", f"{c} has missing values")
        cols[c] = values
    _check(all(cols["text"]), "passages", "empty text")
    _check(set(cols["kind"]) <= PASSAGE_KINDS, "passages", "unknown kind")
    _check(all(e >= s for s, e in zip(cols["char_start"], cols["char_end"])), "passages", "char_end < char_start")
    _check(len(set(cols["passage_id"])) == len(rows), "passages", "passage_id is not unique")
    # text columns in one chunk per document, integer columns in one chunk: the layout of the pandas frame
    # (per-document frames concatenated), which decides where Parquet's dictionary pages fall back to plain
    ids = cols["doc_id"]
    cuts = [0] + [i for i in range(1, len(ids)) if ids[i] != ids[i - 1]] + [len(ids)]
    spans = list(zip(cuts, cuts[1:]))
    arrays = [pa.chunked_array([arrow_column(cols[f.name], f.type)] if f.name in PASSAGE_INTS else
                               [arrow_column(cols[f.name][a:b], f.type) for a, b in spans], f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def document_records(doc_rows: list[dict]) -> list[dict]:
    """Document rows as the documents table holds them (text cells as text, None for missing), checked like its
    schema."""
    out = [{c: (r.get(c) if c in DOCUMENT_INTS else as_text(r.get(c))) for c in DOCUMENT_COLUMNS} for r in doc_rows]
    ids = [r["doc_id"] for r in out]
    _check(None not in ids and len(set(ids)) == len(ids), "documents", "doc_id missing or not unique")
    _check(all(r["lang"] is not None for r in out), "documents", "lang has missing values")
    for c in ("n_chars", "n_passages"):
        _check(all(r[c] is not None and r[c] >= 0 for r in out), "documents", f"{c} missing or negative")
    _check(all(r["n_pages"] is None or r["n_pages"] >= 0 for r in out), "documents", "n_pages negative")
    _check(all(r["source_type"] in SOURCE_TYPES for r in out), "documents", "unknown source_type")
    _check(all(r["publisher_type"] is None or r["publisher_type"] in PUBLISHER_TYPES for r in out), "documents",
           "unknown publisher_type")
    return out


def write_documents_parquet(documents: list[dict], path: str | Path) -> Path:
    """``documents.parquet`` of :func:`document_records` rows, as ``write_table(_documents_frame(…))`` writes it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema("documents")
    arrays = [arrow_column([r[f.name] for r in documents], f.type) for f in schema]
    with atomic_path(path) as tmp:
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), tmp)
    return Path(path)


def sorted_issues(issues: list[dict]) -> list[dict]:
    """Issue rows in the order of the issues table (severity, path, code; stable; missing values last)."""
    rows = [{c: r.get(c) for c in ISSUE_COLUMNS} for r in issues]
    return sorted(rows, key=lambda r: tuple((r[c] is None, r[c] or "") for c in ("severity", "path", "code")))


def write_issues_csv(issues: list[dict], path: str | Path) -> Path:
    """``issues.csv`` of :func:`sorted_issues` rows, as ``write_table(_issues_frame(…))`` writes it (formula-like
    text escaped, missing values empty)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([escape_csv_cell(c) for c in ISSUE_COLUMNS])
    for r in issues:
        w.writerow(["" if (v := as_text(r[c])) is None else escape_csv_cell(v) for c in ISSUE_COLUMNS])
    with atomic_path(path) as tmp:
        tmp.write_bytes(buf.getvalue().encode("utf-8"))
    return Path(path)


def ingest_summary(documents: list[dict], issues: list[dict], n_passages: int) -> dict[str, int]:
    """:func:`aicompare.corpus.model.ingest_summary` of document and issue records."""
    sev = [r["severity"] for r in issues]
    return {
        "documents": len(documents),
        "passages": n_passages,
        "pages": sum(r.get("n_pages") or 0 for r in documents),
        "errors": sev.count("error"),
        "warnings": sev.count("warning"),
    }
