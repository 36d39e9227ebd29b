"""The extract command streams (aicompare.streaming.code_to, bounded memory) and writes the tables of the in-memory
coding (aicompare.extract.code_documents) byte for byte: document rule, reviews, document order, whatever the
batch size and the order of the passages."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.extract import (code_documents, code_evidence, decision_matrix, extract_values, not_coded_documents,
                               passage_counts, read_inputs)
from aicompare.io import write_table
from aicompare.review import REVIEW_COLUMNS
from conftest import RAW


@pytest.fixture(scope="module")
def raw_inputs():
    """The shipped corpus as the extract command reads it."""
    passages, documents, issues = read_inputs([RAW])
    assert len(documents) > 10 and set(documents["lang"]) == {"ja", "en"}
    return passages, documents, extract_values(passages)


def _machine(passages: pd.DataFrame, documents: pd.DataFrame, machine: pd.DataFrame):
    """(evidence, decisions, matrix) of the machine coding, from the machine evidence already extracted."""
    ev, dec = code_evidence(machine, documents["doc_id"].tolist(), passage_counts(passages),
                            not_coded_documents(documents))
    return ev, dec, decision_matrix(dec)


def _reviews(passages: pd.DataFrame, documents: pd.DataFrame, machine: pd.DataFrame) -> pd.DataFrame:
    """A reviews table of every kind of decision, on cells chosen from the machine coding of the corpus (spread
    over its documents): an addressed cell rejected outright, one passage of a strong cell rejected (the cell is
    decided again), a weak cell accepted with its passage, a value without evidence added by a quote and another
    by a passage id, two reviews of one cell (the later wins), and a review of an unknown document (ignored)."""
    ev, dec, _ = _machine(passages, documents, machine)
    on = dec[dec["addressed"]]
    strong = dec[dec["strength"] == "strong"]
    weak = dec[dec["strength"] == "weak"].iloc[0]
    first, twice, last = on.iloc[0], on.iloc[len(on) // 2], strong.iloc[-1]
    pid = ev[(ev["doc_id"] == last["doc_id"]) & (ev["value_code"] == last["value_code"])]["passage_id"].iloc[0]
    wpid = machine[(machine["doc_id"] == weak["doc_id"]) & (machine["value_code"] == weak["value_code"])]
    n_none = dec[dec["strength"] == "none"].groupby("doc_id").size()
    doc = n_none[n_none >= 2].index[-1]
    none = dec[(dec["doc_id"] == doc) & (dec["strength"] == "none")]["value_code"].tolist()
    own = passages[passages["doc_id"] == doc]
    text = own["text"].iloc[len(own) // 2]
    rows = [
        {"doc_id": first["doc_id"], "value_code": first["value_code"], "decision": "reject", "note": "no commitment"},
        {"doc_id": last["doc_id"], "value_code": last["value_code"], "passage_id": pid, "decision": "reject"},
        {"doc_id": weak["doc_id"], "value_code": weak["value_code"], "passage_id": wpid["passage_id"].iloc[0],
         "decision": "accept", "reviewer": "ana"},
        {"doc_id": doc, "value_code": none[0], "quote": text[: min(40, len(text))], "decision": "add"},
        {"doc_id": doc, "value_code": none[1], "passage_id": own["passage_id"].iloc[len(own) // 3], "decision": "add"},
        {"doc_id": twice["doc_id"], "value_code": twice["value_code"], "decision": "reject"},
        {"doc_id": twice["doc_id"], "value_code": twice["value_code"], "decision": "accept", "reviewer": "ben"},
        {"doc_id": "no_such_document", "value_code": "V01", "decision": "add", "quote": "x"},
    ]
    assert len({(r["doc_id"], r["value_code"]) for r in rows}) == 7
    return pd.DataFrame(rows).reindex(columns=REVIEW_COLUMNS).fillna("")


def _written(tables, folder: Path) -> dict[str, bytes]:
    ev, dec, m = tables
    folder.mkdir()
    return {name: write_table(t, folder / f"{name}.csv").read_bytes()
            for name, t in (("matrix", m), ("decisions", dec), ("evidence", ev))}


def _files(out: Path, evidence: Path) -> dict[str, bytes]:
    return {"matrix": out.read_bytes(), "decisions": out.with_name(out.stem + "_decisions.csv").read_bytes(),
            "evidence": evidence.read_bytes()}


def test_the_streamed_command_writes_the_in_memory_coding_of_the_shipped_corpus(raw_inputs, tmp_path):
    passages, documents, machine = raw_inputs
    reviews = _reviews(passages, documents, machine)
    reviews.to_csv(tmp_path / "reviews.csv", index=False)
    expected = _written(code_documents(passages, documents, reviews=reviews), tmp_path / "ref")
    unreviewed = _written(_machine(passages, documents, machine), tmp_path / "machine")
    assert all(expected[k] != unreviewed[k] for k in expected)  # the reviews change every table
    dec = pd.read_csv(tmp_path / "ref" / "decisions.csv")
    assert (dec["status"] == "reviewed").sum() == 6
    assert {"rejected", "reviewed"} <= set(dec["strength"])
    ev = pd.read_csv(tmp_path / "ref" / "evidence.csv")
    assert (ev["status"] == "reviewed").sum() >= 3  # accepted and added passages

    runner = CliRunner()
    # the corpus folder, ingested batch by batch
    r = runner.invoke(app, ["extract", str(RAW), "--out", str(tmp_path / "m.csv"), "--evidence",
                            str(tmp_path / "e.csv"), "--reviews", str(tmp_path / "reviews.csv")])
    assert r.exit_code == 0, r.output
    assert _files(tmp_path / "m.csv", tmp_path / "e.csv") == expected
    assert f"{len(ev)} evidence passages" in r.output and "reviews: 6 cells reviewed" in r.output
    # its ingested passages table, read in row batches (the same passages; languages from the passages)
    write_table(passages, tmp_path / "passages.parquet")
    p2, d2, _ = read_inputs([tmp_path / "passages.parquet"])
    pd.testing.assert_frame_equal(p2, passages, check_dtype=False)
    pd.testing.assert_frame_equal(d2[["doc_id", "lang"]], documents[["doc_id", "lang"]], check_dtype=False)
    r = runner.invoke(app, ["extract", str(tmp_path / "passages.parquet"), "--out", str(tmp_path / "mp.csv"),
                            "--evidence", str(tmp_path / "ep.csv"), "--reviews", str(tmp_path / "reviews.csv")])
    assert r.exit_code == 0, r.output
    assert _files(tmp_path / "mp.csv", tmp_path / "ep.csv") == expected


def test_the_batch_size_and_the_passage_order_do_not_change_the_output(raw_inputs, tmp_path, monkeypatch):
    import aicompare.extract as extract
    import aicompare.streaming as streaming
    from aicompare.streaming import code_to

    passages, documents, _ = raw_inputs
    ids = sorted(documents["doc_id"])
    keep = ids[:3] + ids[-4:]  # Japanese and English documents, a few thousand passages
    part = passages[passages["doc_id"].isin(keep)]
    # documents out of doc_id order, and two of them interleaved passage by passage
    order = {d: i for i, d in enumerate(reversed(keep))}
    part = part.assign(_k=part["doc_id"].map(order), _n=part.groupby("doc_id").cumcount())
    part.loc[part["doc_id"] == keep[1], "_k"] = order[keep[0]]
    part = part.sort_values(["_k", "_n"], kind="stable").drop(columns=["_k", "_n"]).reset_index(drop=True)
    assert part["doc_id"].ne(part["doc_id"].shift()).sum() > len(keep) + 100  # not contiguous
    write_table(part, tmp_path / "part.parquet")
    p, d, _ = read_inputs([tmp_path / "part.parquet"])
    machine = extract_values(p)
    reviews = _reviews(p, d, machine)
    expected = _written(code_documents(p, d, reviews=reviews), tmp_path / "ref")
    n_evidence = len(pd.read_csv(tmp_path / "ref" / "evidence.csv"))

    monkeypatch.setattr(streaming, "MERGE_FAN_IN", 2)  # runs merged in several passes
    groups = []
    real = extract.code_evidence
    monkeypatch.setattr(extract, "code_evidence", lambda ev, doc_ids, *a, **k: groups.append(list(doc_ids))
                        or real(ev, doc_ids, *a, **k))
    for rows in (97, 1_000, streaming.BATCH_ROWS):
        groups.clear()
        out, ev = tmp_path / f"m{rows}.csv", tmp_path / f"e{rows}.csv"
        res = code_to([tmp_path / "part.parquet"], out, out.with_name(out.stem + "_decisions.csv"), ev,
                      reviews=reviews, batch_rows=rows)
        assert _files(out, ev) == expected, rows
        assert res.n_evidence == n_evidence
        assert sorted(d for g in groups for d in g) == sorted(keep)  # every document coded once
        assert len(groups) > 3 if rows < 100 else len(groups) >= 1
        assert len(groups) == 1 or rows < len(machine)
