"""Figures of the 2022 review (the parsed report of data/raw): content in both languages, export."""
from __future__ import annotations

import pytest

from aicompare.figures.export import save_figure
from aicompare.figures.survey import survey_figures
from aicompare.recoding import compare_recoding
from aicompare.survey import parse_survey

from test_recoding import _matrix
from test_survey import REPORT


@pytest.fixture(scope="module")
def survey():
    return parse_survey(REPORT)


def test_figures_content(survey):
    cmp = compare_recoding(survey.counts_domestic, _matrix(), "test corpus")
    figs = survey_figures(survey, lang="en", comparison=cmp)
    assert set(figs) == {"survey_domestic_counts_en", "survey_domestic_table_en", "survey_recoding_en"}
    bar = figs["survey_domestic_counts_en"]
    red = [t for t in bar.data if t.marker.color == "#d62728"][0]
    over = survey.counts_domestic[survey.counts_domestic.over_half]
    assert list(red.x) == over["count"].tolist()
    assert "Privacy" in " ".join(red.y)
    table = figs["survey_domestic_table_en"].data[0]
    assert len(table.cells.values) == 4  # no., value, published, recoded
    assert table.cells.font.color[2] == ["#d62728" if o else "#222222" for o in survey.counts_domestic.over_half]
    rec = figs["survey_recoding_en"]
    assert [t.name for t in rec.data][1].startswith("test corpus (automatic, n=4)")
    with pytest.raises(ValueError, match="lang"):
        survey_figures(survey, lang="fr")


def test_figures_exported_in_three_formats(survey, tmp_path):
    """One export (the bar chart): html, png and svg, with the Japanese labels rendered as text."""
    fig = survey_figures(survey, source="test")["survey_domestic_counts"]
    paths = save_figure(fig, "survey_domestic_counts", tmp_path)
    assert sorted(p.suffix for p in paths) == [".html", ".png", ".svg"]
    again = save_figure(survey_figures(survey, source="test")["survey_domestic_counts"], "survey_domestic_counts",
                        tmp_path / "again")
    assert [p.read_bytes() for p in sorted(paths)] == [p.read_bytes() for p in sorted(again)]  # hatch ids are stable
    assert paths[1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and paths[1].stat().st_size > 20_000
    assert "プライバシー" in paths[2].read_text(encoding="utf-8")


def test_table_headers_in_the_figure_language(survey):
    """The automatic-coding column is headed in the figure's language; the corpus's own label goes to the note."""
    cmp = compare_recoding(survey.counts_domestic, _matrix(), "default corpus, automatic coding (4 documents)")
    fig = survey_figures(survey, lang="ja", comparison=cmp)["survey_domestic_table"]
    header = fig.data[0].header.values
    assert len(header) == 4 and "自動コーディング" in header[3] and "corpus" not in header[3]
    assert all(len(part) <= 16 for h in header for part in h.split("<br>"))  # fits its column
    assert "default corpus" in fig.layout.annotations[0].text
