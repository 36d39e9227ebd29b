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


def test_svg_does_not_depend_on_what_the_browser_drew_before():
    """The export page is kept loaded between images (plotly.js's text-measurement cache then remembers earlier
    figures, which changes the order in which it writes attributes): an SVG is the same whether its texts were
    measured before (after its own PNG) or not, and keeps the drawing's elements, attributes and text."""
    import xml.etree.ElementTree as ET

    import pytest

    from aicompare.figures.export import _SVG_UID, _export_with_limit, static_export_status, to_static

    if not static_export_status().available:
        pytest.skip(static_export_status().reason)
    fig = apply_style(go.Figure([go.Bar(x=["未測定の項目 A", "未測定の項目 B"], y=[2, 7], name="系列：初めて描く文字列"),
                                 go.Bar(x=["未測定の項目 A", "未測定の項目 B"], y=[1, 3], name="二つ目の系列")]),
                      title="まだ描いていない図のタイトル")
    first = to_static(fig, "svg")  # its texts measured for the first time
    to_static(fig, "png")
    again = to_static(fig, "svg")  # every text now in plotly.js's cache
    assert first == again

    def tree(e):
        return (e.tag, dict(e.attrib), (e.text or "").strip(), [tree(c) for c in e])

    raw = _export_with_limit(fig.to_dict(), "svg", 1)
    uid = _SVG_UID.search(raw).group(1)
    assert tree(ET.fromstring(raw.replace(uid, b"000000"))) == tree(ET.fromstring(again))


def test_png_and_svg_from_one_rendering_are_the_bytes_of_two_exports():
    """``to_static_formats`` draws a figure once for both PNG and SVG (the SVG rasterised at the PNG's scale):
    the files are byte for byte those of one export per format."""
    import pytest

    from aicompare.figures import export

    if not export.static_export_status().available:
        pytest.skip(export.static_export_status().reason)
    if not export._PAIR_READY:
        pytest.skip("this kaleido does not allow the one-rendering export")
    fig = _figure()
    both = export.to_static_formats(fig, ["png", "svg"], 2.0)
    assert export._PAIR_READY  # the one-rendering path was taken, not the fallback
    assert both == {"png": export.to_static(fig, "png", 2.0), "svg": export.to_static(fig, "svg")}


def test_png_and_svg_fall_back_to_one_export_each(monkeypatch):
    """When the one-rendering export fails for another reason than a stall (another kaleido or plotly.js), the
    images come from one export each, and later figures go that way at once."""
    import pytest

    from aicompare.figures import export

    if not export.static_export_status().available:
        pytest.skip(export.static_export_status().reason)
    calls = []

    def broken(fig, scale):
        calls.append(scale)
        raise export.FigureExportError("static PNG and SVG export failed (TypeError: Plotly.Snapshot is undefined).")

    monkeypatch.setattr(export, "_pair_with_limit", broken)
    monkeypatch.setattr(export, "_PAIR_READY", True)
    fig = _figure()
    first = export.to_static_formats(fig, ["png", "svg"], 2.0)
    second = export.to_static_formats(fig, ["svg", "png"], 2.0)
    assert calls == [2.0] and not export._PAIR_READY
    assert first == second == {"png": export.to_static(fig, "png", 2.0), "svg": export.to_static(fig, "svg")}


def test_processes_started_later_by_earlier_processes_are_not_counted_as_new(tmp_path):
    """A browser of an earlier test or run may start a renderer at any time: the tests that look at a new browser's
    processes must not count it (a process already running, and whatever it starts later, is left out)."""
    import contextlib
    import os
    import subprocess
    import sys
    import time

    import pytest

    from aicompare.figures import export

    if not sys.platform.startswith("linux"):
        pytest.skip("reads the process tree from /proc")
    go_on, child_pid = tmp_path / "go", tmp_path / "child.pid"
    script = ("import pathlib, subprocess, sys, time\n"
              f"while not pathlib.Path({str(go_on)!r}).exists(): time.sleep(0.02)\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)'])\n"
              f"pathlib.Path({str(child_pid)!r} + '.part').write_text(str(child.pid))\n"
              f"pathlib.Path({str(child_pid)!r} + '.part').rename({str(child_pid)!r})\n"
              "child.wait()\n")
    parent = subprocess.Popen([sys.executable, "-c", script])
    child = None
    try:
        earlier = export._descendants()
        assert parent.pid in earlier
        go_on.touch()  # the earlier process starts a child now
        deadline = time.monotonic() + 30
        while not child_pid.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(child_pid.read_text())
        assert child in export._descendants() - earlier  # started after the snapshot, by an earlier process
        assert child not in export._descendants(apart_from=earlier)
    finally:
        if child is not None:  # only the processes of this test are ended (browsers of earlier tests run on)
            with contextlib.suppress(OSError):
                os.kill(child, 9)
        parent.kill()
        parent.wait()


def test_the_browser_starts_without_the_omnibox_renderer(tmp_path):
    """The export browser gets :data:`BROWSER_SWITCHES`: headless Chromium then starts no renderer for the omnibox
    pop-up's WebUI (about 2 s of CPU at every run's start), and the figure is still exported."""
    import sys
    from pathlib import Path

    import pytest

    from aicompare.figures import export

    if not sys.platform.startswith("linux"):
        pytest.skip("reads the browser's processes from /proc")
    earlier = export._descendants()  # browsers of earlier tests may still run
    export.reset_static_export()  # a browser of its own, started as a run starts it
    if not export.static_export_status().available:
        pytest.skip(export.static_export_status().reason)
    assert {p.suffix for p in save_figure(_figure(), "counts", tmp_path)} == {".html", ".png", ".svg"}
    cmdlines = []
    for pid in export._descendants(apart_from=earlier):
        try:
            cmdlines.append(Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" "))
        except OSError:
            continue
    renderers = [c for c in cmdlines if b"--type=renderer" in c]
    assert renderers  # the page that drew the figure
    assert not [c for c in renderers if b"--top-chrome-webui" in c]
    assert any(all(s.encode() in c for s in export.BROWSER_SWITCHES) for c in cmdlines)
