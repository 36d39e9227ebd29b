"""Side by side on the shipped corpus (the OECD Recommendation and the AI Guidelines for Business draft): every
cell is checked against the extractor's evidence and the passages, computed here from the documents."""
from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.corpus.load import load_corpus
from aicompare.extract import extract_values, value_matrix
from aicompare.search import ELLIPSIS
from aicompare.sidebyside import (LONG_COLUMNS, WIDE_FIELDS, document_titles, side_by_side, side_by_side_html,
                                    side_by_side_long, wide_table, wording)
from aicompare.taxonomy import load_values

from conftest import RAW

OECD = "oecd_ai_recommendation_2019_en"
BG = "ai_guidelines_for_business_v1_01_draft_ja"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([RAW])


@pytest.fixture(scope="module")
def pair(corpus):
    ps = corpus.passages[corpus.passages["doc_id"].isin([OECD, BG])]
    ev = extract_values(ps)
    return ps, ev, side_by_side_long(corpus.documents, corpus.passages, ev, [OECD, BG])


def test_cells_follow_the_evidence(corpus, pair):
    ps, ev, long = pair
    codes = load_values()["code"].tolist()
    assert list(long.columns) == LONG_COLUMNS
    assert long["value_code"].tolist() == [c for c in codes for _ in (OECD, BG)]
    assert long["doc_id"].tolist() == [OECD, BG] * len(codes)
    m = value_matrix(ev, [OECD, BG]).set_index("doc_id")
    n_doc = ps.groupby("doc_id").size()
    counts = ev.groupby(["doc_id", "value_code"]).size()
    for r in long.itertuples(index=False):
        assert r.addressed == bool(m.loc[r.doc_id, r.value_code])
        assert r.n_passages == counts.get((r.doc_id, r.value_code), 0)
        assert r.n_doc_passages == n_doc[r.doc_id]
        assert r.share == pytest.approx(r.n_passages / n_doc[r.doc_id], abs=5e-5)
    # both documents address some values and miss others: the table shows a difference
    assert long["addressed"].any() and not long["addressed"].all()
    assert long.groupby("doc_id")["addressed"].sum().nunique() == 2


def test_best_quote_is_the_strongest_statement_trimmed_around_its_match(pair):
    ps, ev, long = pair
    own = ps.set_index("passage_id")
    for r in long[long["addressed"]].itertuples(index=False):
        cands = ev[(ev["doc_id"] == r.doc_id) & (ev["value_code"] == r.value_code)]
        kinds = cands["passage_id"].map(own["kind"])
        statements = cands[kinds.isin(["sentence", "bullet", "footnote"]).to_numpy()]
        pool = statements if len(statements) else cands
        assert r.passage_id in set(pool["passage_id"])
        assert r.score == pool["score"].max()
        text = own.loc[r.passage_id, "text"]
        span = cands.set_index("passage_id").loc[r.passage_id, "spans"].split(";")[0]
        s, e = map(int, span.split("-"))
        assert r.match == text[s:e] and r.quote == r.left + r.match + r.right
        assert r.quote.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS) in text
        assert len(r.left.removeprefix(ELLIPSIS)) <= 80 and len(r.right.removesuffix(ELLIPSIS)) <= 80
        assert r.section_path == own.loc[r.passage_id, "section_path"]
        page = own.loc[r.passage_id, "page"]
        assert (pd.isna(r.page) and pd.isna(page)) or r.page == page
    missing = long[~long["addressed"]]
    assert (missing["quote"] == "").all() and (missing["n_passages"] == 0).all()


def test_wide_table_has_titles_in_headers(corpus, pair):
    _, ev, long = pair
    titles = corpus.documents.set_index("doc_id")["title"]
    for lang in ("ja", "en"):
        wide = wide_table(long, lang)
        assert len(wide) == len(load_values())
        assert wide.shape[1] == 2 + 2 * len(WIDE_FIELDS)
        for d in (OECD, BG):
            assert sum(c.startswith(f"{titles[d]}: ") for c in wide.columns) == len(WIDE_FIELDS)
            assert not any(d in c for c in wide.columns)
        label = "label_ja" if lang == "ja" else "label_en"
        assert wide.iloc[:, 1].tolist() == load_values()[label].tolist()
        col = f"{titles[OECD]}: {wording('field_addressed', lang)}"
        expect = long[long["doc_id"] == OECD]["addressed"].map({True: wording("yes", lang), False: wording("no", lang)})
        assert wide[col].tolist() == expect.tolist()
    pd.testing.assert_frame_equal(side_by_side(corpus.documents, corpus.passages, ev, [OECD, BG], lang="en"),
                                  wide_table(long, "en"))


def test_html_is_self_contained_and_escaped(tmp_path):
    docs = pd.DataFrame({
        "doc_id": ["a", "b"],
        "title": ['<script>alert("x")</script> & Co', "Plain <b>guide</b>"],
        "text": ["We protect privacy <i>always</i> and ensure transparency of AI systems. Humans keep oversight.",
                 "Privacy & data protection are respected. Fairness and non-discrimination are required."],
    })
    path = tmp_path / "docs.csv"
    docs.to_csv(path, index=False)
    c = load_corpus([path])
    page = side_by_side_html(c.documents, c.passages, None, ["a", "b"], lang="en")
    assert "<script" not in page and "<b>guide" not in page and "<i>always" not in page
    assert html.escape(docs["title"][0]) in page and html.escape(docs["title"][1]) in page
    assert "&lt;i&gt;always" in page or "privacy" not in page.lower()
    assert re.search(r"<(?:link|img|iframe)\b", page) is None and "http" not in page
    long = side_by_side_long(c.documents, c.passages, None, ["a", "b"])
    assert page.count("<mark>") == int(long["addressed"].sum()) > 0
    assert page.split("<tbody>")[1].count("<tr>") == len(load_values())


def test_same_titles_are_told_apart():
    docs = pd.DataFrame({"doc_id": ["x", "y", "z"], "title": ["Guide", "Guide", None]})
    assert document_titles(docs, ["x", "y", "z"]) == {"x": "Guide (x)", "y": "Guide (y)", "z": "z"}


def test_unknown_or_single_documents_are_refused(corpus):
    with pytest.raises(ValueError, match="unknown document id 'oecd_recommendation'"):
        side_by_side_long(corpus.documents, corpus.passages, None, [OECD, "oecd_recommendation"])
    with pytest.raises(ValueError, match="at least two"):
        side_by_side_long(corpus.documents, corpus.passages, None, [OECD, OECD])
    with pytest.raises(ValueError, match="unknown language"):
        side_by_side(corpus.documents, corpus.passages, None, [OECD, BG], lang="fr")


def test_cli_writes_table_and_html(tmp_path, pair):
    _, _, long = pair
    csv, page, book = tmp_path / "sbs.csv", tmp_path / "sbs.html", tmp_path / "sbs.xlsx"
    r = CliRunner().invoke(app, ["side-by-side", OECD, BG, "--corpus", str(RAW), "--lang", "en",
                                 "--out", str(csv), "--out", str(page), "--out", str(book)])
    assert r.exit_code == 0, r.output
    got = pd.read_csv(csv, keep_default_na=False)
    assert got.columns.tolist() == wide_table(long, "en").columns.tolist()
    n_addr = long.groupby("doc_id")["addressed"].sum()
    assert f"{n_addr[OECD]} of {len(load_values())} values" in r.output
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert len(pd.read_excel(book)) == len(load_values())


def test_cli_unknown_doc_fails(tmp_path):
    r = CliRunner().invoke(app, ["side-by-side", OECD, "no_such_doc", "--corpus", str(RAW)])
    assert r.exit_code == 1 and "unknown document id 'no_such_doc'" in r.output
    r = CliRunner().invoke(app, ["side-by-side", OECD, BG, "--out", str(tmp_path / "x.pdf")])
    assert r.exit_code == 2
