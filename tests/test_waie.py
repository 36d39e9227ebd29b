"""Corpus loaders on real inputs: the WAIE dev subset, the shared PDF manifest, the seeds; fetch offline."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.corpus import fetch as fetch_mod
from aicompare.corpus import meta
from aicompare.corpus.fetch import FetchError, fetch_dataset
from aicompare.corpus.load import load_corpus
from aicompare.corpus.manifest import load_manifest, read_manifest
from aicompare.corpus.waie import load_waie, read_waie, split_principles, waie_doc_id
from aicompare.schema import DOCUMENT_COLUMNS, PASSAGE_COLUMNS, PUBLISHER_TYPES, validate

from conftest import RAW

UNREACHABLE = "http://127.0.0.1:9/data_raw.parquet"  # discard port on this machine: refused at once, no network


@pytest.fixture(scope="module")
def waie(waie_path):
    return read_waie(waie_path)


@pytest.fixture(scope="module")
def waie_raw(waie_path):
    return pd.read_parquet(waie_path)


def test_waie_documents_and_passages_follow_the_schema(waie, waie_raw):
    docs, ps = waie.documents, waie.passages
    assert len(docs) == len(waie_raw) and docs["doc_id"].is_unique
    assert list(docs.columns[: len(DOCUMENT_COLUMNS)]) == DOCUMENT_COLUMNS
    assert list(ps.columns) == PASSAGE_COLUMNS
    validate(docs, "documents")
    validate(ps, "passages")
    assert set(docs["source_type"]) == {"waie"}
    assert set(docs["publisher_type"]) <= set(PUBLISHER_TYPES)
    assert ps["passage_id"].str.fullmatch(r".+:\d{5}").all()
    assert (ps.groupby("doc_id").size().reindex(docs["doc_id"]).fillna(0).astype(int).values
            == docs["n_passages"].values).all()


def test_one_passage_per_principle_block_traceable_to_the_source(waie, waie_raw):
    docs, ps = waie.documents.set_index("doc_id"), waie.passages
    raw_by_row = waie_raw["principles_definition"]
    # blocks counted independently: lines of the cell that start with '#'
    expected = [sum(ln.lstrip().startswith("#") for ln in d.splitlines()) for d in raw_by_row]
    got = docs.sort_values("source_row")["n_passages"].tolist()
    assert got == expected
    for p in ps.sample(60, random_state=1).itertuples():
        source = raw_by_row.iloc[int(docs.loc[p.doc_id, "source_row"])]
        assert source[p.char_start:p.char_end] == p.text_raw
        assert p.text_raw.startswith(f"#{p.heading}:")
        assert p.heading == p.section_path and not p.text.startswith("#")


def test_headings_are_the_waie_principle_labels(waie, waie_raw, waie_dev_path):  # the real subset's labels
    labels = {x.strip() for s in waie_raw["principles"] for x in s.split(",")}
    headings = set(waie.passages["heading"])
    assert labels <= headings  # every label appears as a passage heading
    assert len(labels) == 17  # the 17 WAIE principles (README of the dataset)


def test_publisher_types_and_places_come_from_the_crosswalks(waie, waie_raw, waie_dev_path):  # real rows
    docs = waie.documents.sort_values("source_row").reset_index(drop=True)
    assert waie.issues[waie.issues["code"].isin(["unknown_institution_type", "unknown_country"])].empty
    itype = waie_raw["institution_type"]
    is_gov = itype.str.contains("Governmental Institution|International Organization")
    assert ((docs["publisher_type"] == "government") == is_gov).all()
    only_company = itype == "Private Corporation"
    assert (docs.loc[only_company, "publisher_type"] == "company").all()
    assert (docs.loc[itype == "Industrial Association", "publisher_type"] == "industry_body").all()
    usa = waie_raw["country"] == "United States of America"
    assert (docs.loc[usa, "country"] == "US").all() and usa.sum() > 0
    assert (docs.loc[waie_raw["country"] == "Russia, Russia", "country"] == "RU").all()
    jp_gb = waie_raw["country"] == "Japan, United Kingdom"
    assert (docs.loc[jp_gb, "country"] == "JP;GB").all()
    assert (docs.loc[waie_raw["world_region"] == "Eastern Asia, Western Europe", "region"]
            == "Eastern Asia;Western Europe").all()
    unesco = waie_raw["institution"].str.contains("UNESCO")
    who = waie_raw["institution"].str.contains(r"\(WHO\)")
    assert unesco.sum() >= 1 and who.sum() >= 1
    assert (docs.loc[unesco, "organisation"] == "UNESCO").all()
    assert (docs.loc[who, "organisation"] == "WHO").all()
    years = pd.to_numeric(waie_raw["year_of_publication"], errors="coerce").astype("Int64")
    assert docs["year"].equals(years.rename("year"))


def test_doc_ids_are_stable_across_subsets_and_runs(waie, waie_raw, tmp_path):
    subset = waie_raw.iloc[::-7].reset_index(drop=True)
    path = tmp_path / "subset.parquet"
    subset.to_parquet(path)
    docs, _ = load_waie(path)
    by_title = waie.documents.set_index("title")["doc_id"]
    assert sorted(docs["doc_id"]) == sorted(by_title.loc[docs["title"]])
    again = read_waie(Path(waie.documents["path"].iloc[0]))
    pd.testing.assert_frame_equal(again.documents, waie.documents)
    pd.testing.assert_frame_equal(again.passages, waie.passages)
    assert waie_doc_id("Ética & IA", "Inst") == waie_doc_id("Ética & IA", "Inst")
    assert waie_doc_id("Ética & IA", "Inst").startswith("waie-etica-ia-")


def test_bad_waie_inputs_give_clear_errors_or_issues(waie_raw, tmp_path):
    bad = tmp_path / "no_definitions.parquet"
    waie_raw.drop(columns=["principles_definition"]).to_parquet(bad)
    with pytest.raises(ValueError, match="principles_definition"):
        load_waie(bad)
    with pytest.raises(FileNotFoundError, match="fetch waie"):
        load_waie(tmp_path / "absent.parquet")
    odd = waie_raw.head(3).copy()
    odd.loc[0, "institution_type"] = "Space Agency"
    odd.loc[1, "principles_definition"] = ""
    odd.loc[2, "country"] = "Atlantis"
    path = tmp_path / "odd.parquet"
    odd.to_parquet(path)
    res = read_waie(path)
    assert len(res.documents) == 3
    codes = set(res.issues["code"])
    assert {"unknown_institution_type", "no_passages", "unknown_country"} <= codes
    first = res.documents.set_index("source_row")
    assert first.loc[0, "publisher_type"] == "other" and first.loc[1, "n_passages"] == 0
    assert first.loc[2, "country"] == "Atlantis"


def test_split_principles_offsets():
    text = "#Privacy: data are protected.\n#Transparency/Explainability/Auditability:  explain   decisions. \n"
    blocks = split_principles(text)
    assert [b["principle"] for b in blocks] == ["Privacy", "Transparency/Explainability/Auditability"]
    assert [b["text"] for b in blocks] == ["data are protected.", "explain decisions."]
    for b in blocks:
        assert text[b["char_start"]:b["char_end"]] == b["text_raw"]


# ---------------------------------------------------------------- manifest


def test_shared_manifest_metadata(shared_pdf_dir):
    manifest = shared_pdf_dir / "MANIFEST.csv"
    md, issues = read_manifest(manifest)
    raw = pd.read_csv(manifest)
    assert len(md) == len(raw) and issues.empty
    m = md.set_index("file")
    for r in raw.itertuples():
        row = m.loc[r.file]
        if r.publisher_type in ("government", "international"):  # the review groups international bodies with governments
            assert row["publisher_type"] == "government"
        assert row["publisher_kind"] == r.publisher_type
        assert row["year"] == r.year
        assert row["lang"] == r.language[:2]
    who = raw.loc[raw["publisher"].str.contains("World Health Organization"), "file"]
    assert (m.loc[who, "organisation"] == "WHO").all() and len(who) == 1
    assert (m.loc[raw.loc[raw["country"] == "GB", "file"], "region"] == "Western Europe").all()


def test_manifest_ingests_listed_files_and_joins_metadata(tmp_path):
    files = ["ai_guidelines_for_business_v1_01_draft_ja.txt", "ai_network_society_report_2022_summary_ja.txt"]
    rows = [{"file": str(RAW / f), "title": f"My title {i}", "publisher": "Ministry", "country": "Japan",
             "publisher_type": "government", "year": 2024, "lang": "ja"} for i, f in enumerate(files)]
    rows.append({"file": "missing.pdf", "title": "Gone", "publisher": "X", "country": "US",
                 "publisher_type": "company", "year": 2020, "lang": "en"})
    manifest = tmp_path / "collection.csv"
    pd.DataFrame(rows).to_csv(manifest, index=False)
    docs, passages = load_manifest(manifest, follow_outside=True)  # absolute paths out of tmp_path: asked for
    assert sorted(docs["doc_id"]) == sorted(Path(f).stem for f in files)
    assert set(docs["title"]) == {"My title 0", "My title 1"}
    assert set(docs["country"]) == {"JP"} and set(docs["region"]) == {"Eastern Asia"}
    assert (docs["year"] == 2024).all() and set(passages["doc_id"]) == set(docs["doc_id"])
    corpus = load_corpus([manifest])  # without the option the listed files outside the folder are named, not read
    assert "manifest_file_missing" in set(corpus.issues["code"]) and corpus.documents.empty
    assert (corpus.issues["code"] == "outside_input").sum() == len(files)


def test_load_corpus_mixes_waie_and_ingested_seeds(waie_path, waie, seeds):
    corpus = load_corpus([waie_path, seeds])
    sources = pd.read_csv(seeds / "SOURCES.csv")
    assert len(corpus.documents) == len(waie.documents) + len(sources)
    seeds = corpus.documents[corpus.documents["source_type"] != "waie"]
    assert set(seeds["country"]) == {"JP"} and set(seeds["region"]) == {"Eastern Asia"}
    assert corpus.documents["doc_id"].is_unique
    assert set(corpus.passages["doc_id"]) == set(corpus.documents["doc_id"])


# ---------------------------------------------------------------- fetch


def test_fetch_offline_gives_manual_instructions(monkeypatch, tmp_path):
    sources = {k: dict(v) for k, v in fetch_mod.external_sources().items()}
    sources["waie"]["url"] = UNREACHABLE
    monkeypatch.setattr(fetch_mod, "external_sources", lambda: sources)
    with pytest.raises(FetchError) as exc:
        fetch_dataset("waie", dest_dir=tmp_path)
    msg = str(exc.value)
    assert "could not download 'waie'" in msg and UNREACHABLE in msg
    assert str(tmp_path / "waie" / "data_raw.parquet") in msg and "pass the file's path" in msg
    assert not (tmp_path / "waie" / "data_raw.parquet").exists()
    res = CliRunner().invoke(app, ["fetch", "waie", "--out", str(tmp_path)])
    assert res.exit_code == 1 and "could not download" in res.output


def test_fetch_writes_file_and_checksum(waie_path, tmp_path):
    got = fetch_dataset("waie", dest_dir=tmp_path, url=waie_path.resolve().as_uri())
    data = waie_path.read_bytes()
    assert got.path == tmp_path / "waie" / "data_raw.parquet" and got.path.read_bytes() == data
    assert got.sha256 == hashlib.sha256(data).hexdigest()
    assert (tmp_path / "waie" / "data_raw.parquet.sha256").read_text() == f"{got.sha256}  data_raw.parquet\n"
    not_waie = tmp_path / "other.parquet"
    pd.DataFrame({"a": [1]}).to_parquet(not_waie)
    with pytest.raises(FetchError, match="lacks the expected columns"):
        fetch_dataset("waie", dest_dir=tmp_path / "x", url=not_waie.resolve().as_uri())


def test_scope_names_in_the_country_table_are_unique():
    table = meta.countries()
    for col in ("waie_names", "names_ja"):
        names = [n.casefold() for cell in table[col] for n in cell.split("|") if n]
        assert len(names) == len(set(names)), col
    assert all(re.fullmatch(r"[A-Z0-9]{2,6}", c) for c in table["code"])


def test_shared_pdfs_load_in_full_text_with_manifest_metadata(shared_pdf_dir, tmp_path):
    raw = pd.read_csv(shared_pdf_dir / "MANIFEST.csv")
    small = raw.sort_values("pages").head(2).copy()  # the two shortest PDFs keep the test quick
    small["file"] = [str(shared_pdf_dir / f) for f in small["file"]]
    manifest = tmp_path / "MANIFEST.csv"
    small.to_csv(manifest, index=False)
    docs, passages = load_manifest(manifest, follow_outside=True)  # absolute paths out of tmp_path: asked for
    assert sorted(docs["doc_id"]) == sorted(Path(f).stem for f in small["file"])
    got = docs.set_index("doc_id")
    for r in small.itertuples():
        d = got.loc[Path(r.file).stem]
        assert d["title"] == r.title and d["year"] == r.year and d["n_pages"] == r.pages
        assert d["publisher_kind"] == r.publisher_type and d["source_type"] == "pdf"
        assert d["n_passages"] == (passages["doc_id"] == d.name).sum() > 0
