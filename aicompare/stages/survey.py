"""The survey stage's files: the 2022 review parsed into tables (CSV, optional Excel) and its figures."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from aicompare.figures.export import save_figure
from aicompare.figures.survey import survey_figures
from aicompare.figures.wording import figure_langs
from aicompare.io import write_table, write_tables_xlsx
from aicompare.recoding import compare_recoding
from aicompare.survey import Survey, parse_survey, report_passages, source_title


def write_survey_outputs(
    report_path: str | Path,
    out_dir: str | Path,
    fig_dir: str | Path | None = None,
    *,
    lang: str = "ja",
    xlsx: bool = False,
    bom: bool = False,
    figures: bool = True,
    matrix: pd.DataFrame | None = None,
    corpus_label: str | None = None,
    fig_formats: tuple[str, ...] = ("html", "png", "svg"),
    survey: Survey | None = None,
) -> list[Path]:
    """Parse the report and write its tables (CSV, optional ``survey.xlsx``) and figures; return the paths.

    Tables go to ``out_dir`` (values, counts_domestic, publishers, scope, findings; plus
    recoding_comparison when ``matrix`` is given), figures to ``fig_dir`` (default ``figures/``).
    CSVs are plain UTF-8 unless ``bom`` (UTF-8 with BOM, for Excel). ``survey``: the report already parsed
    (the pipeline parses it once, with the passages of its own ingest).
    """
    langs = figure_langs(lang)
    if survey is None:
        survey = parse_survey(report_path, passages=report_passages(report_path))
    tables = survey.tables()
    comparison = None
    if matrix is not None:
        comparison = compare_recoding(survey.counts_domestic, matrix, corpus_label or "recoded corpus")
        tables["recoding_comparison"] = comparison
    out = Path(out_dir)
    written = [write_table(df, out / f"{name}.csv", bom=bom) for name, df in tables.items()]
    if xlsx:
        written.append(write_tables_xlsx(tables, out / "survey.xlsx"))
    for fig_lang in langs if figures else ():
        figs = survey_figures(survey, lang=fig_lang, source=source_title(report_path), comparison=comparison)
        for name, fig in figs.items():
            written += save_figure(fig, name, fig_dir, formats=fig_formats)
    return written
