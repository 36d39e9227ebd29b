"""Figures of the 2022 review's domestic comparison, rebuilt from the parsed tables.

* :func:`counts_bar_figure` — count of guidelines mentioning each value, bars over half in red,
  the values new in 2022 hatched on a shaded band.
* :func:`counts_table_figure` — the report's table style: pink cells where a value is mentioned,
  red text where more than half of the guidelines mention it (report's 注2).
* :func:`recoding_bar_figure` — published shares beside an automatic coding of another corpus.
* :func:`survey_figures` — all of them for a parsed :class:`~aicompare.survey.Survey`, by file name.

Figure text is Japanese by default; ``lang="en"`` switches to English (labels from
``taxonomy/survey_labels_en.csv``, falling back to the Japanese label where none is given).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from aicompare.figures.style import (ABSENT_WHITE, BASE_2019_COLOR, NEW_2022_COLOR, OVER_HALF_RED, PRESENT_PINK,
                                     apply_style)
from aicompare.figures.wording import check_lang, text
from aicompare.survey import Survey

FIGURE_NAMES = {"bar": "survey_domestic_counts", "table": "survey_domestic_table", "recoding": "survey_recoding"}


def _t(key: str, lang: str, **fields) -> str:
    return text(f"survey.{key}", lang, **fields)


def _label(row: pd.Series | tuple, lang: str) -> str:
    ja, en = row["label_ja"], row["label_en"]
    text = en if lang == "en" and isinstance(en, str) and en else ja
    return f"{row['value_no']}. {text}"


def _half(n: int) -> str:
    return f"{n / 2:g}"


def _range_text(nos: list[int]) -> dict[str, int]:
    return {"a": min(nos), "b": max(nos)} if nos else {"a": 0, "b": 0}


def _source_note(fig: go.Figure, source: str | None, lang: str, y: float = -0.06) -> None:
    if source:
        fig.add_annotation(
            text=_t("source", lang, source=source), xref="paper", yref="paper", x=0, y=y,
            xanchor="left", yanchor="top", showarrow=False, font=dict(size=11, color="#555555"),
        )


def counts_bar_figure(
    counts: pd.DataFrame, values: pd.DataFrame, *, lang: str = "ja", source: str | None = None
) -> go.Figure:
    """Horizontal bars of ``counts_domestic``; red if over half, hatched and banded if new in 2022.

    ``values`` (the parsed values table) says which values are new; ``source`` is a caption.
    """
    check_lang(lang)
    df = counts.merge(values[["value_no", "new_in_2022"]], on="value_no", how="left", validate="one_to_one")
    df = df.sort_values("value_no").reset_index(drop=True)
    df["label"] = [_label(r, lang) for _, r in df.iterrows()]
    n = int(df["n_guidelines"].iloc[0])
    new_nos = df.loc[df["new_in_2022"], "value_no"].tolist()
    base_nos = df.loc[~df["new_in_2022"], "value_no"].tolist()
    groups = [
        (_t("over_half", lang, half=_half(n)), df["over_half"], OVER_HALF_RED),
        (_t("base", lang, **_range_text(base_nos)), ~df["over_half"] & ~df["new_in_2022"], BASE_2019_COLOR),
        (_t("new", lang, **_range_text(new_nos)), ~df["over_half"] & df["new_in_2022"], NEW_2022_COLOR),
    ]
    fig = go.Figure()
    for name, mask, color in groups:
        sub = df[mask]
        if sub.empty:
            continue
        fig.add_bar(
            y=sub["label"], x=sub["count"], orientation="h", name=name, text=sub["count"], textposition="outside",
            marker=dict(color=color, pattern=dict(shape=["/" if v else "" for v in sub["new_in_2022"]],
                                                  fgcolor="#ffffff", solidity=0.25)),
            customdata=sub[["share"]].to_numpy(),
            hovertemplate="%{y}: %{x} (%{customdata[0]:.0%})<extra></extra>",
        )
    fig.update_yaxes(categoryorder="array", categoryarray=df["label"].tolist(), autorange="reversed", title=None)
    fig.update_xaxes(title=_t("count_axis", lang), range=[0, n * 1.08], dtick=2)
    fig.add_vline(x=n / 2, line_dash="dash", line_color="#444444",
                  annotation_text=_t("half_line", lang, half=_half(n)), annotation_position="top")
    if new_nos:
        idx = df.index[df["new_in_2022"]]
        fig.add_hrect(y0=idx.min() - 0.5, y1=idx.max() + 0.5, fillcolor=NEW_2022_COLOR, opacity=0.08, line_width=0,
                      layer="below")
        fig.add_annotation(x=n * 1.07, y=df.loc[idx.min(), "label"], text=_t("new_band", lang), showarrow=False,
                           xanchor="right", yanchor="middle", font=dict(color=NEW_2022_COLOR))
    apply_style(fig, title=_t("bar_title", lang, n=n), width=1150, height=880)
    fig.update_layout(barmode="overlay", bargap=0.25, margin=dict(l=80, r=40, t=90, b=170),
                      legend=dict(orientation="h", x=0, y=-0.09, xanchor="left", yanchor="top"))
    _source_note(fig, source, lang, y=-0.17)
    return fig  # trace ids are fixed centrally at export


def counts_table_figure(columns: pd.DataFrame, *, lang: str = "ja", source: str | None = None,
                        note: str | None = None) -> go.Figure:
    """The report's table style for one or more count columns.

    ``columns`` is long: ``value_no, label_ja, label_en, column, count, n`` (one row per value and
    column, e.g. :func:`table_columns` of the published counts). Cells are pink where the count is
    positive and their text red where the count exceeds half of ``n``.
    """
    check_lang(lang)
    need = {"value_no", "label_ja", "label_en", "column", "count", "n"}
    missing = need - set(columns.columns)
    if missing:
        raise ValueError(f"table columns frame lacks: {', '.join(sorted(missing))}")
    order = list(dict.fromkeys(columns["column"]))
    rows = columns.drop_duplicates("value_no").sort_values("value_no")
    labels = [_label(r, lang).split(". ", 1)[1] for _, r in rows.iterrows()]
    header = [_t("col_no", lang), _t("col_value", lang)]
    cells, fills, fonts = [rows["value_no"].astype(str).tolist(), labels], [[ABSENT_WHITE] * len(rows)] * 2, [["#222222"] * len(rows)] * 2
    for col in order:
        sub = columns[columns["column"] == col].set_index("value_no").reindex(rows["value_no"])
        n = int(sub["n"].dropna().iloc[0])
        header.append(_t("col_count", lang, name=col, n=n))
        over = (sub["count"] * 2 > n).tolist()
        cells.append([_t("cell", lang, c=c, p=c / n) for c in sub["count"]])
        fills.append([PRESENT_PINK if c > 0 else ABSENT_WHITE for c in sub["count"]])
        fonts.append([OVER_HALF_RED if o else "#222222" for o in over])
    fig = go.Figure(
        go.Table(
            columnwidth=[40, 300] + [190] * len(order),
            header=dict(values=header, fill_color="#eeeeee", line_color="#999999", align="center",
                        font=dict(size=14)),
            cells=dict(values=cells, fill_color=fills, font=dict(color=fonts, size=14), line_color="#999999",
                       align=["center", "left"] + ["center"] * len(order), height=28),
        )
    )
    apply_style(fig, title=_t("table_title", lang), width=600 + 190 * len(order), height=300 + 28 * len(rows))
    fig.update_layout(margin=dict(l=20, r=20, t=70, b=120))
    legend = _t("legend_note", lang) + (f"<br>{note}" if note else "")
    fig.add_annotation(text=legend, xref="paper", yref="paper", x=0, y=0, yanchor="top", showarrow=False,
                       font=dict(size=13), align="left")
    _source_note(fig, source, lang, y=-0.075 if note else -0.04)
    return fig  # trace ids are fixed centrally at export


def recoding_bar_figure(comparison: pd.DataFrame, *, lang: str = "ja", source: str | None = None) -> go.Figure:
    """Grouped bars of published vs automatically coded shares (``compare_recoding`` output)."""
    check_lang(lang)
    df = comparison.sort_values("value_no").reset_index(drop=True)
    df["label"] = [_label(r, lang) for _, r in df.iterrows()]
    label, n_rec = df["recoded_corpus"].iloc[0], int(df["recoded_n"].iloc[0])
    pub = _t("published", lang, n=int(df["published_n"].iloc[0]))
    rec = _t("recoded", lang, label=label, n=n_rec)
    fig = go.Figure()
    fig.add_bar(y=df["label"], x=df["published_share"], orientation="h", name=pub, marker_color=BASE_2019_COLOR,
                customdata=df[["published_count", "published_n"]].to_numpy(),
                hovertemplate="%{y}: %{x:.0%} (%{customdata[0]}/%{customdata[1]})<extra></extra>")
    fig.add_bar(y=df["label"], x=df["recoded_share"], orientation="h", name=rec, marker_color="#f58518",
                marker_pattern_shape="x",
                customdata=df[["recoded_count", "recoded_n"]].to_numpy(),
                hovertemplate="%{y}: %{x:.0%} (%{customdata[0]}/%{customdata[1]})<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=df["label"].tolist(), autorange="reversed", title=None)
    fig.update_xaxes(title=_t("share_axis", lang), tickformat=".0%", range=[0, 1.02])
    apply_style(fig, width=1150, height=900)
    fig.update_layout(
        barmode="group", bargap=0.2, legend=dict(orientation="h", x=0, y=1.05, xanchor="left"),
        title=dict(text=_t("recode_title", lang), subtitle=dict(text=_t("recode_sub", lang, pub=pub, label=label, n=n_rec)), x=0.01),
        margin=dict(l=80, r=40, t=140, b=90),
    )
    _source_note(fig, source, lang)
    return fig  # trace ids are fixed centrally at export


def table_columns(counts: pd.DataFrame, name: str) -> pd.DataFrame:
    """``counts_domestic`` as one column of :func:`counts_table_figure`."""
    out = counts[["value_no", "label_ja", "label_en", "count", "n_guidelines"]].rename(columns={"n_guidelines": "n"})
    return out.assign(column=name)


def published_column(counts: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The published domestic counts as the table figure's column, headed in ``lang``."""
    return table_columns(counts, _t("published_short", lang))


def recoded_column(comparison: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The automatic coding of ``compare_recoding`` as a table-figure column, marked as automatic and headed in
    ``lang`` (the corpus's own label, which may be in any language, goes to the note of :func:`survey_figures`)."""
    out = comparison[["value_no", "label_ja", "label_en", "recoded_count", "recoded_n"]]
    out = out.rename(columns={"recoded_count": "count", "recoded_n": "n"})
    return out.assign(column=_t("recoded_short", lang))


def survey_figures(
    survey: Survey,
    *,
    lang: str = "ja",
    source: str | None = None,
    comparison: pd.DataFrame | None = None,
) -> dict[str, go.Figure]:
    """The survey's figures by name (see ``FIGURE_NAMES``); the recoding chart only with ``comparison``."""
    counts = survey.counts_domestic
    suffix = "" if lang == "ja" else f"_{lang}"
    columns = published_column(counts, lang)
    if comparison is not None:
        columns = pd.concat([columns, recoded_column(comparison, lang)], ignore_index=True)
    figs = {
        FIGURE_NAMES["bar"] + suffix: counts_bar_figure(counts, survey.values, lang=lang, source=source),
        FIGURE_NAMES["table"] + suffix: counts_table_figure(
            columns, lang=lang, source=source,
            note=None if comparison is None else _t("recoded_note", lang, label=comparison["recoded_corpus"].iloc[0])),
    }
    if comparison is not None:
        figs[FIGURE_NAMES["recoding"] + suffix] = recoding_bar_figure(comparison, lang=lang, source=source)
    return figs
