"""Column definitions and validators for aicompare's tables (one place for all of them).

Each table has an ordered column list (the order written to disk) and a pandera schema.
``validate(df, "passages")`` checks a frame and returns it with columns in canonical order.
The data dictionary in ``docs/data_dictionary.md`` describes every column.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

DOCUMENT_COLUMNS = [
    "doc_id", "title", "path", "sha256", "lang", "n_pages", "n_chars", "n_passages",
    "source_type", "publisher", "country", "publisher_type", "year", "role",
]
PASSAGE_COLUMNS = [
    "doc_id", "passage_id", "page", "section_path", "heading", "kind",
    "text", "text_raw", "lang", "char_start", "char_end",
]
ISSUE_COLUMNS = ["path", "doc_id", "severity", "code", "message"]

PUBLISHER_TYPES = ["government", "industry_body", "company", "other"]

_str = pa.Column(str)
_nstr = pa.Column(str, nullable=True)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "documents": pa.DataFrameSchema(
        {
            "doc_id": pa.Column(str, unique=True),
            "title": _nstr,
            "path": _nstr,
            "sha256": _nstr,
            "lang": _str,
            "n_pages": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "n_chars": pa.Column("Int64", pa.Check.ge(0)),
            "n_passages": pa.Column("Int64", pa.Check.ge(0)),
            "source_type": pa.Column(str, pa.Check.isin(["pdf", "html", "markdown", "text", "table", "waie"])),
            "publisher": _nstr,
            "country": _nstr,
            "publisher_type": pa.Column(str, pa.Check.isin(PUBLISHER_TYPES), nullable=True),
            "year": pa.Column("Int64", nullable=True),
            "role": _nstr,
        },
        strict=False,
    ),
    "passages": pa.DataFrameSchema(
        {
            "doc_id": _str,
            "passage_id": pa.Column(str, unique=True),
            "page": pa.Column("Int64", pa.Check.ge(1), nullable=True),
            "section_path": _str,
            "heading": _str,
            "kind": pa.Column(str, pa.Check.isin(["heading", "sentence", "bullet", "footnote", "table", "toc"])),
            "text": pa.Column(str, pa.Check.str_length(min_value=1)),
            "text_raw": _str,
            "lang": _str,
            "char_start": pa.Column("Int64", pa.Check.ge(0)),
            "char_end": pa.Column("Int64", pa.Check.ge(0)),
        },
        checks=[pa.Check(lambda d: (d["char_end"] >= d["char_start"]).all(), error="char_end < char_start")],
        strict=False,
    ),
}

COLUMNS = {"documents": DOCUMENT_COLUMNS, "passages": PASSAGE_COLUMNS, "issues": ISSUE_COLUMNS}

# --- coverage against the business guideline (aicompare.coverage)
COVERAGE_VALUE_COLUMNS = [
    "value_code", "label_ja", "n_passages", "principles", "parts", "covered", "first_location",
    "first_passage_id", "targets", "anchors_found", "relation", "domestic_2022", "note",
]
COVERAGE_DOCUMENT_COLUMNS = [
    "doc_id", "principle_no", "subitem", "covered", "score", "evidence_passage_ids", "principle_label", "subitem_label",
]
COVERAGE_EVIDENCE_COLUMNS = ["doc_id", "passage_id", "page", "section_path", "principle_no", "subitem", "matched", "text"]
SCHEMAS["coverage_values"] = pa.DataFrameSchema(
    {
        "value_code": pa.Column(str, pa.Check.str_matches(r"^V\d{2}$"), unique=True),
        "label_ja": _str,
        "n_passages": pa.Column(int, pa.Check.ge(0)),
        "principles": _str,
        "parts": _str,
        "covered": pa.Column(bool),
        "domestic_2022": pa.Column("Int64", pa.Check.ge(0), nullable=True),
    },
    strict=False,
)
SCHEMAS["coverage_documents"] = pa.DataFrameSchema(
    {
        "doc_id": _str,
        "principle_no": pa.Column(int, pa.Check.in_range(1, 99)),
        "subitem": _str,
        "covered": pa.Column(bool),
        "score": pa.Column(int, pa.Check.ge(0)),
        "evidence_passage_ids": _str,
    },
    checks=[pa.Check(lambda d: ((d["evidence_passage_ids"] != "") == d["covered"]).all(),
                     error="a covered cell needs evidence passages and an uncovered one has none")],
    strict=False,
)
COLUMNS.update({"coverage_values": COVERAGE_VALUE_COLUMNS, "coverage_documents": COVERAGE_DOCUMENT_COLUMNS,
                "coverage_evidence": COVERAGE_EVIDENCE_COLUMNS})


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the table's columns."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS[table]})


def validate(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Validate ``df`` against the table's schema; return it with canonical column order first."""
    cols = COLUMNS[table]
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{table} table lacks columns: {', '.join(missing)}")
    df = df[cols + [c for c in df.columns if c not in cols]]
    schema = SCHEMAS.get(table)
    return schema.validate(df) if schema is not None else df
