import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from typer.testing import CliRunner

from aicompare.cli import app
from aicompare.figures.wording import text, value_labels
from aicompare.paths import portable_path
from aicompare.report import build_notebook_report, export_tables_xlsx, notebook_paths

from conftest import ROOT


def test_report_has_every_notebook_with_a_table_of_contents(tmp_path):
    out = build_notebook_report(tmp_path / "report.html")
    html = out.read_text(encoding="utf-8")
    paths = notebook_paths(ROOT / "notebooks")
    assert len(paths) >= 2
    for p in paths:
        assert f'href="#nb-{p.stem}"' in html and f'id="nb-{p.stem}"' in html
        title = next(c.source.splitlines()[0].lstrip("# ").strip()
                     for c in nbformat.read(p, as_version=4).cells if c.cell_type == "markdown")
        assert title.split("·")[-1].strip()[:20] in html
    assert "data:image/png;base64" in html  # figures embedded: the file stands alone
    assert not re.search(r'(src|href)="https?://', html)  # nothing loaded from the network
    assert build_notebook_report(tmp_path / "again.html").read_bytes() == out.read_bytes()


def test_excel_export_of_processed_tables(tmp_path, seed_ingest):
    from aicompare.corpus.ingest import write_ingested

    write_ingested(seed_ingest, tmp_path / "processed")
    book, sheets = export_tables_xlsx(tmp_path / "t.xlsx", tmp_path / "processed")
    assert sheets == ["documents"]
    back = pd.read_excel(book, sheet_name="documents")
    assert back["doc_id"].tolist() == seed_ingest.documents["doc_id"].tolist()


# ---------------------------------------------------------------- the corpus report (aicompare report CORPUS…)


HOSTILE_TITLE = '<script>alert("t")</script> & [bold]x'
HOSTILE_TITLE_2 = "<img src=x onerror=alert(1)>"


class _Tables(HTMLParser):
    """The report's tables: ``{table id: {"head": [...], "rows": [[(text, class), …], …], "foot": [...]}}``;
    also the findings (``<li>`` of ``ul.findings``) as text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.findings = {}, []
        self._table = self._part = self._cell = None
        self._in_findings = False
        self._li = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "rt" in (a.get("class") or ""):
            self._table = self.tables.setdefault(a["id"], {"head": [], "rows": [], "foot": []})
        elif self._table is not None and tag in ("thead", "tbody", "tfoot"):
            self._part = tag
        elif self._table is not None and tag == "tr" and self._part == "tbody":
            self._table["rows"].append([])
        elif self._table is not None and tag in ("td", "th"):
            self._cell = ["", a.get("class") or ""]
        elif tag == "ul" and a.get("class") == "findings":
            self._in_findings = True
        elif tag == "li" and self._in_findings:
            self._li = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif tag in ("td", "th") and self._cell is not None:
            cell = (self._cell[0], self._cell[1])
            if self._part == "thead":
                self._table["head"].append(cell[0])
            elif self._part == "tfoot":
                self._table["foot"].append(cell[0])
            else:
                self._table["rows"][-1].append(cell)
            self._cell = None
        elif tag == "ul":
            self._in_findings = False
        elif tag == "li" and self._li is not None:
            self.findings.append(self._li)
            self._li = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data
        if self._li is not None:
            self._li += data


def _parse(html: str) -> _Tables:
    p = _Tables()
    p.feed(html)
    return p


def _matrix_counts(parsed: _Tables) -> tuple[int, dict[str, int], list[str]]:
    """From the report's documents × values table: coded documents, documents addressing each value (cells
    of class ``on``), doc_ids not coded."""
    t = parsed.tables["table-matrix"]
    codes = [h for h in t["head"] if re.fullmatch(r"V\d\d", h)]
    first = t["head"].index(codes[0])
    coded = [r for r in t["rows"] if not any("s-not-coded" in c for _, c in r[first:])]
    counts = {c: sum("on" in r[first + j][1].split() for r in coded)
              for j, c in enumerate(codes)}
    not_coded = [r[0][0] for r in t["rows"] if r not in coded]
    return len(coded), counts, not_coded


def _check_findings(parsed: _Tables, lang: str) -> None:
    """The findings say what the report's own matrix table says."""
    n, counts, not_coded = _matrix_counts(parsed)
    labels = value_labels(lang)
    item = lambda c: text("report.item_value", lang, code=c, label=labels[c], c=counts[c], n=n, p=counts[c] / n)  # noqa: E731
    sep = text("report.sep", lang)
    over = [c for c in counts if counts[c] * 2 > n]
    expected = (text("report.f.over_half", lang, n=n, k=len(over), total=len(counts), items=sep.join(map(item, over)))
                if over else text("report.f.over_half_none", lang, n=n))
    assert expected in parsed.findings
    top = max(counts.values())
    assert text("report.f.most", lang, items=sep.join(item(c) for c in counts if counts[c] == top)) in parsed.findings
    t = parsed.tables["table-matrix"]
    assert t["foot"][-len(counts):] == [str(v) for v in counts.values()]  # the totals row agrees
    docs = parsed.tables["table-documents"]["rows"]
    assert text("report.f.documents", lang, n=len(docs), coded=n) in parsed.findings
    assert len(not_coded) == len(docs) - n


def _no_network_no_code(html: str) -> None:
    assert html.count("plotly.js v") == 1  # plotly.js inlined once
    assert html.count("window.PlotlyConfig") == 1
    assert not re.search(r"<script[^>]*\bsrc=|<link\b|<iframe\b", html)  # nothing loaded from elsewhere
    js = re.search(r"<script>/\*\*\n\* plotly\.js v.*?</script>", html, re.S)
    assert js and not re.search(r"""(src|href|url)\s*[=(]\s*["']?https?://""", html.replace(js.group(0), ""))
    for code_mark in ("jp-CodeCell", "input_area", "jp-InputArea", "highlight-ipynb", "In&nbsp;["):
        assert code_mark not in html  # no notebook code cells
    for table in ("documents", "matrix", "evidence"):
        assert f'<table class="rt" id="table-{table}">' in html
        assert f'<input type="search" id="table-{table}-filter"' in html


@pytest.fixture()
def generated(tmp_path) -> Path:
    """A folder with three generated documents: Japanese (JP) and English (GB) guidelines with hostile titles,
    and a Chinese one the extractor does not read."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = [
        {"doc_id": "jp_doc", "lang": "ja", "country": "JP", "publisher_type": "government", "year": 2024,
         "title": HOSTILE_TITLE,
         "text": "AIは人間中心の社会を目指す。プライバシーの保護と公平性を確保し、透明性と説明可能性を高める。\n\n"
                 "安全性とセキュリティを確保し、アカウンタビリティを果たす。"},
        {"doc_id": "gb_doc", "lang": "en", "country": "GB", "publisher_type": "company", "year": 2023,
         "title": HOSTILE_TITLE_2,
         "text": "AI systems must be safe and secure. Developers protect privacy and ensure fairness.\n\n"
                 "Transparency and explainability support accountability and human oversight."},
        {"doc_id": "zh_doc", "lang": "zh", "country": "CN", "publisher_type": "government", "year": 2023,
         "title": "人工智能指南 <b>zh</b>", "text": "人工智能应当安全、可靠、可控，保护个人隐私。"},
    ]
    (folder / "docs.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                       encoding="utf-8")
    return folder


def test_report_of_a_generated_folder(generated, tmp_path):
    runner = CliRunner()
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["report", str(generated), "--out", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="ja">')
    _no_network_no_code(html)
    parsed = _parse(html)
    _check_findings(parsed, "ja")
    # hostile titles: escaped, printed literally
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>zh</b>" not in html
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; [bold]x" in html
    titles = [r[1][0] for r in parsed.tables["table-documents"]["rows"]]
    assert HOSTILE_TITLE in titles and HOSTILE_TITLE_2 in titles
    # the Chinese document: listed as not coded, out of the counts
    n, counts, not_coded = _matrix_counts(parsed)
    assert not_coded == ["zh_doc"] and n == 2
    assert any("人工智能指南 <b>zh</b>" in f for f in parsed.findings)  # named (as text) in the findings
    # overseas (GB) vs domestic (JP): both coded, so compared
    assert text("report.f.sides", "ja", home="JP", nd=1, no=1, md=sum(
        r[2][0] != "" and int(r[2][0]) for r in parsed.tables["table-matrix"]["rows"] if r[0][0] == "jp_doc"),
        mo=float(sum(int(r[2][0]) for r in parsed.tables["table-matrix"]["rows"] if r[0][0] == "gb_doc"))) \
        in parsed.findings
    assert 'id="fig-prevalence"' in html and 'id="fig-matrix-publisher_type"' in html
    # evidence: quotes with the matched terms marked, section, source file
    ev = parsed.tables["table-evidence"]
    assert ev["rows"] and {r[0][0] for r in ev["rows"]} <= {"jp_doc", "gb_doc"}
    assert all(r[8][0] == portable_path(f"{generated / 'docs.jsonl'}#{r[0][0]}") for r in ev["rows"])  # the source
    assert "<mark>" in html
    # same inputs, same bytes
    again = tmp_path / "again.html"
    assert runner.invoke(app, ["report", str(generated), "--out", str(again)]).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
    # in English
    en = tmp_path / "en.html"
    res = runner.invoke(app, ["report", str(generated), "--out", str(en), "--lang", "en"])
    assert res.exit_code == 0, res.output
    html_en = en.read_text(encoding="utf-8")
    assert html_en.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert f"<h2>{text('report.h.findings', 'en')}</h2>" in html_en
    _check_findings(_parse(html_en), "en")
    assert runner.invoke(app, ["report", str(generated), "--lang", "fr"]).exit_code != 0


def test_report_applies_reviews(generated, tmp_path):
    from aicompare.corpus.load import load_corpus
    from aicompare.report import write_report

    reviews = tmp_path / "reviews.csv"
    reviews.write_text("doc_id,value_code,passage_id,quote,decision,reviewer,note\n"
                       "gb_doc,V22,,must be safe,add,analyst <A>,\n", encoding="utf-8")
    html = write_report(tmp_path / "r.html", load_corpus([generated]), lang="en", reviews=reviews).read_text("utf-8")
    parsed = _parse(html)
    row = next(r for r in parsed.tables["table-matrix"]["rows"] if r[0][0] == "gb_doc")
    head = parsed.tables["table-matrix"]["head"]
    assert row[head.index("V22")][1] == "s-reviewed on"
    assert text("report.f.reviewed", "en", r=1, cells=44, on=1, off=0) in parsed.findings
    assert "analyst <A>" not in html and "analyst &lt;A&gt;" in html  # the reviewer, escaped
    _check_findings(parsed, "en")


def test_report_of_the_shipped_corpus(tmp_path):
    from aicompare.corpus.load import default_corpus
    from aicompare.report import build_report, code_corpus

    source, corpus = default_corpus()
    coded = code_corpus(corpus)
    html = build_report(corpus, "ja", source=source, coded=coded)
    _no_network_no_code(html)
    parsed = _parse(html)
    _check_findings(parsed, "ja")
    assert len(parsed.tables["table-documents"]["rows"]) == len(corpus.documents)
    assert len(parsed.tables["table-matrix"]["rows"]) == len(corpus.documents)
    assert html.count('class="plotly-graph-div"') == 4  # matrices by publisher type, region, country; prevalence
    assert any(s.startswith(text("report.f.sides", "ja", home="JP", nd=0, no=0, md=0, mo=0)[:4])
               for s in parsed.findings)
    assert build_report(corpus, "ja", source=source, coded=coded) == html  # deterministic
