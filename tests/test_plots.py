import plotly.graph_objects as go

from aicompare.plots import apply_style, save_figure, value_evidence_figure
from aicompare.taxonomy import load_values


def _figure():
    fig = go.Figure([go.Bar(x=["人間中心", "プライバシー"], y=[5, 21]), go.Scatter(x=["人間中心", "プライバシー"], y=[3, 4])])
    return apply_style(fig, title="国内の指針等で<b>言及した数</b>")


def test_save_figure_three_formats_identical_bytes(tmp_path):
    first = {p.suffix: p.read_bytes() for p in save_figure(_figure(), "counts", tmp_path / "a")}
    second = {p.suffix: p.read_bytes() for p in save_figure(_figure(), "counts", tmp_path / "b")}
    assert set(first) == {".html", ".png", ".svg"}
    assert first == second  # no random div ids, trace uids or clip-path ids
    assert (tmp_path / "a" / "plotly.min.js").is_file()  # HTML works offline, plotly.js written once
    html = first[".html"].decode()
    assert "<title>国内の指針等で 言及した数</title>" in html and 'aria-label="国内の指針等で 言及した数"' in html
    assert first[".png"].startswith(b"\x89PNG")
    assert "人間中心".encode() in first[".svg"]  # Japanese text is kept as text in the SVG


def test_value_evidence_figure_counts_passages_per_value(seed_ingest):
    from aicompare.extract import extract_values

    ev = extract_values(seed_ingest.passages)
    bg = seed_ingest.documents.loc[seed_ingest.documents["role"] == "business_guideline", "doc_id"].item()
    fig = value_evidence_figure(ev, load_values(), bg, lang="en")
    bar = fig.data[0]
    assert len(bar.x) == 22 and bar.x[12].startswith("V13")
    assert bar.y[12] == ev[(ev.doc_id == bg) & (ev.value_code == "V13")]["passage_id"].nunique()
