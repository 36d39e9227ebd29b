"""Pandera schemas of aicompare's tables, used by :func:`aicompare.schema.validate`.

Kept apart from the column lists of ``aicompare.schema`` because pandera takes longer to import than
most commands take to run: it is imported only when a table is validated.
"""
from __future__ import annotations

import pandera.pandas as pa

from aicompare.schema import PUBLISHER_TYPES

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

_code = pa.Column(str, pa.Check.str_matches(r"^V\d{2}$"))
_int = pa.Column(int, pa.Check.ge(0))
_share = pa.Column(float, pa.Check.in_range(0.0, 1.0))
SCHEMAS.update(
    {
        "survey_values": pa.DataFrameSchema(
            {"value_no": pa.Column(int, pa.Check.ge(1), unique=True), "value_code": pa.Column(str, unique=True),
             "label_ja": _str, "label_ja_domestic": _str, "label_en": _nstr, "label_en_domestic": _nstr,
             "labels_differ": pa.Column(bool), "new_in_2022": pa.Column(bool), "line": pa.Column(int)},
            strict=False,
        ),
        "survey_counts": pa.DataFrameSchema(
            {"value_no": pa.Column(int, pa.Check.ge(1), unique=True), "value_code": _code, "label_ja": _str,
             "label_en": _nstr, "count": _int, "n_guidelines": pa.Column(int, pa.Check.gt(0)), "share": _share,
             "over_half": pa.Column(bool), "line": pa.Column(int)},
            checks=[pa.Check(lambda d: (d["count"] <= d["n_guidelines"]).all(), error="count > n_guidelines")],
            strict=False,
        ),
        "survey_publishers": pa.DataFrameSchema(
            {"publisher_no": pa.Column(int, pa.Check.ge(1), unique=True), "name": pa.Column(str, pa.Check.str_length(min_value=1)),
             "list_row": pa.Column(int), "list_column": pa.Column(int), "line": pa.Column(int)},
            strict=False,
        ),
        "survey_scope": pa.DataFrameSchema(
            {"survey": pa.Column(str, pa.Check.isin(["overseas", "domestic"])), "category": _str, "name": _str,
             "publisher_type": pa.Column(str, pa.Check.isin(PUBLISHER_TYPES), nullable=True),
             "count": pa.Column("Int64", pa.Check.ge(0), nullable=True), "line": pa.Column("Int64", nullable=True)},
            strict=False,
        ),
        "survey_findings": pa.DataFrameSchema(
            {"finding_no": pa.Column(int, unique=True), "text": _str, "claim": _str, "value_codes": _str},
            strict=False,
        ),
        "survey_recoding": pa.DataFrameSchema(
            {"value_code": pa.Column(str, unique=True), "published_count": _int, "published_share": _share,
             "recoded_count": _int, "recoded_share": _share, "recoded_n": pa.Column(int, pa.Check.gt(0))},
            strict=False,
        ),
    }
)

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
