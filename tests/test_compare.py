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


# ---------------------------------------------------------------- the review's matrix, per guideline
@pytest.mark.parametrize("by", ["country", "publisher_type"])
def test_guideline_matrix_on_the_shipped_corpus(shipped_coding, by):
    from aicompare.compare import SMALL_GROUP, document_groups, guideline_matrix

    docs, _, matrix = shipped_coding
    table = guideline_matrix(docs, matrix, by)
    values = value_codes()
    pres = matrix.set_index("doc_id")[values]
    assert list(table.columns[:8]) == ["row", "by", "group", "doc_id", "title", "year", "n_documents", "small_group"]
    assert list(table.columns[8:]) == values and (table["by"] == by).all()
    members = document_groups(docs, by).groupby("group")["doc_id"].apply(set).to_dict()
    guide = table[table["row"] == "guideline"]
    assert set(guide["doc_id"]) == set(docs["doc_id"])  # every compared guideline is listed
    by_doc = docs.set_index("doc_id")
    for r in guide.itertuples():
        assert r.title == by_doc.at[r.doc_id, "title"] and r.year == int(by_doc.at[r.doc_id, "year"])
        assert [getattr(r, v) for v in values] == pres.loc[r.doc_id].tolist()
    groups = table[table["row"] == "group"]
    assert sorted(groups["group"]) == sorted(members)
    sizes = groups["n_documents"].tolist()
    assert sizes == sorted(sizes, reverse=True)  # largest groups first
    for i in groups.index:  # each group row heads its guidelines
        g = table.at[i, "group"]
        block = table.loc[i + 1:]
        block = block.iloc[: next((k for k, row in enumerate(block["row"]) if row != "guideline"), len(block))]
        assert set(block["doc_id"]) == members[g] and (block["group"] == g).all()
        assert table.at[i, "n_documents"] == len(members[g])
        assert table.at[i, "small_group"] == (len(members[g]) < SMALL_GROUP)
        assert table.loc[i, values].tolist() == pres.loc[sorted(members[g])].sum().tolist()
    total = table[table["row"] == "total"].iloc[0]
    assert total["n_documents"] == len(docs) and total[values].tolist() == pres.sum().tolist()
    assert table.index[table["row"] == "total"].tolist() == [len(table) - 1]


def test_cell_strengths_follow_the_decisions(shipped_coding):
    from aicompare.compare import cell_strengths

    _, decisions, matrix = shipped_coding
    s = cell_strengths(decisions)
    pres = matrix.set_index("doc_id")[value_codes()]
    on = s.loc[pres.index, pres.columns].isin(["moderate", "strong", "reviewed"])
    assert (on.to_numpy() == pres.astype(bool).to_numpy()).all()  # pink exactly where the matrix has a 1
    assert {"weak", "moderate"} <= set(s.to_numpy().ravel())  # the shipped coding has both kinds of thin cells


def test_write_guideline_matrix_csv_and_formatted_excel(shipped_coding, tmp_path):
    import openpyxl

    from aicompare.compare import SMALL_GROUP, cell_strengths, guideline_matrix
    from aicompare.figures.style import LIGHT_PINK, OVER_HALF_RED, PRESENT_PINK
    from aicompare.io import unescape_csv_frame
    from aicompare.stages.compare import write_guideline_matrix

    docs, decisions, matrix = shipped_coding
    paths = write_guideline_matrix(docs, matrix, tmp_path, decisions=decisions, figures=False)
    assert [p.name for p in paths] == ["guideline_matrix.csv", "guideline_matrix.xlsx"]
    table = guideline_matrix(docs, matrix, "country")
    back = unescape_csv_frame(pd.read_csv(tmp_path / "guideline_matrix.csv", keep_default_na=False,
                                          dtype={"title": str, "doc_id": str}))
    values = value_codes()
    assert back[values].to_numpy().tolist() == table[values].to_numpy().tolist()
    assert back["doc_id"].tolist() == table["doc_id"].tolist()
    strengths = cell_strengths(decisions)
    book = openpyxl.load_workbook(tmp_path / "guideline_matrix.xlsx")
    assert book.sheetnames == ["ja", "en"]
    for ws in book.worksheets:
        assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f"]  # values, never formulas
        header = [c.value for c in ws[1]]
        first = header.index("V01 " + (value_labels_of(ws.title)["V01"]))
        for i, r in enumerate(table.itertuples(index=False), start=2):
            row = r._asdict()
            for j, v in enumerate(values):
                cell = ws.cell(row=i, column=first + 1 + j)
                assert cell.value == row[v]
                fill = cell.fill.start_color.rgb if cell.fill.fill_type else None
                font = cell.font.color.rgb if cell.font.color is not None else None
                if row["row"] == "guideline":
                    s = strengths.at[row["doc_id"], v]
                    want = ("FF" + PRESENT_PINK[1:].upper() if row[v] and s != "moderate" else
                            "FF" + LIGHT_PINK[1:].upper() if row[v] else None)
                    assert fill == want, (row["doc_id"], v, s)
                else:
                    red = row[v] * 2 > row["n_documents"] and row["n_documents"] >= SMALL_GROUP
                    assert (font == "FF" + OVER_HALF_RED[1:].upper()) == red, (row["group"], v)


def value_labels_of(lang: str) -> dict[str, str]:
    from aicompare.figures.wording import value_labels

    return value_labels(lang)
