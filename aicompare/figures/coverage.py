"""Charts of coverage against the business guideline (saved with :func:`aicompare.figures.export.save_figure`).

* ``principle_heatmap``: documents × the 10 principles (share of each principle's sub-items covered);
* ``subitem_heatmap``: the drill-down, documents × sub-items (evidence passages per cell);
* ``coverage_radar``: a few documents against the guideline, per principle;
* ``values_bar``: the 22 values — how many domestic guidelines held each in 2022 beside how many
  passages of the business guideline address it (and whether the crosswalk anchor is found);
* ``gap_table``: the least-addressed items, fewest documents first, those no document (other than the guideline)
  addresses in amber (the gap colour, apart from the pink of "addressed");
* ``save_coverage_figures``: all of them for a :class:`~aicompare.coverage.CoverageResult`.

``lang="ja"`` labels in Japanese (the guideline's own wording), ``lang="en"`` in English (the
official Ver1.0 translation for principles and sub-items; the taxonomy's glosses for values).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from aicompare.coverage import gap_items, principle_matrix
from aicompare.figures.export import save_figure
from aicompare.figures.style import (ABSENT_WHITE, BASE_2019_COLOR, DEEP_PINK, GAP_FILL, GAP_TEXT, LIGHT_PINK,
                                     NEW_2022_COLOR, PRESENT_PINK, apply_style)
from aicompare.figures.wording import check_lang, document_labels, text
from aicompare.taxonomy import load_values

LABELS_EN_PATH = Path(__file__).resolve().parent.parent / "taxonomy" / "business_guideline_labels_en.csv"


def _t(key: str, lang: str, **fields) -> str:
    return text(f"coverage.{key}", lang, **fields)


@lru_cache(maxsize=1)
def _labels_en() -> dict[tuple[int, str], str]:
    df = pd.read_csv(LABELS_EN_PATH, dtype=str, keep_default_na=False)
    return {(int(r.principle_no), r.subitem): r.label_en for r in df.itertuples()}


def item_label(principle_no: int, subitem: str, label_ja: str, lang: str = "ja", *, numbered: bool = True) -> str:
    """``1) 人間中心`` / ``1)① …`` in Japanese, or the official English wording."""
    label = label_ja if lang == "ja" else _labels_en().get((int(principle_no), subitem), label_ja)
    if not numbered:
        return label
    return f"{principle_no}){subitem} {label}" if subitem else f"{principle_no}) {label}"


def _principle_names(cov: pd.DataFrame, lang: str, numbered: bool = True) -> dict[int, str]:
    p = cov[cov["subitem"] == ""].drop_duplicates("principle_no")
    return {int(r.principle_no): item_label(r.principle_no, "", r.principle_label, lang, numbered=numbered)
            for r in p.itertuples()}


# pink = addressed (as in every figure): white → light pink → deep pink; red is kept for "more than half" text
_SCALE = [[0.0, ABSENT_WHITE], [0.01, LIGHT_PINK], [0.5, PRESENT_PINK], [1.0, DEEP_PINK]]


def principle_heatmap(cov: pd.DataFrame, *, lang: str = "ja", doc_labels: dict[str, str] | None = None) -> go.Figure:
    """Heatmap: documents (rows) × the 10 principles (columns); colour = share of sub-items covered."""
    check_lang(lang)
    m = principle_matrix(cov)
    names = _principle_names(cov, lang)
    n = cov[cov["subitem"] == ""].pivot(index="doc_id", columns="principle_no", values="score").reindex_like(m)
    ylab = [doc_labels.get(d, d) if doc_labels else d for d in m.index]
    fig = go.Figure(go.Heatmap(
        z=m.to_numpy(), x=[names[c] for c in m.columns], y=ylab, zmin=0, zmax=1, colorscale=_SCALE,
        text=np.vectorize(lambda v, k: f"{v:.0%}<br>({int(k)})")(m.to_numpy(), n.fillna(0).to_numpy()),
        texttemplate="%{text}", hovertemplate="%{y}<br>%{x}<br>" + _t("share", lang) + " %{z:.0%}<extra></extra>",
        colorbar=dict(title=_t("share", lang), tickformat=".0%"), xgap=2, ygap=2,
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-35)
    apply_style(fig, width=1250, height=max(460, 190 + 42 * len(m)))
    fig.update_layout(title=dict(text=_t("heatmap", lang), x=0.01, xanchor="left",
                                 subtitle=dict(text=_t("heatmap_key", lang))), margin=dict(t=120))
    return fig


def subitem_heatmap(cov: pd.DataFrame, *, lang: str = "ja", principles: Sequence[int] | None = None,
                    doc_labels: dict[str, str] | None = None) -> go.Figure:
    """Drill-down heatmap: documents × sub-items (and principles without sub-items); cell = evidence passages."""
    check_lang(lang)
    cells = cov[(cov["subitem"] != "") | ~cov["principle_no"].isin(cov.loc[cov["subitem"] != "", "principle_no"])]
    if principles is not None:
        cells = cells[cells["principle_no"].isin(list(principles))]
    cells = cells.assign(key=cells["principle_no"].astype(str) + ")" + cells["subitem"])
    cols = list(dict.fromkeys(cells["key"]))
    docs = list(dict.fromkeys(cells["doc_id"]))
    z = cells.pivot(index="doc_id", columns="key", values="score").reindex(index=docs, columns=cols).fillna(0)
    first = cells.drop_duplicates("key").set_index("key")
    hover = [item_label(first.at[k, "principle_no"], first.at[k, "subitem"],
                        first.at[k, "subitem_label"] or first.at[k, "principle_label"], lang) for k in cols]
    zc = np.log1p(z.to_numpy())
    fig = go.Figure(go.Heatmap(
        z=zc, x=cols, y=[doc_labels.get(d, d) if doc_labels else d for d in docs], colorscale=_SCALE,
        zmin=0, zmax=max(float(zc.max()), 1e-9), text=z.to_numpy().astype(int), texttemplate="%{text}",
        customdata=np.tile(np.array(hover, dtype=object), (len(docs), 1)),
        hovertemplate="%{y}<br>%{customdata}<br>%{text}<extra></extra>", showscale=False, xgap=1, ygap=1,
    ))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=-60, tickfont=dict(size=12))
    return apply_style(fig, title=_t("subitems", lang), width=1400, height=max(420, 170 + 42 * len(docs)))


def coverage_radar(cov: pd.DataFrame, doc_ids: Sequence[str], *, guideline_doc: str | None = None,
                   lang: str = "ja", doc_labels: dict[str, str] | None = None, note: str | None = None) -> go.Figure:
    """Radar: share of sub-items covered per principle, for ``doc_ids`` (and the guideline as reference).

    The subtitle says how many documents of the table are not drawn (``note`` replaces it, e.g. to say why)."""
    check_lang(lang)
    m = principle_matrix(cov)
    names = _principle_names(cov, lang, numbered=True)
    theta = [names[c] for c in m.columns] + [names[m.columns[0]]]
    fig = go.Figure()
    import plotly.colors as pcol

    palette = pcol.qualitative.Set2
    order = ([guideline_doc] if guideline_doc else []) + [d for d in doc_ids if d != guideline_doc]
    for i, d in enumerate(order):
        if d not in m.index:
            raise ValueError(f"document {d!r} is not in the coverage table")
        r = list(m.loc[d].to_numpy()) + [m.loc[d].to_numpy()[0]]
        ref = d == guideline_doc
        fig.add_trace(go.Scatterpolar(
            r=r, theta=theta, name=doc_labels.get(d, d) if doc_labels else d,
            line=dict(color="#444444" if ref else palette[i % len(palette)], dash="dash" if ref else "solid", width=2),
            fill=None if ref else "toself", opacity=1.0 if ref else 0.55,
        ))
    left_out = [d for d in m.index if d not in order]
    if note is None and left_out:
        note = _t("radar_left_out", lang, n=len(left_out))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 1], tickformat=".0%")),
                      legend=dict(orientation="h", y=-0.12))
    apply_style(fig, width=1100, height=860)
    fig.update_layout(title=dict(text=_t("radar", lang), x=0.01, xanchor="left",
                                 subtitle=dict(text=note or "")), margin=dict(t=130))
    return fig


def values_bar(values: pd.DataFrame, *, lang: str = "ja") -> go.Figure:
    """The 22 values: 2022 domestic counts (left, when known) beside business-guideline passages (right).

    Values first identified by the 2022 review (``introduced`` in the taxonomy) use ``NEW_2022_COLOR``;
    a value with no matching item in the guideline (crosswalk anchor not found) is hatched and marked ✕.
    """
    check_lang(lang)
    tax = load_values().set_index("code")
    v = values.copy()
    no = v["value_code"].map(tax["no"]).astype(int)
    name = v["label_ja"] if lang == "ja" else v["value_code"].map(tax["label_en"]).fillna(v["label_ja"])
    ylab = [f"{n}. {x}" for n, x in zip(no, name)]
    newest = tax["introduced"].max()
    colors = np.where(v["value_code"].map(tax["introduced"]) == newest, NEW_2022_COLOR, BASE_2019_COLOR)
    dom = v["domestic_2022"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    has_dom = not np.isnan(dom).all()
    right = 2 if has_dom else 1
    fig = make_subplots(rows=1, cols=right, shared_yaxes=True, horizontal_spacing=0.03,
                        subplot_titles=(_t("domestic", lang), _t("passages", lang)) if has_dom else (_t("passages", lang),))
    if has_dom:
        fig.add_trace(go.Bar(y=ylab, x=dom, orientation="h", marker_color=colors, showlegend=False,
                             text=[("" if np.isnan(x) else str(int(x))) for x in dom], textposition="outside"), 1, 1)
    covered = v["covered"].astype(bool).to_numpy()
    fig.add_trace(go.Bar(
        y=ylab, x=v["n_passages"], orientation="h", marker_color=colors,
        marker_pattern_shape=np.where(covered, "", "/"), showlegend=False,
        text=[f"{n}" if c else f"{n} ✕" for n, c in zip(v["n_passages"], covered)], textposition="outside",
        customdata=np.stack([v["principles"], v["first_location"]], axis=1),
        hovertemplate="%{y}<br>%{x} passages<br>principles %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    ), 1, right)
    groups = tax.groupby("introduced")["no"].agg(["min", "max"])
    legend = [(_t("new" if year == newest else "base", lang, year=year, a=r["min"], b=r["max"]),
               NEW_2022_COLOR if year == newest else BASE_2019_COLOR) for year, r in groups.iterrows()]
    for label, color in legend:
        fig.add_trace(go.Bar(y=[None], x=[None], marker_color=color, name=label, orientation="h"), 1, 1)
    fig.add_trace(go.Bar(y=[None], x=[None], marker_color="#bbbbbb", marker_pattern_shape="/",
                         name=f"✕ {_t('not_covered', lang)}", orientation="h"), 1, right)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(rangemode="tozero")
    fig.update_layout(barmode="overlay", legend=dict(orientation="h", y=-0.08), bargap=0.25)
    return apply_style(fig, title=_t("values", lang), width=1300 if has_dom else 1000, height=900)


def gap_table(cov: pd.DataFrame, *, exclude: Iterable[str] = (), lang: str = "ja", max_rows: int = 12) -> go.Figure:
    """Table of the least-addressed items; rows no document addresses are highlighted."""
    check_lang(lang)
    g = gap_items(cov, exclude).head(max_rows)
    g["label"] = [item_label(r.principle_no, r.subitem, r.subitem_label or r.principle_label, lang, numbered=False)
                  for r in g.itertuples()]
    zero = g["n_covering"] == 0
    fill = np.where(zero, GAP_FILL, ABSENT_WHITE)
    title = _t("gaps", lang, n=len(g)) + f"<br><sup>{_t('gaps_zero' if zero.any() else 'none', lang)}</sup>"
    fig = go.Figure(go.Table(
        columnwidth=[60, 420, 140],
        header=dict(values=[_t("item", lang), _t("label", lang), f"{_t('n_docs', lang)} / {_t('of', lang)}"],
                    fill_color="#eeeeee",
                    align="left", font=dict(size=15)),
        cells=dict(values=[g["item"], g["label"], [f"{a} / {b}" for a, b in zip(g["n_covering"], g["n_documents"])]],
                   fill_color=[fill, fill, fill], align="left", font=dict(size=15,
                   color=[np.where(zero, GAP_TEXT, "#222222")] * 3), height=32),
    ))
    fig = apply_style(fig, title=title, width=1100, height=230 + 36 * len(g))
    return fig.update_layout(margin=dict(t=120, b=30))


def save_coverage_figures(result, out_dir: str | Path | None = None, *, lang: str = "ja",
                          radar_docs: Sequence[str] | None = None,
                          doc_labels: dict[str, str] | None = None, prefix: str = "coverage") -> list[Path]:
    """All coverage charts for a :class:`~aicompare.coverage.CoverageResult` (html + png + svg each)."""
    cov = result.documents
    gdoc = result.guideline.doc_id if result.guideline.doc_id in set(cov["doc_id"]) else None
    others = [d for d in dict.fromkeys(cov["doc_id"]) if d != gdoc]
    if doc_labels is None and len(getattr(result, "titles", ())):
        doc_labels = document_labels(result.titles, width=44)
    note = None
    if radar_docs is None:
        summary = result.summary.set_index("doc_id").reindex(others)
        ranked = summary.sort_values("share_subitems", ascending=False, kind="stable")
        radar_docs = list(ranked.index[:3])
        if len(ranked) > len(radar_docs):
            note = _t("radar_top", lang, k=len(radar_docs), n=len(ranked) - len(radar_docs),
                      p=float(ranked["share_subitems"].iloc[len(radar_docs)]))
    sfx = "" if lang == "ja" else f"_{lang}"
    written: list[Path] = []
    written += save_figure(principle_heatmap(cov, lang=lang, doc_labels=doc_labels), f"{prefix}_heatmap{sfx}", out_dir)
    written += save_figure(subitem_heatmap(cov, lang=lang, doc_labels=doc_labels), f"{prefix}_subitems{sfx}", out_dir)
    written += save_figure(coverage_radar(cov, radar_docs, guideline_doc=gdoc, lang=lang, doc_labels=doc_labels,
                                          note=note),
                           f"{prefix}_radar{sfx}", out_dir)
    written += save_figure(values_bar(result.values, lang=lang), f"{prefix}_values{sfx}", out_dir)
    written += save_figure(gap_table(cov, exclude=[gdoc] if gdoc else [], lang=lang), f"{prefix}_gaps{sfx}", out_dir)
    return written
