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
