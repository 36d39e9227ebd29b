"""The 22-value taxonomy and its lexicons: codes, order, labels as printed in the 2022 report, data integrity."""
from __future__ import annotations

import re

import pytest

from aicompare.taxonomy import (
    LANGS,
    lexicon_rationale,
    lexicon_settings,
    load_baseline,
    load_crosswalk,
    load_lexicon,
    load_values,
    value_codes,
)
from conftest import REVIEW_REPORT

_ITEM = re.compile(r"(\d{1,2})\.\s+(.+?)(?=\s+\d{1,2}\.\s|$)")


def _report_value_lists() -> list[dict[int, str]]:
    """The numbered value lists of the 2022 report (overseas, then domestic), parsed from its text."""
    text = REVIEW_REPORT.read_text(encoding="utf-8")
    lists = []
    for m in re.finditer(r"22の「尊重すべき価値」を確認", text):
        items: dict[int, str] = {}
        for line in text[m.end():].splitlines()[1:]:
            found = _ITEM.findall(line.strip())
            if not found and items and len(items) >= 22:
                break
            for no, label in found:
                items.setdefault(int(no), label.strip())
        lists.append(items)
    return lists


def test_codes_order_and_numbers():
    v = load_values()
    assert v["code"].tolist() == [f"V{i:02d}" for i in range(1, 23)]
    assert v["no"].tolist() == list(range(1, 23))
    assert value_codes() == v["code"].tolist()
    assert v["code"].is_unique and v["label_ja"].is_unique and v["label_en"].is_unique


def test_labels_match_the_report_exactly():
    overseas, domestic = _report_value_lists()
    v = load_values().set_index("no")
    assert sorted(overseas) == list(range(1, 23)) and sorted(domestic) == list(range(1, 23))
    assert {n: v.loc[n, "label_ja"] for n in overseas} == overseas
    assert {n: v.loc[n, "label_ja_domestic"] for n in domestic} == domestic
    # only value 22 differs between the two surveys (「その他（コスト、効果測定）」 vs 「コスト」)
    differs = [n for n in range(1, 23) if overseas[n] != domestic[n]]
    assert differs == [22]
    assert v.loc[22, "label_ja_domestic"] == "コスト"


def test_introduced_follows_the_report_note():
    text = REVIEW_REPORT.read_text(encoding="utf-8")
    m = re.search(r"1\.～(\d+)\.までは、AIガイドライン比較表（「報告書2019」.*?(\d+)\.～(\d+)\.が新たに確認", text)
    assert m, "note ※５ of the report not found"
    last_2019, first_2022, last = (int(x) for x in m.groups())
    v = load_values().set_index("no")
    assert set(v.loc[1:last_2019, "introduced"]) == {"2019"}
    assert set(v.loc[first_2022:last, "introduced"]) == {"2022"}
    assert first_2022 == last_2019 + 1 and last == len(v)


def test_every_value_has_definition_and_english_label():
    v = load_values()
    assert v["definition_en"].str.len().min() > 20
    assert (v["label_en"].str.len() > 2).all()


def test_lexicon_covers_every_value_in_both_languages():
    lex = load_lexicon()
    strong = lex[lex["kind"] == "strong"]
    for lang in LANGS:
        assert set(strong.loc[strong["lang"] == lang, "value_code"]) == set(value_codes()), lang
    assert set(lex["kind"]) == {"strong", "weak", "exclude"}
    w = lexicon_settings()["weights"]
    assert (lex.loc[lex["kind"] == "strong", "weight"] == w["strong"]).all()
    assert (lex.loc[lex["kind"] == "weak", "weight"] == w["weak"]).all()
    assert w["weak"] < lexicon_settings()["min_passage_score"] <= w["strong"]


def test_every_lexicon_pattern_compiles_and_every_value_has_a_rationale():
    lex = load_lexicon()
    for t in lex.loc[lex["term"].str.startswith("re:"), "term"]:
        re.compile(t[3:])
    r = lexicon_rationale().set_index("value_code")["rationale"]
    assert list(r.index) == value_codes()
    assert (r.str.len() > 40).all()


def test_a_term_listed_twice_for_a_value_is_refused(monkeypatch):
    """A term listed as both strong and weak (or twice) for the same value and language would carry two weights;
    the matcher takes the strong one, so the weak entry is dead and misleads a reader: ``load_lexicon`` refuses it
    (the shipped lexicon loads, so it has none)."""
    import aicompare.taxonomy as taxonomy

    original = taxonomy._yaml
    real = original("lexicon.yaml")
    assert len(load_lexicon())
    for weak, exclude, refused in [(["privacy"], [], True), (["data privacy"], ["privacy"], False)]:
        lex = {"settings": real["settings"], "values": {c: {"rationale": "r", "en": {"strong": ["privacy"]}}
                                                       for c in real["values"]}}
        lex["values"]["V13"]["en"].update(weak=weak, exclude=exclude)
        monkeypatch.setattr(taxonomy, "_yaml", lambda name, lex=lex: lex if name == "lexicon.yaml" else original(name))
        if refused:
            with pytest.raises(ValueError, match="duplicate terms.*privacy"):
                load_lexicon()
        else:
            assert len(load_lexicon()) == 22 + 2


def test_baseline_is_one_short_pattern_per_value():
    b = load_baseline()
    assert b["value_code"].tolist() == value_codes()
    for p in b["pattern"]:
        re.compile(p)
        assert len(p) <= 60


def test_waie_crosswalk_rows():
    cw = load_crosswalk("waie_to_values")
    assert cw["waie_principle"].is_unique and len(cw) == 17
    assert (cw["rationale"].str.len() > 20).all()
    # some principles map to several values, some to none
    n = cw["value_codes"].map(len)
    assert (n > 1).any() and (n == 0).any()
    # every evaluated item uses only values its principle maps to
    for codes, ev in zip(cw["value_codes"], cw["evaluate_as"]):
        if ev:
            assert set(ev.split("+")) <= set(codes)


def test_waie_crosswalk_names_every_principle_of_the_dev_data(waie_dev_path):
    import pandas as pd

    labels = pd.read_parquet(waie_dev_path, columns=["principles"])["principles"]
    found = {p.strip() for s in labels for p in s.split(",") if p.strip()}
    assert found <= set(load_crosswalk("waie_to_values")["waie_principle"])


def test_unknown_crosswalk_is_a_clear_error():
    with pytest.raises(FileNotFoundError):
        load_crosswalk("no_such_crosswalk")


def test_duplicate_yaml_keys_are_refused():
    # PyYAML would silently keep the last of two 'exclude:' lists; the taxonomy loader refuses them
    import yaml

    from aicompare.taxonomy import _StrictLoader

    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate keys"):
        yaml.load("V01:\n  exclude: [a]\n  exclude: []\n", Loader=_StrictLoader)  # noqa: S506
