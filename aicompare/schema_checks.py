"""The schemas of aicompare's tables, used by :func:`aicompare.schema.validate`: per column its type, whether it may
be empty (NA) or must be unique, and checks on its values; per table, checks across columns.

A few lines of pandas each (a schema library took longer to import than most commands take to run). Checks skip
missing values; extra columns are allowed. A table that breaks its schema raises :class:`SchemaError` naming the
table, the column and up to five offending values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from aicompare.io import is_text_dtype
from aicompare.schema import PUBLISHER_TYPES


class SchemaError(ValueError):
    """A table that breaks its schema."""


@dataclass(frozen=True)
class Check:
    """A test of a column's non-missing values (``test``: Series -> boolean Series), or of a whole table
    (``test``: DataFrame -> bool), described by ``error``."""
    test: Callable[[Any], Any]
    error: str

    @staticmethod
    def ge(bound) -> "Check":
        return Check(lambda s: s >= bound, f"greater than or equal to {bound}")

    @staticmethod
    def gt(bound) -> "Check":
        return Check(lambda s: s > bound, f"greater than {bound}")

    @staticmethod
    def in_range(low, high) -> "Check":
        return Check(lambda s: (s >= low) & (s <= high), f"in the range [{low}, {high}]")

    @staticmethod
    def isin(allowed) -> "Check":
        allowed = list(allowed)
        return Check(lambda s: s.isin(allowed), f"one of {allowed}")

    @staticmethod
    def str_length(min_value: int) -> "Check":
        return Check(lambda s: s.str.len() >= min_value, f"at least {min_value} characters long")

    @staticmethod
    def str_matches(pattern: str) -> "Check":
        rx = re.compile(pattern)
        return Check(lambda s: s.map(lambda v: rx.match(v) is not None).astype(bool), f"matching {pattern}")


_TYPES: dict[Any, tuple[str, Callable[[pd.Series], bool]]] = {
    str: ("text", lambda s: is_text_dtype(s.dtype)
          and (s.dtype != object or all(isinstance(v, str) for v in s.dropna().tolist()))),
    int: ("int64", lambda s: s.dtype.kind in "iu"),
    float: ("float64", lambda s: s.dtype.kind == "f"),
    bool: ("bool", lambda s: s.dtype == bool),
    "Int64": ("Int64", lambda s: str(s.dtype) == "Int64"),
}


@dataclass(frozen=True)
class Column:
    """A column's type (``str``, ``int``, ``float``, ``bool`` or ``"Int64"``), checks, NA allowed, uniqueness."""
    dtype: Any
    checks: Check | list[Check] | None = None
    nullable: bool = False
    unique: bool = False

    def problems(self, col: pd.Series) -> list[str]:
        name, has_type = _TYPES[self.dtype]
        if not has_type(col):
            return [f"has dtype {col.dtype}, expected {name}"]
        out = []
        missing = col.isna().to_numpy(dtype=bool)
        if not self.nullable and missing.any():
            out.append(f"has {int(missing.sum())} missing values")
        present = col[~missing]
        if self.unique and present.duplicated().any():
            out.append(f"has duplicates: {_sample(present[present.duplicated()])}")
        checks = [self.checks] if isinstance(self.checks, Check) else self.checks or []
        for check in checks:
            ok = check.test(present).to_numpy(dtype=bool) if len(present) else []
            if len(present) and not ok.all():
                out.append(f"values not {check.error}: {_sample(present[~ok])}")
        return out


@dataclass(frozen=True)
class DataFrameSchema:
    """Column schemas (other columns allowed) and checks across columns."""
    columns: dict[str, Column]
    checks: list[Check] = field(default_factory=list)

    def validate(self, df: pd.DataFrame, table: str = "table") -> pd.DataFrame:
        """``df`` unchanged, or :class:`SchemaError` with every problem found."""
        problems = [f"column '{name}' {p}" for name, col in self.columns.items() if name in df.columns
                    for p in col.problems(df[name])]
        problems += [f"check failed: {c.error}" for c in self.checks if not problems and not bool(c.test(df))]
        if problems:
            raise SchemaError(f"{table} table: " + "; ".join(problems))
        return df


def _sample(values: pd.Series) -> str:
    return ", ".join(repr(v) for v in values.drop_duplicates().tolist()[:5])


_str = Column(str)
_nstr = Column(str, nullable=True)

SCHEMAS: dict[str, DataFrameSchema] = {
    "documents": DataFrameSchema(
        {
            "doc_id": Column(str, unique=True),
            "title": _nstr,
            "path": _nstr,
            "sha256": _nstr,
            "lang": _str,
            "n_pages": Column("Int64", Check.ge(0), nullable=True),
            "n_chars": Column("Int64", Check.ge(0)),
            "n_passages": Column("Int64", Check.ge(0)),
            "source_type": Column(str, Check.isin(["pdf", "html", "markdown", "text", "table", "waie"])),
            "publisher": _nstr,
            "country": _nstr,
            "publisher_type": Column(str, Check.isin(PUBLISHER_TYPES), nullable=True),
            "year": Column("Int64", nullable=True),
            "role": _nstr,
        },
    ),
    "passages": DataFrameSchema(
        {
            "doc_id": _str,
            "passage_id": Column(str, unique=True),
            "page": Column("Int64", Check.ge(1), nullable=True),
            "section_path": _str,
            "heading": _str,
            "kind": Column(str, Check.isin(["heading", "sentence", "bullet", "footnote", "table", "toc"])),
            "text": Column(str, Check.str_length(min_value=1)),
            "text_raw": _str,
            "lang": _str,
            "char_start": Column("Int64", Check.ge(0)),
            "char_end": Column("Int64", Check.ge(0)),
        },
        checks=[Check(lambda d: (d["char_end"] >= d["char_start"]).all(), error="char_end < char_start")],
    ),
}

_code = Column(str, Check.str_matches(r"^V\d{2}$"))
_int = Column(int, Check.ge(0))
_share = Column(float, Check.in_range(0.0, 1.0))
SCHEMAS.update(
    {
        "survey_values": DataFrameSchema(
            {"value_no": Column(int, Check.ge(1), unique=True), "value_code": Column(str, unique=True),
             "label_ja": _str, "label_ja_domestic": _str, "label_en": _nstr, "label_en_domestic": _nstr,
             "labels_differ": Column(bool), "new_in_2022": Column(bool), "line": Column(int)},
        ),
        "survey_counts": DataFrameSchema(
            {"value_no": Column(int, Check.ge(1), unique=True), "value_code": _code, "label_ja": _str,
             "label_en": _nstr, "count": _int, "n_guidelines": Column(int, Check.gt(0)), "share": _share,
             "over_half": Column(bool), "line": Column(int)},
            checks=[Check(lambda d: (d["count"] <= d["n_guidelines"]).all(), error="count > n_guidelines")],
        ),
        "survey_publishers": DataFrameSchema(
            {"publisher_no": Column(int, Check.ge(1), unique=True), "name": Column(str, Check.str_length(min_value=1)),
             "list_row": Column(int), "list_column": Column(int), "line": Column(int)},
        ),
        "survey_scope": DataFrameSchema(
            {"survey": Column(str, Check.isin(["overseas", "domestic"])), "category": _str, "name": _str,
             "publisher_type": Column(str, Check.isin(PUBLISHER_TYPES), nullable=True),
             "count": Column("Int64", Check.ge(0), nullable=True), "line": Column("Int64", nullable=True)},
        ),
        "survey_findings": DataFrameSchema(
            {"finding_no": Column(int, unique=True), "text": _str, "claim": _str, "value_codes": _str},
        ),
        "survey_recoding": DataFrameSchema(
            {"value_code": Column(str, unique=True), "published_count": _int, "published_share": _share,
             "recoded_count": _int, "recoded_share": _share, "recoded_n": Column(int, Check.gt(0))},
        ),
    }
)

SCHEMAS["coverage_values"] = DataFrameSchema(
    {
        "value_code": Column(str, Check.str_matches(r"^V\d{2}$"), unique=True),
        "label_ja": _str,
        "n_passages": Column(int, Check.ge(0)),
        "principles": _str,
        "parts": _str,
        "covered": Column(bool),
        "domestic_2022": Column("Int64", Check.ge(0), nullable=True),
    },
)
SCHEMAS["coverage_documents"] = DataFrameSchema(
    {
        "doc_id": _str,
        "principle_no": Column(int, Check.in_range(1, 99)),
        "subitem": _str,
        "covered": Column(bool),
        "score": Column(int, Check.ge(0)),
        "evidence_passage_ids": _str,
    },
    checks=[Check(lambda d: ((d["evidence_passage_ids"] != "") == d["covered"]).all(),
                     error="a covered cell needs evidence passages and an uncovered one has none")],
)
