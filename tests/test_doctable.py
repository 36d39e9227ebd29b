"""Document tables read as a stream (aicompare.corpus.doctable): the rows and the ingested tables equal those of the
whole-table read the ingest used before, whatever the batch size; a bad row costs that row, a bad table one message;
reading holds a row at a time."""
from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

from aicompare.corpus import doctable, ingest as ingest_mod
from aicompare.corpus.doctable import table_rows
from aicompare.corpus.ingest import ingest, ingest_to, read_metadata, table_row
from aicompare.corpus.readers import ReadError, decode_bytes

from conftest import RAW

OVERSEAS = RAW / "overseas"
TEXT_SUFFIXES = (".txt", ".md")


def whole_table_records(path: Path) -> list[dict]:
    """The rows as the ingest read a document table before it was streamed: the whole file decoded, then parsed by
    pandas (``read_json(lines=True, dtype=False)`` / ``read_csv(dtype=str, keep_default_na=False)``)."""
    text, _enc = decode_bytes(path.read_bytes(), path.name)
    if path.suffix == ".jsonl":
        df = pd.read_json(io.StringIO(text), lines=True, dtype=False)
    else:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return df.to_dict("records")


def shipped_documents(max_bytes: int | None = None) -> list[dict]:
    """The shipped text documents of data/raw as table rows, with their metadata from SOURCES.csv."""
    rows = []
    for folder in (RAW, OVERSEAS):
        meta = read_metadata(folder / "SOURCES.csv")
        for f in sorted(folder.iterdir()):
            if f.suffix not in TEXT_SUFFIXES or f.name not in meta.index:
                continue
            if max_bytes is not None and f.stat().st_size > max_bytes:
                continue
            md = meta.loc[f.name]
            rows.append({"doc_id": f.stem, "text": f.read_text(encoding="utf-8"), "lang": md["lang"],
                         "title": md["title"], "publisher": md["publisher"], "country": md["country"],
                         "publisher_type": md["publisher_type"],
                         "year": None if pd.isna(md["year"]) else int(md["year"])})
    assert len(rows) >= 5
    return rows


def with_bad_rows(rows: list[dict]) -> list[dict]:
    """``rows`` with bad rows among them (at positions 2, 5, 6, so inside batches of 3 and across their bounds): a
    row without text, one without doc_id, one whose lang is not a language code, one with a missing lang."""
    good = [dict(r) for r in rows]
    good.insert(2, {"doc_id": "no-text", "text": None, "lang": "en"})
    good.insert(5, {"doc_id": None, "text": "AI developers must respect privacy.", "lang": "en"})
    good.insert(6, {"doc_id": "bad-lang", "text": "AI developers must be accountable for their systems.",
                    "lang": "English!"})
    good.append({"doc_id": "no-lang", "text": "Transparency is required of every AI provider.", "lang": None})
    return good


def write_table(rows: list[dict], path: Path, encoding: str = "utf-8") -> Path:
    if path.suffix == ".jsonl":
        path.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode(encoding))
    else:
        pd.DataFrame(rows).to_csv(path, index=False, encoding=encoding)
    return path


def checked(records, name: str) -> list:
    """What the ingest takes from each row: ``table_row``'s result, or its message for a bad row."""
    out = []
    for n, rec in enumerate(records, start=1):
        try:
            out.append(table_row(rec, name, n))
        except ReadError as exc:
            out.append(str(exc))
    return out


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize("batch_rows", [1, 3, None])
def test_rows_equal_the_whole_table_read(tmp_path, suffix, batch_rows):
    table = write_table(with_bad_rows(shipped_documents()), tmp_path / f"docs{suffix}")
    expected = checked(whole_table_records(table), table.name)
    got = checked(table_rows(table, batch_rows), table.name)
    assert got == expected
    assert sum(isinstance(r, str) for r in got) == 2  # the rows without text or doc_id, named by their row
    assert "row 3 has no text" in got[2] and "row 6 has no doc_id" in got[5]
    assert got[6][2]["_issues"][0][1] == "bad_lang" and got[-1][2]["_issues"][0][1] == "missing_lang"


@pytest.mark.parametrize("encoding", ["utf-16", "cp932"])
def test_tables_in_other_encodings_equal_the_whole_table_read(tmp_path, encoding):
    rows = [{k: v.encode(encoding, "ignore").decode(encoding) if isinstance(v, str) else v for k, v in r.items()}
            for r in shipped_documents() if r["lang"] == "ja"]  # the Japanese texts, in the encoding's characters
    for suffix in (".jsonl", ".csv"):
        table = write_table(rows, tmp_path / f"docs{suffix}", encoding=encoding)
        assert checked(table_rows(table, 2), table.name) == checked(whole_table_records(table), table.name)


def _written(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("documents.parquet", "passages.parquet", "issues.csv")}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_ingested_tables_equal_those_of_the_whole_table_read(tmp_path, monkeypatch, suffix):
    """The ingest's outputs, byte for byte, with the table read whole (as before) and streamed with tiny batches
    (rows two at a time, passages written 500 at a time), bad rows in the middle of batches."""
    table = write_table(with_bad_rows(shipped_documents(max_bytes=60_000)), tmp_path / f"docs{suffix}")
    kwargs = dict(use_cache=False, workers=1, batch_passages=500)
    with monkeypatch.context() as m:
        m.setattr(ingest_mod, "table_rows", lambda path: iter(whole_table_records(path)))
        before = ingest_to([table], tmp_path / "whole", **kwargs)
    m = monkeypatch
    m.setattr(doctable, "TABLE_BATCH_ROWS", 2)
    after = ingest_to([table], tmp_path / "streamed", **kwargs)
    assert _written(tmp_path / "streamed") == _written(tmp_path / "whole")
    assert after.n_passages == before.n_passages > 1000  # several batches of passages
    errors = after.issues[after.issues["severity"] == "error"]
    assert sorted(errors["path"].map(lambda p: p.rsplit("#", 1)[1])) == ["3", "6"]
    assert {"bad-lang", "no-lang"} <= set(after.documents["doc_id"])
    assert after.documents["doc_id"].iloc[-1] == "no-lang"  # rows after the bad ones are ingested, in order


def test_in_memory_ingest_of_a_table_equals_the_streamed_one(tmp_path):
    table = write_table(with_bad_rows(shipped_documents(max_bytes=30_000)), tmp_path / "docs.jsonl")
    res = ingest([table], use_cache=False, workers=1)
    written = ingest_to([table], tmp_path / "out", use_cache=False, workers=1, batch_passages=300)
    pd.testing.assert_frame_equal(res.documents, written.documents)
    pd.testing.assert_frame_equal(res.passages, pd.read_parquet(tmp_path / "out" / "passages.parquet"))


def _peak_reading(table: Path, batch_rows: int) -> tuple[int, int]:
    """(rows, peak traced memory) of reading ``table``'s rows without keeping them."""
    tracemalloc.start()
    try:
        n = sum(1 for _ in table_rows(table, batch_rows))
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_reading_a_table_holds_a_batch_at_a_time(tmp_path, suffix):
    """Memory while the rows are read does not grow with the table: the same for 16 and 64 copies of the shipped
    texts, and a fraction of the table (the whole-table read held several times the table)."""
    docs = shipped_documents(max_bytes=60_000)
    _peak_reading(write_table(docs[:2], tmp_path / f"warm{suffix}"), 4)  # pandas' parser modules imported
    peaks = {}
    for copies in (16, 64):
        table = write_table([{**d, "doc_id": f"{d['doc_id']}~{k}"} for k in range(copies) for d in docs],
                            tmp_path / f"x{copies}{suffix}")
        n, peaks[copies] = _peak_reading(table, 4)
        assert n == copies * len(docs)
    size = table.stat().st_size
    assert peaks[64] < 1.25 * peaks[16] and peaks[64] < size / 3, (peaks, size)


# ---------------------------------------------------------------- bad tables and cells

def test_a_broken_line_costs_the_table_before_any_row(tmp_path):
    rows = shipped_documents(max_bytes=30_000)
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    lines.insert(len(lines) - 1, lines[-1][: len(lines[-1]) // 2])  # a line cut short near the end
    table = tmp_path / "docs.jsonl"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = ingest([table, RAW / "ai_network_society_hearing_summaries_2020_2021_ja.txt"], use_cache=False)
    assert res.documents["doc_id"].tolist() == ["ai_network_society_hearing_summaries_2020_2021_ja"]
    bad = res.issues[res.issues["severity"] == "error"]
    assert bad["code"].tolist() == ["malformed_table"]
    assert f"line {len(lines) - 1}" in bad["message"].iloc[0] and "docs.jsonl" in bad["message"].iloc[0]


@pytest.mark.parametrize("line", ["null", "[1, 2]", "\"text\"", "7"])
def test_a_line_that_is_not_an_object_is_named(tmp_path, line):
    table = tmp_path / "docs.jsonl"
    table.write_text(json.dumps({"doc_id": "a", "text": "AI must respect privacy."}) + "\n" + line + "\n",
                     encoding="utf-8")
    with pytest.raises(ReadError, match=r"docs\.jsonl: .*line 2 is .*not a JSON object"):
        table_rows(table)


def test_invalid_utf16_is_one_message_not_a_crash(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe" + "doc_id,text\na,".encode("utf-16-le") + b"\x00\xd8" + "x\n".encode("utf-16-le"))
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"doc_id": "g", "text": "AI developers must respect privacy."}), encoding="utf-8")
    res = ingest([bad, good], use_cache=False)
    assert res.documents["doc_id"].tolist() == ["g"]
    assert res.issues.loc[res.issues["severity"] == "error", "code"].tolist() == ["undecodable"]


def test_json_values_are_kept_as_written(tmp_path):
    """A number keeps its JSON value (pandas made 7 of a column with a missing value 7.0), and a lone surrogate is
    dropped from the text instead of failing the table (UTF-8 cannot hold it)."""
    table = tmp_path / "docs.jsonl"
    table.write_text(json.dumps({"doc_id": 7, "text": "AI developers must respect privacy.\udc00"}) + "\n"
                     + json.dumps({"text": "A row without a doc_id."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    res = ingest_to([table], out, use_cache=False)
    assert res.documents["doc_id"].tolist() == ["7"]
    assert pd.read_parquet(out / "passages.parquet")["text"].tolist() == ["AI developers must respect privacy."]
    assert res.issues["code"].tolist() == ["malformed_row"]


def test_batch_rows_must_be_positive(tmp_path):
    table = write_table([{"doc_id": "a", "text": "AI must respect privacy."}], tmp_path / "docs.csv")
    with pytest.raises(ValueError):
        table_rows(table, 0)
