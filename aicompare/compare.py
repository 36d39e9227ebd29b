"""Overseas comparison in the 2022 review's form: documents × 22 values aggregated by country,
region or publisher type, and the review's selection rules (figures: :mod:`aicompare.figures.compare`;
tables and figures written by :mod:`aicompare.stages.compare`).

Inputs are plain frames:

* a **value matrix** — ``doc_id`` plus one column per value code (``V01`` … ``V22``), 0/1 or
  counts (``aicompare.extract.value_matrix``); a value is *present* in a document when > 0;
* the **documents** table (``country``/``region`` may hold several ``;``-joined entries: such a
  document counts once in each of its groups);
* optionally the **evidence** (one row per doc × value × passage) so that every cell can be traced.

A group × value cell reports ``count`` (documents of the group naming the value),
``n_documents`` (documents in the group), ``share`` and ``over_half`` (share > 1/2, the review's
「半数を超える」, drawn in red; any presence is drawn pink).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

import pandas as pd

from aicompare.corpus import meta
from aicompare.schema import COMPARE_COLUMNS, COMPARE_EVIDENCE_COLUMNS, PREVALENCE_COLUMNS, SELECTION_COLUMNS

if TYPE_CHECKING:
    from aicompare.survey import Survey

GROUP_KEYS = ("country", "region", "publisher_type")
DOMESTIC_SOURCES = ("review", "corpus", "none")
TOTAL_GROUP = "(all)"
UNSPECIFIED = "(unspecified)"
_VALUE_COL = re.compile(r"^V\d{2}$")

# ---------------------------------------------------------------- value columns and labels
def value_columns(matrix: pd.DataFrame) -> list[str]:
    """The value-code columns of a value matrix, sorted (``V01`` …)."""
    cols = sorted(c for c in matrix.columns if _VALUE_COL.match(str(c)))
    if not cols:
        raise ValueError("value matrix has no value columns (expected doc_id plus V01…V22)")
    return cols


def presence(matrix: pd.DataFrame) -> pd.DataFrame:
    """Binary (0/1) presence frame indexed by ``doc_id`` with the value columns, rows sorted."""
    if "doc_id" not in matrix.columns:
        raise ValueError("value matrix lacks the doc_id column")
    cols = value_columns(matrix)
    out = (matrix.set_index("doc_id")[cols].fillna(0) > 0).astype(int)
    return out.sort_index()


# ---------------------------------------------------------------- grouping and aggregation
def document_groups(documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """``doc_id, group`` pairs: multi-valued country/region cells exploded, missing → ``(unspecified)``."""
    if by not in GROUP_KEYS:
        raise ValueError(f"unknown grouping '{by}' (use one of {', '.join(GROUP_KEYS)})")
    if by not in documents.columns:
        raise ValueError(f"documents table has no '{by}' column to group by")
    groups = documents[["doc_id", by]].copy()
    groups["group"] = [meta.split_multi(v, sep=meta.MULTI_SEP) or [UNSPECIFIED] for v in groups[by]]
    return groups.explode("group")[["doc_id", "group"]].reset_index(drop=True)


def aggregate_values(
    matrix: pd.DataFrame, documents: pd.DataFrame, by: str, *, include_total: bool = True
) -> pd.DataFrame:
    """Group × value table: ``group, value, count, n_documents, share, over_half`` (long form).

    Only documents present in both ``matrix`` and ``documents`` are counted. With
    ``include_total`` a ``(all)`` group counts every document once.
    """
    pres = presence(matrix)
    groups = document_groups(documents[documents["doc_id"].isin(pres.index)], by)
    if include_total:
        groups = pd.concat([groups, pd.DataFrame({"doc_id": pres.index, "group": TOTAL_GROUP})], ignore_index=True)
    joined = groups.join(pres, on="doc_id", how="inner")
    counts = joined.groupby("group", sort=True)[list(pres.columns)].sum()
    n_docs = joined.groupby("group", sort=True)["doc_id"].nunique()
    long = counts.stack().rename("count").reset_index().rename(columns={"level_1": "value"})
    long.columns = ["group", "value", "count"]
    long["n_documents"] = long["group"].map(n_docs).astype(int)
    long["share"] = (long["count"] / long["n_documents"]).round(4)
    long["over_half"] = long["count"] * 2 > long["n_documents"]
    long.insert(0, "by", by)
    return long.sort_values(["group", "value"], kind="stable").reset_index(drop=True)[COMPARE_COLUMNS]


def wide_counts(table: pd.DataFrame, column: str = "count") -> pd.DataFrame:
    """Pivot an aggregate table to ``group × value`` (with ``n_documents``); groups by size, total last."""
    wide = table.pivot(index="group", columns="value", values=column)
    n = table.drop_duplicates("group").set_index("group")["n_documents"]
    wide.insert(0, "n_documents", n)
    order = sorted(wide.index, key=lambda g: (g == TOTAL_GROUP, g == UNSPECIFIED, -int(n[g]), str(g)))
    return wide.loc[order].reset_index()


def group_evidence(evidence: pd.DataFrame, documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Evidence rows with the group each document belongs to: which passages make each cell
    (``by, group, value, doc_id, passage_id, page, section_path``; the last three when given)."""
    value_col = next((c for c in ("value_code", "value", "code") if c in evidence.columns), None)
    if value_col is None or "doc_id" not in evidence.columns:
        raise ValueError("evidence needs doc_id and a value_code (or value) column")
    ev = evidence.rename(columns={value_col: "value"})
    keep = [c for c in ("doc_id", "value", "passage_id", "page", "section_path") if c in ev.columns]
    out = document_groups(documents, by).merge(ev[keep], on="doc_id", how="inner")
    out.insert(0, "by", by)
    out = out.sort_values(["group", "value", "doc_id"] + [c for c in ("passage_id",) if c in out], kind="stable")
    return out[[c for c in COMPARE_EVIDENCE_COLUMNS if c in out.columns]].reset_index(drop=True)


# ---------------------------------------------------------------- the review's matrix, per guideline
SMALL_GROUP = 3  # a group of fewer guidelines gets a note, not the review's red "more than half"
GUIDELINE_MATRIX_COLUMNS = ["row", "by", "group", "doc_id", "title", "year", "n_documents", "small_group"]


def guideline_matrix(documents: pd.DataFrame, matrix: pd.DataFrame, by: str = "country", *,
                     include_total: bool = True) -> pd.DataFrame:
    """The 2022 review's comparison figure as a table: per group, the group's row then one row per guideline.

    Columns ``row, by, group, doc_id, title, year, n_documents, small_group`` and ``V01``…``V22``:

    * ``row == "guideline"``: a document of the group (``title``, ``year`` from ``documents``), 0/1 per value
      (present when > 0 in ``matrix``); ``n_documents`` is 1;
    * ``row == "group"``: before the group's guidelines, the number of them addressing each value and
      ``n_documents`` of the group (the review marks a count above half in red); ``small_group`` is true when
      the group has fewer than :data:`SMALL_GROUP` guidelines, where "more than half" means one document;
    * ``row == "total"`` (with ``include_total``): every document once.

    Groups come largest first (then by name, ``(unspecified)`` last); guidelines by year then title. A document
    in two groups (``;``-joined countries) is listed under each. Only documents in both frames count.
    """
    pres = presence(matrix)
    values = list(pres.columns)
    docs = documents[documents["doc_id"].isin(pres.index)].drop_duplicates("doc_id")
    meta_cols = docs.set_index("doc_id")
    groups = document_groups(docs, by)
    sizes = groups.groupby("group")["doc_id"].nunique()
    order = sorted(sizes.index, key=lambda g: (g == UNSPECIFIED, -int(sizes[g]), str(g)))
    title = meta_cols["title"] if "title" in meta_cols.columns else pd.Series(dtype=object)
    year = pd.to_numeric(meta_cols["year"], errors="coerce") if "year" in meta_cols.columns else pd.Series(dtype=float)
    rows = []

    def summary(kind: str, group: str, ids: list[str]) -> dict:
        n = len(ids)
        counts = pres.loc[ids, values].sum() if n else pd.Series(0, index=values)
        return {"row": kind, "by": by, "group": group, "doc_id": "", "title": "", "year": pd.NA,
                "n_documents": n, "small_group": n < SMALL_GROUP, **{v: int(counts[v]) for v in values}}

    for g in order:
        ids = sorted(set(groups.loc[groups["group"] == g, "doc_id"]),
                     key=lambda d: (year.get(d, float("nan")) if pd.notna(year.get(d, float("nan"))) else 9999,
                                    str(title.get(d, "") if pd.notna(title.get(d, "")) else ""), d))
        rows.append(summary("group", g, ids))
        for d in ids:
            t = title.get(d, "")
            rows.append({"row": "guideline", "by": by, "group": g, "doc_id": d, "title": t if pd.notna(t) else "",
                         "year": year.get(d, pd.NA), "n_documents": 1, "small_group": False,
                         **{v: int(pres.at[d, v]) for v in values}})
    if include_total:
        rows.append(summary("total", TOTAL_GROUP, sorted(docs["doc_id"])))
    out = pd.DataFrame(rows, columns=GUIDELINE_MATRIX_COLUMNS + values)
    out["year"] = pd.to_numeric(out["year"], errors="coerce").astype("Int64")
    for c in ["n_documents", *values]:
        out[c] = out[c].astype("int64")
    out["small_group"] = out["small_group"].astype(bool)
    return out


def cell_strengths(decisions: pd.DataFrame) -> pd.DataFrame:
    """``doc_id`` × value → the decision's ``strength`` (``none``, ``weak`` — evidence below the document
    rule, not counted —, ``moderate``, ``strong``, ``reviewed``, ``rejected``, ``not coded``), from the long
    decisions table of :func:`aicompare.extract.code_documents`."""
    need = {"doc_id", "value_code", "strength"}
    if not need <= set(decisions.columns):
        raise ValueError(f"decisions need columns {sorted(need)}")
    d = decisions.drop_duplicates(["doc_id", "value_code"], keep="last")
    return d.pivot(index="doc_id", columns="value_code", values="strength")


# ---------------------------------------------------------------- the review's selection rules
@dataclass(frozen=True)
class ReviewScope:
    """What the review surveyed overseas, from its report."""

    entities: pd.DataFrame  # code, name_ja, kind (country | supranational | organisation), order
    n_countries_stated: int
    since_year: int | None
    since_month: int | None


def scope_from_survey(scope_table: pd.DataFrame) -> ReviewScope:
    """The review's overseas scope from the ``scope`` table of :func:`aicompare.survey.parse_survey`.

    Country names (as the review writes them) and the EU are looked up in ``countries.csv``
    (``names_ja``); international bodies by the acronym in parentheses (「世界保健機関（WHO）」 → WHO).
    The stated number of countries must equal the names found; the period comes from the note on
    the surveyed guidelines (「…2019年８月以降に公表されたもの…」).
    """
    over = scope_table[scope_table["survey"] == "overseas"]
    rows = []
    kinds = {"country": "country", "supranational": "supranational", "international_org": "organisation"}
    for r in over[over["category"].isin(list(kinds))].itertuples(index=False):
        name = unicodedata.normalize("NFKC", str(r.name)).strip()
        acronym = re.search(r"\(([A-Za-z]+)\)\s*$", name)
        code = acronym.group(1).upper() if acronym else meta.code_for_japanese_name(name)
        rows.append({"code": code, "name_ja": r.name, "kind": kinds[r.category]})
    entities = pd.DataFrame(rows, columns=["code", "name_ja", "kind"])
    unknown = entities.loc[entities["code"].isna(), "name_ja"].tolist()
    if unknown:
        raise ValueError(f"scope names not in countries.csv (names_ja): {', '.join(unknown)}")
    stated = over.loc[over["category"] == "countries", "count"]
    if stated.empty:
        raise ValueError("the survey's scope table states no number of countries")
    n_stated, n_found = int(stated.iloc[0]), int((entities["kind"] == "country").sum())
    if n_found != n_stated:
        raise ValueError(f"the review states {n_stated} countries but {n_found} were parsed")
    notes = " ".join(over.loc[over["category"] == "guidelines", "note"].fillna("").astype(str))
    since = re.search(r"(\d{4})年(\d{1,2})月以降", unicodedata.normalize("NFKC", notes))
    entities.insert(0, "order", range(1, len(entities) + 1))
    return ReviewScope(
        entities=entities,
        n_countries_stated=n_stated,
        since_year=int(since.group(1)) if since else None,
        since_month=int(since.group(2)) if since else None,
    )


def review_report_path() -> Path:
    """The review report among the seeds (``role`` = ``review_report`` in ``data/raw/SOURCES.csv``)."""
    from aicompare.corpus.sources import REVIEW_REPORT, source_with_role

    return source_with_role(REVIEW_REPORT)


def _survey(report) -> "Survey":
    """``report`` as a parsed :class:`~aicompare.survey.Survey`: as given, or parsed from a path (default: the
    seed report, see :func:`review_report_path`)."""
    from aicompare.survey import Survey, parse_survey

    return report if isinstance(report, Survey) else parse_survey(report or review_report_path())


def review_scope(report: str | Path | Survey | None = None) -> ReviewScope:
    """The review's scope from its report: a parsed survey or a path (default: the seed report)."""
    return scope_from_survey(_survey(report).scope)


def review_domestic_counts(report: str | Path | Survey | None = None) -> pd.DataFrame:
    """The review's published domestic counts: ``value, count, n_documents`` (hand coding of the
    domestic guidelines it surveyed) from a parsed survey or a report path (default: the seed report)."""
    counts = _survey(report).counts_domestic
    return counts.rename(columns={"value_code": "value", "n_guidelines": "n_documents"})[["value", "count", "n_documents"]]


def review_selection(
    documents: pd.DataFrame,
    scope: ReviewScope,
    *,
    publisher_types: Sequence[str] = ("government",),
    min_year: int | None = None,
    home: str | None = "JP",
) -> pd.DataFrame:
    """Apply the review's selection rules as far as the metadata allows; one row per document.

    * **area**: a country, the EU or an organisation of ``scope`` (``country`` codes and the
      ``organisation`` found in the publisher name), and not a document of ``home`` (the review
      compares *overseas* guidelines; WAIE files Japan's Social Principles under Japan and the UK);
    * **period**: ``year >= scope.since_year`` (or ``min_year``). The review took documents
      published from August 2019; with years only, 2019 is kept whole (documents from
      January–July 2019 are included, a known over-inclusion); unknown years are excluded;
    * **publisher**: ``publisher_type`` in ``publisher_types`` (``government`` includes
      international bodies, as the review's 「政府機関・国際機関」 group does).

    Returns ``doc_id, scope_entity, in_area, in_period, publisher_ok, selected``.
    """
    codes = set(scope.entities["code"])
    year_min = min_year if min_year is not None else scope.since_year
    rows = []
    for d in documents.itertuples(index=False):
        entities = meta.split_multi(getattr(d, "country", None), sep=meta.MULTI_SEP)
        org = getattr(d, "organisation", None)
        if isinstance(org, str) and org:
            entities.append(org)
        hit = [] if home in entities else sorted(e for e in entities if e in codes)
        year = getattr(d, "year", pd.NA)
        in_period = bool(year_min is None or (not pd.isna(year) and int(year) >= year_min))
        ok = getattr(d, "publisher_type", None) in set(publisher_types)
        rows.append({
            "doc_id": d.doc_id, "scope_entity": meta.join_multi(hit), "in_area": bool(hit),
            "in_period": in_period, "publisher_ok": bool(ok), "selected": bool(hit) and in_period and bool(ok),
        })
    out = pd.DataFrame(rows, columns=SELECTION_COLUMNS)
    return out.sort_values("doc_id", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- overseas vs domestic
def value_prevalence(matrix: pd.DataFrame, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """``value, count, n_documents, share`` over the documents of ``matrix`` (or ``doc_ids``)."""
    pres = presence(matrix)
    if doc_ids is not None:
        pres = pres[pres.index.isin(list(doc_ids))]
    n = len(pres)
    out = pres.sum().rename("count").rename_axis("value").reset_index()
    out["n_documents"] = n
    out["share"] = (out["count"] / n).round(4) if n else 0.0
    return out


def domestic_doc_ids(documents: pd.DataFrame, home: str = "JP") -> list[str]:
    """Documents whose country list includes ``home`` (sorted)."""
    mask = [home in meta.split_multi(c, sep=meta.MULTI_SEP) for c in documents["country"]]
    return sorted(documents.loc[mask, "doc_id"])


def prevalence_comparison(overseas: pd.DataFrame, domestic: pd.DataFrame) -> pd.DataFrame:
    """Side-by-side prevalence per value: ``value, overseas_count, overseas_n, overseas_share,
    domestic_count, domestic_n, domestic_share, difference`` (overseas − domestic share).

    Both inputs are ``value, count, n_documents`` frames (e.g. :func:`value_prevalence`), or the
    review's published domestic counts (``value_code, count, n_guidelines`` of ``aicompare.survey``).
    """
    need = {"value", "count", "n_documents"}
    frames = {}
    for name, df in (("overseas", overseas), ("domestic", domestic)):
        df = df.rename(columns={"value_code": "value", "n_guidelines": "n_documents"})
        if not need <= set(df.columns):
            raise ValueError(f"{name} prevalence needs columns {sorted(need)}")
        frames[name] = df.set_index("value")
    o, d = frames["overseas"], frames["domestic"]
    out = pd.DataFrame(index=sorted(set(o.index) | set(d.index)))
    for prefix, src in (("overseas", o), ("domestic", d)):
        out[f"{prefix}_count"] = src["count"].reindex(out.index).fillna(0).astype(int)
        out[f"{prefix}_n"] = src["n_documents"].reindex(out.index).ffill().bfill().fillna(0).astype(int)
        share = out[f"{prefix}_count"] / out[f"{prefix}_n"].where(out[f"{prefix}_n"] > 0)
        out[f"{prefix}_share"] = share.fillna(0).round(4)
    out["difference"] = (out["overseas_share"] - out["domestic_share"]).round(4)
    return out.rename_axis("value").reset_index()[PREVALENCE_COLUMNS]


# ---------------------------------------------------------------- from corpus paths to tables
def corpus_values(passages: pd.DataFrame, doc_ids: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the value extractor → ``(evidence, matrix)`` for the given documents."""
    from aicompare.extract import extract_values, value_matrix

    evidence = extract_values(passages[passages["doc_id"].isin(list(doc_ids))])
    return evidence, value_matrix(evidence, sorted(doc_ids))
