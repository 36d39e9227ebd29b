"""aicompare.recoding: an automatic coding beside the review's published domestic counts."""
from __future__ import annotations

import pandas as pd
import pytest

from aicompare.paths import raw_dir
from aicompare.recoding import compare_recoding, read_matrix
from aicompare.survey import parse_survey

REPORT = raw_dir() / "ai_network_society_report_2022_summary_ja.txt"


@pytest.fixture(scope="module")
def survey():
    return parse_survey(REPORT)


def _matrix() -> pd.DataFrame:
    codes = [f"V{i:02d}" for i in range(1, 23)]
    rows = {
        "doc_a": {"V01", "V13", "V14", "V17"},
        "doc_b": {"V13", "V14", "V15"},
        "doc_c": {"V13"},
        "doc_d": set(),
    }
    return pd.DataFrame([{"doc_id": d, **{c: int(c in s) for c in codes}} for d, s in rows.items()])


def test_compare_recoding(survey):
    cmp = compare_recoding(survey.counts_domestic, _matrix(), "test corpus")
    row = cmp.set_index("value_code")
    assert row.loc["V13", "recoded_count"] == 3 and row.loc["V13", "recoded_share"] == 0.75
    assert row.loc["V14", "recoded_count"] == 2 and row.loc["V22", "recoded_count"] == 0
    assert (cmp.recoded_n == 4).all() and (cmp.recoded_corpus == "test corpus").all()
    assert row.loc["V13", "published_count"] == 21 and row.loc["V01", "published_n"] == 22
    assert (cmp.published_corpus != cmp.recoded_corpus).all()
    assert row.loc["V01", "share_diff"] == pytest.approx(0.25 - 5 / 22)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda m: m.drop(columns=["V05"]), "lacks value columns: V05"),
        (lambda m: m.assign(V02=[0, 2, 0, 0]), "V02 holds values other than 0/1 .*doc_b"),
        (lambda m: m.assign(doc_id=["x", "x", "y", "z"]), "repeated doc_id: x"),
        (lambda m: m.drop(columns=["doc_id"]), "lacks the doc_id column"),
        (lambda m: m.iloc[0:0], "has no documents"),
    ],
)
def test_compare_recoding_rejects_bad_matrix(survey, mutate, message):
    with pytest.raises(ValueError, match=message):
        compare_recoding(survey.counts_domestic, mutate(_matrix()), "bad")


def test_read_matrix_round_trips_csv_and_parquet(tmp_path):
    m = _matrix()
    m.to_csv(tmp_path / "m.csv", index=False)
    m.to_parquet(tmp_path / "m.parquet", index=False)
    for name in ("m.csv", "m.parquet"):
        pd.testing.assert_frame_equal(read_matrix(tmp_path / name), m)
    with pytest.raises(ValueError, match="unsupported matrix format"):
        (tmp_path / "m.txt").write_text("x", encoding="utf-8")
        read_matrix(tmp_path / "m.txt")
