"""The value extractor's evidence as a figure: supporting passages per value for one document."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from aicompare.figures.style import BASE_2019_COLOR, NEW_2022_COLOR, apply_style
from aicompare.figures.wording import check_lang, document_labels, text


def value_evidence_figure(evidence: pd.DataFrame, values: pd.DataFrame, doc_id: str, *, lang: str = "ja",
                          title: str | None = None, documents: pd.DataFrame | None = None) -> go.Figure:
    """Bar chart: number of supporting passages per value (V01…V22) for one document.

    ``evidence`` is the extractor's evidence table (``doc_id, value_code, passage_id``…), ``values`` the
    taxonomy (:func:`aicompare.taxonomy.load_values`). With ``documents`` (``doc_id``, ``title``) the title names
    the document by its title, else by doc_id."""
    label = f"label_{check_lang(lang)}"
    counts = evidence[evidence["doc_id"] == doc_id].groupby("value_code")["passage_id"].nunique()
    vals = values.sort_values("code")
    y = [int(counts.get(c, 0)) for c in vals["code"]]
    colors = [NEW_2022_COLOR if str(i) == "2022" else BASE_2019_COLOR for i in vals["introduced"]]
    fig = go.Figure(go.Bar(x=[f"{c} {l}" for c, l in zip(vals["code"], vals[label])], y=y, marker_color=colors,
                           hovertemplate="%{x}<br>%{y} passages<extra></extra>"))
    name = doc_id
    if documents is not None and "title" in documents.columns and doc_id in set(documents["doc_id"]):
        name = document_labels(documents[documents["doc_id"] == doc_id], width=60).get(doc_id, doc_id)
    apply_style(fig, title=title or text("extract.title", lang, doc_id=name), height=600)
    fig.update_layout(xaxis_tickangle=-45, yaxis_title=text("extract.axis", lang))
    return fig
