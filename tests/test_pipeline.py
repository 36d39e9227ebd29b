"""`aicompare all` on the shipped corpus (cut to its smaller documents): every stage's outputs — overseas
comparison and clustering included —, caching, determinism, and runs without a working browser."""
import hashlib
import time
from pathlib import Path

import pandas as pd
import pytest

from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.pipeline import run_all

from conftest import REVIEW_REPORT


def _hashes(paths):
    return {p.name if p.parent.name in ("fig", "out") else f"{p.parent.name}/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest()
            for p in paths}


def test_all_writes_every_table_and_figure_and_caches(small_raw, tmp_path):
    out, fig = tmp_path / "out", tmp_path / "fig"
    RAW = small_raw
    first = run_all(RAW, out=out, figures=fig)
    stages = {s.name: s for s in first.stages}
    assert not first.cached
    for name in ("ingest", "extract", "survey", "coverage", "compare", "cluster", "excel"):
        assert stages[name].skipped is None and stages[name].error is None and stages[name].outputs, name
    compared = pd.read_csv(out / "compare" / "documents.csv")
    shipped = pd.read_csv(RAW / "overseas" / "SOURCES.csv")
    assert set(compared["doc_id"]) == {Path(f).stem for f, c in zip(shipped["file"], shipped["country"]) if c != "JP"}
    for rel in ("documents.parquet", "passages.parquet", "extract/matrix.csv", "extract/evidence.csv",
                "survey/counts_domestic.csv", "survey/recoding_comparison.csv", "coverage/coverage_values.csv",
                "coverage/coverage_documents.csv", "cluster/clusters_documents.csv", "aicompare_tables.xlsx",
                "compare/guideline_matrix.csv", "compare/guideline_matrix.xlsx"):
        assert (out / rel).is_file(), rel
    for stem in ("survey_domestic_counts", "survey_domestic_table", "coverage_values", "values_business_guideline",
                 "compare_guideline_matrix", "compare_guideline_matrix_en"):  # the review's matrix in both languages
        for ext in ("html", "png", "svg"):
            assert (fig / f"{stem}.{ext}").is_file(), f"{stem}.{ext}"
    before = _hashes(first.outputs())
    second = run_all(RAW, out=out, figures=fig)
    assert second.cached and _hashes(second.outputs()) == before
    third = run_all(RAW, out=out, figures=fig, use_cache=False)  # recomputed: byte-identical
    assert not third.cached and _hashes(third.outputs()) == before
    (out / "extract" / "matrix.csv").write_text("tampered", encoding="utf-8")
    assert not run_all(RAW, out=out, figures=fig).cached  # a changed output is regenerated
    assert _hashes(first.outputs()) == before


def test_all_cli_one_summary(small_raw, tmp_path):
    r = CliRunner().invoke(app, ["all", "--raw", str(small_raw), "--out", str(tmp_path / "o"),
                                 "--figures", str(tmp_path / "f")])
    assert r.exit_code == 0, r.output
    assert r.output.count("files (") == 1  # the closing line, once
    for name in ("compare:", "cluster:", "excel:"):
        assert r.output.count(name) == 1, name


@pytest.fixture
def fresh_export():
    """A fresh static-export decision and server before and after the test (a real browser started by an
    earlier test must not answer for the missing or stalled one)."""
    import aicompare.figures.export as plots

    plots.reset_static_export()
    yield
    plots.reset_static_export()


def _no_browser(monkeypatch, kind: str, tmp_path):
    """Make static export impossible: no browser at all, or one that starts and never answers."""
    if kind == "missing":
        monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    else:
        fake = tmp_path / "stalled-chromium"
        fake.write_text("#!/bin/sh\nexec sleep 300\n")
        fake.chmod(0o755)
        monkeypatch.setenv("BROWSER_PATH", str(fake))
        monkeypatch.setenv("AICOMPARE_STATIC_TIMEOUT", "3")


@pytest.mark.parametrize("kind", ["missing", "stalled"])
def test_all_without_a_working_browser_writes_tables_and_html_and_says_so_once(kind, small_raw, tmp_path, monkeypatch,
                                                                              fresh_export):
    _no_browser(monkeypatch, kind, tmp_path)
    t = time.perf_counter()
    r = CliRunner().invoke(app, ["all", "--raw", str(small_raw), "--out", str(tmp_path / "o"),
                                 "--figures", str(tmp_path / "f"), "--no-cache"])
    assert r.exit_code == 0, r.output
    assert time.perf_counter() - t < 600  # bounded: the stalled browser cost one time limit, not a hang
    figs = {p.suffix for p in (tmp_path / "f").iterdir()}
    assert ".html" in figs and not figs & {".png", ".svg"}
    assert (tmp_path / "o" / "cluster" / "clusters_documents.csv").is_file()
    assert r.output.count("PNG/SVG") == 1 and "apt-get install chromium" in r.output


@pytest.mark.parametrize("kind", ["missing", "stalled"])
def test_drawing_commands_without_a_working_browser(kind, tmp_path, monkeypatch, fresh_export):
    _no_browser(monkeypatch, kind, tmp_path)
    r = CliRunner().invoke(app, ["survey", str(REVIEW_REPORT), "--out", str(tmp_path / "s"), "--figures", str(tmp_path / "f")])
    assert r.exit_code == 0, r.output
    assert sorted({p.suffix for p in (tmp_path / "f").glob("survey_*")}) == [".html"]
    assert r.output.count("PNG/SVG figures skipped") == 1


def test_a_failing_stage_does_not_stop_the_others(small_raw, tmp_path, monkeypatch):
    import aicompare.stages.compare as compare_stage

    def broken(*args, **kwargs):
        raise RuntimeError("compare broke (test)")

    monkeypatch.setattr(compare_stage, "write_compare_outputs", broken)
    res = run_all(small_raw, out=tmp_path / "o", figures=tmp_path / "f", use_cache=False)
    stages = {s.name: s for s in res.stages}
    assert res.failed and "compare broke" in stages["compare"].error
    assert stages["cluster"].error is None and stages["excel"].error is None
    assert (tmp_path / "o" / "passages.parquet").is_file() and (tmp_path / "o" / "aicompare_tables.xlsx").is_file()


def test_reviewed_decisions_change_the_outputs_of_all(small_raw, tmp_path):
    """An analyst's reviews file: a rejected cell becomes 0 in the matrix and the comparison, marked reviewed."""
    first = tmp_path / "machine"
    run_all(small_raw, out=first, figures=tmp_path / "f1", use_cache=False)
    matrix = pd.read_csv(first / "extract" / "matrix.csv").set_index("doc_id")
    doc = pd.read_csv(first / "compare" / "documents.csv")["doc_id"].iloc[0]  # an overseas document
    code = next(c for c in matrix.columns if matrix.at[doc, c] == 1)
    reviews = tmp_path / "reviews.csv"
    pd.DataFrame([{"doc_id": doc, "value_code": code, "passage_id": "", "quote": "", "decision": "reject",
                   "reviewer": "analyst", "note": "not a statement of the value"}]).to_csv(reviews, index=False)
    second = tmp_path / "reviewed"
    res = run_all(small_raw, out=second, figures=tmp_path / "f2", reviews=reviews, use_cache=False)
    assert not res.failed
    after = pd.read_csv(second / "extract" / "matrix.csv").set_index("doc_id")
    assert after.at[doc, code] == 0 and after.drop(index=doc).equals(matrix.drop(index=doc))
    decisions = pd.read_csv(second / "extract" / "decisions.csv")
    cell = decisions[(decisions["doc_id"] == doc) & (decisions["value_code"] == code)].iloc[0]
    assert cell["status"] == "reviewed" and cell["reviewer"] == "analyst"
    evidence = pd.read_csv(second / "extract" / "evidence.csv")
    assert evidence[(evidence["doc_id"] == doc) & (evidence["value_code"] == code)].empty
    compared = pd.read_csv(second / "compare" / "value_matrix.csv").set_index("doc_id")
    assert compared.at[doc, code] == 0  # the comparison follows the review


def test_all_computes_each_result_once(small_raw, tmp_path, monkeypatch):
    """One run of `all`: the corpus is ingested once, every document's passages are coded once, and the review
    report and the business guideline are each parsed once — later stages reuse what earlier ones computed."""
    import aicompare.corpus.ingest as ingest_mod
    import aicompare.coverage as coverage_mod
    import aicompare.extract as extract_mod
    import aicompare.survey as survey_mod

    calls: dict[str, list] = {"ingest": [], "coded": [], "survey": [], "guideline": []}

    def counting(module, name, key, record=lambda *a, **k: None):
        real = getattr(module, name)

        def wrapper(*args, **kwargs):
            calls[key].append(record(*args, **kwargs))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    counting(ingest_mod, "ingest", "ingest")
    counting(extract_mod, "extract_values", "coded", lambda passages, *a, **k: set(passages["doc_id"]))
    counting(survey_mod, "parse_survey_text", "survey")
    counting(coverage_mod, "parse_guideline", "guideline")
    res = run_all(small_raw, out=tmp_path / "o", figures=tmp_path / "f", use_cache=False)
    assert not res.failed and all(s.error is None for s in res.stages)
    assert len(calls["ingest"]) == 1 and len(calls["survey"]) == 1 and len(calls["guideline"]) == 1, \
        {k: len(v) for k, v in calls.items()}
    coded = [d for batch in calls["coded"] for d in batch]
    n_docs = len(pd.read_parquet(tmp_path / "o" / "documents.parquet"))
    assert len(coded) == len(set(coded)) == n_docs  # every document coded, none twice


def test_overseas_corpora_keep_their_evidence(small_raw, waie_path, tmp_path):
    """`all --overseas WAIE`: the added documents' passages, evidence (with the passage text), decisions and matrix
    are written under overseas/ and in the workbook, so that every compared cell can be checked without rerunning."""
    import openpyxl

    out = tmp_path / "o"
    res = run_all(small_raw, overseas=[waie_path], out=out, figures=tmp_path / "f", use_cache=False)
    assert not any(s.error for s in res.stages), [s.error for s in res.stages if s.error]
    added = pd.read_csv(out / "overseas" / "documents.csv")
    compared = pd.read_csv(out / "compare" / "documents.csv")
    assert len(added) and set(added["doc_id"]) <= set(compared["doc_id"])
    evidence = pd.read_csv(out / "overseas" / "evidence.csv")
    passages = pd.read_parquet(out / "overseas" / "passages.parquet")
    assert set(evidence["doc_id"]) <= set(added["doc_id"]) and evidence["text"].str.len().gt(0).all()
    assert set(evidence["passage_id"]) <= set(passages["passage_id"])
    matrix = pd.read_csv(out / "overseas" / "matrix.csv")
    addressed = matrix.set_index("doc_id").stack()
    assert {(d, v) for (d, v), x in addressed.items() if x} == set(zip(evidence["doc_id"], evidence["value_code"]))
    sheets = openpyxl.load_workbook(out / "aicompare_tables.xlsx", read_only=True).sheetnames
    assert {"overseas_documents", "overseas_matrix", "overseas_evidence"} <= set(sheets)
