"""Tests of aicompare.survey against the seed 2022 review report in data/raw."""
from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.paths import raw_dir
from aicompare.survey import (
    SurveyParseError,
    parse_survey,
    parse_survey_text,
)
from aicompare.stages.survey import write_survey_outputs
from test_recoding import _matrix

REPORT = raw_dir() / "ai_network_society_report_2022_summary_ja.txt"
COUNT_COLUMNS = ["value_no", "value_code", "label_ja", "label_en", "count", "n_guidelines", "share", "over_half"]


@pytest.fixture(scope="module")
def text() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def survey():
    return parse_survey(REPORT)


def _printed_counts(text: str) -> dict[int, tuple[str, int]]:
    """The count lines as printed: exactly 'no. label count' with a single label token (value lists have more)."""
    out = {}
    for line in text.splitlines():
        m = re.fullmatch(r"(\d+)\.\s+(\S+)\s+(\d+)", line.strip())
        if m:
            out[int(m.group(1))] = (m.group(2), int(m.group(3)))
    return out


# ---------------------------------------------------------------- counts
def test_counts_equal_those_printed(survey, text):
    printed = _printed_counts(text)
    counts = survey.counts_domestic
    assert dict(zip(counts.value_no, counts["count"])) == {no: c for no, (_, c) in printed.items()}
    assert dict(zip(counts.value_no, counts.label_ja)) == {no: lab for no, (lab, _) in printed.items()}


def test_published_figures_quoted_from_report(survey):
    by_label = dict(zip(survey.counts_domestic.label_ja, survey.counts_domestic["count"]))
    # 「人間中心 5 … コスト 1」, and the two highest, プライバシー and 公平性 21
    assert by_label["人間中心"] == 5
    assert by_label["コスト"] == 1
    assert by_label["プライバシー"] == 21 and by_label["公平性"] == 21


def test_all_values_once(survey):
    counts = survey.counts_domestic
    n_values = int(re.search(r"(\d+)の「尊重すべき価値」", REPORT.read_text(encoding="utf-8")).group(1))
    assert counts.value_no.tolist() == list(range(1, n_values + 1))
    assert counts.value_code.tolist() == [f"V{i:02d}" for i in range(1, n_values + 1)]
    assert counts.value_code.is_unique and survey.values.value_code.is_unique
    assert list(counts.columns[: len(COUNT_COLUMNS)]) == COUNT_COLUMNS


def test_publishers_equal_guidelines_surveyed(survey, text):
    stated = int(re.search(r"(\d+)個の指針等を調査", text).group(1))
    counts = survey.counts_domestic
    assert set(counts.n_guidelines) == {stated}
    assert len(survey.publishers) == stated
    assert survey.publishers.name.is_unique


def test_no_count_above_guidelines_and_over_half_rule(survey):
    c = survey.counts_domestic
    assert (c["count"] <= c.n_guidelines).all() and (c["count"] >= 0).all()
    assert (c.share == c["count"] / c.n_guidelines).all()
    assert (c.over_half == (c["count"] > c.n_guidelines / 2)).all()
    assert set(c.loc[c.over_half, "label_ja"]) >= {"プライバシー", "公平性", "人間の尊厳"}
    assert not c.loc[c.label_ja == "持続可能な社会", "over_half"].item()  # 9 of 22


@pytest.mark.parametrize("count, over", [(11, False), (12, True)])
def test_over_half_is_strictly_more_than_half(text, count, over):
    """「半数を超える」: 11 of 22 is not over half, 12 is."""
    c = parse_survey_text(_sub_last(text, "4. 持続可能な社会 9", f"4. 持続可能な社会 {count}"), "edited").counts_domestic
    assert c.loc[c.value_no == 4, "over_half"].item() is over


def test_evidence_lines_point_at_the_count_lines(survey, text):
    lines = text.split("\n")
    for row in survey.counts_domestic.itertuples():
        line = lines[row.line - 1]
        assert line.strip().startswith(f"{row.value_no}.") and line.strip().endswith(str(row.count))
        assert row.doc_id == REPORT.stem


def test_rows_trace_to_ingested_passages(survey):
    from aicompare.corpus.ingest import ingest

    passages = ingest([REPORT], use_cache=False).passages
    traced = parse_survey(REPORT, passages=passages)
    by_id = passages.set_index("passage_id")
    for name, df in traced.tables().items():
        assert df.passage_id.notna().all(), name
        pd.testing.assert_frame_equal(df.drop(columns=["passage_id", "page", "section_path"]),
                                      survey.tables()[name].drop(columns=["passage_id", "page", "section_path"]))
    for row in traced.counts_domestic.itertuples():
        raw = by_id.loc[row.passage_id, "text_raw"]
        assert row.label_ja in raw and raw.rstrip().endswith(str(row.count))
        assert "国内における" in row.section_path
    for row in traced.publishers.itertuples():
        assert row.name in by_id.loc[row.passage_id, "text_raw"]
    assert survey.counts_domestic.passage_id.isna().all()  # no passages given: evidence columns empty


# ---------------------------------------------------------------- values, publishers, scope, findings
def test_values_labels_and_value_22_variants(survey):
    v = survey.values.set_index("value_code")
    assert v.loc["V09", "label_ja"] == "適正な学習（学習データの質）"
    assert v.loc["V22", "label_ja"] == "その他（コスト、効果測定）"
    assert v.loc["V22", "label_ja_domestic"] == "コスト"
    assert v.loc["V22", "labels_differ"] and "効果測定" in v.loc["V22", "label_note"]
    assert not v.drop(index="V22").labels_differ.any()
    # ※５/※６: 1.～16. as in the 2019 table, 17.～22. newly identified
    assert v.index[v.new_in_2022].tolist() == [f"V{i}" for i in range(17, 23)]
    assert v.loc["V01", "baseline_source"].startswith("AIガイドライン比較表")
    assert v.label_en.notna().all() and v.label_en_domestic.notna().all()


def test_publishers_order_and_notes(survey):
    p = survey.publishers
    assert p.name.iloc[0] == "株式会社ABEJA"
    assert "株式会社エヌ・ティ・ティ・データ" in set(p.name)  # inner ・ is not a separator
    cloud = p[p.name == "AIクラウドサービス検討会"].iloc[0]
    assert cloud.marker == "※" and "総務省" in cloud.note
    assert (p.name_note == "社名は、公表当時のもの。").all()
    # rows after the ※ note (a page break) still parsed: 4 of them in two columns
    assert {"株式会社J.Score", "富士フイルム株式会社", "株式会社スタジアム", "株式会社三菱総合研究所"} <= set(p.name)


def test_scope(survey, text):
    s = survey.scope
    countries = s[(s.survey == "overseas") & (s.category == "country")].name.tolist()
    stated = int(re.search(r"(\d+)箇国", text).group(1))
    assert len(countries) == stated and countries[0] == "米国" and countries[-1] == "オーストラリア"
    assert s[s.category == "supranational"].name.tolist() == ["EU"]
    assert s[s.category == "international_org"].name.tolist() == ["国際連合教育科学文化機関（UNESCO）", "世界保健機関（WHO）"]
    types = s[s.category == "publisher_type"].set_index("publisher_type")["count"].to_dict()
    assert types == {"government": 40, "industry_body": 10, "company": 17}
    total = s[(s.survey == "overseas") & (s.category == "guidelines")]["count"].item()
    assert total == sum(types.values()) == 67
    assert "10位以内" in s[s.category == "countries"].note.item()  # selection criteria (※２)
    assert "2019年８月以降" in s[(s.survey == "overseas") & (s.category == "guidelines")].note.item()
    rules = s[s.category == "highlight_rule"]
    assert set(rules.survey) == {"overseas", "domestic"} and rules.note.str.contains("半数を超える").all()


def test_findings_checked_against_counts(survey):
    f, c = survey.findings, survey.counts_domestic.set_index("value_code")
    new = f[f.claim == "new_values"]
    assert len(new) == 2
    for codes in new.value_codes:
        for code in codes.split(";"):
            assert survey.values.set_index("value_code").loc[code, "new_in_2022"]
            assert 0 < c.loc[code, "count"] and not c.loc[code, "over_half"]  # 「盛り込まれているものがある」
    emphasised = f[f.claim == "emphasised"]
    assert len(emphasised) == 2
    for codes in emphasised.value_codes:
        assert all(c.loc[code, "over_half"] for code in codes.split(";"))


# ---------------------------------------------------------------- determinism, errors
def test_deterministic(survey, tmp_path):
    again = parse_survey(REPORT)
    for name, df in survey.tables().items():
        pd.testing.assert_frame_equal(df, again.tables()[name])
    a = write_survey_outputs(REPORT, tmp_path / "a", figures=False)
    b = write_survey_outputs(REPORT, tmp_path / "b", figures=False)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def _drop_line(text: str, pattern: str) -> str:
    lines = text.split("\n")
    idx = [i for i, l in enumerate(lines) if re.search(pattern, l)]
    assert idx, pattern
    return "\n".join(l for i, l in enumerate(lines) if i != idx[-1])


def _sub_last(text: str, old: str, new: str) -> str:
    i = text.rindex(old)
    return text[:i] + new + text[i + len(old):]


ALTERATIONS = {
    "truncated before the counts": (lambda t: t[: t.index("1. 人間中心 5")], r"domestic counts not found for 22 value"),
    "count line missing": (lambda t: _drop_line(t, r"^22\. コスト 1$"), r"domestic counts not found.*22\. コスト"),
    "count above n": (lambda t: _sub_last(t, "13. プライバシー 21", "13. プライバシー 23"), r"exceeds the 22 guidelines"),
    "count label differs": (lambda t: _sub_last(t, "14. 公平性 21", "14. 公正性 21"), r"labels value 14 「公正性」"),
    "value missing from list": (
        lambda t: t.replace("5. 国際協力 13. プライバシー 21. ガバナンス", "13. プライバシー 21. ガバナンス", 1),
        r"overseas value list.*missing \[5\]",
    ),
    "publisher missing": (lambda t: t.replace("・ 株式会社スタジアム ", "", 1), r"21 domestic publishers listed.*22 guidelines"),
    "heading renamed": (
        lambda t: t.replace("＜国内における原則・指針・ガイドライン等との比較からの検証②＞", "＜国内の結果＞"),
        r"section heading ＜国内における.*検証②＞ not found",
    ),
    "new-values note changed": (lambda t: t.replace("17.～22.が新たに確認した項目", "17.～22.は参考", 1).replace(
        "17.～22.が新たに確認した項目", "17.～22.は参考"), r"does not state which values are new"),
    "guideline count missing": (lambda t: t.replace("22個の指針等を調査", "指針等を調査"), r"number of guidelines surveyed"),
    "country list short": (lambda t: t.replace("、オーストラリア）", "）", 1), r"states 16 countries but lists 15"),
    "type split inconsistent": (lambda t: t.replace("業界団体等（10個）", "業界団体等（11個）"), r"sums to 68, but 67"),
}


@pytest.mark.parametrize("name", list(ALTERATIONS))
def test_altered_report_fails_clearly(text, name):
    alter, message = ALTERATIONS[name]
    with pytest.raises(SurveyParseError, match=message):
        parse_survey_text(alter(text), "altered")


def test_unreadable_inputs(tmp_path):
    with pytest.raises(SurveyParseError, match="report not found"):
        parse_survey(tmp_path / "missing.txt")
    binary = tmp_path / "report.txt"
    binary.write_bytes(b"%PDF-1.7\x00\x01\x02" * 50)
    with pytest.raises(SurveyParseError, match="report.txt: looks like binary data"):
        parse_survey(binary)
    with pytest.raises(SurveyParseError, match="not found"):
        parse_survey_text("AI guidelines\n", "empty")


def test_cp932_report_parses_like_utf8(tmp_path, text, survey):
    """A report saved as Shift_JIS/CP932 is decoded as ingest decodes it and gives the same tables.

    Characters CP932 cannot hold (➢ and CJK radicals from the PDF text layer) become '?', as they do
    when such a file is saved; the value list, counts and publisher table do not use them.
    """
    legacy = tmp_path / REPORT.name
    legacy.write_bytes(text.encode("cp932", errors="replace"))
    with pytest.raises(UnicodeDecodeError):
        legacy.read_bytes().decode("utf-8")
    parsed = parse_survey(legacy)
    pd.testing.assert_frame_equal(parsed.counts_domestic, survey.counts_domestic)
    pd.testing.assert_frame_equal(parsed.values, survey.values)
    pd.testing.assert_frame_equal(parsed.publishers, survey.publishers)


# ---------------------------------------------------------------- taxonomy labels
def test_taxonomy_labels_equal_parsed_labels(survey):
    from aicompare.taxonomy import load_values

    tax = pd.DataFrame(load_values())
    code = "value_code" if "value_code" in tax.columns else "code"
    tax = tax.set_index(code)
    norm = lambda s: unicodedata.normalize("NFKC", s)  # noqa: E731
    assert sorted(tax.index) == survey.values.value_code.tolist()
    for v in survey.values.itertuples():
        assert norm(tax.loc[v.value_code, "label_ja"]) == norm(v.label_ja), v.value_code
        if "label_ja_domestic" in tax.columns:
            assert norm(tax.loc[v.value_code, "label_ja_domestic"]) == norm(v.label_ja_domestic), v.value_code


# ---------------------------------------------------------------- CLI and figures
def test_cli_writes_tables(tmp_path):
    mpath = tmp_path / "matrix.csv"
    _matrix().to_csv(mpath, index=False)
    res = CliRunner().invoke(
        app, ["survey", str(REPORT), "--out", str(tmp_path / "out"), "--no-figures", "--xlsx", "--bom",
              "--matrix", str(mpath)]
    )
    assert res.exit_code == 0, res.output
    for name in ["values", "counts_domestic", "publishers", "scope", "findings", "recoding_comparison"]:
        assert (tmp_path / "out" / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    counts = pd.read_csv(tmp_path / "out" / "counts_domestic.csv", encoding="utf-8-sig")
    assert list(counts.columns[: len(COUNT_COLUMNS)]) == COUNT_COLUMNS and len(counts) == 22
    assert pd.read_csv(tmp_path / "out" / "recoding_comparison.csv", encoding="utf-8-sig").recoded_corpus.eq("matrix").all()
    assert set(pd.ExcelFile(tmp_path / "out" / "survey.xlsx").sheet_names) >= {"values", "counts_domestic"}


def test_cli_reports_bad_report(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing here\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["survey", str(bad), "--out", str(tmp_path / "out"), "--no-figures"])
    assert res.exit_code == 1 and "not found" in res.output
    assert not (tmp_path / "out").exists()
