"""The ``aicompare`` command line: parse options, call the package's functions, write files, print a summary."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from aicompare import __version__

app = typer.Typer(
    help="aicompare — compare AI guidelines: ingest, extract the 22 values, reproduce the 2022 review, coverage, clustering.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"aicompare {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """aicompare command line."""


def _print_issues(issues) -> None:
    for rec in issues.to_dict("records"):
        style = "red" if rec["severity"] == "error" else "yellow"
        console.print(f"[{style}]{rec['severity']}[/{style}] {rec['code']}: {rec['message']}")


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files, folders (recursive) or .csv/.jsonl document tables."),
    out: Path = typer.Option(None, "--out", help="Output folder (default: data/processed/)."),
    pdf_engine: str = typer.Option("pypdfium2", "--pdf-engine", help="PDF text engine: pypdfium2 (fast) or pdfplumber."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Processes for PDF parsing (default: all cores)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore and do not write the content-hash cache."),
) -> None:
    """Read guideline files into documents.parquet and passages.parquet (+ issues.csv)."""
    from aicompare.corpus.ingest import ingest as run_ingest, write_ingested
    from aicompare.paths import processed_dir

    res = run_ingest(paths, pdf_engine=pdf_engine, workers=workers, use_cache=not no_cache, progress=True)
    out_dir = out or processed_dir()
    written = write_ingested(res, out_dir)
    _print_issues(res.issues)
    s = res.summary()
    console.print(f"[bold]{s['documents']} documents[/bold], {s['passages']} passages, {s['pages']} PDF pages, "
                  f"{s['errors']} errors, {s['warnings']} warnings → {', '.join(str(p) for p in written)}")
    if res.failed:
        raise typer.Exit(code=1)


@app.command()
def extract(
    inputs: List[Path] = typer.Argument(..., help="Files, folders, .csv/.jsonl document tables, or an ingested passages.parquet."),
    out: Path = typer.Option(..., "--out", help="Value matrix CSV: doc_id, then V01…V22 as 0/1."),
    evidence: Optional[Path] = typer.Option(None, "--evidence", help="Evidence CSV: one row per supporting passage."),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="Passage threshold (default: the lexicon's, 1.0)."),
    bom: bool = typer.Option(False, "--bom", help="Write CSVs as UTF-8 with BOM (for Excel on Japanese Windows)."),
) -> None:
    """Find which of the 22 values each document addresses, with the passages as evidence."""
    from aicompare.extract import extract_from_paths
    from aicompare.io import write_table

    res = extract_from_paths(inputs, min_score=min_score)
    written = [write_table(res.matrix, out, bom=bom)]
    if evidence is not None:
        written.append(write_table(res.evidence, evidence, bom=bom))
    _print_issues(res.issues)
    n_docs, n_cells = len(res.matrix), int(res.matrix.drop(columns="doc_id").to_numpy().sum())
    console.print(f"[bold]{n_docs} documents[/bold] × 22 values: {n_cells} values found, "
                  f"{len(res.evidence)} evidence passages → {', '.join(str(p) for p in written)}")
    if res.failed:
        raise typer.Exit(code=1)


@app.command()
def evaluate(
    waie: Optional[Path] = typer.Option(None, "--waie", help="WAIE development parquet (default: ../shared/corpora/waie/waie_dev.parquet when present)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for report.txt and the metric, error and confusion tables."),
) -> None:
    """Agreement of the extractor with WAIE labels and with the business guideline's sections, beside a naive baseline."""
    from aicompare.evaluate import evaluate as run_evaluate, format_report
    from aicompare.io import write_table, write_text

    if waie is not None and not waie.is_file():
        console.print(f"[red]error[/red] WAIE file not found: {waie}")
        raise typer.Exit(code=2)
    results = run_evaluate(waie=waie)
    report = format_report(results)
    typer.echo(report)
    if "waie" not in results:
        console.print("[yellow]WAIE development file not found: WAIE evaluation skipped (use --waie PATH)[/yellow]")
    if out is not None:
        written = [write_text(out / "report.txt", report)]
        for key, ev in results.items():
            written += [write_table(ev.metrics, out / f"{key}_metrics.csv"),
                        write_table(ev.errors, out / f"{key}_errors.csv"),
                        write_table(ev.confusions, out / f"{key}_confusions.csv")]
        console.print(f"wrote {len(written)} files to {out}")


@app.command()
def survey(
    report: Path = typer.Argument(..., help="The 2022 review report text (e.g. data/raw/ai_network_society_report_2022_summary_ja.txt)."),
    out: Path = typer.Option(..., "--out", help="Folder for values.csv, counts_domestic.csv, publishers.csv, scope.csv, findings.csv."),
    xlsx: bool = typer.Option(False, "--xlsx", help="Also write all tables as sheets of survey.xlsx."),
    bom: bool = typer.Option(False, "--bom", help="Write CSVs as UTF-8 with BOM (for Excel); default plain UTF-8."),
    figures: Optional[Path] = typer.Option(None, "--figures", help="Folder for the figures (default: figures/)."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Write the tables only."),
    lang: str = typer.Option("ja", "--lang", help="Figure language: ja or en."),
    matrix: Optional[Path] = typer.Option(None, "--matrix", help="Document x value matrix (doc_id, V01…V22 as 0/1; .csv or .parquet) of another corpus, e.g. from `aicompare extract`, to put beside the published counts."),
    corpus_label: Optional[str] = typer.Option(None, "--corpus-label", help="Name of the --matrix corpus in tables and figures (default: the matrix file name)."),
) -> None:
    """Parse the 2022 review report: the 22 values, domestic counts, publishers, survey scope; draw the figures."""
    from aicompare.survey import SurveyParseError, read_matrix, write_survey_outputs

    if lang not in ("ja", "en"):
        raise typer.BadParameter("use ja or en", param_hint="--lang")
    try:
        m = read_matrix(matrix) if matrix is not None else None
        written = write_survey_outputs(
            report, out, figures, lang=lang, xlsx=xlsx, bom=bom, figures=not no_figures,
            matrix=m, corpus_label=corpus_label or (matrix.stem if matrix is not None else None),
        )
    except (SurveyParseError, ValueError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=1)
    tables = [p for p in written if p.suffix in (".csv", ".xlsx")]
    figs = [p for p in written if p not in tables]
    console.print(f"survey: {len(tables)} table file(s) in {out}, {len(figs)} figure file(s)")
    for p in written:
        console.print(f"  {p}")


@app.command()
def report(
    out: Optional[Path] = typer.Option(None, "--out", help="HTML report path (default: reports/aicompare_report.html)."),
    execute: bool = typer.Option(False, "--execute", help="Re-run the notebooks first (refreshes their saved outputs)."),
    xlsx: bool = typer.Option(True, "--xlsx/--no-xlsx", help="Also export the main tables to reports/aicompare_tables.xlsx."),
) -> None:
    """Render the notebooks into one self-contained HTML report (and the main tables into Excel)."""
    from aicompare.report import build_report, execute_notebooks, export_tables_xlsx

    if execute:
        for p in execute_notebooks():
            console.print(f"executed {p.name}")
    html = build_report(out)
    console.print(f"report → {html}")
    if xlsx:
        try:
            book, sheets = export_tables_xlsx()
            console.print(f"tables → {book} ({', '.join(sheets)})")
        except FileNotFoundError as exc:
            console.print(f"[yellow]Excel export skipped:[/yellow] {exc}")
