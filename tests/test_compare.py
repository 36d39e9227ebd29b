"""Overseas comparison on real inputs: the review's scope from its text, WAIE dev aggregated by
region / country / publisher type with the extractor's evidence, the review-style figure, the CLI."""
from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.compare import (
    TOTAL_GROUP, aggregate_values, corpus_values, domestic_doc_ids, group_evidence, prevalence_comparison,
    review_domestic_counts, review_scope, review_selection, scope_from_survey, value_prevalence, wide_counts,
)
from aicompare.corpus import meta
from aicompare.corpus.waie import read_waie
from aicompare.schema import COMPARE_COLUMNS, COMPARE_EVIDENCE_COLUMNS, PREVALENCE_COLUMNS, SELECTION_COLUMNS
from aicompare.stages.compare import write_compare_outputs
from aicompare.taxonomy import value_codes

from conftest import REVIEW_REPORT


@pytest.fixture(scope="module")
def waie(waie_path):
    corpus = read_waie(waie_path)
    evidence, matrix = corpus_values(corpus.passages, corpus.documents["doc_id"].tolist())
    return corpus.documents, evidence, matrix


# ---------------------------------------------------------------- the review's scope


def test_scope_parsed_from_the_review_text():
    scope = review_scope(REVIEW_REPORT)
    ents = scope.entities
    countries = ents.loc[ents["kind"] == "country", "code"].tolist()
    assert len(countries) == scope.n_countries_stated == 16  # 「16箇国」
    assert countries == ["US", "CA", "GB", "IT", "NL", "SE", "DK", "DE", "NO", "FI", "FR", "IN", "KR", "SG", "CN", "AU"]
    assert ents.loc[ents["kind"] != "country", "code"].tolist() == ["EU", "UNESCO", "WHO"]
    assert (scope.since_year, scope.since_month) == (2019, 8)  # 「2019年８月以降」
    # every name appears verbatim in the report
    text = REVIEW_REPORT.read_text(encoding="utf-8").replace("\n", "")
    assert all(name in text for name in ents["name_ja"])


def test_scope_mapping_rejects_inconsistent_tables():
    from aicompare.survey import parse_survey

    table = parse_survey(REVIEW_REPORT).scope
    assert scope_from_survey(table).n_countries_stated == 16
    odd = table.copy()
    odd.loc[odd["category"] == "country", "name"] = odd.loc[odd["category"] == "country", "name"].replace("米国", "アトランティス")
    with pytest.raises(ValueError, match="アトランティス"):
        scope_from_survey(odd)
    fewer = table.drop(index=table.index[table["category"] == "country"][:1])
    with pytest.raises(ValueError, match="states 16 countries but 15"):
        scope_from_survey(fewer)


def test_review_domestic_counts_are_the_published_ones():
    from aicompare.survey import parse_survey

    counts = review_domestic_counts(REVIEW_REPORT)
    published = parse_survey(REVIEW_REPORT).counts_domestic
    assert list(counts.columns) == ["value", "count", "n_documents"]
    assert counts["value"].tolist() == value_codes()
    assert (counts["count"].to_numpy() == published["count"].to_numpy()).all()
    assert (counts["n_documents"] == published["n_guidelines"]).all()


def test_review_selection_on_waie(waie, waie_dev_path):  # UNESCO/WHO rows of the real subset
    docs, _, _ = waie
    sel = review_selection(docs, review_scope(REVIEW_REPORT))
    assert list(sel.columns) == SELECTION_COLUMNS and len(sel) == len(docs)
    chosen = docs.set_index("doc_id").loc[sel.loc[sel["selected"], "doc_id"]]
    assert len(chosen) > 0
    assert (chosen["year"] >= 2019).all() and (chosen["publisher_type"] == "government").all()
    scope_codes = set(review_scope(REVIEW_REPORT).entities["code"])
    for d in chosen.itertuples():
        entities = set(meta.split_multi(d.country, sep=";")) | ({d.organisation} if isinstance(d.organisation, str) else set())
        assert entities & scope_codes and "JP" not in entities
    # UNESCO's 2021 Recommendation and WHO's 2021 guidance are in; UNESCO COMEST 2017 is out by date
    orgs = docs.set_index("doc_id")["organisation"]
    unesco = sel.set_index("doc_id").join(docs.set_index("doc_id")[["year"]]).loc[orgs[orgs == "UNESCO"].index]
    assert (unesco["selected"] == (unesco["year"] >= 2019)).all() and unesco["selected"].any()
    assert sel.set_index("doc_id").loc[orgs[orgs == "WHO"].index, "selected"].all()
    # companies never pass the default publisher rule; they do when asked for
    companies = docs.loc[docs["publisher_type"] == "company", "doc_id"]
    assert not sel.set_index("doc_id").loc[companies, "selected"].any()
    wide = review_selection(docs, review_scope(REVIEW_REPORT), publisher_types=("government", "company"))
    assert wide["selected"].sum() > sel["selected"].sum()


# ---------------------------------------------------------------- aggregation


@pytest.mark.parametrize("by", ["region", "country", "publisher_type"])
def test_aggregation_counts_match_the_documents(waie, by):
    docs, evidence, matrix = waie
    table = aggregate_values(matrix, docs, by)
    assert list(table.columns) == COMPARE_COLUMNS
    assert sorted(table["value"].unique()) == value_codes()
    n = table.drop_duplicates("group").set_index("group")["n_documents"]
    assert n[TOTAL_GROUP] == len(docs)
    # group sizes counted independently from the documents table (multi-valued cells split on ';')
    members = docs[by].fillna("(unspecified)").str.split(";").explode()
    assert (members.value_counts().sort_index() == n.drop(TOTAL_GROUP).sort_index()).all()
    assert (table["count"] <= table["n_documents"]).all()
    assert ((table["count"] / table["n_documents"]).round(4) == table["share"]).all()
    assert (table["over_half"] == (table["count"] > table["n_documents"] / 2)).all()
    # every cell is traceable: count = documents with evidence passages for that value in that group
    ev = group_evidence(evidence, docs, by)
    traced = ev.groupby(["group", "value"])["doc_id"].nunique()
    cells = table[table["group"] != TOTAL_GROUP].set_index(["group", "value"])["count"]
    assert (cells[cells > 0].sort_index() == traced.reindex(cells[cells > 0].index).sort_index()).all()
    assert {"passage_id", "section_path"} <= set(ev.columns)
    totals = table[table["group"] == TOTAL_GROUP].set_index("value")["count"]
    assert (totals == matrix.set_index("doc_id").sum()).all()


def test_wide_table_groups_by_size_total_last(waie):
    docs, _, matrix = waie
    table = aggregate_values(matrix, docs, "publisher_type")
    wide = wide_counts(table)
    assert wide["group"].iloc[-1] == TOTAL_GROUP
    assert wide["n_documents"].iloc[:-1].is_monotonic_decreasing
    cells = table.set_index(["group", "value"])["count"]
    assert all(wide.set_index("group").at[g, v] == cells[(g, v)] for g, v in cells.index)


def test_prevalence_overseas_vs_domestic(waie):
    docs, _, matrix = waie
    home = domestic_doc_ids(docs, "JP")
    assert home  # WAIE lists Japanese guidelines
    overseas = sorted(set(docs["doc_id"]) - set(home))
    comp = prevalence_comparison(value_prevalence(matrix, overseas), value_prevalence(matrix, home))
    assert list(comp.columns) == PREVALENCE_COLUMNS and len(comp) == len(value_codes())
    assert (comp["overseas_n"] == len(overseas)).all() and (comp["domestic_n"] == len(home)).all()
    m = matrix.set_index("doc_id")
    assert (comp.set_index("value")["domestic_count"] == m.loc[home].sum()).all()
    assert ((comp["overseas_share"] - comp["domestic_share"]).round(4) == comp["difference"]).all()
    with pytest.raises(ValueError, match="needs columns"):
        prevalence_comparison(comp, pd.DataFrame({"value": ["V01"]}))


def test_outputs_are_deterministic(waie, tmp_path):
    docs, evidence, matrix = waie
    sel = review_selection(docs, review_scope(REVIEW_REPORT))
    runs = []
    for name in ("a", "b"):
        written = write_compare_outputs(docs, matrix, tmp_path / name, by=("region", "publisher_type"),
                                        evidence=evidence, selection=sel, figures=False)
        runs.append({p.name: p.read_bytes() for p in written})
    assert runs[0] == runs[1]
    assert {"region.csv", "publisher_type_wide.csv", "selection.csv",
            "region_evidence.csv", "value_matrix.csv"} <= set(runs[0])
    region = pd.read_csv(tmp_path / "a" / "region.csv")
    assert region.loc[region["group"] == TOTAL_GROUP, "n_documents"].iloc[0] == sel["selected"].sum()


def test_bad_inputs(waie):
    docs, _, matrix = waie
    with pytest.raises(ValueError, match="unknown grouping"):
        aggregate_values(matrix, docs, "continent")
    with pytest.raises(ValueError, match="no value columns"):
        aggregate_values(matrix[["doc_id"]], docs, "region")


# ---------------------------------------------------------------- command line


def test_cli_compare_writes_tables_and_matrix_figure(waie_path, tmp_path):
    out = tmp_path / "cmp"
    res = CliRunner().invoke(app, ["compare", str(waie_path), "--by", "region", "--by", "publisher_type",
                                   "--out", str(out)])
    assert res.exit_code == 0, res.output
    for name in ("region.csv", "publisher_type.csv", "region_matrix.png",
                 "publisher_type_matrix.svg", "prevalence_overseas_domestic.csv",
                 "prevalence_overseas_domestic.png", "evidence.csv", "documents.csv"):
        assert (out / name).is_file(), name
    raw = pd.read_parquet(waie_path)
    table = pd.read_csv(out / "publisher_type.csv")
    assert table.loc[table["group"] == TOTAL_GROUP, "n_documents"].iloc[0] == len(raw)
    assert "documents compared" in res.output and "domestic side: review" in res.output
    prevalence = pd.read_csv(out / "prevalence_overseas_domestic.csv")
    assert (prevalence["domestic_n"] == review_domestic_counts(REVIEW_REPORT)["n_documents"].iloc[0]).all()
    bad = CliRunner().invoke(app, ["compare", str(waie_path), "--by", "planet", "--out", str(out)])
    assert bad.exit_code == 1 and "unknown --by planet" in bad.output


def test_cli_compare_with_review_rules(waie_path, tmp_path):
    res = CliRunner().invoke(app, ["compare", str(waie_path), "--by", "country", "--review-rules",
                                   "--domestic", "corpus", "--no-figures", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    sel = pd.read_csv(tmp_path / "selection.csv")
    table = pd.read_csv(tmp_path / "country.csv")
    assert table.loc[table["group"] == TOTAL_GROUP, "n_documents"].iloc[0] == sel["selected"].sum()
    scope = set(review_scope(REVIEW_REPORT).entities["code"])
    assert set(table["group"]) - {TOTAL_GROUP} <= scope | {"INT"}


def test_group_evidence_columns_in_documented_order(waie):
    docs, evidence, _ = waie
    ev = group_evidence(evidence, docs, "publisher_type")
    assert list(ev.columns) == COMPARE_EVIDENCE_COLUMNS
    dictionary = (REVIEW_REPORT.parents[2] / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert f"`<by>_evidence.csv`: {', '.join(COMPARE_EVIDENCE_COLUMNS)}" in dictionary


def test_cli_compare_lang(waie_path, tmp_path):
    res = CliRunner().invoke(app, ["compare", str(waie_path), "--by", "region", "--domestic", "none",
                                   "--lang", "xx", "--out", str(tmp_path)])
    assert res.exit_code == 2 and "Invalid value for --lang" in res.output
