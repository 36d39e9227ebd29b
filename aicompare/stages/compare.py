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
    aggregate_values,
    corpus_values,
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
from aicompare.figures.wording import check_lang
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
