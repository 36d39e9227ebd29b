"""Figures of the overseas comparison: the review-style matrix and the prevalence bars (WAIE-shaped fixture)."""
from __future__ import annotations

import pytest

from aicompare.compare import (
    TOTAL_GROUP, aggregate_values, prevalence_comparison, review_domestic_counts, value_prevalence,
    wide_counts,
)
from aicompare.figures.compare import group_label, matrix_figure, prevalence_figure
from aicompare.taxonomy import load_values

from conftest import REVIEW_REPORT
from test_compare import waie  # noqa: F401  (the comparison's module fixture: documents, evidence, matrix)


def test_matrix_figure_colours(waie):
    docs, _, matrix = waie
    table = aggregate_values(matrix, docs, "publisher_type")
    wide = wide_counts(table)
    fig = matrix_figure(table)
    z = fig.data[0].z
    cells = table.set_index(["group", "value"])
    for i, g in enumerate(wide["group"]):
        for j, v in enumerate([c for c in wide.columns if c.startswith("V")]):
            row = cells.loc[(g, v)]
            assert z[i][j] == (2 if row["over_half"] else 1 if row["count"] > 0 else 0)


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" for ch in text)


def test_figures_follow_lang(waie):
    docs, _, matrix = waie
    values = load_values().set_index("code")
    table = aggregate_values(matrix, docs, "country")
    comp = prevalence_comparison(value_prevalence(matrix), review_domestic_counts(REVIEW_REPORT))
    for lang in ("ja", "en"):
        fig = matrix_figure(table, lang=lang)
        x = list(fig.data[0].x)
        assert x == [f"{c} {values.at[c, f'label_{lang}']}" for c in sorted(values.index)]
        bars = prevalence_figure(comp, lang=lang)
        assert list(bars.data[0].x) == x
        texts = [fig.layout.title.text, bars.layout.title.text, bars.layout.yaxis.title.text,
                 *(t.name for t in bars.data), *fig.data[0].y]
        texts = [t for t in texts if not t.startswith(("EU ", "G7 ", "ASEAN "))]  # written so in Japanese too
        assert all(map(_has_japanese, texts)) if lang == "ja" else not any(map(_has_japanese, texts)), texts
    assert group_label("US", "country", "ja") == "米国 (US)"  # the review's spelling (names_ja)
    assert group_label("US", "country", "en") == "United States of America (US)"
    assert group_label(TOTAL_GROUP, "region", "ja") == "（全体）"
    assert group_label("Atlantis", "region", "ja") == "Atlantis"
    with pytest.raises(ValueError, match="lang must be one of ja, en"):
        matrix_figure(table, lang="de")


# ---------------------------------------------------------------- the review's matrix, per guideline
def test_guideline_matrix_figure_on_the_shipped_coding(shipped_coding):
    from aicompare.compare import SMALL_GROUP, cell_strengths, guideline_matrix
    from aicompare.figures.compare import guideline_matrix_figure
    from aicompare.figures.style import OVER_HALF_RED

    docs, decisions, matrix = shipped_coding
    table = guideline_matrix(docs, matrix, "country")
    strengths = cell_strengths(decisions)
    values = [c for c in table.columns if c.startswith("V")]
    for lang in ("ja", "en"):
        fig = guideline_matrix_figure(docs, matrix, decisions, by="country", lang=lang)
        heat, plain, red, marks = fig.data
        assert len(heat.z) == len(table) and len(heat.z[0]) == len(values) == 22
        want_red = set()
        for i, r in enumerate(table.itertuples(index=False)):
            row = r._asdict()
            for j, v in enumerate(values):
                if row["row"] == "guideline":
                    s = strengths.at[row["doc_id"], v]
                    want = (2 if s == "moderate" else 3) if row[v] else (1 if s == "weak" else 0)
                    assert heat.z[i][j] == want, (row["doc_id"], v, s)
                else:
                    assert heat.z[i][j] == 4
                    if row[v] * 2 > row["n_documents"] and row["n_documents"] >= SMALL_GROUP:
                        want_red.add((j, i))
        assert set(zip(red.x, red.y)) == want_red and red.textfont.color == OVER_HALF_RED
        assert heat.colorscale[-1][1] != OVER_HALF_RED  # red is text, never a fill
        small = table[(table["row"] == "group") & table["small_group"]]
        assert small.empty or all("†" in fig.layout.yaxis.ticktext[i] for i in small.index)
        ticks = list(fig.layout.yaxis.ticktext)
        for i in table.index[table["row"] == "guideline"]:  # guidelines by title and year, never by file stem
            assert table.at[i, "doc_id"] not in ticks[i] and ticks[i].endswith(f"({table.at[i, 'year']})")
        texts = [fig.layout.title.text, *(t for t, k in zip(ticks, table["row"]) if k != "guideline")]
        texts = [t for t in texts if not t.startswith(("<b>EU ", "<b>G7 ", "<b>ASEAN "))]
        assert all(map(_has_japanese, texts)) if lang == "ja" else not any(map(_has_japanese, texts)), texts
    # without decisions every addressed cell is plain pink
    fig = guideline_matrix_figure(docs, matrix, by="publisher_type", lang="en")
    flat = {z for row in fig.data[0].z for z in row}
    assert flat <= {0, 3, 4}


def test_document_labels_short_unique_titles(shipped_coding):
    from aicompare.figures.wording import _width, document_labels

    docs = shipped_coding[0]
    for width in (20, 30, 48):
        labels = document_labels(docs, width=width)
        assert sorted(labels) == sorted(docs["doc_id"])
        assert len(set(labels.values())) == len(labels)  # unique, however short
        assert not any(d == lab for d, lab in labels.items())  # titles, not file stems
    labels = document_labels(docs)
    assert all(sum(map(_width, lab)) <= 48 for lab in labels.values())
    title = dict(zip(docs["doc_id"], docs["title"]))
    assert all(lab == title[d].replace("Artificial Intelligence", "AI") for d, lab in labels.items()
               if len(title[d].replace("Artificial Intelligence", "AI")) <= 48)


def test_prevalence_figure_says_how_each_side_was_coded(waie):
    docs, _, matrix = waie
    comp = prevalence_comparison(value_prevalence(matrix), review_domestic_counts(REVIEW_REPORT))
    assert prevalence_figure(comp, lang="en", domestic_source="review").layout.title.subtitle.text.startswith(
        "Overseas: this corpus, coded automatically")
    assert "人手" in prevalence_figure(comp, domestic_source="review").layout.title.subtitle.text
    assert "hand-coded" not in prevalence_figure(comp, lang="en", domestic_source="corpus").layout.title.subtitle.text


def test_domestic_source_recognises_the_published_counts(waie):
    from aicompare.stages.compare import _domestic_source

    assert _domestic_source(review_domestic_counts()) == "review"
    assert _domestic_source(value_prevalence(waie[2])) == "corpus"
