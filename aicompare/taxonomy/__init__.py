"""The 22-value taxonomy of the MIC review and its bilingual lexicons, loaded from data files.

* ``values.yaml``  — codes V01…V22 in the review's order, labels as printed in the 2022 report, glosses.
* ``lexicon.yaml`` — per value and language: strong terms (name the value), weak terms (indicate it),
  exclusions (misleading contexts whose matches are discarded), plus the bibliographic rules.
* ``baseline.csv`` — one short regular expression per value, the naive baseline of the evaluation.
* ``crosswalks/`` — WAIE principles → values, business-guideline sections → values, values → the business
  guideline's principles and sub-items (:func:`load_guideline_crosswalk`).
* ``business_guideline_lexicon.csv`` — terms of the business guideline's principles and sub-items
  (:func:`load_principle_lexicon`; the coverage stage).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

VALUE_COLUMNS = [
    "code", "no", "label_ja", "label_ja_domestic", "label_en", "label_en_domestic", "definition_en", "introduced",
]
LEXICON_COLUMNS = ["value_code", "lang", "kind", "term", "weight"]
LEXICON_KINDS = ("strong", "weak", "exclude")
LANGS = ("ja", "en")


def _read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses duplicate keys (PyYAML silently keeps the last one)."""


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dup = sorted({str(k) for k in keys if keys.count(k) > 1})
    if dup:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate keys {dup}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


@lru_cache(maxsize=None)
def _yaml(name: str) -> dict[str, Any]:
    data = yaml.load(_read_text(name), Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    if not isinstance(data, dict):
        raise ValueError(f"aicompare/taxonomy/{name}: expected a mapping at the top level")
    return data


def load_values() -> pd.DataFrame:
    """The 22 values, one row each in the review's order (columns ``VALUE_COLUMNS``)."""
    rows = []
    for item in _yaml("values.yaml")["values"]:
        row = {c: item.get(c) for c in VALUE_COLUMNS}
        row["label_ja_domestic"] = item.get("label_ja_domestic") or item["label_ja"]
        row["label_en_domestic"] = item.get("label_en_domestic") or item["label_en"]
        row["introduced"] = str(item["introduced"])
        rows.append(row)
    df = pd.DataFrame(rows, columns=VALUE_COLUMNS)
    df["no"] = df["no"].astype("int64")
    expected = [f"V{i:02d}" for i in range(1, len(df) + 1)]
    if df["code"].tolist() != expected or df["no"].tolist() != list(range(1, len(df) + 1)):
        raise ValueError("values.yaml: codes must run V01, V02, … with no = 1, 2, … in order")
    return df


def value_codes() -> list[str]:
    """``["V01", …, "V22"]`` in the review's order."""
    return load_values()["code"].tolist()


def lexicon_settings() -> dict[str, Any]:
    """Global settings of the lexicon (weights, thresholds, bibliographic rules)."""
    return dict(_yaml("lexicon.yaml")["settings"])


def load_lexicon() -> pd.DataFrame:
    """All lexicon entries: one row per (value_code, lang, kind, term) with its weight.

    ``kind`` is ``strong`` / ``weak`` (matches count towards the value with the weight of the kind) or
    ``exclude`` (a match of the value's terms overlapping an exclusion is discarded). A ``term`` starting
    with ``re:`` is a regular expression; otherwise it is a literal (Japanese) or a word/phrase whose
    regular inflections are matched (English; ``*`` at a word's end matches any ending).
    Terms are NFKC-normalised like ingested passage text.
    """
    lex = _yaml("lexicon.yaml")
    weights = lexicon_settings()["weights"]
    codes = set(value_codes())
    rows = []
    for code, entry in lex["values"].items():
        if code not in codes:
            raise ValueError(f"lexicon.yaml: unknown value code {code!r}")
        for lang in LANGS:
            for kind in LEXICON_KINDS:
                for term in (entry.get(lang) or {}).get(kind) or []:
                    rows.append({
                        "value_code": code, "lang": lang, "kind": kind,
                        "term": unicodedata.normalize("NFKC", str(term)),
                        "weight": float(weights[kind]) if kind != "exclude" else 0.0,
                    })
    missing = codes - set(lex["values"])
    if missing:
        raise ValueError(f"lexicon.yaml: no entry for {', '.join(sorted(missing))}")
    df = pd.DataFrame(rows, columns=LEXICON_COLUMNS)
    # a term counts once per value and language: listed twice, or as both strong and weak (the matcher would take the
    # strong weight and the weak entry would be dead), it is refused; an exclusion may repeat a term of another kind
    kinds = df["kind"].where(df["kind"] == "exclude", "term")
    dup = df[pd.concat([df[["value_code", "lang", "term"]], kinds], axis=1).duplicated()]
    if len(dup):
        raise ValueError(f"lexicon.yaml: duplicate terms {dup[['value_code', 'kind', 'term']].values.tolist()}")
    return df


def lexicon_rationale() -> pd.DataFrame:
    """One row per value: why its lexicon contains what it contains (``value_code``, ``rationale``)."""
    lex = _yaml("lexicon.yaml")["values"]
    return pd.DataFrame(
        [{"value_code": c, "rationale": str(e.get("rationale", "")).strip()} for c, e in lex.items()]
    )


def load_baseline() -> pd.DataFrame:
    """The naive baseline: one short regular expression per value (``value_code``, ``pattern``, ``rationale``)."""
    with resources.files(__name__).joinpath("baseline.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    if df["value_code"].tolist() != value_codes():
        raise ValueError("baseline.csv: one row per value code, V01…V22 in order")
    return df


def load_crosswalk(name: str) -> pd.DataFrame:
    """A crosswalk CSV from ``taxonomy/crosswalks/`` (e.g. ``waie_to_values``) with ``value_codes`` split to lists."""
    path = resources.files(__name__).joinpath("crosswalks", f"{name}.csv")
    with path.open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    codes = set(value_codes())
    df["value_codes"] = df["value_codes"].map(lambda s: [c for c in s.split() if c])
    bad = sorted({c for cs in df["value_codes"] for c in cs} - codes)
    if bad:
        raise ValueError(f"crosswalks/{name}.csv: unknown value codes {bad}")
    return df


PRINCIPLE_LEXICON_PATH = Path(__file__).resolve().parent / "business_guideline_lexicon.csv"
GUIDELINE_CROSSWALK_PATH = Path(__file__).resolve().parent / "crosswalks" / "values_to_business_guideline.csv"


@lru_cache(maxsize=4)
def _read_csv_file(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def load_principle_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """The business guideline's principle/sub-item lexicon (principle_no, subitem, lang, pattern, rationale)."""
    df = _read_csv_file(str(path or PRINCIPLE_LEXICON_PATH)).copy()
    missing = {"principle_no", "subitem", "lang", "pattern"} - set(df.columns)
    if missing:
        raise ValueError(f"lexicon {path or PRINCIPLE_LEXICON_PATH} lacks columns: {', '.join(sorted(missing))}")
    df["principle_no"] = df["principle_no"].astype(int)
    return df


def load_guideline_crosswalk(path: str | Path | None = None) -> pd.DataFrame:
    """The values ↔ business guideline crosswalk (value_code, label_ja, target, anchor, relation, rationale, note)."""
    df = _read_csv_file(str(path or GUIDELINE_CROSSWALK_PATH)).copy()
    missing = {"value_code", "label_ja", "target", "anchor"} - set(df.columns)
    if missing:
        raise ValueError(f"crosswalk {path or GUIDELINE_CROSSWALK_PATH} lacks columns: {', '.join(sorted(missing))}")
    return df
