"""Figures of the 2022 review's domestic comparison, rebuilt from the parsed tables.

* :func:`counts_bar_figure` — count of guidelines mentioning each value, bars over half in red,
  the values new in 2022 hatched on a shaded band.
* :func:`counts_table_figure` — the report's table style: pink cells where a value is mentioned,
  red text where more than half of the guidelines mention it (report's 注2).
* :func:`recoding_bar_figure` — published shares beside an automatic coding of another corpus.

Figure text is Japanese by default; ``lang="en"`` switches to English (labels from
``taxonomy/survey_labels_en.csv``, falling back to the Japanese label where none is given).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from aicompare.plots import (
    ABSENT_WHITE,
    BASE_2019_COLOR,
    NEW_2022_COLOR,
    OVER_HALF_RED,
    PRESENT_PINK,
    LANGS,
    apply_style,
    wording,
)

_TEXT = {
    "ja": {
        "bar_title": "国内の指針等で各「尊重すべき価値」に言及した数（報告書2022、{n}個の指針等）",
        "count_axis": "言及した指針等の数",
        "over_half": "半数超（{half}を超える。報告書では赤字）",
        "base": "報告書2019の比較表と同じ項目（{a}.～{b}.）",
        "new": "新たに確認した項目（{a}.～{b}.）",
        "half_line": "半数 = {half}",
        "new_band": "2022年に新たに確認",
        "table_title": "国内における指針等との比較（報告書2022の表形式）",
        "col_no": "No.",
        "col_value": "尊重すべき価値",
        "col_count": "{name}<br>（n={n}）",
        "published": "報告書2022 国内{n}個の指針等（人手）",
        "published_short": "報告書2022<br>国内の指針等",
        "cell": "{c}（{p:.0%}）",
        "legend_note": "ピンク: 記載あり　赤字: 半数を超える指針等に記載あり",
        "recode_title": "公表値と自動コーディングの比較（異なる文書集合）",
        "recode_sub": "{pub}と「{label}」（n={n}、自動抽出）は別の文書集合。割合で比較。",
        "share_axis": "言及した文書の割合",
        "recoded": "{label}（自動, n={n}）",
        "recoded_short": "{label}<br>（自動）",
        "source": "出典: {source}",
    },
    "en": {
        "bar_title": "Domestic guidelines mentioning each value (2022 review, {n} guidelines)",
        "count_axis": "Guidelines mentioning the value",
        "over_half": "More than half (> {half}; red in the report)",
        "base": "Item of the 2019 comparison table ({a}–{b})",
        "new": "Newly identified in 2022 ({a}–{b})",
        "half_line": "half = {half}",
        "new_band": "new in 2022",
        "table_title": "Comparison with domestic guidelines (table style of the 2022 review)",
        "col_no": "No.",
        "col_value": "Value",
        "col_count": "{name}<br>(n={n})",
        "published": "2022 review, {n} domestic guidelines (hand-coded)",
        "published_short": "2022 review<br>domestic guidelines",
        "cell": "{c} ({p:.0%})",
        "legend_note": "pink: mentioned   red: mentioned by more than half",
        "recode_title": "Published counts beside an automatic coding (different corpora)",
        "recode_sub": "{pub} and “{label}” (n={n}, automatic) are different document sets; compared as shares.",
        "share_axis": "Share of documents mentioning the value",
        "recoded": "{label} (automatic, n={n})",
        "recoded_short": "{label}<br>(automatic)",
        "source": "Source: {source}",
    },
}


def _t(lang: str) -> dict[str, str]:
    return wording(_TEXT, lang)


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
            text=_t(lang)["source"].format(source=source), xref="paper", yref="paper", x=0, y=y,
            xanchor="left", yanchor="top", showarrow=False, font=dict(size=11, color="#555555"),
        )


def counts_bar_figure(
    counts: pd.DataFrame, values: pd.DataFrame, *, lang: str = "ja", source: str | None = None
) -> go.Figure:
    """Horizontal bars of ``counts_domestic``; red if over half, hatched and banded if new in 2022.

    ``values`` (the parsed values table) says which values are new; ``source`` is a caption.
    """
    t = _t(lang)
    df = counts.merge(values[["value_no", "new_in_2022"]], on="value_no", how="left", validate="one_to_one")
    df = df.sort_values("value_no").reset_index(drop=True)
    df["label"] = [_label(r, lang) for _, r in df.iterrows()]
    n = int(df["n_guidelines"].iloc[0])
    new_nos = df.loc[df["new_in_2022"], "value_no"].tolist()
    base_nos = df.loc[~df["new_in_2022"], "value_no"].tolist()
    groups = [
        (t["over_half"].format(half=_half(n)), df["over_half"], OVER_HALF_RED),
        (t["base"].format(**_range_text(base_nos)), ~df["over_half"] & ~df["new_in_2022"], BASE_2019_COLOR),
        (t["new"].format(**_range_text(new_nos)), ~df["over_half"] & df["new_in_2022"], NEW_2022_COLOR),
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
    fig.update_xaxes(title=t["count_axis"], range=[0, n * 1.08], dtick=2)
    fig.add_vline(x=n / 2, line_dash="dash", line_color="#444444",
                  annotation_text=t["half_line"].format(half=_half(n)), annotation_position="top")
    if new_nos:
        idx = df.index[df["new_in_2022"]]
        fig.add_hrect(y0=idx.min() - 0.5, y1=idx.max() + 0.5, fillcolor=NEW_2022_COLOR, opacity=0.08, line_width=0,
                      layer="below")
        fig.add_annotation(x=n * 1.07, y=df.loc[idx.min(), "label"], text=t["new_band"], showarrow=False,
                           xanchor="right", yanchor="middle", font=dict(color=NEW_2022_COLOR))
    apply_style(fig, title=t["bar_title"].format(n=n), width=1150, height=880)
    fig.update_layout(barmode="overlay", bargap=0.25, margin=dict(l=80, r=40, t=90, b=170),
                      legend=dict(orientation="h", x=0, y=-0.09, xanchor="left", yanchor="top"))
    _source_note(fig, source, lang, y=-0.17)
    return fig  # trace ids are fixed centrally by aicompare.plots at export


def counts_table_figure(columns: pd.DataFrame, *, lang: str = "ja", source: str | None = None) -> go.Figure:
    """The report's table style for one or more count columns.

    ``columns`` is long: ``value_no, label_ja, label_en, column, count, n`` (one row per value and
    column, e.g. :func:`table_columns` of the published counts). Cells are pink where the count is
    positive and their text red where the count exceeds half of ``n``.
    """
    t = _t(lang)
    need = {"value_no", "label_ja", "label_en", "column", "count", "n"}
    missing = need - set(columns.columns)
    if missing:
        raise ValueError(f"table columns frame lacks: {', '.join(sorted(missing))}")
    order = list(dict.fromkeys(columns["column"]))
    rows = columns.drop_duplicates("value_no").sort_values("value_no")
    labels = [_label(r, lang).split(". ", 1)[1] for _, r in rows.iterrows()]
    header = [t["col_no"], t["col_value"]]
    cells, fills, fonts = [rows["value_no"].astype(str).tolist(), labels], [[ABSENT_WHITE] * len(rows)] * 2, [["#222222"] * len(rows)] * 2
    for col in order:
        sub = columns[columns["column"] == col].set_index("value_no").reindex(rows["value_no"])
        n = int(sub["n"].dropna().iloc[0])
        header.append(t["col_count"].format(name=col, n=n))
        over = (sub["count"] * 2 > n).tolist()
        cells.append([t["cell"].format(c=c, p=c / n) for c in sub["count"]])
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
    apply_style(fig, title=t["table_title"], width=600 + 190 * len(order), height=250 + 28 * len(rows))
    fig.update_layout(margin=dict(l=20, r=20, t=70, b=70))
    fig.add_annotation(text=t["legend_note"], xref="paper", yref="paper", x=0, y=0, yanchor="top", showarrow=False,
                       font=dict(size=12))
    _source_note(fig, source, lang, y=-0.04)
    return fig  # trace ids are fixed centrally by aicompare.plots at export


def recoding_bar_figure(comparison: pd.DataFrame, *, lang: str = "ja", source: str | None = None) -> go.Figure:
    """Grouped bars of published vs automatically coded shares (``compare_recoding`` output)."""
    t = _t(lang)
    df = comparison.sort_values("value_no").reset_index(drop=True)
    df["label"] = [_label(r, lang) for _, r in df.iterrows()]
    label, n_rec = df["recoded_corpus"].iloc[0], int(df["recoded_n"].iloc[0])
    pub = t["published"].format(n=int(df["published_n"].iloc[0]))
    rec = t["recoded"].format(label=label, n=n_rec)
    fig = go.Figure()
    fig.add_bar(y=df["label"], x=df["published_share"], orientation="h", name=pub, marker_color=BASE_2019_COLOR,
                customdata=df[["published_count", "published_n"]].to_numpy(),
                hovertemplate="%{y}: %{x:.0%} (%{customdata[0]}/%{customdata[1]})<extra></extra>")
    fig.add_bar(y=df["label"], x=df["recoded_share"], orientation="h", name=rec, marker_color="#f58518",
                marker_pattern_shape="x",
                customdata=df[["recoded_count", "recoded_n"]].to_numpy(),
                hovertemplate="%{y}: %{x:.0%} (%{customdata[0]}/%{customdata[1]})<extra></extra>")
    fig.update_yaxes(categoryorder="array", categoryarray=df["label"].tolist(), autorange="reversed", title=None)
    fig.update_xaxes(title=t["share_axis"], tickformat=".0%", range=[0, 1.02])
    apply_style(fig, width=1150, height=900)
    fig.update_layout(
        barmode="group", bargap=0.2, legend=dict(orientation="h", x=0, y=1.05, xanchor="left"),
        title=dict(text=t["recode_title"], subtitle=dict(text=t["recode_sub"].format(pub=pub, label=label, n=n_rec)), x=0.01),
        margin=dict(l=80, r=40, t=140, b=90),
    )
    _source_note(fig, source, lang)
    return fig  # trace ids are fixed centrally by aicompare.plots at export


def table_columns(counts: pd.DataFrame, name: str) -> pd.DataFrame:
    """``counts_domestic`` as one column of :func:`counts_table_figure`."""
    out = counts[["value_no", "label_ja", "label_en", "count", "n_guidelines"]].rename(columns={"n_guidelines": "n"})
    return out.assign(column=name)


def published_column(counts: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The published domestic counts as the table figure's column, headed in ``lang``."""
    return table_columns(counts, _t(lang)["published_short"])


def recoded_column(comparison: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The automatic coding of ``compare_recoding`` as a table-figure column, marked as automatic."""
    out = comparison[["value_no", "label_ja", "label_en", "recoded_count", "recoded_n"]]
    out = out.rename(columns={"recoded_count": "count", "recoded_n": "n"})
    return out.assign(column=_t(lang)["recoded_short"].format(label=comparison["recoded_corpus"].iloc[0]))
