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


def _fail(message: str) -> None:
    console.print(f"[red]error[/red] {message}")
    raise typer.Exit(code=1)


@app.command()
def compare(
    corpus: List[Path] = typer.Argument(..., help="Corpora: WAIE parquet files, manifests (CSV with file,title,…), "
                                                  "or anything ingest accepts (files, folders, document tables)."),
    by: List[str] = typer.Option(["region", "publisher_type"], "--by",
                                 help="Grouping: country, region or publisher_type (repeat for several)."),
    out: Path = typer.Option(..., "--out", help="Output folder."),
    review_rules: bool = typer.Option(False, "--review-rules",
                                      help="Compare only documents passing the 2022 review's selection rules."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Tables only (no HTML/PNG/SVG)."),
) -> None:
    """Documents × 22 values aggregated by country / region / publisher type, with the review-style matrix."""
    from aicompare.compare import GROUP_KEYS, run_compare

    bad = [b for b in by if b not in GROUP_KEYS]
    if bad:
        _fail(f"unknown --by {', '.join(bad)} (use {', '.join(GROUP_KEYS)})")
    try:
        written, s = run_compare(corpus, out, by=by, review_rules=review_rules, figures=not no_figures)
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    console.print(f"[bold]{s['compared']} of {s['documents']} documents compared[/bold], {s['evidence_rows']} evidence "
                  f"rows; named by more than half: {', '.join(s['over_half_values']) or 'none'} → {out} "
                  f"({len(written)} files)")


@app.command()
def cluster(
    corpus: List[Path] = typer.Argument(..., help="Corpora: WAIE parquet files, manifests, or anything ingest accepts."),
    view: List[str] = typer.Option(["values", "text"], "--view", help="values and/or text (repeat for both)."),
    k: Optional[int] = typer.Option(None, "--k", help="Number of clusters (default: best silhouette)."),
    analyzer: str = typer.Option("char", "--analyzer", help="Text features: char (n-grams) or token (fugashi words)."),
    n_boot: int = typer.Option(50, "--n-boot", help="Bootstrap resamples for the stability (ARI)."),
    out: Path = typer.Option(..., "--out", help="Output folder."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Tables only (no HTML/PNG/SVG)."),
) -> None:
    """Cluster documents by value profile (Jaccard, hierarchical) and/or text (TF-IDF, LSA, k-means)."""
    from aicompare.cluster import ANALYZERS, VIEWS, run_cluster

    bad = [v for v in view if v not in VIEWS]
    if bad or analyzer not in ANALYZERS:
        _fail(f"unknown --view {', '.join(bad)} (use {', '.join(VIEWS)})" if bad
              else f"unknown --analyzer {analyzer} (use {', '.join(ANALYZERS)})")
    if k is not None and k < 2:
        _fail("--k must be at least 2")
    try:
        written, report = run_cluster(corpus, out, views=view, k=k, analyzer=analyzer, n_boot=n_boot,
                                      figures=not no_figures)
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    for r in report.to_dict("records"):
        console.print(f"[bold]{r['view']}[/bold]: {r['n_documents']} documents, k={r['k']}, silhouette "
                      f"{r['silhouette']:.3f}, bootstrap ARI {r['ari_mean']:.3f} ± {r['ari_std']:.3f} ({r['n_boot']} resamples)")
    console.print(f"→ {out} ({len(written)} files)")


fetch_app = typer.Typer(help="Download published data sets into data/external/ (ignored by git).", no_args_is_help=True)
app.add_typer(fetch_app, name="fetch")


@fetch_app.command("waie")
def fetch_waie(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder instead of data/external/."),
    url: Optional[str] = typer.Option(None, "--url", help="Another address for the file (mirror)."),
) -> None:
    """Worldwide AI Ethics data_raw.parquet (Corrêa et al. 2023, CC BY-NC 4.0), with its SHA-256."""
    from aicompare.corpus.fetch import FetchError, fetch_dataset

    try:
        got = fetch_dataset("waie", dest_dir=out, url=url)
    except FetchError as exc:
        _fail(str(exc))
    console.print(f"[bold]{got.path}[/bold] ({got.n_bytes:,} bytes) sha256 {got.sha256}")
