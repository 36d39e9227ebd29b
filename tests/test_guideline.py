"""The business-guideline structure parser on the seed text (第1.01版)."""
from __future__ import annotations

import difflib
import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from aicompare.coverage import check_crosswalk, guideline_items
from aicompare.taxonomy import load_guideline_crosswalk, load_principle_lexicon
from aicompare.guideline import (
    CIRCLED,
    cited_principles,
    guideline_source,
    match_key,
    normalize,
    parse_guideline,
    roman_to_int,
    split_ids,
)


@pytest.fixture(scope="module")
def passages():
    from aicompare.corpus.ingest import ingest

    return ingest([guideline_source()]).passages


@pytest.fixture(scope="module")
def g(passages):
    return parse_guideline(guideline_source(), passages=passages)


def _same_label(a: str, b: str) -> bool:
    """Labels agree up to the text's own spelling variants (アカウンタビリティ / アカウントビリティ)."""
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def test_source_found_by_role():
    path = guideline_source()
    sources = pd.read_csv(path.parent / "SOURCES.csv", dtype=str)
    assert sources.loc[sources["file"] == path.name, "role"].item() == "business_guideline"


def test_three_basic_philosophies(g):
    ph = g.philosophies
    assert list(ph["philosophy"]) == list(CIRCLED[:3])
    assert list(ph["label_en"]) == ["Dignity", "Diversity and Inclusion", "Sustainability"]
    assert all(p.endswith(f"A. 基本理念 > {r.philosophy} {r.label}({r.label_en})")
               for p, r in zip(ph["section_path"], ph.itertuples()))
    assert (ph["text"].str.len() > 50).all()


def test_ten_principles_match_table1(g):
    pr = g.principles
    assert list(pr["principle_no"]) == list(range(1, 11))
    t1 = g.table1.drop_duplicates("principle_no").set_index("principle_no")["principle"]
    # Table 1 has no common sub-items for 9); its row still names the principle via the section text
    for r in pr.itertuples():
        if r.principle_no in t1.index:
            assert r.label == t1[r.principle_no]
        assert r.section_path.endswith(f"C. 共通の指針 > {r.principle_no}) {r.label}")


def test_subitem_counts_agree_with_table1(g):
    counts = g.subitems.groupby("principle_no").size().reindex(range(1, 11), fill_value=0)
    from_table = (g.table1[g.table1["column"] == "common"].groupby("principle_no").size()
                  .reindex(range(1, 11), fill_value=0))
    assert counts.tolist() == from_table.tolist()
    # the counts the text gives (1.01): 6, 3, 2, 1, 2, 4, 6, 3, 0, 3
    assert counts.tolist() == [6, 3, 2, 1, 2, 4, 6, 3, 0, 3]
    assert g.principles.set_index("principle_no")["n_subitems"].tolist() == counts.tolist()
    common = g.table1[g.table1["column"] == "common"].set_index(["principle_no", "item"])["label"]
    for r in g.subitems.itertuples():
        assert r.label == common[(r.principle_no, r.subitem)]
        assert r.subitem_no == CIRCLED.index(r.subitem) + 1


def test_statements_sit_under_subitems(g):
    st = g.statements[g.statements["section"] == "C"]
    assert st["subitem"].ne("").all() and st["principle_no"].notna().all()
    assert set(st["marker"]) <= {"✧", "◇"}
    per_sub = st.groupby(["principle_no", "subitem"]).size()
    assert len(per_sub) == len(g.subitems)  # every sub-item has statements
    # a statement wrapped over a page break is joined back into one
    robust = st[st["text"].str.contains("堅牢性")]
    assert len(robust) == 1 and robust["subitem"].item() == "①" and robust["principle_no"].item() == 2
    wrapped = st[st["text"].str.contains("誤解や偏見等を助長する可能性があること")]
    assert len(wrapped) == 1


def test_advanced_items_one_to_twelve_cite_principles(g):
    adv = g.advanced
    assert adv["item_no"].tolist() == list(range(1, 13))
    assert [roman_to_int(i) for i in adv["item"]] == adv["item_no"].tolist()
    labels = g.principles.set_index("principle_no")["label"]
    for r in adv.itertuples():
        nums = [int(n) for n in r.cited_principles.split(";")]
        assert nums, r.item
        for n, lab in zip(nums, r.cited_labels.split(";")):
            assert _same_label(lab, labels[n]), (r.item, n, lab)


def test_actor_items_cite_their_own_principle(g):
    ai = g.actor_items
    assert set(ai["actor"]) == {"D", "P", "U"}
    assert g.actor_labels == {"D": "AI開発者", "P": "AI提供者", "U": "AI利用者"}
    labels = g.principles.set_index("principle_no")["label"]
    for r in ai.itertuples():
        cited = dict(cited_principles(r.text))
        assert r.principle_no in cited, f"{r.item_id} does not cite principle {r.principle_no}"
        assert _same_label(cited[r.principle_no], labels[r.principle_no])
        assert r.part_no == {"D": 3, "P": 4, "U": 5}[r.actor]
        assert r.n_statements >= 1


def test_actor_items_match_table1(g):
    t1 = g.table1[g.table1["column"] != "common"]
    listed = t1[t1["reprint_of"] == ""].set_index("item_id")["label"]
    parsed = g.actor_items.set_index("item_id")["label"]
    assert sorted(listed.index) == sorted(parsed.index)
    assert all(listed[k] == parsed[k] for k in parsed.index)
    # a reprinted cell (D-4) i. = D-2) i.) points at an item that exists, with the same label
    for r in t1[t1["reprint_of"] != ""].itertuples():
        assert parsed[r.reprint_of] == r.label


def test_rows_keep_passages(g, passages):
    for name, table in g.tables().items():
        if "passage_ids" in table.columns:
            assert table["passage_ids"].ne("").all(), name
    linked = g.passage_map["line_start"].notna().mean()
    assert linked >= 0.99
    known = set(passages["passage_id"])
    for ids in g.subitems["passage_ids"]:
        assert set(split_ids(ids)) <= known
    # the sub-item's heading passage is among its passages
    for r in g.subitems.itertuples():
        texts = passages.set_index("passage_id").loc[split_ids(r.passage_ids), "text"]
        assert any(match_key(r.label) in match_key(t) for t in texts)


def test_parse_from_passages_gives_the_same_structure(g, passages):
    """A passages frame alone (no file) yields the same items; texts may differ where ingestion
    merged a wrapped bullet with the next paragraph."""
    g2 = parse_guideline(passages)
    keys = {
        "principles": ["principle_no", "label", "n_subitems"],
        "subitems": ["principle_no", "subitem", "label"],
        "advanced_items": ["item", "cited_principles"],
        "actor_items": ["item_id", "label", "principle_no", "stages"],
        "table1": list(g.table1.columns),
    }
    for name, cols in keys.items():
        a, b = g.tables()[name][cols], g2.tables()[name][cols]
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_normalize_keeps_circled_numbers_and_drops_footnote_marks():
    assert normalize("6) 透明性³³") == "6)透明性"
    assert normalize("① AI システム") == "① AIシステム"  # NFKC alone would turn ① into 1
    assert normalize("講じる^{17,18}") == "講じる"


def test_bad_passages_input_is_reported():
    frame = pd.DataFrame({"doc_id": ["a", "b"], "passage_id": ["a:1", "b:1"], "text_raw": ["x", "y"],
                          "char_start": [0, 0], "char_end": [1, 1], "text": ["x", "y"]})
    with pytest.raises(ValueError, match="one document"):
        parse_guideline(frame)
    with pytest.raises(FileNotFoundError):
        parse_guideline("no/such/edition.txt")


# ----------------------------------------------------------------- crosswalk and lexicon (data)

def test_crosswalk_lists_the_22_values_in_order():
    cw = load_guideline_crosswalk()
    values = cw.drop_duplicates("value_code")
    assert values["value_code"].tolist() == [f"V{i:02d}" for i in range(1, 23)]
    assert values["label_ja"].tolist()[:3] == ["人間中心", "人間の尊厳", "多様性、包摂"]
    assert values.set_index("value_code").loc[["V17", "V18", "V19", "V20", "V21"], "label_ja"].tolist() == [
        "堅牢性", "責任", "追跡可能性", "モニタリング、監査", "ガバナンス"]
    assert cw["rationale"].str.len().gt(10).all()


def test_crosswalk_labels_are_the_taxonomy_labels():
    from aicompare.taxonomy import load_values

    cw = load_guideline_crosswalk().drop_duplicates("value_code").set_index("value_code")["label_ja"]
    tax = load_values().set_index("code")["label_ja"]
    assert cw.to_dict() == tax.to_dict()


def test_crosswalk_targets_exist_and_anchors_occur(g):
    checked = check_crosswalk(g)
    mapped = checked[checked["target"] != ""]
    assert mapped["target_exists"].all(), mapped.loc[~mapped["target_exists"], "target"].tolist()
    assert mapped["anchor_found"].all(), mapped.loc[~mapped["anchor_found"], ["value_code", "anchor"]].values.tolist()
    empty = checked[checked["target"] == ""]
    assert (empty["note"].str.len() > 0).all() and (empty["anchor"] == "").all()
    # the examples
    pairs = set(zip(checked["value_code"], checked["target"]))
    assert {("V17", "C.2)①"), ("V19", "C.7)①"), ("V20", "C.7)⑤"), ("V20", "D.II"), ("V21", "E")} <= pairs
    assert checked.loc[checked["value_code"] == "V17", "anchor"].item() == "堅牢性（robustness）"


def test_crosswalk_agrees_with_the_section_crosswalk():
    """The value → item crosswalk (anchors) and the extractor's section → values crosswalk are separate
    data files; every exact mapping to a principle or sub-item must be in the other file's values of
    that principle."""
    from aicompare.taxonomy import load_crosswalk as load_taxonomy_crosswalk

    sections = load_taxonomy_crosswalk("business_guideline_sections")
    values_of = {int(n): set().union(*g["value_codes"].map(set)) for n, g in sections.groupby("principle_no")}
    cw = load_guideline_crosswalk()
    exact = cw[(cw["relation"] == "exact") & cw["target"].str.startswith("C.")]
    assert len(exact) >= 20
    for r in exact.itertuples():
        no = int(re.match(r"C\.(\d+)\)", r.target).group(1))
        assert r.value_code in values_of[no], (r.value_code, r.target)


def test_lexicon_covers_every_item_in_both_languages(g):
    lex = load_principle_lexicon()
    items = guideline_items(g)
    keys = set(zip(items["principle_no"], items["subitem"]))
    assert set(zip(lex["principle_no"], lex["subitem"])) <= keys
    for no, sub in keys:
        langs = set(lex.loc[(lex["principle_no"] == no) & (lex["subitem"] == sub), "lang"])
        assert {"ja", "en"} <= langs, (no, sub)
    for pat in lex["pattern"]:
        re.compile(pat)
        pc.match_substring_regex(pa.array(["x"]), pat)  # RE2 accepts it too
        assert pat == pat.lower(), f"patterns are matched against lower-cased text: {pat}"
