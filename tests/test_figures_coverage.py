"""Coverage charts: built from the real coverage tables (export is aicompare.figures.export's job)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aicompare.coverage import coverage_against, gap_items, principle_matrix
from aicompare.figures.style import GAP_FILL
from aicompare.figures.coverage import (
    coverage_radar,
    gap_table,
    principle_heatmap,
    subitem_heatmap,
    values_bar,
)
from aicompare.guideline import guideline_source


@pytest.fixture(scope="module")
def result():
    from aicompare.corpus.ingest import ingest

    corpus = ingest([guideline_source().parent], use_cache=False)
    counts = pd.DataFrame({"value_code": [f"V{i:02d}" for i in range(1, 23)], "count": range(22)})
    return coverage_against(corpus.passages, "business-guideline", documents=corpus.documents, domestic_counts=counts)


def test_principle_heatmap_in_both_languages(result):
    cov = result.documents
    fig = principle_heatmap(cov)
    z = np.asarray(fig.data[0].z)
    assert z.shape == (cov["doc_id"].nunique(), 10)
    assert fig.data[0].x[0] == "1) 人間中心"
    row = list(fig.data[0].y).index(result.guideline.doc_id)
    assert (z[row] == 1).all()  # the guideline covers all of its own sub-items
    assert principle_heatmap(cov, lang="en").data[0].x[0] == "1) Human-centric"
    with pytest.raises(ValueError, match="lang"):
        principle_heatmap(cov, lang="fr")


def test_principle_matrix_is_share_of_subitems(result):
    cov = result.documents
    m = principle_matrix(cov)
    sub = cov[cov["subitem"] != ""]
    d = m.index[1]
    expect = sub[(sub["doc_id"] == d) & (sub["principle_no"] == 1)]["covered"].mean()
    assert m.at[d, 1] == pytest.approx(expect)
    # a principle without sub-items (9) is 1 when covered, else 0
    nine = cov[(cov["subitem"] == "") & (cov["principle_no"] == 9)].set_index("doc_id")["covered"]
    assert (m[9] == nine.reindex(m.index).astype(float)).all()


def test_subitem_drilldown_has_every_item(result):
    fig = subitem_heatmap(result.documents)
    n_items = len(result.guideline.subitems) + int((result.guideline.principles["n_subitems"] == 0).sum())
    assert len(fig.data[0].x) == n_items
    assert subitem_heatmap(result.documents, principles=[7]).data[0].x[0] == "7)①"


def test_radar_has_the_guideline_as_reference(result):
    others = [d for d in result.summary["doc_id"] if d != result.guideline.doc_id][:2]
    fig = coverage_radar(result.documents, others, guideline_doc=result.guideline.doc_id)
    assert [t.name for t in fig.data] == [result.guideline.doc_id] + others
    assert fig.data[0].line.dash == "dash"
    with pytest.raises(ValueError, match="not in the coverage table"):
        coverage_radar(result.documents, ["no-such-doc"])


def test_values_bar_panels_and_marks(result):
    fig = values_bar(result.values)
    assert len(fig.layout.annotations) == 2  # 2022 counts beside the guideline's passages
    bars = fig.data[1]
    v22 = list(bars.y).index(next(y for y in bars.y if y.startswith("22.")))
    assert bars.marker.pattern.shape[v22] == "/"  # no matching item in the guideline
    without = values_bar(result.values.assign(domestic_2022=pd.array([pd.NA] * 22, dtype="Int64")))
    assert len(without.layout.annotations) == 1
    assert "Robustness" in " ".join(values_bar(result.values, lang="en").data[0].y)


def test_gap_table_marks_items_nobody_addresses(result):
    cov = result.documents
    fig = gap_table(cov[cov["doc_id"] != result.guideline.doc_id].assign(covered=False))
    assert "項目" in fig.data[0].header.values[0]
    assert set(fig.data[0].cells.fill.color[0]) == {GAP_FILL}  # gaps in their own hue, not the pink of "addressed"
    assert "どの文書も記載していない" in fig.layout.title.text
    real = gap_table(cov, exclude=[result.guideline.doc_id], lang="en")
    g = gap_items(cov, [result.guideline.doc_id]).head(12)
    assert "least-addressed" in real.layout.title.text and "no document addresses" not in real.layout.title.text.split("<br>")[0]
    fills = list(real.data[0].cells.fill.color[0])
    assert fills == [GAP_FILL if n == 0 else "#ffffff" for n in g["n_covering"]]


def test_heatmap_keys_its_two_measures_and_names_documents_by_title(result):
    from aicompare.figures.coverage import save_coverage_figures
    from aicompare.figures.wording import document_labels

    fig = principle_heatmap(result.documents, lang="en")
    assert "In brackets: passages" in fig.layout.title.subtitle.text
    assert "（ ）内" in principle_heatmap(result.documents).layout.title.subtitle.text
    assert fig.data[0].colorscale[-1][1] != "#d62728"  # shares in pink, red kept for "more than half"
    assert set(result.titles["doc_id"]) >= set(result.documents["doc_id"])
    labels = document_labels(result.titles)
    assert not any(d == labels[d] for d in result.documents["doc_id"])


def test_radar_says_which_documents_are_left_out(result):
    others = [d for d in result.summary["doc_id"] if d != result.guideline.doc_id]
    fig = coverage_radar(result.documents, others[:1], guideline_doc=result.guideline.doc_id, lang="en")
    assert fig.layout.title.subtitle.text == f"{len(others) - 1} other documents are left out (all documents are in the documents × principles heatmap)"
    full = coverage_radar(result.documents, others, guideline_doc=result.guideline.doc_id, lang="en")
    assert not full.layout.title.subtitle.text  # all shown: nothing to say
