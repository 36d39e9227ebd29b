"""The comparison stage: tables and figures of the overseas comparison written to disk.

:func:`write_compare_outputs` writes the tables of :mod:`aicompare.compare` for each grouping with their figures
(:mod:`aicompare.figures.compare`); :func:`run_compare` goes from corpus paths to those files (``aicompare compare``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from aicompare.compare import (
    DOMESTIC_SOURCES,
    GROUP_KEYS,
    aggregate_values,
    domestic_doc_ids,
    group_evidence,
    prevalence_comparison,
    review_domestic_counts,
    review_scope,
    review_selection,
    value_prevalence,
    wide_counts,
)
from aicompare.figures.compare import matrix_figure, prevalence_figure
from aicompare.figures.export import save_figure
from aicompare.figures.wording import figure_langs, lang_suffix
from aicompare.io import write_table


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
    home: str | None = None,
    figures: bool = True,
    figures_dir: str | Path | None = None,
    figure_prefix: str = "",
    figure_suffix: str | None = None,
    lang: str = "ja",
) -> list[Path]:
    """Write the comparison tables (and figures) for each grouping in ``by``; return written paths.

    Figures go to ``figures_dir`` (default: ``out_dir``), named ``{figure_prefix}{name}{figure_suffix}`` (default
    suffix: ``_en`` for English, nothing for Japanese), with titles, axes, group names and value labels (unless
    ``labels`` is given) in ``lang`` (``ja``, ``en`` or ``both``).

    Files: ``value_matrix.csv``; per grouping ``<by>.csv`` (long), ``<by>_wide.csv`` (counts),
    ``<by>_evidence.csv`` (with ``evidence``) and figure ``<by>_matrix`` (``by`` = region, country, publisher_type);
    ``selection.csv`` (with ``selection``); ``prevalence_overseas_domestic.csv`` and its figure (with
    ``domestic`` prevalence, a ``value, count, n_documents`` frame; the overseas side is every compared
    document whose country list does not include ``home`` — all of them without ``home`` —, see
    :func:`prevalence_comparison`).
    """
    out = Path(out_dir)
    fig_out = Path(figures_dir) if figures_dir is not None else out
    langs = figure_langs(lang) if figures else ()
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
        for fig_lang in langs:
            fig = matrix_figure(table, labels=labels, lang=fig_lang)
            sfx = lang_suffix(fig_lang) if figure_suffix is None else figure_suffix
            written.extend(save_figure(fig, f"{figure_prefix}{key}_matrix{sfx}", fig_out))
    if domestic is not None:
        home_ids = set(domestic_doc_ids(docs, home)) if home else set()
        overseas_ids = sorted(set(mat["doc_id"]) - home_ids)
        comp = prevalence_comparison(value_prevalence(mat, overseas_ids), domestic)
        written.append(write_table(comp, out / "prevalence_overseas_domestic.csv"))
        for fig_lang in langs:
            fig = prevalence_figure(comp, labels=labels, lang=fig_lang)
            sfx = lang_suffix(fig_lang) if figure_suffix is None else figure_suffix
            written.extend(save_figure(fig, f"{figure_prefix}prevalence_overseas_domestic{sfx}", fig_out))
    return written


def run_compare(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    *,
    by: Sequence[str] = ("region", "publisher_type"),
    review_rules: bool = False,
    publisher_types: Sequence[str] = ("government",),
    domestic: str = "review",
    home: str | None = None,
    figures: bool = True,
    figures_dir: str | Path | None = None,
    lang: str = "ja",
    reviews: pd.DataFrame | None = None,
    follow_outside: bool = False,
) -> tuple[list[Path], dict]:
    """Load corpora, code them as ``extract`` does, compare by each grouping and write everything to ``out_dir``.

    With ``review_rules`` only documents passing :func:`review_selection` (scope parsed from the
    review report) are compared. ``domestic`` chooses the domestic side of the prevalence chart:
    ``review`` — the review's published domestic counts; ``corpus`` — the corpus's documents of
    ``home`` (default: the business guideline's country, from the corpus or the shipped SOURCES.csv), coded by the
    extractor; ``none``. Documents in a language the extractor does not read are listed and left out. Figures in
    ``lang`` (``ja``, ``en`` or ``both``; English names end in ``_en``) go to ``figures_dir`` (default ``out_dir``).
    Returns ``(paths written, summary)``.
    """
    from aicompare.corpus.ingest import portable_paths
    from aicompare.corpus.load import home_country, load_corpus, write_issues
    from aicompare.extract import code_documents, not_coded_documents

    figure_langs(lang)  # every option checked before anything is loaded
    if domestic not in DOMESTIC_SOURCES:
        raise ValueError(f"unknown --domestic {domestic} (use one of {', '.join(DOMESTIC_SOURCES)})")
    bad = [b for b in by if b not in GROUP_KEYS]
    if bad:
        raise ValueError(f"unknown --by {', '.join(bad)} (use {', '.join(GROUP_KEYS)})")
    corpus = load_corpus(paths, follow_outside=follow_outside)
    skipped = not_coded_documents(corpus.documents)
    docs = corpus.documents[~corpus.documents["doc_id"].isin(skipped)].reset_index(drop=True)
    if docs.empty:
        raise ValueError("no documents could be loaded from " + ", ".join(map(str, paths))
                         + (f" (not coded, language: {', '.join(skipped)})" if skipped else ""))
    passages = corpus.passages[corpus.passages["doc_id"].isin(docs["doc_id"])]
    evidence, _, matrix = code_documents(passages, docs, reviews=reviews)
    selection = review_selection(docs, review_scope(), publisher_types=publisher_types) if review_rules else None
    home = home or home_country(docs) or _shipped_home()
    home_ids = domestic_doc_ids(docs, home) if home else []
    dom = None
    if domestic == "review":
        dom = review_domestic_counts()
    elif domestic == "corpus" and home_ids and len(home_ids) < len(docs):
        dom = value_prevalence(matrix, home_ids)
    out = Path(out_dir)
    written = [write_table(portable_paths(docs), out / "documents.csv"), write_table(evidence, out / "evidence.csv")]
    written.append(write_issues(corpus.issues, out))  # always: an old issues.csv must not outlive its run
    written += write_compare_outputs(docs, matrix, out, by=by, evidence=evidence, selection=selection,
                                     domestic=dom, home=home, figures=figures, figures_dir=figures_dir, lang=lang)
    compared = matrix
    if selection is not None:
        compared = matrix[matrix["doc_id"].isin(selection.loc[selection["selected"], "doc_id"])]
    overall = value_prevalence(compared)
    summary = {"documents": len(docs), "compared": len(compared), "evidence_rows": len(evidence), "not_coded": skipped,
               "domestic": domestic if dom is not None else "none",
               "over_half_values": overall.loc[overall["count"] * 2 > overall["n_documents"], "value"].tolist()}
    return written, summary


def _shipped_home() -> str | None:
    """The business guideline's country in the shipped ``data/raw/SOURCES.csv`` (the review's home side)."""
    from aicompare.corpus.load import home_country
    from aicompare.paths import raw_dir

    sources = raw_dir() / "SOURCES.csv"
    return home_country(pd.read_csv(sources, dtype=str, keep_default_na=False)) if sources.is_file() else None
