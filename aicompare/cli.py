"""The ``aicompare`` command line: parse options, call the package's functions, write files, print a summary."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

import typer

from rich.markup import escape

from aicompare import __version__
from aicompare.console import console, literal, print_issues

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


def _lang(value: str) -> str:
    """``--lang`` (ja, en or both), checked once for every command by the figures' own check."""
    from aicompare.figures.wording import check_lang_choice

    try:
        return check_lang_choice(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang")


# options shared by the commands, defined once so that they read and behave the same everywhere
FOLLOW_OUTSIDE = typer.Option(False, "--follow-outside", help="Read files that symbolic links or manifest entries "
                              "place outside their input folder (each is named in a warning).")
FIGURE_LANG = typer.Option("ja", "--lang", callback=_lang, help="Figure language (titles, axes, value labels): ja, en "
                           "or both (English names end in _en).")
FIGURES_BESIDE_OUT = typer.Option(None, "--figures", help="Folder for the figures (default: the --out folder).")
NO_FIGURES = typer.Option(False, "--no-figures", help="Tables only (no HTML/PNG/SVG).")


def _static_note(figures: bool = True) -> None:
    """Say once, after a command that drew figures, that PNG/SVG were skipped and what to install."""
    from aicompare.figures.export import static_export_status

    if figures:
        status = static_export_status()
        if not status.available:
            console.print(f"[yellow]PNG/SVG figures skipped[/yellow]: {escape(status.reason)}")


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files, folders (recursive), .csv/.jsonl document tables, manifests "
                                                 "or WAIE parquet."),
    out: Path = typer.Option(None, "--out", help="Output folder (default: data/processed/)."),
    pdf_engine: str = typer.Option("pypdfium2", "--pdf-engine", help="PDF text engine: pypdfium2 (fast) or pdfplumber."),
    workers: Optional[int] = typer.Option(None, "--workers", help="Processes for parsing (default: as many as pay off, at most one per core; 1 = none)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore and do not write the content-hash cache."),
    file_timeout: float = typer.Option(300.0, "--file-timeout", min=0,
                                       help="Seconds one file may take; a slower file is stopped with an error (0 = no limit)."),
    follow_outside: bool = FOLLOW_OUTSIDE,
) -> None:
    """Read guideline files, manifests or WAIE parquet into documents.parquet and passages.parquet (+ issues.csv)."""
    from aicompare.paths import processed_dir
    from aicompare.stages.ingest import run_ingest

    out_dir = out or processed_dir()
    try:  # plain files are written batch by batch (bounded memory); nothing is written when no document is read
        res = run_ingest(paths, out_dir, pdf_engine=pdf_engine, workers=workers, use_cache=not no_cache,
                         progress=True, file_timeout=file_timeout or None, follow_outside=follow_outside)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--pdf-engine")
    print_issues(res.issue_records())  # records: no pandas needed to print them
    s = res.summary()
    if not s["documents"]:  # the tables of an earlier run are kept rather than overwritten with empty ones
        console.print(f"[red]no document could be ingested[/red] ({s['errors']} errors); nothing written to {literal(out_dir)}")
        raise typer.Exit(code=1)
    console.print(f"[bold]{s['documents']} documents[/bold], {s['passages']} passages, {s['pages']} PDF pages, "
                  f"{s['errors']} errors, {s['warnings']} warnings → {literal(', '.join(str(p) for p in res.written))}")
    if res.failed:
        raise typer.Exit(code=1)


@app.command()
def coverage(
    corpus: List[Path] = typer.Argument(..., help="Corpus files, folders, manifests or WAIE parquet (read like `aicompare ingest`)."),
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
    lang: str = typer.Option("ja", "--lang", callback=_lang, help="Chart labels: ja, en or both."),
    follow_outside: bool = FOLLOW_OUTSIDE,
) -> None:
    """Coverage of CORPUS against the AI Guidelines for Business: coverage_values.csv, coverage_documents.csv."""
    from aicompare.paths import figures_dir, processed_dir
    from aicompare.stages.coverage import run_coverage

    out_dir = out or processed_dir() / "coverage"
    try:
        written, result, issues = run_coverage(
            corpus, out_dir, against=against, domestic_counts=domestic_counts, min_passages=min_passages,
            figures_dir=None if no_figures else (figures or figures_dir()), lang=lang, follow_outside=follow_outside)
    except (FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    print_issues(issues)
    if domestic_counts == "auto" and not result.values["domestic_2022"].notna().any():
        console.print("[yellow]note[/yellow] 2022 domestic counts not available (no review report).")
    for note in result.notes:
        console.print(f"[yellow]note[/yellow] {literal(note)}")
    v = result.values
    console.print(f"[bold]{int(v['covered'].sum())}/{len(v)} values[/bold] have a matching item in "
                  f"{literal(result.guideline.doc_id)}; uncovered: {', '.join(v.loc[~v['covered'], 'value_code']) or '-'}")
    for r in result.summary.itertuples():
        console.print(f"  {literal(r.doc_id)}: {r.principles_covered}/{r.n_principles} principles, "
                      f"{r.subitems_covered}/{r.n_subitems} sub-items")
    console.print(f"{len(written)} files → {literal(out_dir)}")
    _static_note(not no_figures)
    if len(issues) and (issues["severity"] == "error").any():
        raise typer.Exit(code=1)


def _load_reviews(reviews: Optional[Path]):
    """The reviews table and its file (``--reviews``, else data/reviews.csv when it exists); a bad file fails."""
    from aicompare.stages.extract import load_reviews

    try:
        return load_reviews(reviews)
    except ValueError as exc:
        _fail(str(exc))


@app.command()
def extract(
    inputs: List[Path] = typer.Argument(..., help="Files, folders, .csv/.jsonl document tables, manifests, WAIE parquet, or an ingested passages.parquet."),
    out: Path = typer.Option(..., "--out", help="Value matrix CSV: doc_id, then V01…V22 as 0/1."),
    evidence: Optional[Path] = typer.Option(None, "--evidence", help="Evidence CSV: one row per supporting passage."),
    decisions: Optional[Path] = typer.Option(None, "--decisions", help="Decisions CSV: one row per document and value with its strength, coded, machine/reviewed (default: <out>_decisions.csv)."),
    reviews: Optional[Path] = typer.Option(None, "--reviews", help="Reviewed decisions CSV (doc_id, value_code, passage_id, quote, decision, reviewer, note); default data/reviews.csv when it exists."),
    min_score: Optional[float] = typer.Option(None, "--min-score", help="Passage threshold (default: the lexicon's, 1.0)."),
    bom: bool = typer.Option(False, "--bom", help="Write CSVs as UTF-8 with BOM (for Excel on Japanese Windows)."),
    follow_outside: bool = FOLLOW_OUTSIDE,
) -> None:
    """Find which of the 22 values each document addresses, with the passages as evidence."""
    from aicompare.stages.extract import run_extract

    try:
        run = run_extract(inputs, out, evidence=evidence, decisions=decisions, reviews=reviews, min_score=min_score,
                          bom=bom, follow_outside=follow_outside)
    except ValueError as exc:
        _fail(str(exc))
    res = run.result
    print_issues(res.issues)
    if not run.written:  # nothing could be read: the outputs of an earlier run are kept rather than emptied
        kept = [str(p) for p in (out, evidence, decisions) if p is not None and p.exists()]
        console.print("[red]no document could be read[/red]; nothing written"
                      + (f" ({literal(', '.join(kept))} left as they were)" if kept else ""))
        raise typer.Exit(code=1)
    n_docs, n_cells = len(res.matrix), int(res.matrix.drop(columns="doc_id").to_numpy().sum())
    if run.reviews_path is not None:
        n_rev = int((res.decisions["status"] == "reviewed").sum())
        console.print(f"reviews: {n_rev} cells reviewed ({escape(str(run.reviews_path))})")
    if res.not_coded:
        console.print(f"[yellow]not coded[/yellow] (language not read by the extractor; left out of counts): "
                      f"{escape(', '.join(res.not_coded))}")
    console.print(f"[bold]{n_docs} documents[/bold] × {res.matrix.shape[1] - 1} values: {n_cells} values found, "
                  f"{res.n_evidence} evidence passages → {literal(', '.join(str(p) for p in run.written))}")
    if res.failed:
        raise typer.Exit(code=1)


@app.command()
def review(
    inputs: List[Path] = typer.Argument(..., help="The corpus as given to extract: files, folders, tables, or a passages.parquet."),
    show: Optional[Tuple[str, str]] = typer.Option(None, "--show", help="DOC VALUE: the evidence of one cell in context (its passages with their neighbours, page, section, file)."),
    reviews: Optional[Path] = typer.Option(None, "--reviews", help="Reviewed decisions CSV (default data/reviews.csv when it exists)."),
    limit: int = typer.Option(30, "--limit", help="How many cells to list."),
    neighbours: int = typer.Option(1, "--neighbours", help="Passages shown before and after each evidence passage."),
    follow_outside: bool = FOLLOW_OUTSIDE,
) -> None:
    """What most needs review (weakest machine decisions first), or with --show DOC VALUE one cell's evidence in context."""
    from aicompare.review import cell_context, review_queue
    from aicompare.stages.review import review_state

    review_table, _ = _load_reviews(reviews)
    state = review_state(inputs, review_table, follow_outside=follow_outside)
    print_issues(state.issues)
    passages, documents, evidence, decisions = state.passages, state.documents, state.evidence, state.decisions
    if show:
        doc, code = show
        cell = decisions[(decisions["doc_id"].astype(str) == doc) & (decisions["value_code"] == code)]
        if cell.empty:
            _fail(f"no cell {doc} {code} (unknown document or value code)")
        c = cell.iloc[0]
        typer.echo(f"{doc} {code}: addressed={int(c['addressed'])} strength={c['strength']} "
                   f"passages={c['n_passages']}/{c['n_doc_passages']} share={c['share']:.4f} "
                   f"max_score={c['max_score']:.2f} status={c['status']}"
                   + (f" reviewer={c['reviewer']} note={c['note']}" if c["status"] == "reviewed" else ""))
        for item in cell_context(doc, code, evidence, passages, documents, neighbours=neighbours):
            typer.echo(f"\n--- {item['passage_id']}  page {item['page']}  section {item['section_path']}  file {item['file']}")
            typer.echo(f"    score {item['score']}  matched: {item['matched']}  spans {item['spans']}  ({item['status']})")
            for t in item["before"]:
                typer.echo(f"      {t}")
            typer.echo(f"   >> {item['text']}")
            for t in item["after"]:
                typer.echo(f"      {t}")
        return
    queue = review_queue(decisions, limit)
    typer.echo(f"{'doc_id':<48}{'value':<7}{'addr':>5} {'strength':<9}{'passages':>9}{'share':>8}{'max':>6}")
    for r in queue.itertuples(index=False):
        typer.echo(f"{str(r.doc_id)[:47]:<48}{r.value_code:<7}{int(r.addressed):>5} {r.strength:<9}"
                   f"{r.n_passages:>9}{r.share:>8.4f}{r.max_score:>6.2f}")
    typer.echo(f"{len(queue)} cells listed (weakest first); see one with --show DOC VALUE")


@app.command()
def evaluate(
    waie: Optional[Path] = typer.Option(None, "--waie", help="WAIE development parquet (default: ../shared/corpora/waie/waie_dev.parquet when present)."),
    labelled: Optional[Path] = typer.Option(None, "--labelled", help="Folder of the labelled development sets (default: ../shared/corpora/labelled when present)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for report.txt and the metric, error and confusion tables."),
) -> None:
    """Agreement of the extractor with the labelled development sets (passages, documents), WAIE labels and the business guideline's sections, beside a naive baseline."""
    from aicompare.evaluate import evaluate as run_evaluate, format_report
    from aicompare.evaluate_labelled import evaluate_labelled, format_labelled_report, labelled_dir
    from aicompare.io import write_table, write_text

    if waie is not None and not waie.is_file():
        console.print(f"[red]error[/red] WAIE file not found: {literal(waie)}")
        raise typer.Exit(code=2)
    if labelled is not None and not labelled.is_dir():
        console.print(f"[red]error[/red] labelled sets folder not found: {escape(str(labelled))}")
        raise typer.Exit(code=2)
    folder = labelled if labelled is not None else labelled_dir()
    lab = evaluate_labelled(folder) if folder is not None else {}
    results = run_evaluate(waie=waie)
    report = format_labelled_report(lab) + format_report(results)
    typer.echo(report)
    if not lab:
        console.print("[yellow]labelled development sets not found (../shared/corpora/labelled): passage- and "
                      "document-level evaluation skipped (use --labelled FOLDER)[/yellow]")
    elif "documents" not in lab:
        console.print("[yellow]PDFs of the document-level set not found (../shared/corpora/pdf): document-level "
                      "evaluation skipped[/yellow]")
    if "waie" not in results:
        console.print("[yellow]WAIE development file not found: WAIE evaluation skipped (use --waie PATH)[/yellow]")
    if out is not None:
        written = [write_text(out / "report.txt", report)]
        for key, ev in results.items():
            written += [write_table(ev.metrics, out / f"{key}_metrics.csv"),
                        write_table(ev.errors, out / f"{key}_errors.csv"),
                        write_table(ev.confusions, out / f"{key}_confusions.csv")]
        console.print(f"wrote {len(written)} files to {literal(out)}")


@app.command()
def survey(
    report: Path = typer.Argument(..., help="The 2022 review report text (e.g. data/raw/ai_network_society_report_2022_summary_ja.txt)."),
    out: Path = typer.Option(..., "--out", help="Folder for values.csv, counts_domestic.csv, publishers.csv, scope.csv, findings.csv."),
    xlsx: bool = typer.Option(False, "--xlsx", help="Also write all tables as sheets of survey.xlsx."),
    bom: bool = typer.Option(False, "--bom", help="Write CSVs as UTF-8 with BOM (for Excel); default plain UTF-8."),
    figures: Optional[Path] = typer.Option(None, "--figures", help="Folder for the figures (default: figures/)."),
    no_figures: bool = typer.Option(False, "--no-figures", help="Write the tables only."),
    lang: str = typer.Option("ja", "--lang", callback=_lang, help="Figure language: ja, en or both (English names end in _en)."),
    matrix: Optional[Path] = typer.Option(None, "--matrix", help="Document x value matrix (doc_id, V01…V22 as 0/1; .csv or .parquet) of another corpus, e.g. from `aicompare extract`, to put beside the published counts."),
    corpus_label: Optional[str] = typer.Option(None, "--corpus-label", help="Name of the --matrix corpus in tables and figures (default: the matrix file name)."),
) -> None:
    """Parse the 2022 review report: the 22 values, domestic counts, publishers, survey scope; draw the figures."""
    from aicompare.stages.survey import write_survey_outputs
    from aicompare.recoding import read_matrix
    from aicompare.survey import SurveyParseError

    try:
        m = read_matrix(matrix) if matrix is not None else None
        written = write_survey_outputs(
            report, out, figures, lang=lang, xlsx=xlsx, bom=bom, figures=not no_figures,
            matrix=m, corpus_label=corpus_label or (matrix.stem if matrix is not None else None),
        )
    except (SurveyParseError, ValueError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {literal(exc)}")
        raise typer.Exit(code=1)
    tables = [p for p in written if p.suffix in (".csv", ".xlsx")]
    figs = [p for p in written if p not in tables]
    console.print(f"survey: {len(tables)} table file(s) in {literal(out)}, {len(figs)} figure file(s)")
    for p in written:
        console.print(f"  {literal(p)}")
    _static_note(not no_figures)


@app.command()
def report(
    corpus: List[Path] = typer.Argument(None, help="Corpora (files, folders, manifests, WAIE parquet); default: the "
                                                   "shipped data/raw."),
    out: Optional[Path] = typer.Option(None, "--out", help="HTML report path (default: reports/aicompare_report.html)."),
    lang: str = typer.Option("ja", "--lang", callback=_lang, help="Report language (text, tables, figures): ja or en."),
    reviews: Optional[Path] = typer.Option(None, "--reviews", help="Reviewed decisions CSV applied to the coding "
                                           "(default: data/reviews.csv when it exists)."),
    evidence: int = typer.Option(5, "--evidence", min=0, help="Evidence passages shown per document and value, "
                                 "strongest first (0 = all)."),
    notebooks: bool = typer.Option(False, "--notebooks", help="Render the notebooks' saved outputs instead "
                                   "(the development report; no CORPUS)."),
    execute: bool = typer.Option(False, "--execute", help="With --notebooks: re-run the notebooks first."),
    xlsx: bool = typer.Option(True, "--xlsx/--no-xlsx", help="With --notebooks: also export the main tables of "
                              "data/processed to reports/aicompare_tables.xlsx."),
) -> None:
    """One self-contained HTML report of a corpus: findings, figures, filterable documents/matrix/evidence tables."""
    from aicompare.report import build_notebook_report, execute_notebooks, export_tables_xlsx, write_report

    if not notebooks:
        from aicompare.paths import portable_path
        from aicompare.paths import default_reviews_path

        loaded = _load(corpus) if corpus else None  # None: the shipped corpus
        source = ", ".join(portable_path(Path(p).resolve()) for p in corpus) if corpus else None
        try:
            html = write_report(out, loaded, lang=lang, source=source, evidence_per_cell=evidence or None,
                                reviews=reviews or (default_reviews_path() if default_reviews_path().is_file() else None))
        except ValueError as exc:  # a malformed reviews file
            _fail(str(exc))
        console.print(f"report → {literal(html)}")
        return
    if corpus:
        _fail("--notebooks renders the notebooks: give no CORPUS")
    if execute:
        for p in execute_notebooks():
            console.print(f"executed {literal(p.name)}")
    html = build_notebook_report(out)
    console.print(f"report → {literal(html)}")
    if xlsx:
        try:
            book, sheets = export_tables_xlsx()
            console.print(f"tables → {literal(book)} ({', '.join(sheets)})")
        except FileNotFoundError as exc:
            console.print(f"[yellow]Excel export skipped:[/yellow] {literal(exc)}")


def _print_written_issues(out: Path) -> bool:
    """Print the issues.csv a command wrote to ``out`` like ingest prints its issues; True if one is an error."""
    from aicompare.corpus.load import read_issues

    issues = read_issues(out)
    print_issues(issues)
    return bool((issues["severity"] == "error").any())


def _fail(message: str) -> None:
    console.print(f"[red]error[/red] {literal(message)}")
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
    figures: Optional[Path] = FIGURES_BESIDE_OUT,
    no_figures: bool = NO_FIGURES,
    lang: str = FIGURE_LANG,
    follow_outside: bool = FOLLOW_OUTSIDE,
) -> None:
    """Documents × 22 values aggregated by country / region / publisher type, with the review-style matrix."""
    from aicompare.stages.compare import run_compare

    try:
        written, s = run_compare(corpus, out, by=by, review_rules=review_rules, domestic=domestic,
                                 figures=not no_figures, figures_dir=figures, lang=lang, follow_outside=follow_outside)
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    failed = _print_written_issues(out)
    console.print(f"[bold]{s['compared']} of {s['documents']} documents compared[/bold], {s['evidence_rows']} evidence "
                  f"rows; named by more than half: {', '.join(s['over_half_values']) or 'none'}; domestic side: "
                  f"{s['domestic']} → {literal(out)} ({len(written)} files)")
    _static_note(not no_figures)
    if failed:
        raise typer.Exit(code=1)


@app.command()
def cluster(
    corpus: List[Path] = typer.Argument(..., help="Corpora: WAIE parquet files, manifests, or anything ingest accepts."),
    view: List[str] = typer.Option(["values", "text"], "--view", help="values and/or text (repeat for both)."),
    k: Optional[int] = typer.Option(None, "--k", help="Number of clusters, at least 2 and less than the number of "
                                                       "documents clustered (default: best silhouette)."),
    analyzer: str = typer.Option("char", "--analyzer", help="Text features: char (n-grams) or token (fugashi words)."),
    n_boot: int = typer.Option(50, "--n-boot", help="Bootstrap resamples for the stability (ARI), at least 1."),
    out: Path = typer.Option(..., "--out", help="Output folder."),
    figures: Optional[Path] = FIGURES_BESIDE_OUT,
    no_figures: bool = NO_FIGURES,
    lang: str = FIGURE_LANG,
    follow_outside: bool = FOLLOW_OUTSIDE,
) -> None:
    """Cluster documents by value profile (Jaccard, hierarchical) and/or text (TF-IDF, LSA, k-means)."""
    from aicompare.cluster import ClusterParameterError
    from aicompare.stages.cluster import run_cluster

    try:
        written, report = run_cluster(corpus, out, views=view, k=k, analyzer=analyzer, n_boot=n_boot,
                                      figures=not no_figures, figures_dir=figures, lang=lang,
                                      follow_outside=follow_outside)
    except ClusterParameterError as exc:
        raise typer.BadParameter(str(exc), param_hint="--k" if exc.param == "k" else "--n-boot")
    except (ValueError, FileNotFoundError) as exc:
        _fail(str(exc))
    failed = _print_written_issues(out)
    for r in report.to_dict("records"):
        spread = f" ± {r['ari_std']:.3f}" if r["n_boot"] > 1 else ""
        console.print(f"[bold]{r['view']}[/bold]: {r['n_documents']} documents, k={r['k']}, silhouette "
                      f"{r['silhouette']:.3f}, bootstrap ARI {r['ari_mean']:.3f}{spread} "
                      f"({r['n_boot']} resample{'s' if r['n_boot'] != 1 else ''})")
    console.print(f"→ {literal(out)} ({len(written)} files)")
    _static_note(not no_figures)
    if failed:
        raise typer.Exit(code=1)


def _load(corpus: List[Path]):
    """The corpus of a search or side-by-side: the given paths, or the shipped corpus; ingest errors printed."""
    from aicompare.corpus.load import default_corpus, load_corpus

    corpus = list(corpus or [])
    missing = [str(p) for p in corpus if not Path(p).exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    loaded = load_corpus(corpus) if corpus else default_corpus()[1]
    errors = loaded.issues[loaded.issues["severity"] == "error"] if len(loaded.issues) else loaded.issues
    if len(errors):
        print_issues(errors)
    if loaded.documents.empty:
        _fail("no document could be read from the corpus")
    return loaded


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _check_outputs(outs: List[Path], allowed: tuple[str, ...]) -> None:
    for o in outs:
        if o.suffix.lower() not in allowed:
            raise typer.BadParameter(f"unsupported output format: {o.name} (use {', '.join(allowed)})", param_hint="--out")


@app.command()
def search(
    query: str = typer.Argument(..., help='A term, a phrase (quoted: \'"human oversight"\', 「人間の判断」) or a value code V01…V22.'),
    corpus: List[Path] = typer.Argument(None, help="Corpora (files, folders, manifests, WAIE parquet); default: the shipped data/raw."),
    doc: List[str] = typer.Option([], "--doc", help="Search only this document (doc_id; repeat for several)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Keep the first N matches (default: all; 20 are printed)."),
    context: int = typer.Option(60, "--context", help="Characters of context either side of a match."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only passages in this language (ja or en)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the matches to a table (.csv, .xlsx, .parquet, .jsonl)."),
    bom: bool = typer.Option(False, "--bom", help="Write CSV as UTF-8 with BOM (for Excel on Japanese Windows)."),
) -> None:
    """Keyword in context: where the corpus says QUERY, with document title, page, section and passage id."""
    import pandas as pd

    from aicompare.io import TABLE_SUFFIXES, write_table
    from aicompare.search import parse_query, search_passages, search_summary

    if out is not None:
        _check_outputs([out], TABLE_SUFFIXES)
    if lang is not None and lang not in ("ja", "en"):
        raise typer.BadParameter("use ja or en", param_hint="--lang")
    try:
        parse_query(query)
        loaded = _load(corpus)
        hits = search_passages(loaded.passages, query, documents=loaded.documents, doc_ids=doc or None,
                               lang=lang, context=context, limit=limit)
    except ValueError as exc:
        _fail(escape(str(exc)))
    for h in hits.head(limit if limit is not None else 20).itertuples(index=False):
        where = " · ".join(x for x in (f"p. {h.page}" if pd.notna(h.page) else "", h.section_path) if x)
        console.print(f"[bold]{escape(h.title)}[/bold] [dim]{escape(h.passage_id)}{' · ' + escape(where) if where else ''}[/dim]")
        console.print(f"    {escape(h.left)}[reverse]{escape(h.match)}[/reverse]{escape(h.right)}")
    s = search_summary(hits)
    shown = min(s["matches"], limit if limit is not None else 20)
    console.print(f"[bold]{_n(s['matches'], 'match', 'matches')}[/bold] in {_n(s['passages'], 'passage')} of "
                  f"{_n(s['documents'], 'document')}"
                  + (f" (first {shown} shown)" if shown < s["matches"] else ""))
    if out is not None:
        console.print(f"→ {write_table(hits, out, bom=bom)}")


SIDE_BY_SIDE_SUFFIXES = (".csv", ".xlsx", ".parquet", ".jsonl", ".html")


@app.command(name="side-by-side")
def side_by_side_command(
    doc_ids: List[str] = typer.Argument(..., help="Two or more doc_ids (see documents.parquet or `aicompare search`)."),
    corpus: List[Path] = typer.Option([], "--corpus", help="Corpora (files, folders, manifests, WAIE parquet); default: the shipped data/raw."),
    out: List[Path] = typer.Option([], "--out", help="Table (.csv, .xlsx, .parquet, .jsonl) and/or HTML page (.html); repeat for several."),
    lang: str = typer.Option("ja", "--lang", help="Headers and value labels: ja or en."),
    bom: bool = typer.Option(False, "--bom", help="Write CSV as UTF-8 with BOM (for Excel on Japanese Windows)."),
) -> None:
    """The 22 values for two or more guidelines in parallel columns: addressed, strength, best quote with page and section."""
    from aicompare.io import write_table, write_text
    from aicompare.sidebyside import LANGS, long_to_html, side_by_side_long, wide_table

    _check_outputs(out, SIDE_BY_SIDE_SUFFIXES)
    if lang not in LANGS:
        raise typer.BadParameter(f"use {' or '.join(LANGS)}", param_hint="--lang")
    loaded = _load(corpus)
    try:
        long = side_by_side_long(loaded.documents, loaded.passages, None, doc_ids)
    except ValueError as exc:
        _fail(escape(str(exc)))
    docs = long.drop_duplicates("doc_id")
    for d in docs.itertuples(index=False):
        got = long[(long["doc_id"] == d.doc_id) & long["addressed"]]
        console.print(f"[bold]{escape(d.title)}[/bold] [dim]{escape(d.doc_id)}[/dim]: {len(got)} of "
                      f"{long['value_code'].nunique()} values ({', '.join(got['value_code']) or 'none'})")
    for o in out:
        written = write_text(o, long_to_html(long, lang)) if o.suffix.lower() == ".html" \
            else write_table(wide_table(long, lang), o, bom=bom)
        console.print(f"→ {written}")


fetch_app = typer.Typer(help="Download published data sets into data/external/ (ignored by git).", no_args_is_help=True)
app.add_typer(fetch_app, name="fetch")


@fetch_app.command("waie")
def fetch_waie(
    out: Optional[Path] = typer.Option(None, "--out", help="Folder instead of data/external/."),
    url: Optional[str] = typer.Option(None, "--url", help="Another address for the file (mirror)."),
    sha256: Optional[str] = typer.Option(None, "--sha256", help="SHA-256 the file must have (default: the pinned "
                                         "or previously recorded one)."),
    timeout: float = typer.Option(900, "--timeout", help="Give up when the whole download takes longer (seconds)."),
) -> None:
    """Worldwide AI Ethics data_raw.parquet (Corrêa et al. 2023, CC BY-NC 4.0), with its SHA-256."""
    from aicompare.corpus.fetch import FetchError, fetch_dataset

    try:
        got = fetch_dataset("waie", dest_dir=out, url=url, sha256=sha256, total_timeout=timeout)
    except FetchError as exc:
        _fail(str(exc))
    console.print(f"[bold]{literal(got.path)}[/bold] ({got.n_bytes:,} bytes) sha256 {got.sha256}")


@app.command(name="all")
def run_all_command(
    raw: Path = typer.Option(None, "--raw", help="Corpus folder (default: data/raw/, with the shipped overseas/ folder)."),
    extra: List[Path] = typer.Option([], "--extra", help="More files or folders to ingest with the corpus."),
    overseas: List[Path] = typer.Option([], "--overseas", help="More corpora for the comparison and clustering only: "
                                        "WAIE parquet (`aicompare fetch waie`), manifests, folders."),
    out: Path = typer.Option(None, "--out", help="Tables folder (default: data/processed/)."),
    figures: Path = typer.Option(None, "--figures", help="Figures folder (default: figures/)."),
    lang: str = typer.Option("ja", "--lang", callback=_lang, help="Figure language: ja, en or both (English names end in _en)."),
    reviews: Optional[Path] = typer.Option(None, "--reviews", help="Reviewed decisions CSV applied to every coded "
                                           "document (default: data/reviews.csv when it exists)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Recompute even when inputs and code are unchanged."),
) -> None:
    """Run every stage: ingest, extract, survey, coverage, overseas comparison, clustering, Excel export."""
    from aicompare.entry import run_all_reported

    missing = [str(p) for p in [*([raw] if raw else []), *extra, *overseas, *([reviews] if reviews else [])]
               if not Path(p).exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}")
    code = run_all_reported(raw=raw, extra=extra, overseas=overseas, out=out, figures=figures, lang=lang,
                            reviews=reviews, use_cache=not no_cache)
    if code:
        raise typer.Exit(code=code)


if __name__ == "__main__":
    app()
