"""Value extraction: lexicon edge cases (Japanese and English), real seed passages, evidence, CLI formats."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.extract import (
    _boundaries,
    extract_from_paths,
    extract_values,
    is_bibliographic,
    match_text,
    score_passages,
    value_matrix,
)
from aicompare.schema import EVIDENCE_COLUMNS
from aicompare.taxonomy import load_lexicon, value_codes
from conftest import BUSINESS_GUIDELINE, RAW, REVIEW_REPORT

MATRIX_COLUMNS = ["doc_id"] + [f"V{i:02d}" for i in range(1, 23)]


def values_in(text: str) -> set[str]:
    return {code for code, *_ in match_text(text)}


def supported(text: str) -> set[str]:
    ev = extract_values(pd.DataFrame({"doc_id": ["d"], "passage_id": ["d:0"], "text": [text]}))
    return set(ev["value_code"])


# ---------------------------------------------------------------- exclusions and word boundaries


@pytest.mark.parametrize("text, value, present", [
    ("Member states fund social security and pensions.", "V12", False),
    ("The security of AI systems must be ensured against attacks.", "V12", True),
    ("安全保障上の懸念がある技術の輸出を管理する。", "V11", False),
    ("AIシステムの安全性を確保する。", "V11", True),
    ("Authorities protect fair competition in digital markets.", "V14", False),
    ("AI systems should ensure fairness and avoid bias.", "V14", True),
    ("AIをめぐる公正な競争環境の維持に努める。", "V14", False),
    ("不当な差別をなくし、公平性を確保する。", "V14", True),
    ("Users may suffer from automation bias.", "V14", False),
    ("人間の判断が自動化バイアスに左右されないようにする。", "V14", False),
    ("説明責任を果たす。", "V15", False),
    ("説明責任を果たす。", "V16", True),
    ("The model was evaluated on training data from 2020.", "V07", False),
    ("Employers should provide training for employees affected by AI.", "V07", True),
    ("Developers should take into account the context of use.", "V16", False),
    ("Developers are accountable for the outcomes of their systems.", "V16", True),
    ("Personal data must be protected.", "V13", True),
    ("個人情報保護委員会が公表した。", "V13", False),
    # "not a cost but an investment" framing is no statement about costs (lexicon.yaml, V22 rationale)
    ("AIガバナンスの構築を単なるコストと捉えるのではなく、先行投資として捉える。", "V22", False),
    ("セキュリティ対策はコストではなく将来への投資である。", "V22", False),
    ("Treat AI governance not as a mere cost but as an investment.", "V22", False),
    ("AIの導入に係るコストと便益を比較衡量する。", "V22", True),
    ("This is not a cost-effective measure.", "V22", True),
])
def test_exclusions_and_terms(text, value, present):
    assert (value in values_in(text)) is present


@pytest.mark.parametrize("text, value, present", [
    # vocabulary added with the WAIE halves and the business guideline (docs/extraction.md)
    ("Make sure the bot treats people fairly.", "V14", True),
    ("The model performs fairly well on the benchmark.", "V14", False),
    ("Individuals keep control over their personal data.", "V13", True),
    ("Operators keep control over the system.", "V13", False),
    ("Design should start from the needs of affected populations.", "V01", True),
    ("People should always be the central concern in computing.", "V01", True),
    ("Cost is the central concern of the budget office.", "V01", False),
    ("説明する主体がどのような説明が求められるかを把握する。", "V15", True),
    ("前掲の説明を参照。", "V15", False),
    ("標準仕様がある場合には、それに準拠する。", "V10", True),
    ("諸外国における生命倫理の議論を参照する。", "V02", True),
    ("人間が本来得られるべき選択肢が本意に制限されることに注意する。", "V02", True),
    ("より多くの人々がAIの恩恵を享受できるようにする。", "V03", True),
    ("AI should benefit everyone, including people in rural areas.", "V03", True),
    ("消費者に選択の機会を設け、意思決定に必要な情報を示す。", "V02", True),   # two weak: informed choice
    ("意思決定に必要な情報を収集する。", "V02", False),                       # one weak term alone
    ("出力の根拠を検証可能な形で残す。", "V15", True),
])
def test_added_vocabulary(text, value, present):
    assert (value in supported(text)) is present


def test_japanese_terms_respect_word_boundaries():
    # 「安全」 occurs as a string inside 「保安全般」 (保安 + 全般) and 「リスク」 inside 「アスタリスク」
    assert "安全" in "保安全般" and "V11" not in values_in("保安全般の手順を確認する。")
    assert "V11" not in values_in("該当箇所にアスタリスクを付す。")
    assert "V11" in values_in("保安全般の手順と安全性を確認する。")


@pytest.mark.parametrize("text, value", [
    ("The system discriminates against women.", "V14"),
    ("Models were audited by third parties.", "V20"),
    ("Systems are monitored continuously.", "V20"),
    ("Privacy policies must be published.", "V13"),
    ("It protects human­centered values.", "V01"),     # soft hyphen from web text
    ("AIは人間中心の考え方に基づく。", "V01"),
])
def test_english_inflections_and_variants(text, value):
    assert value in values_in(text)


def test_weak_terms_need_company():
    # one weak term (0.5) is not enough, two different weak terms (1.0) are
    assert "V15" not in supported("Users receive information.")
    assert "V15" not in supported("Users receive a notification.")
    assert "V15" in supported("Users receive a notification and a clear communication of the risks.")


@pytest.mark.parametrize("text, value", [
    # codebook wordings (round 3): harms, environmental effects, prohibited and acceptable uses, comparatives
    ("Experts should be consulted to guard against any adverse effects of AI.", "V11"),
    ("Developers should assess the environmental and climate impacts of training.", "V04"),
    ("Providers may exclude such prohibited use in their terms of use.", "V06"),
    ("Define acceptable use policies for generative AI interfaces.", "V06"),
    ("We strive for continual refinement towards fairer systems.", "V14"),
])
def test_codebook_wordings(text, value):
    assert value in supported(text)


def test_numbered_reference_entries_are_skipped():
    assert is_bibliographic('551. M.-T. Png, "At the Tensions of South and North" in Proceedings of the 2022 ACM '
                           "Conference on Fairness, Accountability, and Transparency (ACM, 2022) pp. 1434-1445. "
                           "https://doi.org/10.1145/3531146.3533200.")
    assert not is_bibliographic("2. Providers shall ensure fairness and transparency (see Article 13 of 2024).")


def test_bibliographic_passages_are_skipped():
    assert is_bibliographic("(https://www.soumu.go.jp/menu_news/s-news/01ryutsu02_02000415.html)")
    assert is_bibliographic("文化庁「AIと著作権に関する考え方について」(文化審議会著作権分科会法制度小委員会、2024年3月)")
    assert not is_bibliographic("4) プライバシー保護")
    assert not is_bibliographic("各主体は、プライバシーを尊重し、保護することが重要である。")
    # a value word inside the title of another document is not evidence for the value
    assert "V01" not in values_in("我が国は「人間中心のAI社会原則」を策定した。")


@pytest.mark.parametrize("text, value, present", [
    # drafts (案, （案）), proposals (…の提案), versions (Ver. 1.1) and further document types are titles
    ("「AIの透明性に関する原則案」を参照する。", "V15", False),
    ("「AIの透明性に関する原則（案）」を参照する。", "V15", False),
    ("「透明性確保のための規則の提案」を参照する。", "V15", False),
    ("「AIの透明性に関する提言」を参照する。", "V15", False),
    ("「AIガバナンス・ガイドライン Ver. 1.1」を公表した。", "V21", False),
    # a quoted phrase that merely ends in 案 (no document-type noun before it) is not a title
    ("「透明性向上案」を検討する。", "V15", True),
    # English names of documents, laws and bodies (capitalised, ending in a document or body noun)
    ("For more on this, please consult the Transparency Guidelines.", "V15", False),
    ("Systems should align with the Canadian Charter of Human Rights and Freedoms.", "V02", False),
    ("The Equality and Human Rights Commission published a guide.", "V02", False),
    ("Providers must comply with the General Data Protection Regulation.", "V13", False),
    ("Transparency about AI systems is required.", "V15", True),          # a capitalised value word alone
    ("This Regulation lays down rules on the governance of AI.", "V21", True),  # "This" starts no name
])
def test_titles_of_other_documents_are_masked(text, value, present):
    assert (value in values_in(text)) is present


def test_seed_draft_title_is_masked(seed_ingest):
    # the business guideline names its predecessor 「国際的な議論のためのAI開発ガイドライン案」:
    # 国際的な議論 (V05) inside that title is not a statement about international cooperation
    p = seed_ingest.passages
    text = p.loc[p.text.str.contains("国際的な議論のためのAI開発ガイドライン案」", regex=False)
                 & (p.doc_id == BUSINESS_GUIDELINE.stem), "text"]
    assert len(text) == 1
    assert "V05" not in values_in(text.iloc[0])


# ---------------------------------------------------------------- real seed passages


@pytest.fixture(scope="module")
def seed_evidence(seed_ingest):
    return extract_values(seed_ingest.passages)


def test_evidence_columns_and_spans(seed_ingest, seed_evidence):
    ev = seed_evidence
    assert ev.columns.tolist() == EVIDENCE_COLUMNS
    assert set(ev["value_code"]) <= set(value_codes())
    assert (ev["score"] >= 1.0).all()
    for rec in ev.head(300).to_dict("records"):
        surfaces = set(rec["matched"].split("; "))
        for span in rec["spans"].split(";"):
            s, e = (int(x) for x in span.split("-"))
            assert rec["text"][s:e] in surfaces
    pid = seed_ingest.passages.set_index("passage_id")
    assert (ev["section_path"].to_numpy() == pid.loc[ev["passage_id"], "section_path"].to_numpy()).all()


def test_business_guideline_cost_evidence_is_the_actors_resource_constraints(seed_evidence):
    # its only コスト asks leadership not to see AI governance as a mere cost (not V22); its V22 evidence is the
    # notes asking that each actor's resource constraints (資源制約, a burden on actors) be considered. No principle
    # or item addresses cost, so the crosswalk (values_to_business_guideline.csv) still maps V22 to none.
    bg = seed_evidence[seed_evidence.doc_id == BUSINESS_GUIDELINE.stem]
    cost = bg[bg.value_code == "V22"]
    assert not cost.empty and set(cost["matched"]) == {"資源制約"}
    assert not cost["text"].str.contains("単なるコスト").any()


def test_business_guideline_sections_support_their_values(seed_evidence):
    ev = seed_evidence[seed_evidence["doc_id"] == BUSINESS_GUIDELINE.stem]
    for section, code in [("4) プライバシー保護", "V13"), ("3) 公平性", "V14"), ("5) セキュリティ確保", "V12"),
                          ("8) 教育・リテラシー", "V07"), ("7) アカウンタビリティ", "V16")]:
        under = ev[ev["section_path"].str.contains(section, regex=False)]
        assert code in set(under["value_code"]), section
    robust = ev[(ev["value_code"] == "V17") & ev["text"].str.contains("堅牢性")]
    assert len(robust) >= 1


def test_review_report_lists_all_22_values(seed_ingest, seed_evidence):
    # the 2022 report prints the labels of all 22 values, so every value has evidence there
    m = value_matrix(seed_evidence, seed_ingest.documents["doc_id"])
    row = m.set_index("doc_id").loc[REVIEW_REPORT.stem]
    assert row.sum() == 22


def test_matrix_shape_and_every_one_has_evidence(seed_ingest, seed_evidence):
    m = value_matrix(seed_evidence, seed_ingest.documents["doc_id"])
    assert m.columns.tolist() == MATRIX_COLUMNS
    assert len(m) == 5 and set(m.drop(columns="doc_id").to_numpy().ravel()) <= {0, 1}
    pairs = set(zip(seed_evidence["doc_id"], seed_evidence["value_code"]))
    for rec in m.to_dict("records"):
        for code in value_codes():
            assert (rec[code] == 1) == ((rec["doc_id"], code) in pairs)


def test_documents_without_values_get_zero_rows():
    ev = extract_values(pd.DataFrame({"doc_id": ["a"], "passage_id": ["a:0"], "text": ["Privacy matters."]}))
    m = value_matrix(ev, ["a", "b"])
    assert m["doc_id"].tolist() == ["a", "b"]
    assert m.loc[1, value_codes()].sum() == 0 and m.loc[0, "V13"] == 1


def test_deterministic(seed_ingest):
    a = score_passages(seed_ingest.passages)
    b = score_passages(seed_ingest.passages)
    pd.testing.assert_frame_equal(a, b)


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="lacks columns: text"):
        extract_values(pd.DataFrame({"doc_id": ["a"], "passage_id": ["a:0"]}))
    with pytest.raises(TypeError, match="passages DataFrame"):
        extract_values(["not", "a", "frame"])


# ---------------------------------------------------------------- CLI formats


def test_cli_extract_default_corpus(tmp_path, seeds):
    runner = CliRunner()
    m_path, e_path = tmp_path / "m.csv", tmp_path / "e.csv"
    res = runner.invoke(app, ["extract", str(seeds), "--out", str(m_path), "--evidence", str(e_path)])
    assert res.exit_code == 0, res.output
    m = pd.read_csv(m_path)
    e = pd.read_csv(e_path)
    assert m.columns.tolist() == MATRIX_COLUMNS and len(m) == 5
    assert e.columns.tolist()[:8] == ["doc_id", "value_code", "passage_id", "page", "section_path", "score",
                                      "matched", "text"]
    pairs = set(zip(e["doc_id"], e["value_code"]))
    ones = {(d, c) for d, row in m.set_index("doc_id").iterrows() for c in value_codes() if row[c] == 1}
    assert ones == pairs


def test_cli_extract_from_ingested_parquet_and_tables(tmp_path, seed_ingest, seeds):
    from aicompare.corpus.ingest import write_ingested

    write_ingested(seed_ingest, tmp_path / "ing")
    direct = extract_from_paths([seeds]).matrix
    runner = CliRunner()
    out = tmp_path / "m.csv"
    res = runner.invoke(app, ["extract", str(tmp_path / "ing" / "passages.parquet"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    pd.testing.assert_frame_equal(pd.read_csv(out), direct)

    table = tmp_path / "docs.jsonl"
    rows = [{"doc_id": "p1", "text": "We protect the privacy of users and explain our decisions transparently.", "lang": "en"},
            {"doc_id": "p2", "text": "安全性とセキュリティを確保する。", "lang": "ja"}]
    table.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    res = runner.invoke(app, ["extract", str(table), "--out", str(out)])
    assert res.exit_code == 0, res.output
    m = pd.read_csv(out).set_index("doc_id")
    assert m.loc["p1", "V13"] == 1 and m.loc["p1", "V15"] == 1 and m.loc["p1", "V11"] == 0
    assert m.loc["p2", "V11"] == 1 and m.loc["p2", "V12"] == 1 and m.loc["p2", "V13"] == 0


def test_cli_extract_reports_bad_inputs(tmp_path):
    bad = tmp_path / "junk.parquet"
    bad.write_bytes(b"not parquet")
    out = tmp_path / "m.csv"
    res = CliRunner().invoke(app, ["extract", str(bad), str(RAW / BUSINESS_GUIDELINE.name), "--out", str(out)])
    assert res.exit_code == 1
    assert "junk.parquet" in res.output
    assert pd.read_csv(out)["doc_id"].tolist() == [BUSINESS_GUIDELINE.stem]


def test_word_start_index_finds_every_match_of_a_full_scan():
    """English ``re:`` alternations are tried only at word starts whose first letters can begin a match (optional
    leading words such as ``(?:a\\s+)?humans?`` included): on the shipped English texts every match of every
    indexed ``re:`` term starts at a word start with one of the term's keys, and the candidates are exactly those
    of a full scan of every alternation."""
    import dataclasses
    import unicodedata

    from aicompare.extract import _candidates, _compiled, _spaces, _word_start_prefixes

    lm = _compiled().langs["en"]
    assert lm.rx_codes  # the index is in use
    # a short word followed by white space is keyed with it ("a huma" for ``a\s+humans?``), not by its letters alone;
    # keys are up to six characters long ("human " and "humans", not every word starting with "huma")
    assert _word_start_prefixes(r"\b(?:a\s+humans?|humans?)\s+can") == {
        "a huma", "a  hum", "a   hu", "a    h", "a     ", "human ", "humans"}
    assert any(" " in k for k in lm.rx_index)
    lines = [unicodedata.normalize("NFKC", ln) for f in sorted((RAW / "overseas").glob("*.[tm][xd]*"))
             for ln in f.read_text(encoding="utf-8").splitlines() if ln.strip()]
    paragraphs = [" ".join(lines[i:i + 4]) for i in range(0, len(lines), 4)]  # matches may span the line breaks
    assert len(paragraphs) > 1000
    checked = 0
    for _, terms in lm.regex.values():
        for term, _ in terms:
            keys = _word_start_prefixes(term[3:])
            if keys is None:
                continue
            pat = re.compile(term[3:], re.IGNORECASE)
            for p in paragraphs:
                for m in pat.finditer(p):
                    s = m.start()
                    assert (s == 0 or not p[s - 1].isalnum()) and \
                        any(p[s:].lower().translate(_spaces()).startswith(k) for k in keys), \
                        (term, p[s:s + 80])
                    checked += 1
    assert checked > 500
    full = dataclasses.replace(lm, rx_index={}, rx_lengths=(), rx_codes=frozenset(), memo={})  # searched everywhere
    for p in paragraphs[::3]:
        assert sorted(_candidates(lm, p)) == sorted(_candidates(full, p)), p[:200]


def test_literal_terms_are_keyed_by_letters_all_their_forms_share():
    """An English literal term is tried only at word starts beginning with its key: the first letters (up to eight)
    that every form its pattern matches shares ("organi" for organisation/organization, "priva" for privacy and
    privacies). Every match of every literal term in the shipped English text starts with its key."""
    import unicodedata

    from aicompare.extract import _KEY_LEN, _SPLIT, _term_regex, _word_key

    assert _word_key("organisation") == "organi" and _word_key("privacy") == "privac"
    assert _word_key("safeguard*") == "safeguar" and _word_key("AI") == "ai" and _word_key("use") == "us"
    lex = load_lexicon()
    terms = lex[(lex["lang"] == "en") & (lex["kind"] != "exclude") & ~lex["term"].str.startswith("re:")]["term"]
    text = " ".join(unicodedata.normalize("NFKC", f.read_text(encoding="utf-8"))
                    for f in sorted((RAW / "overseas").glob("*.[tm][xd]*")))
    low = text.lower()  # searched with the lowercased patterns (no letter is escaped in a term's pattern): faster
    checked = 0
    for term in dict.fromkeys(terms):
        key = _word_key(_SPLIT.split(term)[0])
        assert 0 < len(key) <= _KEY_LEN, term
        # the term without its word-boundary guards (more matches, and the regex engine's fast literal search)
        for m in re.finditer(_term_regex(term, "en", bounded=False).lower(), low):
            assert m.group().startswith(key), (term, key, m.group())
            checked += 1
    assert checked > 2000


def test_required_literals_of_a_pattern():
    """The strings one of which every match of a pattern contains (the mask's prefilter), or None."""
    from aicompare.extract import _required_literals

    assert _required_literals(r"\bAI Safety Institute\b") == {"ai safety institute"}
    assert _required_literals(r"(?:https?://|www\.)\S+") == {"http", "www."}
    assert _required_literals(r"[一-龥]{1,20}(?:課|審議官)") == {"課", "審議官"}
    assert _required_literals(r"x?(?:Charter|Act)s?") == {"charter", "act"}
    assert _required_literals(r"\w+\s+\d{4}") is None


def test_mask_searches_its_alternatives_apart_with_the_same_spans():
    """The masked names and citations of every shipped passage are those of the full alternation of the mask
    patterns, found by searching the alternatives apart (skipping those whose literals are absent) and merging; a
    character that an ignore-case pattern takes for an ASCII letter (``ſ`` for ``s``) still finds its match."""
    from aicompare.corpus.load import default_corpus
    from aicompare.extract import _Alternatives, _compiled

    mask = _compiled().mask
    _, corpus = default_corpus()
    texts = corpus.passages["text"].dropna().astype(str).tolist()
    assert len(texts) > 5000
    found = 0
    for t in texts:
        expected = [m.span() for m in mask.full.finditer(t)]
        assert mask.spans(t) == expected, t[:200]
        found += bool(expected)
    assert found > 500
    for lm in _compiled().langs.values():  # each value's re: terms, searched apart, match as their alternation
        for alternatives, _ in lm.regex.values():
            for t in texts[::7]:
                assert alternatives.matches(t) == [(m.start(), m.end(), int(m.lastgroup[2:]))
                                                   for m in alternatives.full.finditer(t)], t[:200]
    alts = _Alternatives(["safety", "(?:cost|budget)s?", "budget cuts"])
    assert alts.matches("budget cuts") == [(0, 6, 1)]
    assert alts.spans("ſafety first") == [(0, 6)]
    assert alts.spans("budget cuts, costs and safety") == [(0, 6), (13, 18), (23, 29)]  # earlier alternative first
    assert alts.spans("nothing here") == []


def test_japanese_patterns_end_on_word_boundaries(seed_ingest):
    """A Japanese ``re:`` term whose match cuts a word is dropped by the matcher (the match must start and end on
    fugashi word boundaries), so a pattern ending inside a verb (「知らせ」 of 「知らせる」) silently never codes.
    On the Japanese codebook probes and the seed passages, every match of every Japanese pattern starts and ends
    on a boundary."""
    probes = pd.read_csv(Path(__file__).parent / "fixtures" / "codebook_probes.csv")
    seeds = seed_ingest.passages
    texts = list(dict.fromkeys([*probes.loc[probes["lang"] == "ja", "text"], *seeds.loc[seeds["lang"] == "ja", "text"]]))
    lex = load_lexicon()
    terms = lex[(lex["lang"] == "ja") & lex["kind"].isin(["strong", "weak"]) & lex["term"].str.startswith("re:")]
    rxs = [(code, term, re.compile(term[3:])) for code, term in zip(terms["value_code"], terms["term"])]
    bad = []
    for t in texts:
        hits = [(code, term, m.start(), m.end()) for code, term, rx in rxs for m in rx.finditer(t)]
        if hits:
            cuts = _boundaries(t)
            bad += [(code, term, t[s:e]) for code, term, s, e in hits if s not in cuts or e not in cuts]
    assert not bad, bad[:5]


def test_dispatch_memo_stays_bounded_and_changes_nothing(monkeypatch):
    """The English dispatch memo (word heads -> what to try there) is cleared when full: a corpus of odd strings
    cannot grow it without bound, and the matches are the same with a tiny memo."""
    import dataclasses

    from aicompare import extract

    lm = extract._compiled().langs["en"]
    text = ("Developers should ensure transparency, human oversight and data protection; "
            + " ".join(f"zq{i:05d}x" for i in range(400)) + " and accountability for AI systems.")
    expected = extract._candidates(dataclasses.replace(lm, memo={}), text)
    small = dataclasses.replace(lm, memo={})
    monkeypatch.setattr(extract, "_MEMO_MAX", 50)
    assert extract._candidates(small, text) == expected
    assert {c for c, *_ in expected} >= {"V15", "V08", "V13", "V16"}
    assert len(small.memo) <= 50


def test_english_word_starts_follow_no_letter_or_digit_of_any_script():
    """An English term may start at an ASCII letter that no letter or digit precedes, in any script (``_WORD_START``
    agrees with ``str.isalnum`` on every Unicode character): "AIsafety" has no start at "s", "3D" none at "D",
    "データAI" none at "A", while "(AI" and "—AI" do."""
    from aicompare.extract import _WORD_START, _all_characters

    chars = _all_characters()
    probe = "".join(ch + "a" for ch in chars)
    starts = {m.start() for m in _WORD_START.finditer(probe)}
    wrong = [ch for i, ch in enumerate(chars) if ((2 * i + 1) in starts) == ch.isalnum()]
    assert not wrong, [hex(ord(ch)) for ch in wrong[:10]]
    assert [m.start() for m in _WORD_START.finditer("AIsafety 3D データAI (AI —AI")] == [0, 19, 23]
