"""The coverage stage's files: the tables of a :class:`~aicompare.coverage.CoverageResult` and its charts."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import pandas as pd

from aicompare.coverage import CoverageResult
from aicompare.figures.coverage import save_coverage_figures
from aicompare.figures.wording import figure_langs
from aicompare.io import write_table


def write_coverage_outputs(result: CoverageResult, out_dir: str | Path, *, figures_dir: str | Path | None = None,
                           lang: str = "ja") -> list[Path]:
    """Write coverage_values.csv, coverage_documents.csv (+ evidence, summary, gaps, groups and the parsed
    guideline structure under ``guideline/``) atomically to ``out_dir``; with ``figures_dir`` also the charts, in ``lang`` (``ja``, ``en`` or ``both``)."""
    langs = figure_langs(lang)
    out = Path(out_dir)
    written = []
    for fig_lang in langs if figures_dir is not None else ():  # first: in a run the browser draws them meanwhile
        written += save_coverage_figures(result, figures_dir, lang=fig_lang)
    written += [
        write_table(result.values, out / "coverage_values.csv"),
        write_table(result.documents, out / "coverage_documents.csv"),
        write_table(result.evidence, out / "coverage_evidence.csv"),
        write_table(result.summary, out / "coverage_summary.csv"),
        write_table(result.gaps, out / "coverage_gaps.csv"),
    ]
    if len(result.groups):
        written.append(write_table(result.groups, out / "coverage_groups.csv"))
    for name, table in result.guideline.tables().items():
        written.append(write_table(table, out / "guideline" / f"{name}.csv"))
    return written


def domestic_counts_option(domestic_counts: str | os.PathLike | None) -> pd.DataFrame | None:
    """The 2022 domestic counts for ``--domestic-counts``: ``auto`` parses the shipped review report (None when it
    cannot be), ``none`` leaves them out, anything else is a CSV with ``value_code,count``."""
    if domestic_counts is None or str(domestic_counts) == "none":
        return None
    if str(domestic_counts) == "auto":
        from aicompare.coverage import domestic_counts_from_review

        return domestic_counts_from_review()
    path = Path(domestic_counts)
    if not path.is_file():
        raise FileNotFoundError(f"--domestic-counts: no such file {path}")
    return pd.read_csv(path, dtype={"value_code": str})


def run_coverage(
    corpus: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    against: str | os.PathLike = "business-guideline",
    domestic_counts: str | os.PathLike | None = "auto",
    min_passages: int = 1,
    figures_dir: str | os.PathLike | None = None,
    lang: str = "ja",
    follow_outside: bool = False,
) -> tuple[list[Path], CoverageResult, pd.DataFrame]:
    """Read ``corpus`` as every command does, measure its coverage against the business guideline (or another
    edition, ``against``) and write the tables, ``issues.csv`` and, with ``figures_dir``, the charts.
    Returns ``(paths written, result, issues)``; raises ValueError when the corpus has no passages."""
    from aicompare.corpus.load import load_corpus, write_issues
    from aicompare.coverage import coverage_against

    figure_langs(lang)  # checked before anything is read
    loaded = load_corpus(corpus, follow_outside=follow_outside)
    if not len(loaded.passages):
        raise ValueError("no passages in the corpus; nothing to compare")
    counts = domestic_counts_option(domestic_counts)
    result = coverage_against(loaded.passages, against, documents=loaded.documents, domestic_counts=counts,
                              min_passages=min_passages)
    written = write_coverage_outputs(result, out_dir, figures_dir=figures_dir, lang=lang)
    written.append(write_issues(loaded.issues, out_dir))
    return written, result, loaded.issues
