"""Figure files: deterministic HTML/PNG/SVG with the shared style (static export needs the system Chromium)."""
import plotly.graph_objects as go

from aicompare.figures.export import save_figure
from aicompare.figures.style import apply_style


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
