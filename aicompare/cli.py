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
