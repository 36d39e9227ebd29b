"""Overseas comparison in the 2022 review's form: documents × 22 values aggregated by country,
region or publisher type, the review's selection rules, and the review-style figures.

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
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from aicompare.plots import LANGS, check_lang  # noqa: F401  (re-exported for cluster and cli)
from aicompare.corpus import meta
from aicompare.schema import COMPARE_COLUMNS, COMPARE_EVIDENCE_COLUMNS, PREVALENCE_COLUMNS, SELECTION_COLUMNS

GROUP_KEYS = ("country", "region", "publisher_type")
DOMESTIC_SOURCES = ("review", "corpus", "none")
TOTAL_GROUP = "(all)"
UNSPECIFIED = "(unspecified)"
_VALUE_COL = re.compile(r"^V\d{2}$")

# figure wording; ``{by}`` is the grouping's name in the same language
_TEXT = {
    "ja": {
        "by": {"country": "国・地域", "region": "地域", "publisher_type": "公表主体の種類"},
        "matrix": "{by}別の尊重すべき価値 — ピンク：記載あり、赤：半数を超える文書が記載",
        "prevalence": "各価値を記載する文書の割合：海外と国内",
        "share_axis": "価値を記載する文書の割合",
        "names": ("海外", "国内"),
        "documents": "文書",
    },
    "en": {
        "by": {"country": "country", "region": "region", "publisher_type": "publisher_type"},
        "matrix": "Values by {by} — pink: named, red: named by more than half",
        "prevalence": "Share of documents naming each value: overseas vs domestic",
        "share_axis": "share of documents naming the value",
        "names": ("overseas", "domestic"),
        "documents": "documents",
    },
}


# ---------------------------------------------------------------- value columns and labels
def value_columns(matrix: pd.DataFrame) -> list[str]:
    """The value-code columns of a value matrix, sorted (``V01`` …)."""
    cols = sorted(c for c in matrix.columns if _VALUE_COL.match(str(c)))
    if not cols:
        raise ValueError("value matrix has no value columns (expected doc_id plus V01…V22)")
    return cols


def figure_text(lang: str = "ja") -> dict:
    """The wording of the comparison figures in ``lang``."""
    return _TEXT[check_lang(lang)]


def value_labels(lang: str = "ja") -> dict[str, str]:
    """Value code → label (``label_ja`` / ``label_en``) from the taxonomy."""
    from aicompare.taxonomy import load_values

    values = load_values()
    check_lang(lang)
    return dict(zip(values["code"], values[f"label_{lang}"]))


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
    from aicompare.paths import raw_dir

    sources = pd.read_csv(raw_dir() / "SOURCES.csv", dtype=str)
    hit = sources.loc[sources["role"] == "review_report", "file"]
    if hit.empty:
        raise FileNotFoundError("data/raw/SOURCES.csv lists no document with role review_report")
    return raw_dir() / hit.iloc[0]


def review_scope(path: str | Path | None = None) -> ReviewScope:
    """The review's scope parsed from its report (default: the seed report, see :func:`review_report_path`)."""
    from aicompare.survey import parse_survey

    return scope_from_survey(parse_survey(path or review_report_path()).scope)


def review_domestic_counts(path: str | Path | None = None) -> pd.DataFrame:
    """The review's published domestic counts: ``value, count, n_documents`` (hand coding of the
    domestic guidelines it surveyed; :func:`aicompare.survey.parse_survey`)."""
    from aicompare.survey import parse_survey

    counts = parse_survey(path or review_report_path()).counts_domestic
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


# ---------------------------------------------------------------- figures
@lru_cache(maxsize=None)
def group_labels_table() -> pd.DataFrame:
    """Japanese and English names of groups (``aicompare/data/group_labels.csv``; ``by`` = ``(any)``
    for the total and unspecified rows). Country names come from ``countries.csv``."""
    with resources.files("aicompare").joinpath("data", "group_labels.csv").open(encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    missing = {"by", "group", "label_ja", "label_en"} - set(df.columns)
    if missing:
        raise ValueError(f"group_labels.csv lacks columns {sorted(missing)}")
    return df


def group_label(group: str, by: str, lang: str = "ja") -> str:
    """A group's name for figures: countries as ``name (code)`` (Japanese name from ``names_ja``),
    regions, publisher types and the total/unspecified rows from ``group_labels.csv``; unknown
    groups as they are."""
    check_lang(lang)
    table = group_labels_table()
    hit = table[((table["by"] == by) | (table["by"] == "(any)")) & (table["group"] == group)]
    if len(hit):
        return str(hit[f"label_{lang}"].iloc[0])
    if by == "country":
        row = meta.countries().set_index("code")
        if group in row.index:
            name = row.at[group, "name_en"]
            if lang == "ja":
                name = (meta.split_multi(row.at[group, "names_ja"], sep="|") or [name])[0]
            return f"{name} ({group})"
    return group


def matrix_figure(table: pd.DataFrame, *, labels: Mapping[str, str] | None = None, title: str | None = None,
                  lang: str = "ja"):
    """Review-style matrix: rows = groups, columns = values; pink = named by some documents,
    red = named by more than half; each cell shows ``count/n``. Title, value labels (default: the
    taxonomy's) and group names in ``lang`` (``ja`` or ``en``)."""
    import plotly.graph_objects as go

    from aicompare.plots import ABSENT_WHITE, OVER_HALF_RED, PRESENT_PINK, apply_style

    by = str(table["by"].iloc[0]) if len(table) else ""
    counts = wide_counts(table)
    groups = counts["group"].tolist()
    values = [c for c in counts.columns if _VALUE_COL.match(str(c))]
    n = counts.set_index("group")["n_documents"]
    c = counts.set_index("group")[values]
    nn = n.to_numpy(dtype=int)[:, None]
    cc = c.to_numpy(dtype=int)
    level = (cc > 0).astype(int) + (cc * 2 > nn).astype(int)
    text = [[f"{cc[i, j]}/{nn[i, 0]}" for j in range(cc.shape[1])] for i in range(cc.shape[0])]
    words = figure_text(lang)
    labels = labels if labels is not None else value_labels(lang)
    title = title if title is not None else words["matrix"].format(by=words["by"].get(by, by))
    xlab = [f"{v} {labels[v]}" if v in labels else v for v in values]
    ylab = [f"{group_label(g, by, lang)} (n={int(n[g])})" for g in groups]
    colors = [[0.0, ABSENT_WHITE], [0.333, ABSENT_WHITE], [0.334, PRESENT_PINK], [0.666, PRESENT_PINK],
              [0.667, OVER_HALF_RED], [1.0, OVER_HALF_RED]]
    fig = go.Figure(go.Heatmap(
        z=level, x=xlab, y=ylab, zmin=0, zmax=2, colorscale=colors, showscale=False,
        text=text, texttemplate="%{text}", textfont=dict(size=10), xgap=1, ygap=1,
        hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-60, side="top")
    height = max(420, 140 + 26 * len(groups))
    apply_style(fig, title=title, width=1400, height=height + 300)
    fig.update_layout(margin=dict(l=260, r=30, t=340, b=30), title=dict(y=0.995, yanchor="top"))
    return fig


def prevalence_figure(comparison: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                      names: tuple[str, str] | None = None, title: str | None = None, lang: str = "ja"):
    """Grouped bars: share of overseas vs domestic documents naming each value; title, axis,
    side names and value labels (defaults) in ``lang``."""
    import plotly.graph_objects as go

    from aicompare.plots import DOMESTIC_COLOR, OVERSEAS_COLOR, apply_style

    words = figure_text(lang)
    labels = labels if labels is not None else value_labels(lang)
    names = names if names is not None else words["names"]
    title = title if title is not None else words["prevalence"]
    x = [f"{v} {labels[v]}" if v in labels else v for v in comparison["value"]]
    fig = go.Figure()
    for prefix, name, color in (("overseas", names[0], OVERSEAS_COLOR), ("domestic", names[1], DOMESTIC_COLOR)):
        n = int(comparison[f"{prefix}_n"].max()) if len(comparison) else 0
        fig.add_bar(
            x=x, y=comparison[f"{prefix}_share"], name=f"{name} (n={n})", marker_color=color,
            text=comparison[f"{prefix}_count"], textposition="outside",
            hovertemplate="%{x}<br>%{y:.0%} (%{text} " + words["documents"] + ")<extra>" + name + "</extra>",
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.1], title=words["share_axis"])
    fig.update_xaxes(tickangle=-60)
    apply_style(fig, title=title, width=1400, height=700)
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=1.02, x=0.0, yanchor="bottom"),
                      margin=dict(l=80, r=30, t=110, b=260))
    return fig


# ---------------------------------------------------------------- all outputs
def write_compare_outputs(
    documents: pd.DataFrame,
    matrix: pd.DataFrame,
    out_dir: str | Path,
    *,
    by: Sequence[str] = ("region", "publisher_type"),
    evidence: pd.DataFrame | None = None,
    selection: pd.DataFrame | None = None,
    domestic: pd.DataFrame | None = None,
    labels: Mapping[str, str] | None = None,
    home: str | None = "JP",
    figures: bool = True,
    figures_dir: str | Path | None = None,
    figure_prefix: str = "",
    figure_suffix: str = "",
    lang: str = "ja",
) -> list[Path]:
    """Write the comparison tables (and figures) for each grouping in ``by``; return written paths.

    Figures go to ``figures_dir`` (default: ``out_dir``), named ``{figure_prefix}{name}``, with
    titles, axes, group names and value labels (unless ``labels`` is given) in ``lang`` (``ja``/``en``).

    Files: ``value_matrix.csv``; per grouping ``<by>.csv`` (long), ``<by>_wide.csv`` (counts),
    ``<by>_evidence.csv`` (with ``evidence``) and figure ``<by>_matrix`` (``by`` = region, country, publisher_type);
    ``selection.csv`` (with ``selection``); ``prevalence_overseas_domestic.csv`` and its figure (with
    ``domestic`` prevalence, a ``value, count, n_documents`` frame; the overseas side is every compared
    document whose country list does not include ``home``, see :func:`prevalence_comparison`).
    """
    from aicompare.io import write_table
    from aicompare.plots import save_figure

    out = Path(out_dir)
    fig_out = Path(figures_dir) if figures_dir is not None else out
    check_lang(lang)
    written = [write_table(matrix.sort_values("doc_id", kind="stable"), out / "value_matrix.csv")]
    docs = documents
    if selection is not None:
        written.append(write_table(selection, out / "selection.csv"))
        docs = documents[documents["doc_id"].isin(selection.loc[selection["selected"], "doc_id"])]
    mat = matrix[matrix["doc_id"].isin(docs["doc_id"])]
    for key in by:
        table = aggregate_values(mat, docs, key)
        written.append(write_table(table, out / f"{key}.csv"))
        written.append(write_table(wide_counts(table), out / f"{key}_wide.csv"))
        if evidence is not None:
            ev = evidence[evidence["doc_id"].isin(mat["doc_id"])]
            written.append(write_table(group_evidence(ev, docs, key), out / f"{key}_evidence.csv"))
        if figures:
            fig = matrix_figure(table, labels=labels, lang=lang)
            written.extend(save_figure(fig, f"{figure_prefix}{key}_matrix{figure_suffix}", fig_out))
    if domestic is not None:
        home_ids = set(domestic_doc_ids(docs, home)) if home else set()
        overseas_ids = sorted(set(mat["doc_id"]) - home_ids)
        comp = prevalence_comparison(value_prevalence(mat, overseas_ids), domestic)
        written.append(write_table(comp, out / "prevalence_overseas_domestic.csv"))
        if figures:
            fig = prevalence_figure(comp, labels=labels, lang=lang)
            written.extend(save_figure(fig, f"{figure_prefix}prevalence_overseas_domestic{figure_suffix}", fig_out))
    return written


# ---------------------------------------------------------------- from corpus paths to outputs
def corpus_values(passages: pd.DataFrame, doc_ids: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the value extractor → ``(evidence, matrix)`` for the given documents."""
    from aicompare.extract import extract_values, value_matrix

    evidence = extract_values(passages[passages["doc_id"].isin(list(doc_ids))])
    return evidence, value_matrix(evidence, sorted(doc_ids))


def run_compare(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    by: Sequence[str] = ("region", "publisher_type"),
    review_rules: bool = False,
    publisher_types: Sequence[str] = ("government",),
    domestic: str = "review",
    home: str = "JP",
    figures: bool = True,
    lang: str = "ja",
    follow_outside: bool = False,
) -> tuple[list[Path], dict]:
    """Load corpora, extract values, compare by each grouping and write everything to ``out_dir``.

    With ``review_rules`` only documents passing :func:`review_selection` (scope parsed from the
    review report) are compared. ``domestic`` chooses the domestic side of the prevalence chart:
    ``review`` — the review's published domestic counts; ``corpus`` — the corpus's documents of
    ``home`` (Japan), coded by the extractor; ``none``. Figures in ``lang`` (``ja``/``en``).
    Returns ``(paths written, summary)``.
    """
    from aicompare.corpus.load import load_corpus, write_issues
    from aicompare.io import write_table

    check_lang(lang)
    if domestic not in DOMESTIC_SOURCES:
        raise ValueError(f"unknown domestic source '{domestic}' (use one of {', '.join(DOMESTIC_SOURCES)})")
    corpus = load_corpus(paths, follow_outside=follow_outside)
    docs = corpus.documents
    if docs.empty:
        raise ValueError("no documents could be loaded from " + ", ".join(map(str, paths)))
    evidence, matrix = corpus_values(corpus.passages, docs["doc_id"].tolist())
    selection = review_selection(docs, review_scope(), publisher_types=publisher_types) if review_rules else None
    home_ids = domestic_doc_ids(docs, home)
    dom = None
    if domestic == "review":
        dom = review_domestic_counts()
    elif domestic == "corpus" and home_ids and len(home_ids) < len(docs):
        dom = value_prevalence(matrix, home_ids)
    out = Path(out_dir)
    from aicompare.corpus.ingest import portable_paths

    written = [write_table(portable_paths(docs), out / "documents.csv"), write_table(evidence, out / "evidence.csv")]
    written.append(write_issues(corpus.issues, out))  # always: an old issues.csv must not outlive its run
    written += write_compare_outputs(docs, matrix, out, by=by, evidence=evidence, selection=selection,
                                     domestic=dom, home=home, figures=figures, lang=lang)
    compared = matrix
    if selection is not None:
        compared = matrix[matrix["doc_id"].isin(selection.loc[selection["selected"], "doc_id"])]
    overall = value_prevalence(compared)
    summary = {"documents": len(docs), "compared": len(compared), "evidence_rows": len(evidence),
               "domestic": domestic if dom is not None else "none",
               "over_half_values": overall.loc[overall["count"] * 2 > overall["n_documents"], "value"].tolist()}
    return written, summary
