"""`aicompare all` on the default corpus: every stage's outputs, skips with reasons, caching, determinism."""
import hashlib

from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.pipeline import run_all

from conftest import RAW


def _hashes(paths):
    return {p.name if p.parent.name in ("fig", "out") else f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
            for p in paths}


def test_all_writes_every_table_and_figure_and_caches(tmp_path):
    out, fig = tmp_path / "out", tmp_path / "fig"
    first = run_all(RAW, overseas=[], out=out, figures=fig)
    stages = {s.name: s for s in first.stages}
    assert not first.cached
    for name in ("ingest", "extract", "survey", "coverage", "excel"):
        assert stages[name].skipped is None and stages[name].outputs, name
    assert "overseas corpus" in stages["compare"].skipped and "overseas corpus" in stages["cluster"].skipped
    for rel in ("documents.parquet", "passages.parquet", "extract/matrix.csv", "extract/evidence.csv",
                "survey/counts_domestic.csv", "survey/recoding_comparison.csv", "coverage/coverage_values.csv",
                "coverage/coverage_documents.csv", "aicompare_tables.xlsx"):
        assert (out / rel).is_file(), rel
    for stem in ("survey_domestic_counts", "survey_domestic_table", "coverage_values", "values_business_guideline"):
        for ext in ("html", "png", "svg"):
            assert (fig / f"{stem}.{ext}").is_file(), f"{stem}.{ext}"
    before = _hashes(first.outputs())
    second = run_all(RAW, overseas=[], out=out, figures=fig)
    assert second.cached and _hashes(second.outputs()) == before
    third = run_all(RAW, overseas=[], out=out, figures=fig, use_cache=False)  # recomputed: byte-identical
    assert not third.cached and _hashes(third.outputs()) == before
    (out / "extract" / "matrix.csv").write_text("tampered", encoding="utf-8")
    assert not run_all(RAW, overseas=[], out=out, figures=fig).cached  # a changed output is regenerated
    assert _hashes(first.outputs()) == before


def test_all_cli_summary(tmp_path):
    r = CliRunner().invoke(app, ["all", "--raw", str(RAW), "--out", str(tmp_path / "o"), "--figures", str(tmp_path / "f"),
                                 "--overseas", str(RAW / "SOURCES.csv")])
    assert r.exit_code == 0, r.output
    assert "skipped" in r.output and "cluster" in r.output


def test_a_failing_stage_does_not_stop_the_others(tmp_path, monkeypatch):
    import aicompare.plots as plots

    def no_browser(fig, fmt="png", scale=1.0):
        raise plots.FigureExportError("static PNG export failed: no Chromium (test)")

    monkeypatch.setattr(plots, "to_static", no_browser)
    res = run_all(RAW, overseas=[], out=tmp_path / "o", figures=tmp_path / "f", use_cache=False)
    stages = {s.name: s for s in res.stages}
    assert res.failed and "Chromium" in stages["survey"].error
    assert stages["ingest"].error is None and stages["excel"].error is None
    assert (tmp_path / "o" / "passages.parquet").is_file() and (tmp_path / "o" / "aicompare_tables.xlsx").is_file()
    r = CliRunner().invoke(app, ["all", "--raw", str(RAW), "--out", str(tmp_path / "o2"),
                                 "--figures", str(tmp_path / "f2"), "--overseas", str(RAW / "SOURCES.csv")])
    assert r.exit_code == 1 and "failed" in r.output
