"""Ingestion on real inputs: the seeds, PDFs generated from seed text, bad files, the shared PDFs."""
from __future__ import annotations

import json
from pathlib import Path
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.corpus.ingest import ingest, read_ingested
from aicompare.schema import DOCUMENT_COLUMNS, PASSAGE_COLUMNS

from conftest import BUSINESS_GUIDELINE, RAW, business_guideline_lines, make_pdf


def test_seeds_ingest_into_documents_and_passages(seed_ingest):
    docs, ps = seed_ingest.documents, seed_ingest.passages
    sources = pd.read_csv(RAW / "SOURCES.csv")
    assert len(docs) == len(sources) == 5
    assert list(docs.columns[: len(DOCUMENT_COLUMNS)]) == DOCUMENT_COLUMNS
    assert list(ps.columns[: len(PASSAGE_COLUMNS)]) == PASSAGE_COLUMNS
    assert len(ps) > 1000 and not seed_ingest.failed
    assert set(docs["lang"]) == {"ja"}
    assert set(docs["role"]) == set(sources["role"])
    assert ps["passage_id"].is_unique
    # sha256 in SOURCES.csv is the file's real hash
    merged = docs.assign(file=docs["path"].map(lambda p: p.split("/")[-1])).merge(sources, on="file")
    assert (merged["sha256_x"] == merged["sha256_y"]).all()


def test_business_guideline_principles_are_section_headings(seed_ingest):
    ps = seed_ingest.passages
    bg = ps[ps["doc_id"] == BUSINESS_GUIDELINE.stem]
    # the ten common guiding principles, as the guideline's Table 1 lists them (tab-separated rows)
    table_rows = [ln for ln in BUSINESS_GUIDELINE.read_text(encoding="utf-8").splitlines()
                  if re.match(r"^\d{1,2}\)\s*\S+\t", ln)]
    principles = [re.sub(r"\s", "", ln.split("\t")[0]) for ln in table_rows]
    assert len(principles) == 10
    paths = bg["section_path"].str.replace(" ", "")
    for p in principles:
        assert paths.str.contains("C.共通の指針>" + re.escape(p), regex=True).any(), p
    target = "C. 共通の指針 > 1) 人間中心 > ① 人間の尊厳及び個人の自律"
    under = bg[bg["section_path"].str.endswith(target)]
    assert under["section_path"].str.startswith("第2部").all() and len(under) >= 3
    assert (under["kind"] == "bullet").any()


def test_footnotes_are_not_glued_into_principle_sentences(seed_ingest):
    ps = seed_ingest.passages
    bg = ps[ps["doc_id"] == BUSINESS_GUIDELINE.stem]
    foot_lines = [ln.strip() for ln in BUSINESS_GUIDELINE.read_text(encoding="utf-8").splitlines()
                  if re.match(r"^\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s", ln)]
    assert len(foot_lines) > 30
    body = bg[(bg["kind"] != "footnote") & bg["section_path"].str.contains("C. 共通の指針", regex=False)]
    assert len(body) > 100
    for fl in foot_lines:
        start = fl[:25]  # the footnote marker with the start of its text
        assert not body["text_raw"].str.contains(start, regex=False).any(), fl
    assert (bg["kind"] == "footnote").sum() >= len(foot_lines) * 0.9


def test_offsets_and_raw_text(seed_ingest):
    ps = seed_ingest.passages
    assert (ps["char_end"] > ps["char_start"]).all()
    assert (ps["text"].str.len() > 0).all()
    assert (ps["page"].isna()).all()  # text seeds have no pages


def test_markdown_seed_headings(seed_ingest):
    ps = seed_ingest.passages
    md = ps[ps["doc_id"] == "ai_institutional_study_group_interim_report_2025_ja"]
    assert md["section_path"].str.contains("II.制度の基本的な考え方|II. 制度の基本的な考え方").any()
    assert not md["text"].str.contains("<sup>").any()


def test_ingest_is_deterministic_and_cached(tmp_path, monkeypatch, seeds):
    import aicompare.corpus.ingest as ing

    first = ingest([seeds])
    def no_parsing(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again instead of read from the cache")

    monkeypatch.setattr(ing, "parse_path", no_parsing)
    second = ingest([seeds])  # every file from the content-hash cache
    pd.testing.assert_frame_equal(first.passages, second.passages)
    pd.testing.assert_frame_equal(first.documents, second.documents)
    changed = tmp_path / "changed.txt"
    changed.write_text("公平性を確保する。", encoding="utf-8")
    with pytest.raises(AssertionError, match="parsed again"):
        ingest([changed])  # new content is not in the cache: it must be parsed


def test_japanese_legacy_encodings(tmp_path):
    text = "\n".join(business_guideline_lines(n=40))
    for enc in ("cp932", "euc_jp"):
        data = text.encode(enc, errors="ignore")  # EUC-JP has no ①: the reference drops it too
        (tmp_path / f"{enc}.txt").write_bytes(data)
        (tmp_path / f"{enc}_as_utf8.txt").write_text(data.decode(enc), encoding="utf-8")
    res = ingest([tmp_path], use_cache=False)
    assert not res.failed
    by_doc = {d: g["text"].tolist() for d, g in res.passages.groupby("doc_id")}
    assert by_doc["cp932"] == by_doc["cp932_as_utf8"]
    assert by_doc["euc_jp"] == by_doc["euc_jp_as_utf8"]
    assert "① 人間の尊厳及び個人の自律" in by_doc["cp932"]
    assert set(res.issues.loc[res.issues["code"] == "encoding", "doc_id"]) == {"cp932", "euc_jp"}


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    good = make_pdf(tmp_path / "good.pdf", [business_guideline_lines(n=30)])
    data = good.read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "random.pdf").write_bytes(b"%PDF-1.7\n garbage garbage")
    make_pdf(tmp_path / "locked.pdf", [business_guideline_lines(n=10)], encrypt="secret")
    make_pdf(tmp_path / "scan.pdf", [["x"], ["y"]], image_only=True)
    (tmp_path / "table.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    res = ingest([tmp_path], use_cache=False)
    assert list(res.documents["doc_id"]) == ["good"]
    codes = dict(zip(res.issues["path"].map(lambda p: p.split("/")[-1]), res.issues["code"]))
    assert codes["truncated.pdf"] == "corrupt_pdf"
    assert codes["random.pdf"] == "corrupt_pdf"
    assert codes["junk.txt"] == "binary"
    assert codes["empty.md"] == "empty"
    assert codes["notes.docx"] == "unsupported"
    assert codes["locked.pdf"] == "encrypted"
    assert codes["scan.pdf"] == "no_text_layer"
    assert codes["table.csv"] == "malformed_table"
    assert res.failed
    assert res.issues.set_index("code").loc["unsupported", "severity"] == "warning"  # skipped inside a folder
    named = ingest([tmp_path / "notes.docx"], use_cache=False)
    assert named.failed and named.issues.loc[0, "severity"] == "error"  # named explicitly: a failure
    msg = res.issues.set_index("code").loc["no_text_layer", "message"]
    assert "OCR" in msg and "scan.pdf" in msg


def test_generated_pdf_headers_footers_and_columns(tmp_path):
    lines = business_guideline_lines(n=90)
    pages = [lines[:30], lines[30:60], lines[60:90]]
    two_col = business_guideline_lines(start="6) 透明性", n=8)
    pdf = make_pdf(tmp_path / "bg.pdf", pages, header="AI事業者ガイドライン（第1.01版）", two_column=two_col)
    res = ingest([pdf], use_cache=False)
    ps = res.passages
    assert res.documents.loc[0, "n_pages"] == 4
    assert not ps["text"].str.contains("AI事業者ガイドライン(第1.01版)", regex=False).any()  # running header gone
    assert not ps["text"].str.fullmatch(r"-?\s*\d+\s*-?").any()  # page numbers gone
    assert ps["section_path"].str.contains("1) 人間中心 > ① 人間の尊厳及び個人の自律", regex=False).any()
    assert set(ps["page"].dropna().unique()) <= {1, 2, 3, 4}
    # a Japanese line broken mid-word by the PDF is joined back
    first_bullet = re.sub(r"^[-\s✧]+", "", lines[3]).replace(" ", "")
    assert any(first_bullet[:40] in t for t in ps["text"]), first_bullet[:40]
    # two-column page: the left column is read before the right column, even when the PDF draws the
    # two columns line by line (content-stream order would interleave them)
    last = ps[ps["page"] == 4]
    assert last["text"].iloc[0].startswith("6) 透明性")
    half = (len(two_col) + 1) // 2
    left_tail = re.sub(r"^[-\s✧]+", "", two_col[half - 1]).replace(" ", "")[-12:]
    for interleaved in (False, True):
        pdf2 = make_pdf(tmp_path / f"cols{interleaved}.pdf", [], two_column=two_col, interleaved=interleaved)
        text = "".join(ingest([pdf2], use_cache=False).passages["text"])
        right_head = re.sub(r"^[-\s✧]+", "", two_col[half]).replace(" ", "")[:12]
        assert left_tail in text and right_head in text
        assert text.index(left_tail) < text.index(right_head), interleaved


def test_html_and_tables(tmp_path):
    (tmp_path / "page.html").write_text(
        "<html><head><title>Company AI Policy</title><style>p{color:red}</style></head><body>"
        "<script>alert('x')</script><h1>AI Principles</h1><h2>1. Privacy</h2><p>We protect personal data "
        "and respect privacy.</p><h2>2. Fairness</h2><ul><li>We avoid unfair bias.</li></ul></body></html>",
        encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text(
        json.dumps({"doc_id": "acme", "text": "Transparency. We explain our AI.", "country": "US",
                    "publisher_type": "company", "year": 2021}) + "\n", encoding="utf-8")
    res = ingest([tmp_path], use_cache=False)
    ps = res.passages
    assert not ps["text"].str.contains("alert|color:red").any()
    priv = ps[ps["text"].str.startswith("We protect")]
    assert priv["section_path"].iloc[0] == "AI Principles > 1. Privacy"
    assert ps.loc[ps["text"] == "We avoid unfair bias.", "kind"].iloc[0] == "bullet"
    doc = res.documents.set_index("doc_id")
    assert doc.loc["page", "title"] == "Company AI Policy"
    assert doc.loc["acme", "publisher_type"] == "company" and doc.loc["acme", "year"] == 2021
    assert doc.loc["acme", "source_type"] == "table"


def test_cli_ingest_writes_tables_and_exit_status(tmp_path, seeds):
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(app, ["ingest", str(seeds), "--out", str(out)])
    assert r.exit_code == 0, r.output
    docs, ps = read_ingested(out)
    assert len(docs) == 5 and len(ps) > 1000
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.pdf").write_bytes(b"not a pdf")
    (bad / "ok.txt").write_text("公平性を確保する。", encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(bad), "--out", str(tmp_path / "out2")])
    assert r.exit_code == 1
    docs2, _ = read_ingested(tmp_path / "out2")
    assert list(docs2["doc_id"]) == ["ok"]


def test_cli_version_and_help():
    runner = CliRunner()
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.output.startswith("aicompare ")
    assert runner.invoke(app, ["--help"]).exit_code == 0


def test_shared_pdfs_all_ingest(shared_pdf_dir):
    res = ingest([shared_pdf_dir], use_cache=False)
    manifest = pd.read_csv(shared_pdf_dir / "MANIFEST.csv")
    assert len(res.documents) == len(manifest)
    counts = res.passages.groupby("doc_id").size()
    assert (counts > 0).all() and len(counts) == len(manifest)
    docs = res.documents.set_index("doc_id")
    assert docs.loc["cn_tc260_ai_safety_governance_framework_v1_2024_zh", "lang"] == "zh"
    warned = res.issues[(res.issues["code"] == "language")]
    assert list(warned["doc_id"]) == ["cn_tc260_ai_safety_governance_framework_v1_2024_zh"]
    assert docs["publisher_type"].notna().all()  # metadata from MANIFEST.csv


def test_image_only_shared_pdf_with_pdfplumber(shared_pdf_dir):
    """The ASEAN guide has no text layer pdfminer can read: with pdfplumber it is reported for OCR."""
    pdf = shared_pdf_dir / "asean_expanded_guide_ai_governance_genai_2025_en_imageonly.pdf"
    res = ingest([pdf], pdf_engine="pdfplumber", use_cache=False)
    assert res.failed and res.issues.loc[0, "code"] == "no_text_layer"
    assert "OCR" in res.issues.loc[0, "message"]


def test_form_feeds_are_pages_and_running_heads_are_dropped(tmp_path):
    topics = ["privacy of users", "safety testing", "human oversight", "fairness audits", "energy use"]
    pages = [["Running head of the report", f"This page is about {t}.", f"{i}"] for i, t in enumerate(topics, start=1)]
    path = tmp_path / "paged.txt"
    path.write_text("\f".join("\n".join(p) for p in pages), encoding="utf-8")
    res = ingest([path], use_cache=False)
    ps = res.passages
    assert res.documents["n_pages"].item() == 5
    for i, t in enumerate(topics, start=1):
        assert ps.loc[ps["text"].str.contains(t), "page"].tolist() == [i]
    assert not ps["text"].str.contains("Running head").any()


def test_shipped_overseas_corpus_is_ingested_with_its_metadata_and_pages(small_raw):
    folder = small_raw / "overseas"
    sources = pd.read_csv(folder / "SOURCES.csv", dtype=str, keep_default_na=False)
    res = ingest([folder], use_cache=False)
    assert not res.failed
    docs = res.documents.set_index("doc_id")
    assert sorted(docs.index) == sorted(Path(f).stem for f in sources["file"])  # licence files are not documents
    for row in sources.itertuples():
        d = docs.loc[Path(row.file).stem]
        assert (d["title"], d["country"], int(d["year"])) == (row.title, row.country, int(row.year))
        if row.form == "text":  # extracted PDF text keeps its pages: evidence still cites them
            text = (folder / row.file).read_text(encoding="utf-8")
            assert d["n_pages"] == text.count("\f") + 1
            assert res.passages.loc[res.passages["doc_id"] == d.name, "page"].max() <= d["n_pages"]


def test_while_parsing_runs_once_while_the_workers_parse(seeds):
    """The caller's ``while_parsing`` work runs once, while worker processes parse (the ``all`` pipeline loads
    its later stages then), and does not change the tables; without workers there is no such time and it is
    not called."""
    calls = []
    alone = ingest([seeds], use_cache=False, workers=1, while_parsing=lambda: calls.append("no workers"))
    assert calls == []
    beside = ingest([seeds], use_cache=False, workers=2, while_parsing=lambda: calls.append("workers"))
    assert calls == ["workers"]
    pd.testing.assert_frame_equal(alone.passages, beside.passages)
    pd.testing.assert_frame_equal(alone.documents, beside.documents)


def test_when_parsed_runs_once_after_the_workers_read_every_file(seeds):
    """``when_parsed`` (where the ``all`` pipeline starts its browser) is called once, after the workers have read
    every file and before ingest returns, while ``while_parsing`` may still run; without workers it is not called."""
    import threading

    events = []
    files = sorted(p for p in seeds.iterdir() if p.is_file())
    assert len(files) > 2
    release = threading.Event()

    def loading():  # the caller's own work, still running when the last file is read
        events.append("loading")
        assert release.wait(60)

    def parsed():
        events.append("parsed")
        release.set()

    ingest([seeds], use_cache=False, workers=2, while_parsing=loading, when_parsed=parsed)
    assert events == ["loading", "parsed"]
    events.clear()
    ingest([seeds], use_cache=False, workers=1, when_parsed=parsed)
    assert events == []


def test_soft_hyphens_inside_words_are_joined_by_the_documents_own_words():
    """pdfium returns some words broken at a line end as "appro\ufffepriate" (issue 11: "respon-sible" and
    "sys-tem" missed the lexicon in NIST AI RMF and EO 14110); the document's words decide joining."""
    from aicompare.corpus.readers import join_soft_hyphens
    pages = ["an update is appro\ufffepriate; dual\ufffeuse models", "dual-use foundation models; context\uffferelevant "
             "data in context; relevant risks; develop\ufffement and development; respon\ufffe\nsible"]
    got = join_soft_hyphens(pages)
    assert got[0] == "an update is appropriate; dual-use models"
    assert "context-relevant" in got[1] and "development and development" in got[1]
    assert got[1].endswith("respon\ufffe\nsible")      # a marker before a line end is the segmenter's case
    assert join_soft_hyphens(["no markers"]) == ["no markers"]


def test_words_broken_at_line_ends_are_whole_in_the_shipped_pdfs():
    nist = ingest([RAW / "overseas" / "nist_ai_rmf_1_0_ai_100_1_2023_en.pdf"]).passages
    text = " ".join(nist["text"])
    assert "to determine if an update is appropriate;" in text and "appro-priate" not in text
    assert not re.search(r"\b(?:sys-tems?|respon-sible|trans-parent|trustworthi-ness)\b", text)
    assert "third-party" in text                    # compounds keep their hyphen
