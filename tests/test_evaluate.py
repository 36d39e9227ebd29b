"""Evaluation against human coding: metrics, crosswalk data, business-guideline sections, WAIE dev subset."""
from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.evaluate import (
    METRIC_COLUMNS,
    baseline_values,
    business_guideline_labels,
    business_guideline_units,
    _cut_off,
    _predict_principles,
    evaluate_business_guideline,
    evaluate_waie,
    footnote_continuations,
    format_report,
    prf,
    waie_half,
)
from aicompare.taxonomy import load_crosswalk
from conftest import BUSINESS_GUIDELINE

# Targets of the issue, and the figures reached on the development data (the floors asserted below).
WAIE_TARGET = 0.90
WAIE_REACHED = 0.90
BUSINESS_TARGET = 0.85
BUSINESS_REACHED = 0.85
WAIE_HALF_REACHED = {"A": 0.91, "B": 0.88}     # A: tuning half, B: confirmation half (see docs/extraction.md)


def test_prf_counts():
    gold = pd.Series([True, True, False, False, True])
    pred = pd.Series([True, False, True, False, True])
    r = prf(gold, pred)
    assert (r["tp"], r["fp"], r["fn"], r["n_gold"]) == (2, 1, 1, 3)
    assert r["precision"] == pytest.approx(2 / 3, abs=1e-4) and r["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert prf(pd.Series([False]), pd.Series([False]))["f1"] == 0.0


def test_baseline_matches_one_pattern_per_value():
    p = pd.DataFrame({"doc_id": ["a", "a"], "passage_id": ["a:0", "a:1"],
                      "text": ["Privacy and fairness.", "公平性を確保する。"]})
    b = baseline_values(p)
    assert set(zip(b["passage_id"], b["value_code"])) == {("a:0", "V13"), ("a:0", "V14"), ("a:1", "V14")}


# ---------------------------------------------------------------- business guideline


@pytest.fixture(scope="module")
def guideline_passages(seed_ingest):
    p = seed_ingest.passages
    return p[p["doc_id"] == BUSINESS_GUIDELINE.stem].reset_index(drop=True)


def test_section_crosswalk_rows_exist_in_the_guideline(guideline_passages):
    sections = load_crosswalk("business_guideline_sections")
    assert sorted(set(sections["principle_no"].astype(int))) == list(range(1, 11))
    assert (sections["rationale"].str.len() > 20).all()
    paths = " || ".join(guideline_passages["section_path"]).replace(" ", "")
    for s, u in zip(sections["section"], sections["subsection"]):
        assert s.replace(" ", "") in paths, s
        if u:
            assert f"{s} > {u}".replace(" ", "") in paths, (s, u)


def test_footnote_continuations_are_not_statements(guideline_passages):
    flags = footnote_continuations(guideline_passages)
    text = dict(zip(guideline_passages["passage_id"], guideline_passages["text"]))
    cont = [text[p] for p in guideline_passages.loc[flags, "passage_id"]]
    # footnote 17's second paragraph and footnote 26's list of meanings of 「バイアス」 continue their footnotes
    assert any(t.startswith("また、技術的対応として") for t in cont)
    assert any(t.startswith("心理学的な用語") for t in cont)
    # a ✧ statement after a footnote is body text, and so is the rest of a sentence a footnote interrupted
    assert not any(t.startswith("合理的な範囲で、AIシステム・サービスの機能") for t in cont)
    assert not any(t.startswith("性があることや") or t.startswith("頻度、保存期間等") for t in cont)
    # a lead sentence merged across a footnote begins before it in the source text
    assert not any(t.startswith("各主体は、AIシステム・サービスの開発・提供・利用において、トレーサビリティ") for t in cont)
    lab = business_guideline_labels(guideline_passages)
    assert not lab["text"].str.startswith("また、技術的対応として").any()


def test_cut_off_sentences():
    assert _cut_off("その精巧さにより誤解や偏見等を助長する可能", "性があることや、他者の")  # one word across the break
    assert _cut_off("記録方法、", "頻度、保存期間等について検討する")                     # a comma ends no sentence
    assert not _cut_off("必要な対策を講じる", "また、技術的対応として")
    assert not _cut_off("検討することが重要となる。", "以降は")


def test_ties_prefer_the_principle_named_by_its_own_value():
    value_sets = {2: {"V11", "V08"}, 3: {"V14", "V08"}}
    own = {2: {"V11"}, 3: {"V14"}}
    assert _predict_principles({"V08": 2.0, "V14": 1.0}, value_sets, own) == {3}
    assert _predict_principles({"V08": 2.0}, value_sets, own) == {2, 3}
    assert _predict_principles({"V08": 2.0, "V14": 1.0}, value_sets) == {2, 3}
    assert _predict_principles({}, value_sets, own) == set()


def test_labels_and_statements(guideline_passages):
    lab = business_guideline_labels(guideline_passages)
    assert set(lab["principle_no"]) == set(range(1, 11))
    assert set(lab["kind"]) <= {"sentence", "bullet"}
    privacy = lab[lab["principle_no"] == 4]
    assert all("V13" in cs for cs in privacy["gold_codes"])
    units = business_guideline_units(lab)
    # a ✧ statement keeps its list items: 6) ② has one statement with seven items under it
    info = units[units["text"].str.startswith("AIとの関係の仕方")]
    assert len(info) == 1
    assert (units["unit_id"] == info["unit_id"].iloc[0]).sum() == 8
    # a principle's lead paragraph is one statement: 4)'s two lead sentences stand on one line of the source
    lead = units[(units["principle_no"] == 4) & (units["subsection"] == "")]
    assert len(lead) == 2 and lead["unit_id"].nunique() == 1
    # ... while separate paragraphs stay separate statements (C.'s introduction is not labelled at all)
    assert units.groupby("unit_id")["principle_no"].nunique().max() == 1


def test_business_guideline_evaluation(guideline_passages):
    ev = evaluate_business_guideline(guideline_passages)
    assert ev.metrics.columns.tolist() == METRIC_COLUMNS
    assert len(ev.metrics) == 9                       # 9) 公正競争確保 has no counterpart among the 22 values
    assert any("9) 公正競争確保" in n for n in ev.notes)
    assert ev.macro_f1 >= BUSINESS_REACHED
    assert ev.macro_f1 > ev.baseline_macro_f1 + 0.2
    privacy = ev.metrics.set_index("item").loc["4) プライバシー保護"]
    assert privacy["f1"] >= privacy["baseline_f1"]
    assert {"false positive", "false negative"} <= set(ev.errors["error"])
    report = format_report({"business_guideline": ev})
    assert "macro-F1" in report and "baseline" in report


# ---------------------------------------------------------------- WAIE development subset


@pytest.fixture(scope="module")
def waie_eval(waie_dev_path):
    return evaluate_waie(waie_dev_path)


def test_waie_items_follow_the_crosswalk(waie_eval):
    cw = load_crosswalk("waie_to_values")
    assert waie_eval.metrics["item"].tolist() == [e for e in cw["evaluate_as"] if e]
    assert set(waie_eval.metrics["item"]) == {"V13", "V14", "V15", "V16+V18", "V02", "V03", "V04", "V07", "V01",
                                               "V11+V12+V17"}
    assert (waie_eval.metrics["n_gold"] > 0).all()


def test_waie_halves_are_deterministic_and_reported(waie_eval):
    assert waie_half("waie_000") == waie_half("waie_000")
    h = waie_eval.halves
    assert set(h["half"]) == {"A", "B"}
    assert h.groupby("half")["item"].apply(list).map(len).tolist() == [len(waie_eval.metrics)] * 2
    # per-item counts of the two halves add up to the whole subset
    both = h.groupby("item")[["n_gold", "tp", "fp", "fn"]].sum()
    whole = waie_eval.metrics.set_index("item")[["n_gold", "tp", "fp", "fn"]]
    assert both.loc[whole.index].equals(whole)
    assert sum("half A" in n for n in waie_eval.notes) == 1 and sum("half B" in n for n in waie_eval.notes) == 1
    for half, g in h.groupby("half"):
        assert g["f1"].mean() >= WAIE_HALF_REACHED[half]


def test_waie_macro_f1(waie_eval):
    m = waie_eval.metrics
    assert waie_eval.macro_f1 >= WAIE_REACHED
    assert waie_eval.macro_f1 > waie_eval.baseline_macro_f1 + 0.15
    # the lexicon beats the one-regex baseline on every item
    assert (m["f1"] >= m["baseline_f1"]).all()
    assert len(waie_eval.errors) > 0 and len(waie_eval.confusions) > 0


def test_cli_evaluate_writes_report(waie_dev_path, tmp_path):
    res = CliRunner().invoke(app, ["evaluate", "--waie", str(waie_dev_path), "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "WAIE development subset" in res.output and "AI事業者ガイドライン" in res.output
    assert (tmp_path / "report.txt").is_file()
    m = pd.read_csv(tmp_path / "waie_metrics.csv")
    assert m.columns.tolist() == METRIC_COLUMNS


def test_cli_evaluate_missing_waie_file(tmp_path):
    res = CliRunner().invoke(app, ["evaluate", "--waie", str(tmp_path / "none.parquet")])
    assert res.exit_code == 2
