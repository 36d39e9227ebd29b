import re

import nbformat
import pandas as pd

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
