"""The fast paths of PDF ingest (issue 14) keep every output as it was.

* ``aicompare ingest`` writes its tables with pyarrow alone (:mod:`aicompare.corpus.tables`): the files equal those
  written through pandas and validated, byte for byte, and the command does not import pandas.
* The normalisation and language-detection shortcuts (ASCII text, C-level counting) give what the regular
  expressions they replace give, on any text.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicompare.corpus import normalise, tables
from aicompare.corpus.ingest import (_documents_frame, _issues_frame, _passages_frame, ingest, ingest_to,
                                     write_ingested)
from aicompare.corpus.model import Corpus
from conftest import RAW, ROOT, make_pdf


def _pandas_files(paths, out: Path) -> dict[str, bytes]:
    """The three tables as main wrote them before: frames validated by aicompare.schema, written by pandas."""
    doc_rows, issues = [], []
    from aicompare.corpus.ingest import _ingest_batches

    frames = list(_ingest_batches(paths, doc_rows, issues, pdf_engine="pypdfium2", workers=1, use_cache=False,
                                  progress=False, file_timeout=None, batch_passages=None))
    write_ingested(Corpus(_documents_frame(doc_rows), _passages_frame(frames), _issues_frame(issues)), out)
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.mark.skipif(not tables.native_tables(), reason="pandas before 3 writes its own schema: ingest uses pandas")
def test_pyarrow_tables_equal_the_pandas_tables_byte_for_byte(tmp_path, seeds):
    # the Japanese seeds with their SOURCES.csv, a generated PDF with a two-column page, a document table with
    # metadata, a formula-like doc_id and over 1 MB of text (Parquet's dictionary pages fill up and fall back to
    # plain pages), and a broken file (an error in issues.csv)
    inbox = tmp_path / "in"
    inbox.mkdir()
    make_pdf(inbox / "cols.pdf", [["第1章 総則", "AIは人間中心であるべきである。"]] * 3, header="見出し",
             two_column=["左の段の文。"] * 6 + ["右の段の文。"] * 6)
    rows = [{"doc_id": f"long{k}", "text": " ".join(f"Clause {i} requires that system {i * 7} respects privacy."
                                                  for i in range(k * 5000, k * 5000 + 5000))} for k in range(4)]
    rows += [{"doc_id": "=cmd", "text": "We protect privacy.", "lang": "en", "year": "2021", "publisher_type": "Government"},
             {"doc_id": "t2", "text": "人間中心の原則を尊重する。", "title": "T2", "lang": None}]
    (inbox / "docs.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    (inbox / "bad.pdf").write_bytes(b"%PDF-1.7 truncated")
    paths = [seeds, inbox]
    expected = _pandas_files(paths, tmp_path / "pandas")
    res = ingest_to(paths, tmp_path / "arrow", use_cache=False, workers=1)
    got = {p.name: p.read_bytes() for p in (tmp_path / "arrow").iterdir()}
    assert set(got) == set(expected) == {"documents.parquet", "passages.parquet", "issues.csv"}
    for name in expected:
        assert got[name] == expected[name], name
    assert len(pd.read_parquet(tmp_path / "arrow" / "passages.parquet")["text"].str.cat()) > 1_000_000
    # the records the command prints and counts are those of the tables
    pd.testing.assert_frame_equal(res.issues, _issues_frame(res.issue_records()))
    assert res.summary() == {"documents": len(res.documents), "passages": res.n_passages,
                             "pages": int(res.documents["n_pages"].fillna(0).sum()),
                             "errors": int((res.issues["severity"] == "error").sum()),
                             "warnings": int((res.issues["severity"] == "warning").sum())}
    assert res.failed and "corrupt_pdf" in set(res.issues["code"])


def test_passage_rows_breaking_the_schema_are_refused():
    row = {"doc_id": "d", "passage_id": "d:00000", "page": 1, "section_path": "", "heading": "", "kind": "sentence",
           "text": "A sentence.", "text_raw": "A sentence.", "lang": "en", "char_start": 0, "char_end": 11}
    tables.passages_table([row])
    for change in ({"text": ""}, {"kind": "poem"}, {"page": 0}, {"char_end": None}, {"char_start": 12}):
        with pytest.raises(tables.SchemaViolation):
            tables.passages_table([{**row, **change}])
    with pytest.raises(tables.SchemaViolation):
        tables.passages_table([row, row])  # passage_id twice


def test_ingest_command_reads_pdfs_without_pandas(tmp_path):
    pdf = make_pdf(tmp_path / "doc.pdf", [["第1章 総則", "AIは人間中心であるべきである。"]] * 2)
    code = ("import runpy, sys\n"
            "sys.argv = ['aicompare', 'ingest', sys.argv[1], '--no-cache', '--out', sys.argv[2]]\n"
            "try:\n    runpy.run_module('aicompare', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in ('pandas', 'aicompare.schema_checks') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code, str(pdf), str(tmp_path / "out")], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    assert "LOADED []" in out.stdout, out.stdout + out.stderr
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert docs["n_pages"].tolist() == [2]


# ------------------------------------------------------------------ normalisation shortcuts

_WS = re.compile(r"\s+")
_SPACE_AFTER_JA = normalise._SPACE_AFTER_JA
_SPACE_BEFORE_JA = normalise._SPACE_BEFORE_JA


def _fold_spaces_regex(text: str) -> str:
    text = _WS.sub(" ", text).strip()
    return _SPACE_BEFORE_JA.sub("", _SPACE_AFTER_JA.sub("", text))


def _strip_markers_regex(text: str) -> str:
    return normalise._SUPERSCRIPT_RUN.sub("", normalise._CARET_MARKER.sub("", text))


def _detect_language_regex(text: str) -> str:
    """detect_language as written before, counting with regular expressions."""
    sample = text[:200_000]
    kana = len(normalise._KANA.findall(sample))
    han = len(normalise._HAN.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    hangul = len(normalise._HANGUL.findall(sample))
    cjk = kana + han
    if hangul > max(cjk, latin) * 0.5 and hangul > 20:
        return "ko"
    if cjk >= 10 and cjk >= latin * 0.2:
        return "ja" if kana >= 0.05 * cjk else "zh"
    if latin >= 10:
        words = len(re.findall(r"[A-Za-z]+", sample))
        if words < 8 and sample.isascii():
            return "en"
        return "en" if len(normalise._EN_STOP.findall(sample)) / max(1, words) > 0.08 else "und"
    if cjk:
        return "ja" if kana else "zh"
    return "und"


_PIECES = st.sampled_from(["the ", "and ", "of ", "AI ", "人間中心", "の", "。", " ", "\t", "\n", "\u3000", "\xa0",
                           "\x1c", "¹²", "^{3}", "^12", "①", "•", "-", "ＡＩ", "（１）", "x", "Z9", "é", "한국어",
                           "ſ", "\u2028", "\ud800"])
_TEXTS = st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=40).map("".join))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_normalisation_shortcuts_equal_the_regular_expressions(text):
    assert normalise.fold_spaces(text) == _fold_spaces_regex(text)
    assert normalise.strip_footnote_markers(text) == _strip_markers_regex(text)
    if text.isascii():
        assert normalise.nfkc_safe(text) == unicodedata.normalize("NFKC", text)
    assert normalise.detect_language(text) == _detect_language_regex(text)
    assert normalise.detect_language(text * 30) == _detect_language_regex(text * 30)


def test_language_of_the_shipped_documents_is_unchanged():
    for f in sorted(RAW.rglob("*")):
        if f.suffix in (".txt", ".md", ".html"):
            text = f.read_text(encoding="utf-8", errors="replace")
            assert normalise.detect_language(text) == _detect_language_regex(text), f.name
