"""Figures of the clustering: heatmap, map and choice of k, in Japanese and English (WAIE-shaped fixture)."""
from __future__ import annotations

import pytest

from aicompare.figures.cluster import clustered_heatmap, map_figure, selection_figure
from aicompare.taxonomy import load_values

from test_cluster import text_result, values_result, waie  # noqa: F401  (the clustering's module fixtures)


def test_cluster_figures_follow_lang(values_result, text_result, waie):
    docs = waie[0]
    values = load_values().set_index("code")
    for lang, other in (("ja", "en"), ("en", "ja")):
        heat = clustered_heatmap(values_result, lang=lang)
        ticks = list(heat.layout.xaxis4.ticktext)
        codes = [t.split(" ", 1)[0] for t in ticks]
        assert ticks == [f"{c} {values.at[c, f'label_{lang}']}" for c in codes]
        assert not any(values.at[c, f"label_{other}"] in t for c, t in zip(codes, ticks)
                       if values.at[c, f"label_{other}"] != values.at[c, f"label_{lang}"])
        texts = [heat.layout.title.text]
        m = map_figure(text_result, docs, lang=lang)
        texts += [m.layout.title.text, m.layout.xaxis.title.text] + [a.text for a in m.layout.annotations]
        texts += [t.name for t in m.data if t.showlegend is not False]  # legend entries (not the label layer)
        sel = selection_figure([values_result, text_result], lang=lang)
        texts += [sel.layout.title.text, sel.layout.yaxis.title.text] + [t.name for t in sel.data if t.name]
        has_ja = [any("\u3040" <= ch <= "\u9fff" or "\u30a0" <= ch <= "\u30ff" for ch in t) for t in texts]
        assert all(has_ja) if lang == "ja" else not any(has_ja), list(zip(texts, has_ja))
    with pytest.raises(ValueError, match="lang must be one of ja, en"):
        selection_figure([values_result], lang="fr")


def test_cluster_figures_name_documents_by_short_title(values_result, waie, shipped_coding):
    from aicompare.cluster import cluster_values
    from aicompare.figures.wording import document_labels

    shipped_docs, _, shipped_matrix = shipped_coding  # 16 documents: few enough to name every point
    shipped = cluster_values(shipped_matrix, n_boot=3)
    labels = document_labels(shipped_docs[shipped_docs["doc_id"].isin(shipped.doc_ids)], width=30)
    m = map_figure(shipped, shipped_docs)
    names = [t for t in m.data if t.mode == "text"]
    assert len(names) == 2  # one label layer per panel: every point named by its short title
    for t in names:
        assert sorted(x for txt in t.text for x in txt.split("<br>")) == sorted(labels.values())
    docs = waie[0]
    heat = clustered_heatmap(values_result, lang="en", documents=docs)
    names = document_labels(docs, width=40)
    assert all(t.rsplit(" [", 1)[0] in names.values() for t in heat.layout.yaxis4.ticktext)
