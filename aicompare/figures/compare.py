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
from aicompare.figures.style import (ABSENT_WHITE, DOMESTIC_COLOR, LIGHT_PINK, OVER_HALF_RED, OVERSEAS_COLOR,
                                     PRESENT_PINK, SUMMARY_GREY, apply_style)
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


@lru_cache(maxsize=4096)  # the tables it reads are cached: figures ask for the same names many times
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
                      names: tuple[str, str] | None = None, title: str | None = None, lang: str = "ja",
                      domestic_source: str | None = None) -> go.Figure:
    """Grouped bars: share of overseas vs domestic documents naming each value; title, axis,
    side names and value labels (defaults) in ``lang``.

    ``domestic_source`` says in the figure how each side was coded: ``review`` — the overseas side is the
    extractor's automatic full-text coding, the domestic side the review's published hand-coded counts (other
    documents, another method); ``corpus`` — both sides coded automatically; ``None`` — no such subtitle."""
    labels = labels if labels is not None else value_labels(lang)
    if names is None and domestic_source in ("review", "corpus"):  # the legend says where each side comes from
        names = (text("compare.side.overseas_corpus", lang),
                 text("compare.side.review_domestic", lang) if domestic_source == "review"
                 else text("compare.side.corpus_domestic", lang))
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
    apply_style(fig, width=1400, height=740)
    note = text(f"compare.prevalence_note.{domestic_source}", lang) if domestic_source else ""
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=1.02, x=0.0, yanchor="bottom"),
                      title=dict(text=title, x=0.01, xanchor="left", subtitle=dict(text=note)),
                      margin=dict(l=80, r=30, t=150 if note else 110, b=260))
    return fig


_LEVEL_COLORS = [ABSENT_WHITE, ABSENT_WHITE, LIGHT_PINK, PRESENT_PINK, SUMMARY_GREY]  # see _cell_level


def _cell_level(present: int, strength: str | None) -> int:
    """0 not addressed, 1 evidence below the document rule (counted 0), 2 addressed on thin evidence
    (``moderate``), 3 addressed (``strong``, ``reviewed`` or no decision known)."""
    if present:
        return 2 if strength == "moderate" else 3
    return 1 if strength == "weak" else 0


def cell_strength(strengths: pd.DataFrame | None, doc_id: str, value: str) -> str | None:
    """The strength of one guideline × value cell in ``strengths`` (doc_id × value codes, from
    :func:`aicompare.compare.cell_strengths`; None when unknown)."""
    if strengths is None or doc_id not in strengths.index or value not in strengths.columns:
        return None
    s = strengths.at[doc_id, value]
    return None if pd.isna(s) else str(s)


def cell_level(present: int, strengths: pd.DataFrame | None, doc_id: str, value: str) -> int:
    """:func:`_cell_level` of one guideline × value cell, its strength looked up in ``strengths``."""
    return _cell_level(present, cell_strength(strengths, doc_id, value))


def _swatch(color: str, label: str) -> str:
    return f'<span style="color:{color}">■</span> {label}'


def guideline_matrix_figure(documents: pd.DataFrame, matrix: pd.DataFrame, decisions: pd.DataFrame | None = None,
                            by: str = "country", lang: str = "ja", *, labels: Mapping[str, str] | None = None,
                            title: str | None = None, table: pd.DataFrame | None = None) -> go.Figure:
    """The 2022 review's comparison figure per guideline: rows are guidelines (short title and year) under a row
    per group (``by`` = country, region or publisher_type) and a total row, columns the 22 values.

    A guideline's cell is pink where it addresses the value, lighter pink where it does so on thin evidence
    (decision strength ``moderate`` in ``decisions`` of :func:`aicompare.extract.code_documents`), and white with
    a dot where the evidence stays below the document rule (``weak``, counted as not addressed); ✓ marks a cell an
    analyst reviewed. Group rows give the number of the group's guidelines addressing each value, in red where
    that is more than half — not for groups of fewer than :data:`aicompare.compare.SMALL_GROUP` guidelines
    (marked †), where one document would be "more than half". ``table`` is :func:`aicompare.compare.guideline_matrix`
    when already built. Wording, group names and value labels in ``lang``."""
    from aicompare.compare import SMALL_GROUP, cell_strengths, guideline_matrix
    from aicompare.extract import document_rule
    from aicompare.figures.wording import document_labels

    check_lang(lang)
    t = table if table is not None else guideline_matrix(documents, matrix, by)
    by = str(t["by"].iloc[0]) if len(t) else by
    values = [c for c in t.columns if str(c).startswith("V") and c[1:].isdigit()]
    labels = labels if labels is not None else value_labels(lang)
    strengths = cell_strengths(decisions) if decisions is not None and len(decisions) else None
    names = document_labels(documents[documents["doc_id"].isin(t["doc_id"])], width=46)
    n_rows = len(t)
    z, hover, ylab = [], [], []
    red = ([], [], [])  # x, y, text
    plain = ([], [], [])
    marks = ([], [], [])
    any_weak = any_moderate = any_reviewed = any_small = False
    for i, r in enumerate(t.itertuples(index=False)):
        row = r._asdict()
        if row["row"] == "guideline":
            d = row["doc_id"]
            y = row["year"]
            ylab.append(f"{names.get(d, d)}" + (f" ({int(y)})" if pd.notna(y) else ""))
            zr, hr = [], []
            for j, v in enumerate(values):
                s = cell_strength(strengths, d, v)
                lvl = _cell_level(int(row[v]), s)
                zr.append(lvl)
                any_weak |= lvl == 1
                any_moderate |= lvl == 2
                if lvl == 1:
                    marks[0].append(j), marks[1].append(i), marks[2].append("•")
                if s == "reviewed":
                    any_reviewed = True
                    marks[0].append(j), marks[1].append(i), marks[2].append("✓")
                hr.append(f"{row['title'] or d}<br>{v} {labels.get(v, '')}<br>{int(row[v])}"
                          + (f" ({s})" if s else ""))
            z.append(zr)
            hover.append(hr)
        else:
            n = int(row["n_documents"])
            small = bool(row["small_group"]) or n < SMALL_GROUP
            any_small |= small
            name = group_label(row["group"], by, lang)
            ylab.append(f"<b>{name}</b> n={n}" + (" †" if small else ""))
            z.append([4] * len(values))
            hover.append([f"{name}<br>{v} {labels.get(v, '')}<br>{int(row[v])}/{n}" for v in values])
            for j, v in enumerate(values):
                c = int(row[v])
                dest = red if (c * 2 > n and not small) else plain
                dest[0].append(j), dest[1].append(i), dest[2].append(str(c))
    scale = []
    for k, color in enumerate(_LEVEL_COLORS):
        scale += [[k / 5, color], [(k + 1) / 5, color]]
    scale = [[min(1.0, p), c] for p, c in scale]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(range(len(values))), y=list(range(n_rows)), zmin=-0.5, zmax=4.5, colorscale=scale,
        showscale=False, xgap=1, ygap=1, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
    ))
    fig.add_trace(go.Scatter(x=plain[0], y=plain[1], text=plain[2], mode="text", hoverinfo="skip", showlegend=False,
                             textfont=dict(size=13, color="#222222")))
    fig.add_trace(go.Scatter(x=red[0], y=red[1], text=red[2], mode="text", hoverinfo="skip", showlegend=False,
                             textfont=dict(size=14, color=OVER_HALF_RED, family="Noto Sans CJK JP Bold, "
                                           "Noto Sans CJK JP, sans-serif")))
    fig.add_trace(go.Scatter(x=marks[0], y=marks[1], text=marks[2], mode="text", hoverinfo="skip", showlegend=False,
                             textfont=dict(size=11, color="#666666")))
    for i, kind in enumerate(t["row"]):  # a rule above each group
        if kind != "guideline" and i:
            fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=i - 0.5, y1=i - 0.5,
                          line=dict(color="#555555", width=1.5))
    fig.update_yaxes(tickvals=list(range(n_rows)), ticktext=ylab, autorange="reversed", tickfont=dict(size=13),
                     showgrid=False, zeroline=False)
    fig.update_xaxes(tickvals=list(range(len(values))), ticktext=[f"{v} {labels.get(v, '')}".strip() for v in values],
                     tickangle=-60, side="top", showgrid=False, zeroline=False, tickfont=dict(size=13))
    strong = document_rule()["strong_min_passages"]
    key = [_swatch(PRESENT_PINK, text("compare.gm_key_addressed", lang))]
    if any_moderate:
        key.append(_swatch(LIGHT_PINK, text("compare.gm_key_thin", lang, k=strong)))
    if any_weak:
        key.append('<span style="color:#666666">•</span> ' + text("compare.gm_key_weak", lang))
    if any_reviewed:
        key.append("✓ " + text("compare.gm_key_reviewed", lang))
    key2 = [f'<span style="color:{OVER_HALF_RED}"><b>12</b></span> ' + text("compare.gm_key_red", lang)]
    if any_small:
        key2.append("† " + text("compare.gm_key_small", lang, k=SMALL_GROUP))
    by_name = text(f"compare.by.{by}", lang, default=by)
    title = title if title is not None else text("compare.guideline_matrix", lang, by=by_name)
    height = 330 + 27 * n_rows + 110
    apply_style(fig, title=title, width=1500, height=height)
    fig.update_layout(margin=dict(l=30, r=190, t=330, b=110), title=dict(y=0.995, yanchor="top"),
                      plot_bgcolor="white")
    fig.add_annotation(text="　".join(key) + "<br>" + "　".join(key2), xref="paper", yref="paper", x=0, y=0,
                       yshift=-12, xanchor="left", yanchor="top", showarrow=False, align="left",
                       font=dict(size=13))
    return fig
