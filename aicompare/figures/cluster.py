"""Figures of the clustering (:mod:`aicompare.cluster`): the documents × values heatmap ordered by both
dendrograms, the 2-D map of each view and the choice of k with its bootstrap stability."""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.colors as pc
import plotly.graph_objects as go
from plotly.subplots import make_subplots
from scipy.cluster.hierarchy import dendrogram

from aicompare.cluster import ClusterResult
from aicompare.figures.compare import group_label
from aicompare.figures.style import ABSENT_WHITE, PRESENT_PINK, PUBLISHER_TYPE_COLORS, apply_style
from aicompare.figures.wording import check_lang, document_labels, text, value_labels


def _t(key: str, lang: str, **fields) -> str:
    return text(f"cluster.{key}", lang, **fields)


def _dendro(Z: np.ndarray) -> dict:
    return dendrogram(Z, no_plot=True)


def clustered_heatmap(result: ClusterResult, value_linkage: np.ndarray | None = None,
                      *, labels: Mapping[str, str] | None = None, title: str | None = None,
                      lang: str = "ja", documents: pd.DataFrame | None = None) -> go.Figure:
    """Documents × values heatmap ordered by both dendrograms (documents left, values on top);
    title and value labels (default: the taxonomy's) in ``lang`` (``ja``/``en``). Documents are named by their
    short title when ``documents`` (with ``title``) is given, else by doc_id."""
    prof = result.profiles
    d_doc = _dendro(result.linkage)
    rows = [prof.index[i] for i in d_doc["leaves"]]
    used = [v for v in prof.columns if prof[v].sum() > 0]
    if value_linkage is not None:
        d_val = _dendro(value_linkage)
        cols = [used[i] for i in d_val["leaves"]] + [v for v in prof.columns if v not in used]
    else:
        d_val, cols = None, list(prof.columns)
    check_lang(lang)
    labels = labels if labels is not None else value_labels(lang)
    title = title if title is not None else _t("heatmap", lang)
    fig = make_subplots(rows=2, cols=2, column_widths=[0.16, 0.84], row_heights=[0.12, 0.88],
                        shared_xaxes="columns", shared_yaxes="rows", horizontal_spacing=0.005, vertical_spacing=0.005)
    line = dict(color="#555", width=1)
    for xs, ys in zip(d_doc["icoord"], d_doc["dcoord"]):
        fig.add_trace(go.Scatter(x=[-y for y in ys], y=xs, mode="lines", line=line, hoverinfo="skip", showlegend=False), 2, 1)
    if d_val is not None:
        for xs, ys in zip(d_val["icoord"], d_val["dcoord"]):
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=line, hoverinfo="skip", showlegend=False), 1, 2)
    cluster_of = dict(zip(result.doc_ids, result.labels))
    names = document_labels(documents, width=40) if documents is not None and "title" in documents.columns else {}
    z = prof.loc[rows, cols].to_numpy()
    xpos = [5 + 10 * i for i in range(len(cols))]
    ypos = [5 + 10 * i for i in range(len(rows))]
    fig.add_trace(go.Heatmap(z=z, x=xpos, y=ypos, colorscale=[[0, ABSENT_WHITE], [1, PRESENT_PINK]], showscale=False,
                             xgap=1, ygap=0.5,
                             customdata=[[f"{names.get(r, r)} ({_t('cluster', lang, c=cluster_of[r])})"] * len(cols)
                                         for r in rows],
                             hovertemplate="%{customdata}<extra></extra>"), 2, 2)
    fig.update_xaxes(tickvals=xpos, ticktext=[f"{c} {labels[c]}" if c in labels else c for c in cols],
                     tickangle=-60, side="bottom", row=2, col=2)
    fig.update_yaxes(tickvals=ypos, ticktext=[f"{names.get(r, r[:38])} [{cluster_of[r]}]" for r in rows],
                     tickfont=dict(size=12 if len(rows) <= 40 else 8),
                     side="right", showticklabels=True, row=2, col=2)
    for r, c in ((1, 1), (1, 2), (2, 1)):
        fig.update_xaxes(visible=False, row=r, col=c)
        fig.update_yaxes(visible=False, row=r, col=c)
    height = max(700, 220 + (20 if len(rows) <= 40 else 11) * len(rows))
    apply_style(fig, title=title, width=1400, height=height)
    fig.update_layout(margin=dict(l=20, r=380, t=80, b=240), plot_bgcolor="white")
    return fig


def _point_labels(df: pd.DataFrame) -> pd.DataFrame:
    """One label per position (documents with the same profile share a point: their names stacked), placed
    above or below the point so that close neighbours do not print over each other."""
    xs, ys = float(np.ptp(df["x"])) or 1.0, float(np.ptp(df["y"])) or 1.0
    key = list(zip((df["x"] / xs).round(3), (df["y"] / ys).round(3)))
    spots = (df.assign(_k=key).groupby("_k", sort=False)
             .agg(x=("x", "first"), y=("y", "first"), text=("label", lambda v: "<br>".join(sorted(v))),
                  n=("label", "size")).reset_index(drop=True))
    spots = spots.sort_values(["y", "x"], ascending=[False, True], kind="stable").reset_index(drop=True)
    pos: list[str] = []
    for i, r in spots.iterrows():
        near = [j for j in range(i) if abs(spots.at[j, "x"] - r["x"]) < 0.3 * xs and abs(spots.at[j, "y"] - r["y"]) < 0.08 * ys]
        pos.append("bottom center" if near and pos[near[-1]] == "top center" else "top center")
    return spots.assign(position=pos)


def map_figure(result: ClusterResult, documents: pd.DataFrame, *, title: str | None = None,
               lang: str = "ja") -> go.Figure:
    """2-D map (PCA) of the documents, coloured by cluster (left) and by publisher type (right), points labelled
    with the documents' short titles (up to 40 documents; documents at the same point are listed together);
    wording and publisher-type names in ``lang`` (``ja``/``en``)."""
    df = pd.DataFrame({"doc_id": result.doc_ids, "x": result.embedding[:, 0], "y": result.embedding[:, 1],
                       "cluster": result.labels})
    docs = documents.set_index("doc_id")
    df["publisher_type"] = df["doc_id"].map(docs["publisher_type"]).fillna("(unspecified)")
    df["title"] = df["doc_id"].map(docs["title"]).fillna(df["doc_id"]).astype(str)
    short = document_labels(documents[documents["doc_id"].isin(df["doc_id"])], width=30) \
        if "title" in documents.columns else {}
    df["label"] = df["doc_id"].map(short).fillna(df["doc_id"])
    labelled = len(df) <= 40  # beyond that, names would cover the points: hover only
    check_lang(lang)
    title = title if title is not None else _t("map", lang, view=_t(f"view.{result.view}", lang), k=result.k)
    fig = make_subplots(rows=1, cols=2, subplot_titles=(_t("by_cluster", lang), _t("by_ptype", lang)),
                        horizontal_spacing=0.08)
    palette = pc.qualitative.Dark24
    for c in sorted(df["cluster"].unique()):
        g = df[df["cluster"] == c]
        fig.add_trace(go.Scatter(x=g["x"], y=g["y"], mode="markers", name=f"{_t('cluster', lang, c=c)} (n={len(g)})",
                                 marker=dict(color=palette[(c - 1) % len(palette)], size=11), text=g["title"],
                                 hovertemplate="%{text}<extra></extra>", legendgroup="cluster"), 1, 1)
    for t in [t for t in list(PUBLISHER_TYPE_COLORS) + ["(unspecified)"] if t in set(df["publisher_type"])]:
        g = df[df["publisher_type"] == t]
        fig.add_trace(go.Scatter(x=g["x"], y=g["y"], mode="markers",
                                 name=f"{group_label(t, 'publisher_type', lang)} (n={len(g)})",
                                 marker=dict(color=PUBLISHER_TYPE_COLORS.get(t, "#bbbbbb"), size=11, symbol="diamond"),
                                 text=g["title"], hovertemplate="%{text}<extra></extra>", legendgroup="ptype"), 1, 2)
    if labelled and len(df):
        spots = _point_labels(df)
        for col in (1, 2):
            fig.add_trace(go.Scatter(x=spots["x"], y=spots["y"], mode="text", text=spots["text"],
                                     textposition=spots["position"].tolist(), textfont=dict(size=12, color="#333333"),
                                     hoverinfo="skip", showlegend=False, name="labels"), 1, col)
        xs, ys = float(np.ptp(df["x"])) or 1.0, float(np.ptp(df["y"])) or 1.0
        tall = int(spots["n"].max())
        fig.update_xaxes(range=[df["x"].min() - 0.3 * xs, df["x"].max() + 0.3 * xs])
        fig.update_yaxes(range=[df["y"].min() - 0.12 * ys, df["y"].max() + (0.08 + 0.05 * tall) * ys])
    fig.update_xaxes(title=_t("pc1", lang))
    fig.update_yaxes(title=_t("pc2", lang))
    apply_style(fig, title=title, width=1700, height=900)
    fig.update_layout(legend=dict(orientation="h", x=0, y=-0.1, xanchor="left", yanchor="top"),
                      margin=dict(b=140))
    return fig


def selection_figure(results: Sequence[ClusterResult], *, title: str | None = None, lang: str = "ja") -> go.Figure:
    """Mean silhouette per k (chosen k marked) and bootstrap ARI per view; wording in ``lang``."""
    check_lang(lang)
    title = title if title is not None else _t("selection", lang)
    fig = make_subplots(rows=1, cols=2, subplot_titles=(_t("sil_by_k", lang), _t("stability", lang)))
    for i, r in enumerate(results):
        s, color = r.k_scores, pc.qualitative.T10[i % len(pc.qualitative.T10)]
        chosen = s.loc[s["k"] == r.k, "silhouette"]
        view = _t(f"view.{r.view}", lang)
        fig.add_trace(go.Scatter(x=s["k"], y=s["silhouette"], mode="lines+markers", name=view,
                                 line=dict(color=color)), 1, 1)
        fig.add_trace(go.Scatter(x=[r.k], y=[chosen.iloc[0] if len(chosen) else r.silhouette], mode="markers",
                                 marker=dict(size=16, symbol="star", color=color),
                                 name=_t("chosen", lang, view=view, k=r.k)), 1, 1)
        fig.add_trace(go.Box(y=r.stability["ari"], name=f"{view} (k={r.k})", boxmean=True, showlegend=False,
                             marker_color=color), 1, 2)
    fig.update_xaxes(title="k", dtick=1, row=1, col=1)
    fig.update_yaxes(title=_t("mean_sil", lang), row=1, col=1)
    fig.update_yaxes(title=_t("ari", lang), range=[-0.1, 1.05], row=1, col=2)
    apply_style(fig, title=title, width=1300, height=550)
    return fig
