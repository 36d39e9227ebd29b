"""The ``aicompare`` command line: parse options, call the package's functions, write files, print a summary."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from contextlib import nullcontext as _nullcontext

from rich.markup import escape

from aicompare import __version__
from aicompare.console import console

app = typer.Typer(
    help="aicompare — compare AI guidelines: ingest, extract the 22 values, reproduce the 2022 review, coverage, clustering.",
    no_args_is_help=True,
    add_completion=False,
)


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


def _lang(value: str) -> str:
    """``--lang``, checked once for every command by the figures' own check."""
    from aicompare.figures.wording import check_lang

    try:
        return check_lang(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang")


def _static_note(figures: bool = True) -> None:
    """Say once, after a command that drew figures, that PNG/SVG were skipped and what to install."""
    from aicompare.figures.export import static_export_status

    if figures:
        status = static_export_status()
        if not status.available:
            console.print(f"[yellow]PNG/SVG figures skipped[/yellow]: {escape(status.reason)}")


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
    from aicompare.corpus.readers import PDF_ENGINES
    from aicompare.paths import processed_dir

    if pdf_engine not in PDF_ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(PDF_ENGINES)}", param_hint="--pdf-engine")
    res = run_ingest(paths, pdf_engine=pdf_engine, workers=workers, use_cache=not no_cache, progress=True)
    out_dir = out or processed_dir()
    _print_issues(res.issues)
    s = res.summary()
    if res.documents.empty:  # keep the tables of an earlier run rather than overwrite them with empty ones
        console.print(f"[red]no document could be ingested[/red] ({s['errors']} errors); nothing written to {out_dir}")
        raise typer.Exit(code=1)
    written = write_ingested(res, out_dir)
    console.print(f"[bold]{s['documents']} documents[/bold], {s['passages']} passages, {s['pages']} PDF pages, "
                  f"{s['errors']} errors, {s['warnings']} warnings → {', '.join(str(p) for p in written)}")
    if res.failed:
        raise typer.Exit(code=1)


@app.command()
def coverage(
    corpus: List[Path] = typer.Argument(..., help="Corpus files or folders (ingested like `aicompare ingest`)."),
    against: str = typer.Option("business-guideline", "--against",
                                help="'business-guideline' (the default corpus's, by role in data/raw/SOURCES.csv) "
                                     "or a path to another edition of it."),
    out: Path = typer.Option(None, "--out", help="Output folder (default: data/processed/coverage)."),
    domestic_counts: str = typer.Option("auto", "--domestic-counts",
                                        help="CSV with value_code,count (the 2022 domestic counts); 'auto' parses "
                                             "the review report of data/raw when the survey parser is installed; "
                                             "'none' leaves them out."),
    min_passages: int = typer.Option(1, "--min-passages", min=1, help="Evidence passages needed to cover an item."),
    figures: Optional[Path] = typer.Option(None, "--figures", help="Folder for the charts (default: figures/)."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Write the tables only."),
    lang: str = typer.Option("ja", "--lang", callback=_lang, help="Chart labels: ja or en."),
) -> None:
    """Coverage of CORPUS against the AI Guidelines for Business: coverage_values.csv, coverage_documents.csv."""
    import pandas as pd

    from aicompare.corpus.ingest import ingest as run_ingest
    from aicompare.coverage import coverage_against, domestic_counts_from_review
    from aicompare.paths import figures_dir, processed_dir
    from aicompare.stages.coverage import write_coverage_outputs

    res = run_ingest(corpus, progress=True)
    _print_issues(res.issues)
    if not len(res.passages):
        console.print("[red]error[/red] no passages in the corpus; nothing to compare.")
        raise typer.Exit(code=1)
    counts = None
    if domestic_counts == "auto":
        counts = domestic_counts_from_review()
        if counts is None:
            console.print("[yellow]note[/yellow] 2022 domestic counts not available (no survey parser or review report).")
    elif domestic_counts != "none":
        counts = pd.read_csv(domestic_counts, dtype={"value_code": str})
    try:
        result = coverage_against(res.passages, against, documents=res.documents, domestic_counts=counts,
                                  min_passages=min_passages)
    except (FileNotFoundError, ValueError) as exc:
        console.print(f"[red]error[/red] {exc}")
        raise typer.Exit(code=1)
    written = write_coverage_outputs(result, out or processed_dir() / "coverage", lang=lang,
                                     figures_dir=None if no_figures else (figures or figures_dir()))
    for note in result.notes:
        console.print(f"[yellow]note[/yellow] {note}")
    v = result.values
    console.print(f"[bold]{int(v['covered'].sum())}/{len(v)} values[/bold] have a matching item in "
                  f"{result.guideline.doc_id}; uncovered: {', '.join(v.loc[~v['covered'], 'value_code']) or '-'}")
    for r in result.summary.itertuples():
        console.print(f"  {r.doc_id}: {r.principles_covered}/{r.n_principles} principles, "
                      f"{r.subitems_covered}/{r.n_subitems} sub-items")
    console.print(f"{len(written)} files → {out or processed_dir() / 'coverage'}")
    _static_note(not no_figures)


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
    from aicompare.io import check_table_path, write_table

    for target, flag in ((out, "--out"), (evidence, "--evidence")):
        if target is not None:
            try:
                check_table_path(target)
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint=flag)
    res = extract_from_paths(inputs, min_score=min_score)
    written = [write_table(res.matrix, out, bom=bom)]
    if evidence is not None:
        written.append(write_table(res.evidence, evidence, bom=bom))
    _print_issues(res.issues)
    n_docs, n_cells = len(res.matrix), int(res.matrix.drop(columns="doc_id").to_numpy().sum())
    console.print(f"[bold]{n_docs} documents[/bold] × {res.matrix.shape[1] - 1} values: {n_cells} values found, "
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
    lang: str = typer.Option("ja", "--lang", callback=_lang, help="Figure language: ja or en."),
    matrix: Optional[Path] = typer.Option(None, "--matrix", help="Document x value matrix (doc_id, V01…V22 as 0/1; .csv or .parquet) of another corpus, e.g. from `aicompare extract`, to put beside the published counts."),
    corpus_label: Optional[str] = typer.Option(None, "--corpus-label", help="Name of the --matrix corpus in tables and figures (default: the matrix file name)."),
) -> None:
    """Parse the 2022 review report: the 22 values, domestic counts, publishers, survey scope; draw the figures."""
    from aicompare.stages.survey import write_survey_outputs
    from aicompare.survey import SurveyParseError, read_matrix

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
        console.print(f"  {escape(str(p))}")
    _static_note(not no_figures)


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
    domestic: str = typer.Option("review", "--domestic",
                                 help="Domestic side of the prevalence chart: review (the report's published counts), "
                                      "corpus (Japanese documents of the corpus) or none."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Tables only (no HTML/PNG/SVG)."),
    lang: str = typer.Option("ja", "--lang", callback=_lang,
                             help="Figure language (titles, axes, value labels): ja or en."),
) -> None:
    """Documents × 22 values aggregated by country / region / publisher type, with the review-style matrix."""
    from aicompare.compare import DOMESTIC_SOURCES, GROUP_KEYS
    from aicompare.stages.compare import run_compare

    bad = [b for b in by if b not in GROUP_KEYS]
    if bad:
        _fail(f"unknown --by {', '.join(bad)} (use {', '.join(GROUP_KEYS)})")
    if domestic not in DOMESTIC_SOURCES:
        _fail(f"unknown --domestic {domestic} (use {', '.join(DOMESTIC_SOURCES)})")
    try:
        written, s = run_compare(corpus, out, by=by, review_rules=review_rules, domestic=domestic,
                                 figures=not no_figures, lang=lang)
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    console.print(f"[bold]{s['compared']} of {s['documents']} documents compared[/bold], {s['evidence_rows']} evidence "
                  f"rows; named by more than half: {', '.join(s['over_half_values']) or 'none'}; domestic side: "
                  f"{s['domestic']} → {out} ({len(written)} files)")
    _static_note(not no_figures)


@app.command()
def cluster(
    corpus: List[Path] = typer.Argument(..., help="Corpora: WAIE parquet files, manifests, or anything ingest accepts."),
    view: List[str] = typer.Option(["values", "text"], "--view", help="values and/or text (repeat for both)."),
    k: Optional[int] = typer.Option(None, "--k", help="Number of clusters, at least 2 and less than the number of "
                                                       "documents clustered (default: best silhouette)."),
    analyzer: str = typer.Option("char", "--analyzer", help="Text features: char (n-grams) or token (fugashi words)."),
    n_boot: int = typer.Option(50, "--n-boot", help="Bootstrap resamples for the stability (ARI), at least 1."),
    out: Path = typer.Option(..., "--out", help="Output folder."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Tables only (no HTML/PNG/SVG)."),
    lang: str = typer.Option("ja", "--lang", callback=_lang,
                             help="Figure language (titles, axes, value labels): ja or en."),
) -> None:
    """Cluster documents by value profile (Jaccard, hierarchical) and/or text (TF-IDF, LSA, k-means)."""
    from aicompare.cluster import ANALYZERS, VIEWS, ClusterParameterError
    from aicompare.stages.cluster import run_cluster

    bad = [v for v in view if v not in VIEWS]
    if bad or analyzer not in ANALYZERS:
        _fail(f"unknown --view {', '.join(bad)} (use {', '.join(VIEWS)})" if bad
              else f"unknown --analyzer {analyzer} (use {', '.join(ANALYZERS)})")
    if k is not None and k < 2:
        raise typer.BadParameter(f"{k}: at least 2 clusters are needed", param_hint="--k")
    if n_boot < 1:
        raise typer.BadParameter(f"{n_boot}: at least 1 bootstrap resample is needed for the stability (ARI)",
                                 param_hint="--n-boot")
    try:
        written, report = run_cluster(corpus, out, views=view, k=k, analyzer=analyzer, n_boot=n_boot,
                                      figures=not no_figures, lang=lang)
    except ClusterParameterError as exc:
        raise typer.BadParameter(str(exc), param_hint="--k" if exc.param == "k" else "--n-boot")
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    for r in report.to_dict("records"):
        spread = f" ± {r['ari_std']:.3f}" if r["n_boot"] > 1 else ""
        console.print(f"[bold]{r['view']}[/bold]: {r['n_documents']} documents, k={r['k']}, silhouette "
                      f"{r['silhouette']:.3f}, bootstrap ARI {r['ari_mean']:.3f}{spread} "
                      f"({r['n_boot']} resample{'s' if r['n_boot'] != 1 else ''})")
    console.print(f"→ {out} ({len(written)} files)")
    _static_note(not no_figures)


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


@app.command(name="all")
def run_all_command(
    raw: Path = typer.Option(None, "--raw", help="Corpus folder (default: data/raw/, with the shipped overseas/ folder)."),
    extra: List[Path] = typer.Option([], "--extra", help="More files or folders to ingest with the corpus."),
    overseas: List[Path] = typer.Option([], "--overseas", help="More corpora for the comparison and clustering only: "
                                        "WAIE parquet (`aicompare fetch waie`), manifests, folders."),
    out: Path = typer.Option(None, "--out", help="Tables folder (default: data/processed/)."),
    figures: Path = typer.Option(None, "--figures", help="Figures folder (default: figures/)."),
    lang: str = typer.Option("ja", "--lang", callback=_lang, help="Figure language: ja or en."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Recompute even when inputs and code are unchanged."),
) -> None:
    """Run every stage: ingest, extract, survey, coverage, overseas comparison, clustering, Excel export."""
    from aicompare.console import interactive
    from aicompare.pipeline import run_all

    missing = [str(p) for p in [*([raw] if raw else []), *extra, *overseas] if not Path(p).exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}")

    with console.status("running", spinner="dots") if interactive() else _nullcontext() as status:
        res = run_all(raw, extra, overseas=overseas, out=out, figures=figures, lang=lang, use_cache=not no_cache,
                      log=(lambda msg: status.update(msg)) if status is not None else (lambda msg: None))
    if res.cached:
        console.print("[green]inputs and code unchanged: outputs verified against the cache, nothing recomputed[/green]")
    if len(res.issues):
        _print_issues(res.issues)
    for s in res.stages:
        if s.error:
            console.print(f"[red]failed[/red] {escape(s.name)}: {escape(s.error)}")
        elif s.skipped:
            console.print(f"[yellow]skipped[/yellow] {escape(s.name)}: {escape(s.skipped)}")
        elif s.outputs or s.note:
            console.print(f"[bold]{escape(s.name)}[/bold]: {len(s.outputs)} files{' — ' + escape(s.note) if s.note else ''}")
    n_fig = sum(1 for p in res.outputs() if p.suffix in {'.html', '.png', '.svg'})
    console.print(f"{len(res.outputs())} files ({n_fig} figure files) in {res.seconds:.1f} s")
    if res.failed:
        raise typer.Exit(code=1)


if __name__ == "__main__":
    app()
