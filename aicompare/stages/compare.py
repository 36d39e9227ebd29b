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
from aicompare.figures.compare import group_label, matrix_figure, prevalence_figure
from aicompare.figures.export import save_figure
from aicompare.figures.wording import check_lang, figure_langs, lang_suffix, text, value_labels
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
    domestic_source: str | None = None,
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
    :func:`prevalence_comparison`). The prevalence
    figure says how its sides were coded: ``domestic_source`` ``review`` (the review's published hand-coded
    counts, e.g. :func:`review_domestic_counts`) or ``corpus`` (the extractor's coding); by default ``review``
    when ``domestic`` holds exactly the review's published counts, else ``corpus``.
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
        for fig_lang in langs:  # first: in a run the browser draws it while the tables are written
            fig = matrix_figure(table, labels=labels, lang=fig_lang)
            sfx = lang_suffix(fig_lang) if figure_suffix is None else figure_suffix
            written.extend(save_figure(fig, f"{figure_prefix}{key}_matrix{sfx}", fig_out))
        written.append(write_table(table, out / f"{key}.csv"))
        written.append(write_table(wide_counts(table), out / f"{key}_wide.csv"))
        if evidence is not None:
            ev = evidence[evidence["doc_id"].isin(mat["doc_id"])]
            written.append(write_table(group_evidence(ev, docs, key), out / f"{key}_evidence.csv"))
    if domestic is not None:
        home_ids = set(domestic_doc_ids(docs, home)) if home else set()
        overseas_ids = sorted(set(mat["doc_id"]) - home_ids)
        comp = prevalence_comparison(value_prevalence(mat, overseas_ids), domestic)
        written.append(write_table(comp, out / "prevalence_overseas_domestic.csv"))
        source = domestic_source or _domestic_source(domestic)
        for fig_lang in langs:
            fig = prevalence_figure(comp, labels=labels, lang=fig_lang, domestic_source=source)
            sfx = lang_suffix(fig_lang) if figure_suffix is None else figure_suffix
            written.extend(save_figure(fig, f"{figure_prefix}prevalence_overseas_domestic{sfx}", fig_out))
    return written


def _domestic_source(domestic: pd.DataFrame) -> str:
    """``review`` when ``domestic`` is the review's published domestic counts (the shipped report's), else
    ``corpus``."""
    try:
        published = review_domestic_counts()
    except Exception:  # no report to compare with: say nothing more than "automatic"
        return "corpus"
    d = domestic.rename(columns={"value_code": "value", "n_guidelines": "n_documents"})
    if not {"value", "count", "n_documents"} <= set(d.columns):
        return "corpus"
    mine = d[["value", "count", "n_documents"]].sort_values("value").reset_index(drop=True)
    theirs = published.sort_values("value").reset_index(drop=True)
    same = len(mine) == len(theirs) and (mine.astype(str).to_numpy() == theirs.astype(str).to_numpy()).all()
    return "review" if same else "corpus"


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
                                     domestic=dom, home=home, figures=figures, figures_dir=figures_dir, lang=lang,
                                     domestic_source=domestic if dom is not None else None)
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
    from aicompare.corpus.sources import home_country

    try:
        return home_country()
    except (FileNotFoundError, ValueError):
        return None


def guideline_matrix_sheet(table: pd.DataFrame, documents: pd.DataFrame, lang: str = "ja",
                           labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The per-guideline matrix as a sheet for people: group name, full title, year, n, one column per value
    (``V01 label``) and a note (†: a group too small for the review's red marking); wording in ``lang``."""
    from aicompare.compare import SMALL_GROUP

    check_lang(lang)
    labels = labels if labels is not None else value_labels(lang)
    values = [c for c in table.columns if str(c).startswith("V") and c[1:].isdigit()]
    by = str(table["by"].iloc[0]) if len(table) else ""
    guide = table["row"] == "guideline"
    small = text("compare.gm_key_small", lang, k=SMALL_GROUP)
    out = pd.DataFrame({
        text("compare.gm_col_group", lang): [group_label(g, by, lang) for g in table["group"]],
        text("compare.gm_col_title", lang): table["title"].where(guide, ""),
        text("compare.gm_col_year", lang): table["year"],
        "n": table["n_documents"],
        **{f"{v} {labels.get(v, '')}".strip(): table[v] for v in values},
        text("compare.gm_col_note", lang): ["† " + small if (not g and s) else "" for g, s in zip(guide, table["small_group"])],
    })
    return out


def _format_guideline_sheet(table: pd.DataFrame, strengths: pd.DataFrame | None):
    """Style one sheet of ``guideline_matrix.xlsx``: pink / light pink fills, grey bold group rows, red font on
    counts above half of a group of at least SMALL_GROUP guidelines; widths and frozen panes."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from aicompare.compare import SMALL_GROUP
    from aicompare.figures.compare import cell_level
    from aicompare.figures.style import LIGHT_PINK, OVER_HALF_RED, PRESENT_PINK, SUMMARY_GREY

    def fill(color: str) -> PatternFill:
        argb = "FF" + color.lstrip("#").upper()
        return PatternFill("solid", start_color=argb, end_color=argb)

    fills = {2: fill(LIGHT_PINK), 3: fill(PRESENT_PINK)}
    grey = fill(SUMMARY_GREY)
    values = [c for c in table.columns if str(c).startswith("V") and c[1:].isdigit()]
    first = 5  # columns A-D: group, title, year, n

    def style(name: str, ws, sheet: pd.DataFrame) -> None:
        ws.freeze_panes = ws.cell(row=2, column=first)
        for col, width in zip("ABCD", (22, 60, 7, 5)):
            ws.column_dimensions[col].width = width
        for j in range(len(values)):
            letter = ws.cell(row=1, column=first + j).column_letter
            ws.column_dimensions[letter].width = 6
            ws.cell(row=1, column=first + j).alignment = Alignment(text_rotation=90, vertical="bottom",
                                                                  horizontal="center")
        ws.column_dimensions[ws.cell(row=1, column=first + len(values)).column_letter].width = 50
        ws.row_dimensions[1].height = 190
        for i, r in enumerate(table.itertuples(index=False)):
            row = r._asdict()
            excel_row = i + 2
            if row["row"] == "guideline":
                d = row["doc_id"]
                for j, v in enumerate(values):
                    lvl = cell_level(int(row[v]), strengths, d, v)
                    cell = ws.cell(row=excel_row, column=first + j)
                    cell.alignment = Alignment(horizontal="center")
                    if lvl in fills:
                        cell.fill = fills[lvl]
            else:
                n = int(row["n_documents"])
                small = bool(row["small_group"]) or n < SMALL_GROUP
                for c in range(1, first + len(values) + 1):
                    cell = ws.cell(row=excel_row, column=c)
                    cell.fill = grey
                    cell.font = Font(bold=True)
                for j, v in enumerate(values):
                    cell = ws.cell(row=excel_row, column=first + j)
                    cell.alignment = Alignment(horizontal="center")
                    if int(row[v]) * 2 > n and not small:
                        cell.font = Font(bold=True, color="FF" + OVER_HALF_RED.lstrip("#").upper())

    return style


def write_guideline_matrix(
    documents: pd.DataFrame,
    matrix: pd.DataFrame,
    out_dir: str | Path,
    *,
    decisions: pd.DataFrame | None = None,
    by: str = "country",
    langs: Sequence[str] = ("ja", "en"),
    labels: Mapping[str, str] | None = None,
    figures: bool = True,
    figures_dir: str | Path | None = None,
    figure_prefix: str = "compare_",
) -> list[Path]:
    """The 2022 review's comparison figure per guideline, written to disk; returns the paths written.

    ``guideline_matrix.csv`` (:func:`aicompare.compare.guideline_matrix`: per group a group row then its
    guidelines, 0/1 per value, a total row); ``guideline_matrix.xlsx`` with one formatted sheet per language of
    ``langs`` (pink / light pink cells by the decisions' strength, red figures for counts above half of a group
    of at least 3 guidelines); figures ``{figure_prefix}guideline_matrix`` (Japanese) and
    ``{figure_prefix}guideline_matrix_en`` (English) in ``figures_dir`` (default ``out_dir``). ``decisions`` (of
    :func:`aicompare.extract.code_documents`) gives the cells' strength; without it every addressed cell is pink.
    """
    from aicompare.compare import cell_strengths, guideline_matrix
    from aicompare.figures.compare import guideline_matrix_figure
    from aicompare.io import write_tables_xlsx

    langs = [check_lang(lang) for lang in langs]
    out = Path(out_dir)
    fig_out = Path(figures_dir) if figures_dir is not None else out
    table = guideline_matrix(documents, matrix, by)
    strengths = cell_strengths(decisions) if decisions is not None and len(decisions) else None
    written = [write_table(table, out / "guideline_matrix.csv")]
    if figures:  # first: in a run the browser draws them while the workbook is formatted
        for lang in langs:
            fig = guideline_matrix_figure(documents, matrix, decisions, by=by, lang=lang, table=table,
                                          labels=labels if lang == "ja" else None)
            written.extend(save_figure(fig, f"{figure_prefix}guideline_matrix{lang_suffix(lang)}", fig_out))
    sheets = {lang: guideline_matrix_sheet(table, documents, lang, labels if lang == "ja" else None)
              for lang in langs}
    written.append(write_tables_xlsx(sheets, out / "guideline_matrix.xlsx",
                                     format_sheet=_format_guideline_sheet(table, strengths)))
    return written
