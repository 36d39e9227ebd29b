"""Coverage against the AI Guidelines for Business (AI事業者ガイドライン).

Two questions, two tables:

* **values → business guideline** (``coverage_values``): for each of the 22 values of the 2022
  review, whether the guideline addresses it — the crosswalk
  (``taxonomy/crosswalks/values_to_business_guideline.csv``) names the principle, sub-item or item and
  the exact anchor phrase, and the value counts as covered when that anchor is found in the target's
  text of the edition being analysed — and how strongly: the guideline passages on which the value
  extractor finds the value (``n_passages``), the principles and parts they sit in, the first
  location, beside the number of domestic guidelines that held the value in 2022.
* **any guideline → business guideline** (``coverage_documents``): for each document, which of the
  10 common guiding principles and their sub-items it addresses. Matching uses a bilingual lexicon
  (``taxonomy/business_guideline_lexicon.csv``: Japanese terms taken from the guideline's own
  wording, English terms from its official English translation, a few Chinese principle terms),
  one regular expression per principle or sub-item, applied to every passage whatever its language.
  A sub-item is covered when at least ``min_passages`` passages match it; a principle is covered when
  its own terms or any of its sub-items match. ``score`` is the number of evidence passages and every
  covered cell lists them (``evidence_passage_ids``).

Matching runs vectorised (pyarrow's RE2 engine) over all passages at once, so hundreds of documents
take a few seconds; the patterns are written in the RE2/Python common subset (tests check both).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from aicompare.corpus import sources
from aicompare.corpus.normalise import match_key
from aicompare.guideline import Guideline, parse_guideline
from aicompare.schema import COVERAGE_DOCUMENT_COLUMNS, COVERAGE_EVIDENCE_COLUMNS, COVERAGE_VALUE_COLUMNS
from aicompare.schema import validate
from aicompare.taxonomy import load_guideline_crosswalk, load_principle_lexicon

# Passages that list headings rather than say something (a table of contents) are not evidence.
SKIP_KINDS = ("toc",)


# --------------------------------------------------------------------------- document → guideline

def guideline_items(guideline: Guideline) -> pd.DataFrame:
    """The grid a document is scored on: one row per principle (subitem '') and per sub-item."""
    p = guideline.principles
    s = guideline.subitems
    rows = [dict(principle_no=int(r.principle_no), subitem="", subitem_no=0, principle_label=r.label, subitem_label="")
            for r in p.itertuples()]
    labels = dict(zip(p["principle_no"], p["label"]))
    rows += [dict(principle_no=int(r.principle_no), subitem=r.subitem, subitem_no=int(r.subitem_no),
                  principle_label=labels.get(r.principle_no, ""), subitem_label=r.label) for r in s.itertuples()]
    return pd.DataFrame(rows).sort_values(["principle_no", "subitem_no"], kind="stable").reset_index(drop=True)


def _cell_patterns(items: pd.DataFrame, lexicon: pd.DataFrame) -> dict[tuple[int, str], str]:
    """One combined regular expression per grid cell; a cell without lexicon rows uses its label."""
    out: dict[tuple[int, str], str] = {}
    for r in items.itertuples():
        pats = lexicon.loc[(lexicon["principle_no"] == r.principle_no) & (lexicon["subitem"] == r.subitem), "pattern"]
        if len(pats):
            out[(r.principle_no, r.subitem)] = "|".join(f"(?:{p})" for p in pats)
        else:
            label = r.subitem_label or r.principle_label
            out[(r.principle_no, r.subitem)] = re.escape(label.lower())
    return out


def match_passages(passages: pd.DataFrame, guideline: Guideline, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Evidence: one row per (passage, principle, sub-item) the passage matches, with the matched terms.

    Columns: doc_id, passage_id, page, section_path, principle_no, subitem ('' = principle terms), matched, text.
    """
    need = {"doc_id", "passage_id", "text"}
    missing = need - set(passages.columns)
    if missing:
        raise ValueError(f"passages lack columns: {', '.join(sorted(missing))}")
    lexicon = load_principle_lexicon() if lexicon is None else lexicon
    psg = passages
    if "kind" in psg.columns:
        psg = psg[~psg["kind"].isin(SKIP_KINDS)]
    psg = psg.reset_index(drop=True)
    if not len(psg):
        return pd.DataFrame(columns=COVERAGE_EVIDENCE_COLUMNS)
    all_texts = psg["text"].astype(str).to_numpy(dtype=object)
    lower = pc.utf8_lower(pa.array(all_texts, type=pa.large_string()))
    frames = []
    for (no, sub), pattern in _cell_patterns(guideline_items(guideline), lexicon).items():
        mask = pc.match_substring_regex(lower, pattern).to_numpy(zero_copy_only=False)
        idx = np.flatnonzero(mask)
        if not len(idx):
            continue
        rx = re.compile(pattern)
        texts = all_texts[idx]
        matched = [";".join(dict.fromkeys(m.group(0) for m in rx.finditer(t.lower()))) for t in texts]
        frames.append(pd.DataFrame({"row": idx, "principle_no": no, "subitem": sub, "matched": matched}))
    if not frames:
        return pd.DataFrame(columns=COVERAGE_EVIDENCE_COLUMNS)
    hits = pd.concat(frames, ignore_index=True)
    cols = [c for c in ("doc_id", "passage_id", "page", "section_path", "text") if c in psg.columns]
    ev = hits.join(psg[cols], on="row").drop(columns="row")
    for c in COVERAGE_EVIDENCE_COLUMNS:
        if c not in ev.columns:
            ev[c] = pd.NA
    ev = ev[COVERAGE_EVIDENCE_COLUMNS]
    return ev.sort_values(["doc_id", "principle_no", "subitem", "passage_id"], kind="stable").reset_index(drop=True)


def coverage_documents(
    passages: pd.DataFrame,
    guideline: Guideline,
    *,
    evidence: pd.DataFrame | None = None,
    lexicon: pd.DataFrame | None = None,
    min_passages: int = 1,
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per document × (principle, sub-item): covered, score (= evidence passages), evidence ids.

    Principle rows have ``subitem == ''``; a principle is covered by its own terms or by any sub-item.
    Every document in ``passages`` (or ``doc_ids``) gets the full grid, covered or not.
    """
    if min_passages < 1:
        raise ValueError("min_passages must be at least 1")
    ev = match_passages(passages, guideline, lexicon) if evidence is None else evidence
    items = guideline_items(guideline)
    docs = list(dict.fromkeys(doc_ids if doc_ids is not None else passages["doc_id"]))
    pos = pd.Series(np.arange(len(passages)), index=passages["passage_id"].to_numpy())
    ev = ev[["doc_id", "principle_no", "subitem", "passage_id"]].drop_duplicates()
    ev = ev.assign(_pos=pos.reindex(ev["passage_id"].to_numpy()).to_numpy()).sort_values("_pos", kind="stable")

    def ids(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
        return frame.drop_duplicates(keys + ["passage_id"]).groupby(keys, sort=False)["passage_id"].agg(list)

    sub_ids = ids(ev[ev["subitem"] != ""], ["doc_id", "principle_no", "subitem"])
    pri_ids = ids(ev, ["doc_id", "principle_no"])
    grid = pd.DataFrame({"doc_id": np.repeat(docs, len(items))}).join(
        pd.concat([items] * len(docs), ignore_index=True))
    sub_key = pd.MultiIndex.from_frame(grid[["doc_id", "principle_no", "subitem"]])
    pri_key = pd.MultiIndex.from_frame(grid[["doc_id", "principle_no"]])
    found = np.where(grid["subitem"] == "", pri_ids.reindex(pri_key).to_numpy(), sub_ids.reindex(sub_key).to_numpy())
    lists = [v if isinstance(v, list) else [] for v in found]
    n = np.array([len(v) for v in lists], dtype=int)
    covered = n >= min_passages
    out = pd.DataFrame({
        "doc_id": grid["doc_id"], "principle_no": grid["principle_no"].astype(int), "subitem": grid["subitem"],
        "covered": covered, "score": n,
        "evidence_passage_ids": [";".join(v) if c else "" for v, c in zip(lists, covered)],
        "principle_label": grid["principle_label"], "subitem_label": grid["subitem_label"],
    })
    return validate(out[COVERAGE_DOCUMENT_COLUMNS], "coverage_documents")


def principle_summary(cov: pd.DataFrame) -> pd.DataFrame:
    """Per document: principles covered (of 10), sub-items covered (of the total), and their shares."""
    p = cov[cov["subitem"] == ""]
    s = cov[cov["subitem"] != ""]
    out = pd.DataFrame({
        "principles_covered": p.groupby("doc_id", sort=False)["covered"].sum(),
        "n_principles": p.groupby("doc_id", sort=False)["covered"].size(),
        "subitems_covered": s.groupby("doc_id", sort=False)["covered"].sum(),
        "n_subitems": s.groupby("doc_id", sort=False)["covered"].size(),
    }).fillna(0).astype(int)
    out["share_principles"] = (out["principles_covered"] / out["n_principles"].where(out["n_principles"] > 0)).round(3)
    out["share_subitems"] = (out["subitems_covered"] / out["n_subitems"].where(out["n_subitems"] > 0)).round(3)
    return out.reset_index()


def uncovered_items(cov: pd.DataFrame) -> pd.DataFrame:
    """Per document, the principles and sub-items it does not address (a list a reader can act on)."""
    miss = cov[~cov["covered"]].copy()
    miss["item"] = miss["principle_no"].astype(str) + ")" + miss["subitem"]
    miss["label"] = np.where(miss["subitem"] == "", miss["principle_label"], miss["subitem_label"])
    return miss[["doc_id", "principle_no", "subitem", "item", "label"]].reset_index(drop=True)


def principle_matrix(cov: pd.DataFrame) -> pd.DataFrame:
    """Documents × principles: share of the principle's sub-items covered (principles without
    sub-items: 1 if the principle is covered, else 0)."""
    sub = cov[cov["subitem"] != ""].groupby(["doc_id", "principle_no"], sort=False)["covered"].mean()
    pri = cov[cov["subitem"] == ""].set_index(["doc_id", "principle_no"])["covered"].astype(float)
    share = pri.copy()
    share.loc[sub.index] = sub
    m = share.unstack("principle_no")
    docs = list(dict.fromkeys(cov["doc_id"]))
    return m.reindex(index=docs, columns=sorted(m.columns)).fillna(0.0)


def gap_items(cov: pd.DataFrame, exclude: Iterable[str] = ()) -> pd.DataFrame:
    """Every item with the number of documents (other than ``exclude``) addressing it, fewest first;
    rows with ``n_covering == 0`` are the items no document addresses."""
    c = cov[~cov["doc_id"].isin(list(exclude))]
    g = c.groupby(["principle_no", "subitem"], sort=False).agg(
        n_covering=("covered", "sum"), n_documents=("doc_id", "nunique"),
        principle_label=("principle_label", "first"), subitem_label=("subitem_label", "first")).reset_index()
    g["n_covering"] = g["n_covering"].astype(int)
    g.insert(2, "item", g["principle_no"].astype(str) + ")" + g["subitem"])
    return g.sort_values(["n_covering", "principle_no", "subitem"], kind="stable").reset_index(drop=True)


def home_country(raw: str | Path | None = None) -> str:
    """The business guideline's country, from its row in ``SOURCES.csv`` (domestic = this country);
    see :func:`aicompare.corpus.sources.home_country`."""
    return sources.home_country(raw=raw)


def region_of(country: object, home: str) -> str:
    """domestic / overseas / unknown, from a document's country code and the home country."""
    if country is None or (isinstance(country, float) and np.isnan(country)) or str(country).strip() == "":
        return "unknown"
    return "domestic" if str(country).strip().upper() == home.upper() else "overseas"


def document_regions(documents: pd.DataFrame, home: str | None = None) -> pd.Series:
    """domestic / overseas / unknown per document (index doc_id); ``home`` defaults to :func:`home_country`."""
    home = home or home_country()
    countries = documents["country"] if "country" in documents.columns else pd.Series(None, index=documents.index)
    return pd.Series([region_of(c, home) for c in countries], index=documents["doc_id"].to_numpy(), name="region")


def coverage_by_group(cov: pd.DataFrame, documents: pd.DataFrame, by: str = "region",
                      home: str | None = None) -> pd.DataFrame:
    """Share of documents in each group covering each principle / sub-item.

    ``by``: a column of ``documents`` (``country``, ``publisher_type`` …) or ``region``
    (domestic = the guideline's own country, ``home``, by default from ``SOURCES.csv``;
    overseas = any other country; unknown = none).
    """
    docs = documents.copy()
    if by == "region":
        docs["region"] = document_regions(docs, home).to_numpy()
    if by not in docs.columns:
        raise ValueError(f"documents have no column {by!r} to group by (have: {', '.join(docs.columns)})")
    docs[by] = docs[by].astype(object).where(docs[by].notna(), "unknown")
    m = cov.merge(docs[["doc_id", by]], on="doc_id", how="left")
    m[by] = m[by].fillna("unknown")
    g = m.groupby([by, "principle_no", "subitem"], sort=True).agg(
        n_documents=("doc_id", "nunique"), n_covering=("covered", "sum"),
        principle_label=("principle_label", "first"), subitem_label=("subitem_label", "first")).reset_index()
    g["n_covering"] = g["n_covering"].astype(int)
    g["share"] = (g["n_covering"] / g["n_documents"]).round(3)
    return g.rename(columns={by: "group"}).assign(group_by=by)


# --------------------------------------------------------------------------- values → guideline

def check_crosswalk(guideline: Guideline, crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """The crosswalk with, per row, whether its target exists in ``guideline`` and its anchor is found there."""
    cw = load_guideline_crosswalk() if crosswalk is None else crosswalk
    exists, found = [], []
    for r in cw.itertuples():
        if not r.target:
            exists.append(False)
            found.append(False)
            continue
        lines = guideline.target_lines(r.target)
        exists.append(len(lines) > 0)
        found.append(len(lines) > 0 and bool(r.anchor) and match_key(r.anchor) in match_key("".join(lines["raw"])))
    return cw.assign(target_exists=exists, anchor_found=found)


def _part_label(no: object) -> str:
    return f"第{int(no)}部" if pd.notna(no) else "はじめに"


def coverage_values(
    guideline: Guideline,
    evidence: pd.DataFrame | None,
    *,
    crosswalk: pd.DataFrame | None = None,
    domestic_counts: pd.DataFrame | pd.Series | dict | None = None,
    count_column: str = "count",
) -> pd.DataFrame:
    """Per value V01…V22: covered (crosswalk anchor found), n_passages, principles, parts, first location.

    ``evidence``: value-extractor evidence (doc_id, value_code, passage_id, …); only rows of the
    guideline's doc_id are used. ``domestic_counts``: the 2022 review's domestic counts per value
    (a frame with ``value_code`` and ``count_column``, a Series or a dict keyed by value code).
    """
    cw = check_crosswalk(guideline, crosswalk)
    pm = guideline.passage_map.set_index("passage_id")
    order = {pid: i for i, pid in enumerate(guideline.passage_map["passage_id"])}
    ev = pd.DataFrame(columns=["value_code", "passage_id"]) if evidence is None else evidence
    if len(ev) and "doc_id" in ev.columns:
        ev = ev[ev["doc_id"] == guideline.doc_id]
    # the table of contents and the title page name topics without addressing them
    listing = set(guideline.passage_map.loc[guideline.passage_map["line_kind"].isin(["toc", "front"]), "passage_id"])
    ev = ev[~ev["passage_id"].isin(listing)]
    counts = _domestic(domestic_counts, count_column)
    rows = []
    for code, g in cw.groupby("value_code", sort=True):
        ids = sorted(set(ev.loc[ev["value_code"] == code, "passage_id"]), key=lambda x: order.get(x, 1 << 30))
        place = pm.reindex(ids)
        principles = sorted({int(x) for x in place["principle_no"].dropna()}) if len(ids) else []
        parts = sorted({_part_label(x) for x in place["part_no"]}, key=lambda s: (s != "はじめに", s)) if len(ids) else []
        first = ids[0] if ids else ""
        rows.append(dict(
            value_code=code, label_ja=g["label_ja"].iloc[0], n_passages=len(ids),
            principles=";".join(str(x) for x in principles), parts=";".join(parts),
            covered=bool(g["anchor_found"].any()),
            first_location=str(pm.at[first, "guideline_path"]) if first and pd.notna(pm.at[first, "guideline_path"]) else "",
            first_passage_id=first,
            targets=";".join(t for t in g["target"] if t),
            anchors_found=int(g["anchor_found"].sum()),
            relation=";".join(dict.fromkeys(r for r in g.get("relation", pd.Series(dtype=str)) if r)),
            domestic_2022=counts.get(code, pd.NA) if counts is not None else pd.NA,
            note=";".join(dict.fromkeys(n for n in g.get("note", pd.Series(dtype=str)) if n)),
        ))
    out = pd.DataFrame(rows, columns=COVERAGE_VALUE_COLUMNS)
    out["domestic_2022"] = out["domestic_2022"].astype("Int64")
    out["n_passages"] = out["n_passages"].astype(int)
    return validate(out, "coverage_values")


def _domestic(counts, column: str) -> dict[str, int] | None:
    if counts is None:
        return None
    if isinstance(counts, dict):
        return {str(k): int(v) for k, v in counts.items()}
    if isinstance(counts, pd.Series):
        return {str(k): int(v) for k, v in counts.dropna().items()}
    if "value_code" not in counts.columns or column not in counts.columns:
        raise ValueError(f"domestic counts need columns 'value_code' and {column!r} (have: {', '.join(counts.columns)})")
    c = counts.dropna(subset=[column])
    return {str(k): int(v) for k, v in zip(c["value_code"], c[column])}


def domestic_counts_from_review(raw: str | Path | None = None) -> pd.DataFrame | None:
    """The 2022 domestic counts parsed from the corpus's review report (role ``review_report``), or
    ``None`` when the survey parser (``aicompare.survey``) or the report is not available."""
    try:
        from aicompare.survey import parse_survey
    except ImportError:
        return None
    try:
        path = sources.source_with_role(sources.REVIEW_REPORT, raw)
    except (FileNotFoundError, ValueError):
        return None
    return parse_survey(path).counts_domestic


# --------------------------------------------------------------------------- one call

@dataclass
class CoverageResult:
    """Everything ``coverage_against`` computes (all DataFrames, ready to write or plot)."""

    guideline: Guideline
    values: pd.DataFrame
    documents: pd.DataFrame
    evidence: pd.DataFrame
    summary: pd.DataFrame
    uncovered: pd.DataFrame
    gaps: pd.DataFrame
    groups: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    titles: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["doc_id", "title", "year"]))
    # doc_id, title, year of the documents (when ``coverage_against`` had them): figures name documents by title


def resolve_guideline(guideline: str | Path | Guideline | None, passages: pd.DataFrame | None = None) -> Guideline:
    """A :class:`Guideline` from ``'business-guideline'`` (default corpus, by role), a path, or as given.

    When the guideline document is among ``passages`` (same doc_id as the file stem), those
    passages are used, so passage ids agree with the corpus.
    """
    if isinstance(guideline, Guideline):
        return guideline
    from aicompare.guideline import guideline_source

    path = guideline_source() if guideline is None or str(guideline) == "business-guideline" else Path(guideline)
    if not Path(path).is_file():
        raise FileNotFoundError(f"--against: no such file {path} (use 'business-guideline' or a path to an edition)")
    own = None
    if passages is not None and Path(path).stem in set(passages["doc_id"]):
        own = passages[passages["doc_id"] == Path(path).stem]
    return parse_guideline(path, passages=own)


def coverage_against(
    passages: pd.DataFrame,
    guideline: str | Path | Guideline | None = "business-guideline",
    *,
    documents: pd.DataFrame | None = None,
    value_evidence: pd.DataFrame | None = None,
    domestic_counts: pd.DataFrame | pd.Series | dict | None = None,
    count_column: str = "count",
    lexicon: pd.DataFrame | None = None,
    crosswalk: pd.DataFrame | None = None,
    min_passages: int = 1,
    group_by: Iterable[str] = ("region", "country", "publisher_type"),
) -> CoverageResult:
    """Coverage of a corpus against the business guideline (both directions, see module docstring).

    ``passages``: ingest passages of the corpus. ``guideline``: ``'business-guideline'``, a path to
    another edition, or a parsed :class:`Guideline`. ``value_evidence``: value-extractor evidence for
    the guideline's passages; when omitted, ``aicompare.extract.extract_values`` is run on them.
    ``documents``: ingest documents (for group aggregates). ``domestic_counts``: 2022 domestic counts.
    """
    g = resolve_guideline(guideline, passages)
    notes: list[str] = []
    lex = load_principle_lexicon() if lexicon is None else lexicon
    items = guideline_items(g)
    keys = set(zip(items["principle_no"], items["subitem"]))
    unmatched = [f"{r.principle_no}){r.subitem}" for r in items.itertuples()
                 if not ((lex["principle_no"] == r.principle_no) & (lex["subitem"] == r.subitem)).any()]
    if unmatched:
        notes.append("no lexicon entry (matched on the item's own label): " + ", ".join(unmatched))
    stale = sorted({f"{n}){s}" for n, s in zip(lex["principle_no"], lex["subitem"]) if (n, s) not in keys})
    if stale:
        notes.append("lexicon entries for items absent from this edition: " + ", ".join(stale))
    if value_evidence is None:
        from aicompare.extract import extract_values

        gp = passages[passages["doc_id"] == g.doc_id] if g.doc_id in set(passages["doc_id"]) else None
        if gp is None:
            from aicompare.corpus.ingest import ingest

            gp = ingest([g.source]).passages
        value_evidence = extract_values(gp)
    values = coverage_values(g, value_evidence, crosswalk=crosswalk, domestic_counts=domestic_counts,
                             count_column=count_column)
    evidence = match_passages(passages, g, lex)
    docs_cov = coverage_documents(passages, g, evidence=evidence, min_passages=min_passages)
    groups = pd.DataFrame()
    if documents is not None and len(documents):
        frames = [coverage_by_group(docs_cov[docs_cov["subitem"] == ""], documents, by=b) for b in group_by
                  if b == "region" or b in documents.columns]
        groups = pd.concat(frames, ignore_index=True) if frames else groups
    return CoverageResult(
        guideline=g, values=values, documents=docs_cov, evidence=evidence, summary=principle_summary(docs_cov),
        uncovered=uncovered_items(docs_cov), gaps=gap_items(docs_cov, exclude=[g.doc_id]), groups=groups, notes=notes,
        titles=(documents[[c for c in ("doc_id", "title", "year") if c in documents.columns]].reset_index(drop=True)
                if documents is not None and "doc_id" in documents.columns else
                pd.DataFrame(columns=["doc_id", "title", "year"])),
    )


__all__ = [
    "CoverageResult", "coverage_against", "coverage_documents", "coverage_values", "coverage_by_group",
    "match_passages", "guideline_items", "principle_summary", "uncovered_items", "gap_items", "check_crosswalk",
    "principle_matrix", "region_of", "home_country", "document_regions", "domestic_counts_from_review",
    "resolve_guideline",
]
