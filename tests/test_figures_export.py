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


def test_background_export_renders_the_figure_as_it_was_saved(tmp_path):
    """In a run, PNG/SVG are rendered on a background thread from a snapshot: the same bytes as a direct export,
    and a change the caller makes after saving does not reach the image."""
    from aicompare.figures.export import deferred_static_export, static_export_status

    if not static_export_status().available:
        import pytest

        pytest.skip(static_export_status().reason)
    direct = {p.suffix: p.read_bytes() for p in save_figure(_figure(), "counts", tmp_path / "direct")}
    with deferred_static_export() as exports:
        fig = _figure()
        paths = save_figure(fig, "counts", tmp_path / "deferred")
        fig.update_layout(title_text="changed after saving")
        fig.data[0].y = [1, 1]
    assert exports.failures == []
    assert {p.suffix: p.read_bytes() for p in paths} == direct
