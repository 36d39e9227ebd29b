"""Reports: the notebooks rendered into one self-contained HTML file, and the main tables as one Excel workbook.

    build_report()            # reports/aicompare_report.html (table of contents, images embedded)
    export_tables_xlsx()      # reports/aicompare_tables.xlsx (one sheet per table in data/processed)
    execute_notebooks()       # re-run notebooks/NN_*.ipynb in place (refresh the committed outputs)
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from aicompare.io import unescape_csv_frame, write_tables_xlsx, write_text
from aicompare.paths import processed_dir, project_root

# tables exported to Excel: sheet name -> path relative to data/processed (first match wins)
MAIN_TABLES = {
    "documents": "documents.parquet",
    "matrix": "extract/matrix.csv",
    "evidence": "extract/evidence.csv",
    "counts_domestic": "survey/counts_domestic.csv",
    "values": "survey/values.csv",
    "publishers": "survey/publishers.csv",
    "recoding": "survey/recoding_comparison.csv",
    "coverage_values": "coverage/coverage_values.csv",
    "coverage_documents": "coverage/coverage_documents.csv",
    "compare_region": "compare/region.csv",
    "compare_publisher_type": "compare/publisher_type.csv",
    "clusters_documents": "cluster/clusters_documents.csv",
    "clusters_summary": "cluster/clusters_summary.csv",
}
EXCEL_MAX_CELL = 32_000  # Excel refuses cells longer than 32,767 characters


def notebook_paths(notebooks_dir: str | Path | None = None) -> list[Path]:
    """The numbered notebooks (``NN_*.ipynb``) in reading order."""
    d = Path(notebooks_dir) if notebooks_dir else project_root() / "notebooks"
    return sorted(p for p in d.glob("[0-9][0-9]_*.ipynb"))


def execute_notebooks(notebooks_dir: str | Path | None = None, timeout: int = 600) -> list[Path]:
    """Run every numbered notebook top to bottom in its folder and save it with fresh outputs."""
    import nbformat
    from nbclient import NotebookClient

    done = []
    for path in notebook_paths(notebooks_dir):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        write_text(path, nbformat.writes(nb) + "\n")
        done.append(path)
    return done


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return "notebook"


def build_report(out: str | Path | None = None, notebooks_dir: str | Path | None = None,
                 title: str = "aicompare — comparative analysis of AI guidelines") -> Path:
    """Concatenate the notebooks (with their committed outputs) into one HTML report with a table of contents."""
    import nbformat
    from nbconvert import HTMLExporter

    paths = notebook_paths(notebooks_dir)
    if not paths:
        raise FileNotFoundError("no numbered notebooks (NN_*.ipynb) found")
    books = [nbformat.read(p, as_version=4) for p in paths]
    toc = [f"# {title}", "", "Contents:", ""]
    toc += [f"{i + 1}. [{_title(nb)}](#nb-{p.stem})" for i, (p, nb) in enumerate(zip(paths, books))]
    toc += ["", "Each section is one notebook of `notebooks/`, shown with the outputs it was last run with "
            "(checked by nbval in CI)."]
    merged = nbformat.v4.new_notebook(metadata=books[0].metadata)
    merged.cells.append(nbformat.v4.new_markdown_cell("\n".join(toc)))
    for p, nb in zip(paths, books):
        merged.cells.append(nbformat.v4.new_markdown_cell(f'<a id="nb-{p.stem}"></a>\n\n---'))
        merged.cells.extend(nb.cells)
    for i, cell in enumerate(merged.cells):
        cell["id"] = f"cell-{i:04d}"
    exporter = HTMLExporter(embed_images=True, exclude_input_prompt=True, exclude_output_prompt=True)
    html, _ = exporter.from_notebook_node(merged, resources={"metadata": {"name": title}})
    # The report shows tables and images only: drop the CDN scripts (require.js, MathJax) so it is self-contained.
    html = re.sub(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', "", html)
    target = Path(out) if out else project_root() / "reports" / "aicompare_report.html"
    return write_text(target, html)


def _read_table(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
    else:  # a CSV aicompare wrote: undo its formula escaping (the workbook stores every cell as a value)
        df = unescape_csv_frame(pd.read_csv(path, dtype=str, keep_default_na=False))
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype) in ("str", "string"):
            df[col] = df[col].astype(str).str.slice(0, EXCEL_MAX_CELL)
    return df


def export_tables_xlsx(out: str | Path | None = None, processed: str | Path | None = None) -> tuple[Path, list[str]]:
    """Write the main tables found under data/processed as sheets of one workbook; return it and the sheets."""
    base = Path(processed) if processed else processed_dir()
    tables = {name: _read_table(base / rel) for name, rel in MAIN_TABLES.items() if (base / rel).is_file()}
    if not tables:
        raise FileNotFoundError(f"no tables under {base}: run `aicompare all` first")
    target = Path(out) if out else project_root() / "reports" / "aicompare_tables.xlsx"
    return write_tables_xlsx(tables, target), list(tables)
