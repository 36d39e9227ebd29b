"""aicompare.corpus.sources: project roles, SOURCES.csv rows and the home country."""
from __future__ import annotations

import pandas as pd
import pytest

from aicompare.corpus.sources import (
    BUSINESS_GUIDELINE, REVIEW_REPORT, document_path_with_role, document_with_role, home_country, is_compared,
    source_row, source_with_role,
)
from aicompare.paths import raw_dir


def test_the_shipped_corpus_has_one_document_per_role():
    for role in (REVIEW_REPORT, BUSINESS_GUIDELINE):
        path = source_with_role(role)
        assert path.is_file() and path.parent == raw_dir()
        assert source_row(path)["role"] == role


def test_home_country_is_derived_from_the_business_guideline():
    assert home_country() == "JP"  # from its row in data/raw/SOURCES.csv
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "role": [None, BUSINESS_GUIDELINE, REVIEW_REPORT],
                         "country": ["GB", " jp ", "JP"]})
    assert home_country(docs) == "JP"
    assert home_country(docs.drop(columns="role")) is None
    assert home_country(docs[docs["role"] != BUSINESS_GUIDELINE]) is None


def test_document_with_role_and_compared_documents():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "role": [None, REVIEW_REPORT], "path": ["a.txt", "b.txt"]})
    assert document_with_role(docs, REVIEW_REPORT)["path"] == "b.txt"
    assert document_with_role(docs, BUSINESS_GUIDELINE) is None
    assert document_path_with_role(docs, REVIEW_REPORT) == "b.txt"
    assert document_path_with_role(docs, BUSINESS_GUIDELINE) is None
    assert document_with_role(docs.drop(columns="role"), REVIEW_REPORT) is None
    assert is_compared(docs).tolist() == [True, False]
    assert is_compared(docs.drop(columns="role")).tolist() == [True, True]


def test_source_with_role_needs_exactly_one_existing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no SOURCES.csv"):
        source_with_role(REVIEW_REPORT, tmp_path)
    (tmp_path / "SOURCES.csv").write_text("file,role,country\na.txt,review_report,JP\nb.txt,review_report,JP\n",
                                          encoding="utf-8")
    with pytest.raises(ValueError, match="lists 2 documents"):
        source_with_role(REVIEW_REPORT, tmp_path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        (tmp_path / "SOURCES.csv").write_text("file,role,country\na.txt,business_guideline,\n", encoding="utf-8")
        source_with_role(BUSINESS_GUIDELINE, tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="gives no country"):
        home_country(raw=tmp_path)
    assert source_row(tmp_path / "a.txt")["role"] == BUSINESS_GUIDELINE
    assert source_row(tmp_path / "missing.txt") is None
