"""Speed and scale: worker faults and time limits cost one file; streaming ingest and extraction give the
same tables as the in-memory functions; the vectorised two-column test agrees with a plain reference."""
from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

import aicompare.corpus.ingest as ing
from aicompare.corpus.ingest import ingest, write_ingested
from conftest import RAW, business_guideline_lines, make_pdf

_REAL_PARSE = ing.parse_path


def _parse_or_die(path: str, engine: str = "pypdfium2") -> dict:
    """parse_path, except that reading a file named victim* kills the process, as the out-of-memory killer does."""
    if Path(path).name.startswith("victim"):
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_PARSE(path, engine)


def _parse_or_hang(path: str, engine: str = "pypdfium2") -> dict:
    """parse_path, except that a file named slow* never finishes (as a pathological file would)."""
    if Path(path).name.startswith("slow"):
        while True:
            time.sleep(0.05)
    return _REAL_PARSE(path, engine)


@pytest.fixture(scope="module")
def three_pdfs(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("pdfs")
    lines = business_guideline_lines(n=60)
    make_pdf(d / "a_first.pdf", [lines[:30]])
    make_pdf(d / "b_second.pdf", [lines[30:60]])
    return d


def test_killed_worker_costs_only_its_file(three_pdfs, tmp_path, monkeypatch):
    for name in ("victim.pdf", "c_third.pdf"):
        (tmp_path / name).write_bytes((three_pdfs / "a_first.pdf").read_bytes())
    for f in three_pdfs.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    monkeypatch.setattr(ing, "parse_path", _parse_or_die)
    res = ingest([tmp_path], workers=2, use_cache=False)
    assert list(res.documents["doc_id"]) == ["a_first", "b_second", "c_third"]  # the rest is processed
    err = res.issues[res.issues["severity"] == "error"]
    assert list(err["code"]) == ["worker_killed"]
    assert err["path"].iloc[0].endswith("victim.pdf")
    assert "victim.pdf" in err["message"].iloc[0] and "SIGKILL" in err["message"].iloc[0]
    assert res.failed


@pytest.mark.parametrize("workers", [1, 2])
def test_slow_file_is_stopped_at_the_time_limit(three_pdfs, tmp_path, monkeypatch, workers):
    for f in three_pdfs.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "slow.txt").write_text("公平性を確保する。\n", encoding="utf-8")
    monkeypatch.setattr(ing, "parse_path", _parse_or_hang)
    t = time.perf_counter()
    res = ingest([tmp_path], workers=workers, use_cache=False, file_timeout=2)
    assert time.perf_counter() - t < 60
    assert list(res.documents["doc_id"]) == ["a_first", "b_second"]
    err = res.issues[res.issues["severity"] == "error"]
    assert list(err["code"]) == ["timeout"]
    assert "slow.txt" in err["message"].iloc[0] and "longer than 2 s" in err["message"].iloc[0]


def test_a_timed_out_file_is_not_cached(three_pdfs, tmp_path, monkeypatch):
    (tmp_path / "slow.txt").write_text("公平性を確保する。\n", encoding="utf-8")
    monkeypatch.setattr(ing, "parse_path", _parse_or_hang)
    assert ingest([tmp_path], workers=1, file_timeout=1).issues["code"].tolist() == ["timeout"]
    monkeypatch.setattr(ing, "parse_path", _REAL_PARSE)
    again = ingest([tmp_path], workers=1, file_timeout=1)  # a limit hit is not the file's fault: parsed again
    assert list(again.documents["doc_id"]) == ["slow"] and not again.failed


def test_ingest_to_writes_the_same_tables_batch_by_batch(tmp_path, seeds):
    from aicompare.corpus.ingest import ingest_to, portable_paths, read_ingested

    whole = ingest([seeds], use_cache=False)
    write_ingested(whole, tmp_path / "whole")
    one = ingest_to([seeds], tmp_path / "one", use_cache=False)  # the default corpus fits in one batch
    for name in ("documents.parquet", "passages.parquet", "issues.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    assert one.n_passages == len(whole.passages)
    small = ingest_to([seeds], tmp_path / "small", use_cache=False, batch_passages=100)
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "small" / "passages.parquet").num_row_groups > 3  # several batches
    docs, passages = read_ingested(tmp_path / "small")
    pd.testing.assert_frame_equal(passages, whole.passages)
    pd.testing.assert_frame_equal(docs, portable_paths(whole.documents))  # as write_ingested writes them
    assert small.summary() == whole.summary()


def test_ingest_to_keeps_earlier_tables_when_nothing_is_read(tmp_path):
    from aicompare.corpus.ingest import ingest_to

    out = tmp_path / "out"
    ingest_to([RAW / "ai_network_society_report_2022_summary_ja.txt"], out, use_cache=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7 garbage")
    res = ingest_to([tmp_path / "bad.pdf"], out, use_cache=False)
    assert res.documents.empty and res.failed and res.written == []
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _in_memory(passages: pd.DataFrame, tmp_path: Path, doc_ids=None) -> tuple[bytes, bytes]:
    from aicompare.extract import extract_values, value_matrix
    from aicompare.io import write_table

    ev = extract_values(passages)
    m = value_matrix(ev, doc_ids if doc_ids is not None else list(dict.fromkeys(passages["doc_id"])))
    return (write_table(m, tmp_path / "m_ref.csv").read_bytes(), write_table(ev, tmp_path / "e_ref.csv").read_bytes())


def test_extract_to_equals_the_in_memory_extraction(tmp_path, monkeypatch, seeds):
    import aicompare.streaming as streaming
    from aicompare.streaming import extract_to

    monkeypatch.setattr(streaming, "MERGE_FAN_IN", 2)  # runs are merged in two passes, as for huge corpora

    passages = ingest([seeds], use_cache=False).passages
    # a second copy whose doc_ids sort before the first's: batches must be merged, not just appended
    copy = passages.assign(doc_id="0copy_" + passages["doc_id"], passage_id="0copy_" + passages["passage_id"])
    both = pd.concat([passages, copy], ignore_index=True)
    both.to_parquet(tmp_path / "passages.parquet", index=False)
    ref_m, ref_e = _in_memory(both, tmp_path)
    res = extract_to([tmp_path / "passages.parquet"], tmp_path / "m.csv", tmp_path / "e.csv", batch_rows=500)
    assert res.n_evidence > 500  # several batches with evidence
    assert (tmp_path / "m.csv").read_bytes() == ref_m
    assert (tmp_path / "e.csv").read_bytes() == ref_e
    # files and folders are ingested batch by batch, with the machine coding of the in-memory ingest
    seed = ingest([seeds], use_cache=False)
    ref_m2, ref_e2 = _in_memory(seed.passages, tmp_path, seed.documents["doc_id"].tolist())
    streamed = extract_to([seeds], tmp_path / "m2.csv", tmp_path / "e2.csv", batch_rows=300)
    assert (tmp_path / "m2.csv").read_bytes() == ref_m2 and (tmp_path / "e2.csv").read_bytes() == ref_e2
    assert streamed.n_evidence > 300


def test_cli_extract_of_a_passages_table_equals_the_package(tmp_path, seeds):
    """`aicompare extract` on an ingested passages table: the package's coding (document rule applied), written."""
    from typer.testing import CliRunner

    from aicompare.cli import app
    from aicompare.extract import extract_from_paths
    from aicompare.io import write_table

    passages = ingest([seeds], use_cache=False).passages
    passages.to_parquet(tmp_path / "p.parquet", index=False)
    direct = extract_from_paths([tmp_path / "p.parquet"])
    r = CliRunner().invoke(app, ["extract", str(tmp_path / "p.parquet"), "--out", str(tmp_path / "m.csv"),
                                 "--evidence", str(tmp_path / "e.csv")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "m.csv").read_bytes() == write_table(direct.matrix, tmp_path / "m3.csv").read_bytes()
    assert (tmp_path / "e.csv").read_bytes() == write_table(direct.evidence, tmp_path / "e3.csv").read_bytes()


def _two_columns_reference(rects, width):
    """The gutter search written as a plain loop over candidate positions (the specification)."""
    if len(rects) < 8:
        return None
    best = None
    for pct in range(30, 71):
        x = width * pct / 100
        left = [r for r in rects if r[2] <= x]
        right = [r for r in rects if r[0] >= x]
        n = min(len(left), len(right))
        if n < max(4, 0.1 * len(rects)):
            continue
        lo = max(min(r[1] for r in left), min(r[1] for r in right))
        hi = min(max(r[3] for r in left), max(r[3] for r in right))
        span = min(max(r[3] for r in left) - min(r[1] for r in left), max(r[3] for r in right) - min(r[1] for r in right))
        if hi - lo < 0.4 * span:
            continue
        if any(r[0] < x < r[2] and r[3] > lo and r[1] < hi for r in rects):
            continue
        if best is None or n > best[0]:
            best = (n, x)
    return best[1] if best else None


def test_vectorised_two_column_test_matches_the_reference(tmp_path):
    import pypdfium2 as pdfium

    from aicompare.corpus.readers import _two_columns

    rng = random.Random(7)
    cases = []
    for _ in range(3000):
        w = 600.0
        rects = []
        if rng.random() < 0.6:  # two columns, with full-width lines above or below, sometimes one crossing
            top = rng.uniform(400, 780)
            n_l, n_r = rng.randint(0, 25), rng.randint(0, 25)
            rects += [(50, top - 14 * i, rng.uniform(150, 285), top - 14 * i + 10) for i in range(n_l)]
            rects += [(rng.uniform(310, 330), top - 14 * i, 560, top - 14 * i + 10) for i in range(n_r)]
            if rng.random() < 0.5:
                rects.append((50, top + 20, 560, top + 30))
            if rng.random() < 0.2:
                y = top - 14 * rng.randint(0, 10)
                rects.append((200, y, 400, y + 10))
        for _ in range(rng.randint(0, 12)):
            x, y = rng.uniform(0, w), rng.uniform(0, 800)
            rects.append((x, y, x + rng.choice([rng.uniform(5, 60), rng.uniform(100, 500)]), y + rng.uniform(5, 15)))
        cases.append((rects, w))
    two_col = business_guideline_lines(start="6) 透明性", n=8)
    for interleaved in (False, True):
        pdf = pdfium.PdfDocument(str(make_pdf(tmp_path / f"c{interleaved}.pdf", [business_guideline_lines(n=20)],
                                              two_column=two_col, interleaved=interleaved)))
        for i in range(len(pdf)):
            tp = pdf[i].get_textpage()
            cases.append(([tuple(tp.get_rect(k)) for k in range(tp.count_rects())], pdf[i].get_width()))
    found = 0
    for rects, w in cases:
        expected = _two_columns_reference(rects, w)
        got = _two_columns(rects, w)
        assert got == pytest.approx(expected) if expected is not None else got is None, rects
        found += expected is not None
    assert found > 300  # the cases exercise both answers


def test_ingest_to_writes_paths_beside_the_project_relative_to_it(tmp_path, seeds, monkeypatch):
    """Files beside the project (``../shared/…``) are named relative to it in the tables ``aicompare ingest``
    writes, as in those of ``aicompare all`` (two clones write the same files); they were absolute."""
    import shutil

    import aicompare.paths as paths
    from aicompare.corpus.ingest import ingest_to

    (tmp_path / "project").mkdir()
    monkeypatch.setattr(paths, "project_root", lambda: tmp_path / "project")
    docs = tmp_path / "docs"
    shutil.copytree(seeds, docs)
    ingest_to([docs], tmp_path / "streamed", use_cache=False)
    write_ingested(ingest([docs], use_cache=False), tmp_path / "whole")
    written = pd.read_parquet(tmp_path / "streamed" / "documents.parquet")
    assert len(written) == 5 and all(p.startswith("../docs/") for p in written["path"])
    for name in ("documents.parquet", "issues.csv"):
        assert (tmp_path / "streamed" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
