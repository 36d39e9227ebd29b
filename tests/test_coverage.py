"""Coverage against the business guideline: self-coverage, the official English translation
(cross-lingual), a privacy-only document, the 22 values, outputs and CLI."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from aicompare.coverage import (
    coverage_against,
    coverage_by_group,
    coverage_documents,
    gap_items,
    home_country,
    match_passages,
    principle_summary,
    region_of,
    uncovered_items,
)
from aicompare.guideline import guideline_source, parse_guideline, split_ids
from aicompare.schema import COVERAGE_DOCUMENT_COLUMNS
from aicompare.stages.coverage import write_coverage_outputs

EN_V1 = "jp_meti_mic_ai_guidelines_for_business_v1_0_en.pdf"


@pytest.fixture(scope="module")
def corpus():
    from aicompare.corpus.ingest import ingest

    return ingest([guideline_source().parent], use_cache=False)


@pytest.fixture(scope="module")
def g(corpus):
    gid = guideline_source().stem
    return parse_guideline(guideline_source(), passages=corpus.passages[corpus.passages["doc_id"] == gid])


@pytest.fixture(scope="module")
def result(corpus, g):
    return coverage_against(corpus.passages, g, documents=corpus.documents)


def _principles_covered(cov: pd.DataFrame, doc_id: str) -> set[int]:
    p = cov[(cov["doc_id"] == doc_id) & (cov["subitem"] == "")]
    return set(p.loc[p["covered"], "principle_no"])


def test_guideline_covers_itself_fully(result, g):
    cov = result.documents
    assert _principles_covered(cov, g.doc_id) == set(range(1, 11))
    own = cov[cov["doc_id"] == g.doc_id]
    assert own["covered"].all()  # every sub-item too


def test_every_covered_cell_has_evidence(result, corpus):
    cov = result.documents
    assert list(cov.columns) == COVERAGE_DOCUMENT_COLUMNS
    known = corpus.passages.set_index("passage_id")["doc_id"]
    covered = cov[cov["covered"]]
    assert (covered["evidence_passage_ids"] != "").all()
    assert (covered["score"] == covered["evidence_passage_ids"].map(lambda s: len(split_ids(s)))).all()
    for r in covered.itertuples():
        ids = split_ids(r.evidence_passage_ids)
        assert (known.loc[ids] == r.doc_id).all()  # evidence from the document itself
    assert (cov.loc[~cov["covered"], "evidence_passage_ids"] == "").all()
    # evidence rows carry page and section path for tracing
    assert {"passage_id", "page", "section_path", "matched"} <= set(result.evidence.columns)


def test_grid_is_complete(result, g, corpus):
    cov = result.documents
    n_items = len(g.principles) + len(g.subitems)
    assert cov.groupby("doc_id").size().eq(n_items).all()
    assert set(cov["doc_id"]) == set(corpus.documents["doc_id"])


def test_privacy_only_document_covers_privacy_and_little_else(g, tmp_path):
    """A document made only of the guideline's privacy statements (4) and the actor items D-/P-/U-4))."""
    from aicompare.corpus.ingest import ingest

    st = g.statements
    privacy = st[(st["principle_no"] == 4) | st["actor_item"].str.match(r"^[DPU]-4\)")]
    assert len(privacy) >= 3
    path = tmp_path / "privacy_only.txt"
    path.write_text("\n\n".join(privacy["text"]), encoding="utf-8")
    doc = ingest([path], use_cache=False).passages
    cov = coverage_documents(doc, g)
    covered = _principles_covered(cov, "privacy_only")
    assert 4 in covered
    assert len(covered - {4}) <= 1, covered
    sub = cov[(cov["subitem"] != "") & cov["covered"]]
    assert (4, "①") in set(zip(sub["principle_no"], sub["subitem"]))
    assert len(sub) <= 2, sub[["principle_no", "subitem"]].values.tolist()


def test_english_translation_v1_covers_at_least_nine_principles(g, shared_pdf_dir):
    from aicompare.corpus.ingest import ingest

    pdf = shared_pdf_dir / EN_V1
    if not pdf.is_file():
        pytest.skip(f"{EN_V1} is not in ../shared/corpora/pdf")
    doc = ingest([pdf], use_cache=False).passages
    assert (doc["lang"] == "en").mean() > 0.9
    cov = coverage_documents(doc, g)
    assert len(_principles_covered(cov, pdf.stem)) >= 9
    summary = principle_summary(cov).set_index("doc_id")
    assert summary.at[pdf.stem, "share_subitems"] >= 0.8


def test_unrelated_text_covers_nothing(g):
    passages = pd.DataFrame({"doc_id": ["recipe"] * 2, "passage_id": ["recipe:00000", "recipe:00001"],
                             "text": ["Boil the noodles for three minutes.", "麺を三分間ゆでる。"], "kind": "sentence"})
    cov = coverage_documents(passages, g)
    assert not cov["covered"].any()
    assert len(uncovered_items(cov)) == len(cov)
    gaps = gap_items(cov)
    assert len(gaps) == len(cov) and (gaps["n_covering"] == 0).all()


def test_gap_items_count_documents(result, g):
    gaps = result.gaps  # the guideline itself is left out
    assert gaps["n_covering"].is_monotonic_increasing
    assert (gaps["n_documents"] == result.documents["doc_id"].nunique() - 1).all()
    alone = gap_items(result.documents[result.documents["doc_id"] == g.doc_id])
    assert (alone["n_covering"] == 1).all()


def test_values_against_guideline(result):
    v = result.values.set_index("value_code")
    assert list(v.index) == [f"V{i:02d}" for i in range(1, 23)]
    # the values the 2022 review found missing from the old guidelines are all addressed now
    for code in ("V17", "V18", "V19", "V20", "V21"):
        assert v.at[code, "covered"], code
        assert v.at[code, "n_passages"] > 0
        assert v.at[code, "first_location"] != "" and v.at[code, "first_passage_id"].startswith(result.guideline.doc_id)
    # the crosswalk lists no item for cost / effect measurement
    assert not v.at["V22", "covered"] and v.at["V22", "targets"] == ""
    # principles where the values appear come from the passages' place in the structure
    assert "2" in v.at["V17", "principles"].split(";")
    assert "7" in v.at["V19", "principles"].split(";")
    assert set(v.at["V21", "parts"].split(";")) >= {"第2部"}


def test_values_with_domestic_counts(g, result):
    from aicompare.coverage import coverage_values

    counts = pd.DataFrame({"value_code": ["V17", "V21"], "count": [3, 2]})
    ev = result.values  # n_passages is independent of the counts
    out = coverage_values(g, None, domestic_counts=counts)
    assert out.set_index("value_code").loc[["V17", "V21"], "domestic_2022"].tolist() == [3, 2]
    assert out["domestic_2022"].isna().sum() == 20
    assert (out["n_passages"] == 0).all() and len(ev) == 22
    with pytest.raises(ValueError, match="value_code"):
        coverage_values(g, None, domestic_counts=pd.DataFrame({"code": ["V01"], "n": [1]}))


def test_group_aggregates(result, corpus):
    docs = corpus.documents.assign(country=["JP"] * (len(corpus.documents) - 1) + [None])
    grp = coverage_by_group(result.documents[result.documents["subitem"] == ""], docs, by="region")
    assert set(grp["group"]) == {"domestic", "unknown"}
    assert grp["share"].between(0, 1).all()
    assert home_country() == "JP"  # the guideline's row in SOURCES.csv
    assert region_of("jp", "JP") == "domestic" and region_of("US", "JP") == "overseas"
    assert region_of(None, "JP") == "unknown"
    with pytest.raises(ValueError, match="no column"):
        coverage_by_group(result.documents, docs, by="continent")


def test_another_edition_by_path(corpus, tmp_path):
    """--against PATH: an edition whose text drops a sub-item still parses; coverage follows its items."""
    text = guideline_source().read_text(encoding="utf-8")
    cut = text.replace("③ 合理的かつ誠実な対応", "（削除）", 1)
    edition = tmp_path / "business_guideline_edition.txt"
    edition.write_text(cut, encoding="utf-8")
    res = coverage_against(corpus.passages, edition)
    items = set(zip(res.documents["principle_no"], res.documents["subitem"]))
    assert (6, "③") not in items and (6, "④") in items
    assert any("absent from this edition" in n for n in res.notes)


def test_missing_edition_is_a_clear_error(corpus):
    with pytest.raises(FileNotFoundError, match="--against"):
        coverage_against(corpus.passages, "no/such/guideline.txt")
    # a document that is not an edition of the guideline (here: the 2022 review report)
    report = guideline_source().parent / "ai_network_society_report_2022_summary_ja.txt"
    with pytest.raises(ValueError, match="no common guiding principles"):
        coverage_against(corpus.passages, report)


def test_outputs_written(result, tmp_path):
    paths = write_coverage_outputs(result, tmp_path)
    names = {p.name for p in paths}
    assert {"coverage_values.csv", "coverage_documents.csv"} <= names
    values = pd.read_csv(tmp_path / "coverage_values.csv")
    assert list(values.columns[:6]) == ["value_code", "label_ja", "n_passages", "principles", "parts", "covered"]
    docs = pd.read_csv(tmp_path / "coverage_documents.csv", keep_default_na=False)
    assert list(docs.columns[:6]) == ["doc_id", "principle_no", "subitem", "covered", "score", "evidence_passage_ids"]
    again = write_coverage_outputs(result, tmp_path / "again")
    for a, b in zip(sorted(paths), sorted(again)):
        assert Path(a).read_bytes() == Path(b).read_bytes()  # deterministic


def test_match_passages_rejects_bad_input(g):
    with pytest.raises(ValueError, match="passage_id"):
        match_passages(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), g)


def test_cli_coverage(tmp_path):
    from typer.testing import CliRunner

    from aicompare.cli import app

    out = tmp_path / "cov"
    res = CliRunner().invoke(app, ["coverage", str(guideline_source()), "--out", str(out), "--no-figures",
                                   "--domestic-counts", "none"])
    assert res.exit_code == 0, res.output
    docs = pd.read_csv(out / "coverage_documents.csv", keep_default_na=False)
    assert docs.loc[docs["subitem"] == "", "covered"].all()
    bad = CliRunner().invoke(app, ["coverage", str(guideline_source()), "--against", str(tmp_path / "nope.txt"),
                                   "--out", str(out), "--no-figures", "--domestic-counts", "none"])
    assert bad.exit_code == 1
