"""Search on the shipped corpus: expected matches are counted from the passages' text in each test, by plain
string methods (no regex), so a wrong pattern, a lost boundary or an unescaped query shows up."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.corpus.load import load_corpus
from aicompare.extract import extract_values
from aicompare.search import ELLIPSIS, SEARCH_COLUMNS, parse_query, search_passages

from conftest import BUSINESS_GUIDELINE, OVERSEAS, RAW

OECD = "oecd_ai_recommendation_2019_en"
ONTARIO = "ca_on_alpha_ai_principles_en"
BG = "ai_guidelines_for_business_v1_01_draft_ja"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([RAW])


def _bounded_count(text: str, needle: str) -> int:
    """Case-insensitive occurrences of ``needle`` not glued to an ASCII letter or digit (str.find, no regex)."""
    low, needle = text.lower(), needle.lower()
    n, i = 0, low.find(needle)
    while i >= 0:
        before = low[i - 1] if i > 0 else " "
        after = low[i + len(needle)] if i + len(needle) < len(low) else " "
        if not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum()):
            n += 1
        i = low.find(needle, i + 1)
    return n


def _check_kwic(hits: pd.DataFrame) -> None:
    for h in hits.itertuples(index=False):
        assert h.text[h.start:h.end] == h.match
        assert h.left.removeprefix(ELLIPSIS) + h.match + h.right.removesuffix(ELLIPSIS) in h.text


def test_english_phrase_counts_every_bounded_occurrence(corpus):
    ps = corpus.passages
    hits = search_passages(ps, "human oversight", documents=corpus.documents)
    expected = ps["text"].map(lambda t: _bounded_count(t, "human oversight"))
    assert len(hits) == expected.sum() > 0
    assert hits.groupby("passage_id").size().to_dict() == expected[expected > 0].set_axis(
        ps.loc[expected > 0, "passage_id"]).to_dict()
    assert set(hits["match"].str.lower()) == {"human oversight"}
    assert list(hits.columns) == SEARCH_COLUMNS
    assert (hits["query_kind"] == "phrase").all()
    _check_kwic(hits)
    titles = corpus.documents.set_index("doc_id")["title"]
    assert (hits["title"] == hits["doc_id"].map(titles)).all()
    # case-insensitive, and quotes around the phrase change nothing
    for variant in ("Human Oversight", '"human oversight"', "“human oversight”"):
        pd.testing.assert_frame_equal(search_passages(ps, variant, documents=corpus.documents).drop(columns="query"),
                                      hits.drop(columns="query"))


def test_english_term_respects_word_boundaries(corpus):
    ps = corpus.passages[corpus.passages["lang"] == "en"]
    hits = search_passages(ps, "fair")
    tokens = ps["text"].str.lower().map(lambda t: [w for w in "".join(c if c.isalnum() else " " for c in t).split()])
    assert len(hits) == sum(toks.count("fair") for toks in tokens) > 0
    substrings = ps["text"].str.lower().str.count("fair").sum()
    assert substrings > len(hits)  # "fairness" is in the corpus and is not a match for "fair"
    assert (hits["match"].str.lower() == "fair").all()
    assert (hits["query_kind"] == "term").all()


def test_japanese_term_matches_without_spaces_and_brackets_are_quotes(corpus):
    ps = corpus.passages
    hits = search_passages(ps, "「人間の判断」", documents=corpus.documents)
    expected = ps["text"].str.count("人間の判断").sum()
    assert len(hits) == expected > 0
    assert (hits["match"] == "人間の判断").all()
    assert hits["query"].eq("人間の判断").all()
    pd.testing.assert_frame_equal(search_passages(ps, "人間の判断", documents=corpus.documents), hits)
    _check_kwic(hits)
    # a term at a Latin end inside Japanese text: 生成AI is found, since the neighbour is not a Latin letter
    ai = search_passages(ps[ps["doc_id"] == BG], "AI")
    assert len(ai) == sum(_bounded_count(t, "AI") for t in ps.loc[ps["doc_id"] == BG, "text"])
    assert ai["left"].str.endswith("生成").any()


def test_query_is_normalised_like_the_passages(corpus):
    ps = corpus.passages
    full_width = search_passages(ps, "（案）")
    literal = sum(t.count("(案)") for t in ps["text"])
    assert len(full_width) == literal > 0
    assert (full_width["match"] == "(案)").all()


def test_regex_metacharacters_are_literal(corpus):
    ps = corpus.passages[corpus.passages["lang"] == "en"]
    hits = search_passages(ps, "e.g.")
    literal = sum(_bounded_count(t, "e.g.") for t in ps["text"])
    as_regex = sum(len(re.findall(r"e.g.", t, re.I)) for t in ps["text"])
    assert len(hits) == literal > 0
    assert as_regex > literal  # read as a regex, "e.g." would also find "edge", "eagle", …
    assert set(hits["match"].str.lower()) == {"e.g."}
    # parentheses: as a regex "(案)" would match every 案
    ja = corpus.passages[corpus.passages["lang"] == "ja"]
    assert len(search_passages(ja, "(案)")) == sum(t.count("(案)") for t in ja["text"]) < ja["text"].str.count("案").sum()
    assert search_passages(ps, ".*").empty == (sum(t.count(".*") for t in ps["text"]) == 0)


def test_value_code_returns_the_extractors_evidence(corpus):
    docs = [BG, ONTARIO]
    ps = corpus.passages[corpus.passages["doc_id"].isin(docs)]
    ev = extract_values(ps)
    expected = ev[ev["value_code"] == "V08"]
    hits = search_passages(corpus.passages, "V08", documents=corpus.documents, doc_ids=docs)
    assert len(hits) == len(expected) > 0
    assert set(hits["doc_id"]) == set(expected["doc_id"])
    assert sorted(hits["passage_id"]) == sorted(expected["passage_id"])
    assert (hits["query_kind"] == "value").all() and (hits["value_code"] == "V08").all()
    first = expected.set_index("passage_id")["spans"].str.split(";").str[0]
    for h in hits.itertuples(index=False):
        s, e = map(int, first[h.passage_id].split("-"))
        assert (h.start, h.end) == (s, e) and h.match == h.text[s:e]
        assert h.match in expected.set_index("passage_id").loc[h.passage_id, "matched"]
    _check_kwic(hits)
    # a given extraction is reused, with the same result; lower-case code and V8 are the same value
    pd.testing.assert_frame_equal(search_passages(corpus.passages, "v8", documents=corpus.documents,
                                                  evidence=ev, doc_ids=docs).drop(columns="query"),
                                  hits.drop(columns="query"))
    # page and section are the passage's own
    own = corpus.passages.set_index("passage_id")
    assert (hits["section_path"].to_numpy() == own.loc[hits["passage_id"], "section_path"].to_numpy()).all()


def test_value_code_errors_and_quoted_codes():
    with pytest.raises(ValueError, match="unknown value code V23"):
        parse_query("V23")
    with pytest.raises(ValueError, match="empty"):
        parse_query('"  "')
    assert parse_query('"V08"').kind == "term"  # quoted: the literal text


def test_order_is_doc_then_passage_whatever_the_input_order(corpus):
    ps = corpus.passages
    hits = search_passages(ps, "transparency")
    shuffled = search_passages(ps.sample(frac=1.0, random_state=7), "transparency")
    pd.testing.assert_frame_equal(hits, shuffled)
    assert hits["doc_id"].is_monotonic_increasing
    pos = {p: i for i, p in enumerate(ps["passage_id"])}  # the ingested order is the reading order
    for _, g in hits.groupby("doc_id"):
        ranks = g["passage_id"].map(pos)
        assert ranks.is_monotonic_increasing
    assert search_passages(ps, "transparency", limit=5).equals(hits.head(5))


def test_doc_filter_and_unknown_doc(corpus):
    hits = search_passages(corpus.passages, "privacy", documents=corpus.documents, doc_ids=[OECD])
    own = corpus.passages[corpus.passages["doc_id"] == OECD]
    assert set(hits["doc_id"]) == {OECD}
    assert len(hits) == sum(_bounded_count(t, "privacy") for t in own["text"]) > 0
    with pytest.raises(ValueError, match="unknown document id 'oecd_ai_recomendation_2019_en'.*did you mean"):
        search_passages(corpus.passages, "privacy", documents=corpus.documents, doc_ids=["oecd_ai_recomendation_2019_en"])


def test_lang_filter(corpus):
    en = search_passages(corpus.passages, "AI", lang="en")
    ja = search_passages(corpus.passages, "AI", lang="ja")
    langs = corpus.passages.set_index("passage_id")["lang"]
    assert set(en["passage_id"].map(langs)) == {"en"} and set(ja["passage_id"].map(langs)) == {"ja"}
    assert len(en) + len(ja) == len(search_passages(corpus.passages, "AI"))


# ---------------------------------------------------------------- command line


def test_cli_search_writes_the_table(tmp_path):
    files = [str(BUSINESS_GUIDELINE), str(OVERSEAS / "oecd_ai_recommendation_2019_en.pdf")]
    out = tmp_path / "hits.csv"
    r = CliRunner().invoke(app, ["search", "human-centred", *files, "--out", str(out)])
    assert r.exit_code == 0, r.output
    got = pd.read_csv(out)
    c = load_corpus(files)
    expected = search_passages(c.passages, "human-centred", documents=c.documents)
    assert len(got) == len(expected) > 0
    assert got["passage_id"].tolist() == expected["passage_id"].tolist()
    assert f"{len(expected)} match" in r.output
    xlsx = tmp_path / "hits.xlsx"
    assert CliRunner().invoke(app, ["search", "人間の判断", files[0], "--out", str(xlsx), "--limit", "3"]).exit_code == 0
    assert len(pd.read_excel(xlsx)) == 3


def test_cli_search_errors(tmp_path):
    r = CliRunner().invoke(app, ["search", "privacy", str(BUSINESS_GUIDELINE), "--doc", "no_such_doc"])
    assert r.exit_code == 1 and "unknown document id 'no_such_doc'" in r.output
    r = CliRunner().invoke(app, ["search", "V99", str(BUSINESS_GUIDELINE)])
    assert r.exit_code == 1 and "unknown value code" in r.output
    r = CliRunner().invoke(app, ["search", "privacy", str(tmp_path / "missing")])
    assert r.exit_code == 1 and "no such file" in r.output
    r = CliRunner().invoke(app, ["search", "privacy", str(BUSINESS_GUIDELINE), "--out", str(tmp_path / "x.txt")])
    assert r.exit_code == 2
