"""Shared metadata crosswalks for the corpus loaders: countries, regions, organisations, publisher types.

The mappings are data files beside this module (each row with a rationale):

* ``countries.csv`` — country / supranational / organisation codes with their WAIE spellings,
  Japanese names (as the 2022 review writes them), WAIE world region and, for international
  organisations, a pattern that finds them in a publisher or institution name;
* ``waie_institution_types.csv`` — WAIE ``institution_type`` → review publisher type (free
  publisher-type labels of manifests go through ``aicompare/data/publisher_types.csv`` in ingest).

Multi-valued fields (a document published by two countries) are joined with ``;``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import pandas as pd

MULTI_SEP = ";"


def _read_csv(name: str) -> pd.DataFrame:
    with resources.files("aicompare.corpus").joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def countries() -> pd.DataFrame:
    """The country/organisation table (``countries.csv``), one row per code."""
    df = _read_csv("countries.csv")
    dup = df["code"][df["code"].duplicated()].tolist()
    if dup:
        raise ValueError(f"countries.csv: duplicate codes {dup}")
    return df


@lru_cache(maxsize=None)
def waie_institution_types() -> pd.DataFrame:
    """WAIE institution type → publisher type crosswalk (``waie_institution_types.csv``)."""
    df = _read_csv("waie_institution_types.csv")
    df["priority"] = df["priority"].astype(int)
    return df


def _alias_index(column: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, names in zip(countries()["code"], countries()[column]):
        for name in filter(None, (n.strip() for n in names.split("|"))):
            out.setdefault(name.casefold(), code)
    return out


def split_multi(value: object, sep: str = ",") -> list[str]:
    """Split a multi-valued cell (``"Russia, Russia"``), drop blanks/'Unspecified', keep first-seen order."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    parts = [p.strip() for p in re.split(rf"[{re.escape(sep)}{MULTI_SEP}]", str(value))]
    seen: list[str] = []
    for p in parts:
        if p and p.casefold() not in {"unspecified", "unknown", "n/a"} and p not in seen:
            seen.append(p)
    return seen


def country_codes(value: object) -> tuple[list[str], list[str]]:
    """Country names or codes (WAIE/manifest spelling, possibly several) → (codes, unrecognised names)."""
    by_name = _alias_index("waie_names")
    known = set(countries()["code"])
    codes: list[str] = []
    unknown: list[str] = []
    for name in split_multi(value):
        code = name.upper() if name.upper() in known else by_name.get(name.casefold())
        if code is None:
            unknown.append(name)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def code_for_japanese_name(name: str) -> str | None:
    """The code for a country/organisation name as the review writes it (``米国`` → ``US``)."""
    key = unicodedata.normalize("NFKC", name).strip()
    return _alias_index("names_ja").get(key.casefold())


def regions_for(codes: list[str]) -> list[str]:
    """WAIE-style world regions of country codes (first-seen order, no repeats)."""
    table = countries().set_index("code")["region"]
    out: list[str] = []
    for code in codes:
        for reg in split_multi(table.get(code, "")):
            if reg not in out:
                out.append(reg)
    return out


def match_organisation(text: object) -> str | None:
    """Code of the international organisation named in a publisher/institution string, if any."""
    if not isinstance(text, str) or not text:
        return None
    orgs = countries()[countries()["kind"] == "organisation"]
    for code, pattern in zip(orgs["code"], orgs["institution_pattern"]):
        if pattern and re.search(pattern, text):
            return code
    return None


def join_multi(values: list[str]) -> object:
    """``["JP", "GB"]`` → ``"JP;GB"``; empty → NA."""
    return MULTI_SEP.join(values) if values else pd.NA


def slugify(text: str, max_len: int = 48) -> str:
    """ASCII slug: accents folded, lower case, runs of other characters → ``-``, cut at a word boundary."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    if len(slug) > max_len:
        cut = slug[:max_len]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug
