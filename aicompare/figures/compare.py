"""Figures of the overseas comparison in the 2022 review's form: the group × value matrix (pink = named,
red = named by more than half) and overseas-vs-domestic prevalence bars, with group and value names in
Japanese or English."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Mapping

import pandas as pd
import plotly.graph_objects as go

from aicompare.compare import wide_counts
from aicompare.corpus import meta
from aicompare.figures.style import (ABSENT_WHITE, DOMESTIC_COLOR, OVER_HALF_RED, OVERSEAS_COLOR, PRESENT_PINK,
                                     apply_style)
from aicompare.figures.wording import check_lang, text, value_labels


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
                  lang: str = "ja") -> go.Figure:
    """Review-style matrix: rows = groups, columns = values; pink = named by some documents,
    red = named by more than half; each cell shows ``count/n``. Title, value labels (default: the
    taxonomy's) and group names in ``lang`` (``ja`` or ``en``)."""
    by = str(table["by"].iloc[0]) if len(table) else ""
    counts = wide_counts(table)
    groups = counts["group"].tolist()
    values = [c for c in counts.columns if c not in ("group", "n_documents")]
    n = counts.set_index("group")["n_documents"]
    c = counts.set_index("group")[values]
    nn = n.to_numpy(dtype=int)[:, None]
    cc = c.to_numpy(dtype=int)
    level = (cc > 0).astype(int) + (cc * 2 > nn).astype(int)
    cells = [[f"{cc[i, j]}/{nn[i, 0]}" for j in range(cc.shape[1])] for i in range(cc.shape[0])]
    labels = labels if labels is not None else value_labels(lang)
    title = title if title is not None else text("compare.matrix", lang, by=text(f"compare.by.{by}", lang, default=by))
    xlab = [f"{v} {labels[v]}" if v in labels else v for v in values]
    ylab = [f"{group_label(g, by, lang)} (n={int(n[g])})" for g in groups]
    colors = [[0.0, ABSENT_WHITE], [0.333, ABSENT_WHITE], [0.334, PRESENT_PINK], [0.666, PRESENT_PINK],
              [0.667, OVER_HALF_RED], [1.0, OVER_HALF_RED]]
    fig = go.Figure(go.Heatmap(
        z=level, x=xlab, y=ylab, zmin=0, zmax=2, colorscale=colors, showscale=False,
        text=cells, texttemplate="%{text}", textfont=dict(size=10), xgap=1, ygap=1,
        hovertemplate="%{y}<br>%{x}<br>%{text}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-60, side="top")
    height = max(420, 140 + 26 * len(groups))
    apply_style(fig, title=title, width=1400, height=height + 300)
    fig.update_layout(margin=dict(l=260, r=30, t=340, b=30), title=dict(y=0.995, yanchor="top"))
    return fig


def prevalence_figure(comparison: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                      names: tuple[str, str] | None = None, title: str | None = None, lang: str = "ja") -> go.Figure:
    """Grouped bars: share of overseas vs domestic documents naming each value; title, axis,
    side names and value labels (defaults) in ``lang``."""
    labels = labels if labels is not None else value_labels(lang)
    names = names if names is not None else (text("compare.names.overseas", lang), text("compare.names.domestic", lang))
    title = title if title is not None else text("compare.prevalence", lang)
    x = [f"{v} {labels[v]}" if v in labels else v for v in comparison["value"]]
    fig = go.Figure()
    for prefix, name, color in (("overseas", names[0], OVERSEAS_COLOR), ("domestic", names[1], DOMESTIC_COLOR)):
        n = int(comparison[f"{prefix}_n"].max()) if len(comparison) else 0
        fig.add_bar(
            x=x, y=comparison[f"{prefix}_share"], name=f"{name} (n={n})", marker_color=color,
            text=comparison[f"{prefix}_count"], textposition="outside",
            hovertemplate=("%{x}<br>%{y:.0%} (%{text} " + text("compare.documents", lang) + ")<extra>" + name
                           + "</extra>"),
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.1], title=text("compare.share_axis", lang))
    fig.update_xaxes(tickangle=-60)
    apply_style(fig, title=title, width=1400, height=700)
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=1.02, x=0.0, yanchor="bottom"),
                      margin=dict(l=80, r=30, t=110, b=260))
    return fig
