"""``aicompare all``: every table and figure from the corpus in one run.

Stages (each the package function a notebook would call):

1. ingest      data/raw (+ extra corpora)             → data/processed/{documents,passages}.parquet, issues.csv
2. extract     the 22 values with evidence            → data/processed/extract/{matrix,evidence}.csv
3. survey      the 2022 review report (role review_report in SOURCES.csv), with the corpus's automatic coding
               beside the published counts            → data/processed/survey/
4. compare     the overseas documents — those of the corpus whose country is not the business guideline's
               (the shipped data/raw/overseas/), plus any --overseas corpus (WAIE, manifests, folders) —
               by country, region and publisher type  → data/processed/compare/
   (with --overseas, their own documents, passages, evidence, decisions and matrix → data/processed/overseas/)
5. coverage    corpus against the business guideline (role business_guideline)
                                                      → data/processed/coverage/
6. cluster     value-profile and text clustering of the same overseas documents
                                                      → data/processed/cluster/
7. excel       the main tables as one workbook         → data/processed/aicompare_tables.xlsx

Figures go to figures/ (HTML, PNG, SVG). Whether PNG/SVG export can work (a Chrome/Chromium that answers) is
decided once, before any figure is drawn; without it every table and HTML figure is still written and the
run says so once. A stage without the data it needs is skipped with the reason.
The run is cached: a fingerprint of every input file, the options and the package's code is stored with
the SHA-256 of every output; an unchanged rerun checks the outputs and returns without recomputing.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from aicompare import __version__
from aicompare.figures.wording import check_lang_choice, figure_langs, lang_suffix
from aicompare.paths import cache_dir, figures_dir, processed_dir, raw_dir

if TYPE_CHECKING:  # pandas, the writers and the figures are imported when a stage runs, not for a cached run
    import pandas as pd

MIN_DOCUMENTS_TO_CLUSTER = 10


@dataclass
class Stage:
    name: str
    outputs: list[Path] = field(default_factory=list)
    skipped: str | None = None
    seconds: float = 0.0
    note: str = ""
    error: str | None = None


@dataclass
class RunResult:
    stages: list[Stage]
    cached: bool
    seconds: float
    issue_records: list[dict[str, Any]] = field(default_factory=list)  # per-file problems of the ingested corpora

    def outputs(self) -> list[Path]:
        return [p for s in self.stages for p in s.outputs]

    @property
    def issues(self) -> pd.DataFrame:
        """The per-file problems as the ``issues.csv`` table."""
        import pandas as pd

        from aicompare.schema import ISSUE_COLUMNS

        return pd.DataFrame(self.issue_records, columns=ISSUE_COLUMNS)

    @property
    def failed(self) -> bool:
        """A stage failed, or an input file could not be ingested."""
        return any(s.error for s in self.stages) or any(r.get("severity") == "error" for r in self.issue_records)


# ------------------------------------------------------------------ fingerprint and cache

def _code_fingerprint() -> str:
    h = hashlib.sha256(__version__.encode())
    pkg = resources.files("aicompare")
    for p in sorted(Path(str(pkg)).rglob("*")):
        if p.is_file() and p.suffix in {".py", ".yaml", ".csv"} and "__pycache__" not in p.parts:
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _inputs_fingerprint(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for root in paths:
        if not root.exists():
            h.update(f"missing:{root}".encode())  # reported by the stage that reads it
            continue
        files = sorted(f for f in root.rglob("*") if f.is_file()) if root.is_dir() else [root]
        for f in files:
            if any(part.startswith(".") for part in f.parts[len(root.parts):]):
                continue
            h.update(str(f.relative_to(root) if root.is_dir() else f.name).encode())
            try:
                h.update(hashlib.sha256(f.read_bytes()).digest())
            except OSError as exc:  # unreadable: the ingest stage reports it; the fingerprint still changes with it
                h.update(f"unreadable:{type(exc).__name__}:{exc.errno}".encode())
    return h.hexdigest()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest_path(key: str) -> Path:
    return cache_dir() / "all" / f"{key[:32]}.json"


def _cached_run(key: str) -> RunResult | None:
    mf = _manifest_path(key)
    if not mf.is_file():
        return None
    try:  # a truncated or edited manifest is a cache miss, never a crash
        data = json.loads(mf.read_text(encoding="utf-8"))
        for rec in data["outputs"]:
            p = Path(rec["path"])
            if not p.is_file():
                return None
            st = p.stat()
            if st.st_size != rec["size"]:
                return None
            if st.st_mtime_ns != rec.get("mtime_ns") and _sha(p) != rec["sha256"]:  # untouched files are not re-read
                return None
        stages = [Stage(s["name"], [Path(p) for p in s["outputs"]], s["skipped"], 0.0, s.get("note", ""))
                  for s in data["stages"]]
        return RunResult(stages, cached=True, seconds=0.0, issue_records=list(data.get("issues", [])))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _store_run(key: str, result: RunResult) -> None:
    from aicompare.io import write_text

    outputs = [{"path": str(p), "size": p.stat().st_size, "mtime_ns": p.stat().st_mtime_ns, "sha256": _sha(p)}
               for p in result.outputs() if p.is_file()]
    stages = [{"name": s.name, "outputs": [str(p) for p in s.outputs], "skipped": s.skipped, "note": s.note}
              for s in result.stages]
    issues = result.issue_records
    write_text(_manifest_path(key), json.dumps({"outputs": outputs, "stages": stages, "issues": issues},
                                               ensure_ascii=False, indent=1))


# ------------------------------------------------------------------ the run

def run_all(
    raw: str | Path | None = None,
    extra: Sequence[str | Path] = (),
    *,
    overseas: Sequence[str | Path] = (),
    out: str | Path | None = None,
    figures: str | Path | None = None,
    lang: str = "ja",
    reviews: str | Path | None = None,
    use_cache: bool = True,
    log: Callable[[str], None] = lambda msg: None,
) -> RunResult:
    """Run every stage on ``raw`` (default ``data/raw``, recursive: the domestic documents and the shipped
    ``overseas/`` folder) plus ``extra``; ``overseas`` = further corpora for the comparison and clustering only
    (WAIE parquet, manifests, folders). ``reviews``: the analyst's reviewed decisions (default
    ``data/reviews.csv`` when it exists), applied to every coded document."""
    check_lang_choice(lang)
    t0 = time.perf_counter()
    raw, out, fig, overseas, reviews, key = _run_key(raw, extra, overseas, out, figures, lang, reviews)
    if use_cache:
        hit = _cached_run(key)
        if hit is not None:
            hit.seconds = time.perf_counter() - t0
            return hit

    from aicompare.figures.export import deferred_static_export, static_export_status

    stages: list[Stage] = []
    ctx = RunContext(raw=raw, extra=[Path(p) for p in extra], overseas=overseas, out=out, fig=fig, lang=lang)
    if reviews:
        from aicompare.review import read_reviews

        ctx.reviews = read_reviews(reviews)  # a malformed file stops the run here, with its message
    with deferred_static_export() as exports:
        try:
            _run_stages(stages, ctx, exports, log)
        finally:
            ctx.close()
        t_wait = time.perf_counter()
    static = static_export_status()  # decided once, when the first figure was saved (or now)
    n_static = sum(1 for s in stages for p in s.outputs if p.suffix in (".png", ".svg"))
    for st in stages:  # exports that stalled after the start are not outputs
        st.outputs = [p for p in st.outputs if p not in set(exports.skipped)]
    n_skipped = len(exports.skipped)
    if not static.available or n_skipped:
        reason = static.reason if not static.available else static_export_status().reason
        stages.append(Stage("static figures (PNG/SVG)", skipped=reason))
    else:
        stages.append(Stage("static figures", [], None, time.perf_counter() - t_wait,
                            f"{n_static} PNG/SVG files rendered in the background"))
    for label, path, message in exports.failures:  # static exports finish after their stage: report them there
        for st in stages:
            if st.name == label:
                st.outputs = [p for p in st.outputs if p != path]
                st.error = st.error or message
    issues = ctx.all_issues()
    records = issues.astype(object).where(issues.notna(), None).to_dict("records")
    result = RunResult(stages, cached=False, seconds=time.perf_counter() - t0, issue_records=records)
    if not result.failed:
        _store_run(key, result)  # also after --no-cache, so that the next run can be verified instead of recomputed
    return result



def _run_key(raw, extra, overseas, out, figures, lang, reviews):
    """The run's folders and inputs with their defaults filled in, and the cache key of their contents, the
    code and the options."""
    raw = Path(raw) if raw else raw_dir()
    out = Path(out) if out else processed_dir()
    fig = Path(figures) if figures else figures_dir()
    overseas = [Path(p) for p in overseas]
    if reviews is None:
        from aicompare.paths import default_reviews_path

        reviews = default_reviews_path() if default_reviews_path().is_file() else None
    inputs = [raw, *map(Path, extra), *overseas, *([Path(reviews)] if reviews else [])]
    key = hashlib.sha256("|".join([
        _inputs_fingerprint(inputs), _code_fingerprint(), str(out.resolve()), str(fig.resolve()), lang,
        ";".join(str(p) for p in inputs)]).encode()).hexdigest()
    return raw, out, fig, overseas, reviews, key


def cached_run(
    raw: str | Path | None = None, extra: Sequence[str | Path] = (), *, overseas: Sequence[str | Path] = (),
    out: str | Path | None = None, figures: str | Path | None = None, lang: str = "ja",
    reviews: str | Path | None = None,
) -> RunResult | None:
    """The result of :func:`run_all` with these arguments when inputs, code and outputs are unchanged since a
    run stored it (outputs verified, nothing recomputed); None otherwise. Imports nothing heavy."""
    t0 = time.perf_counter()
    check_lang_choice(lang)
    hit = _cached_run(_run_key(raw, extra, overseas, out, figures, lang, reviews)[-1])
    if hit is not None:
        hit.seconds = time.perf_counter() - t0
    return hit

@dataclass
class RunContext:
    """What one run of ``all`` has computed so far, handed from stage to stage so that each result (the
    ingested corpus, the coding, the parsed review and guideline) is computed once per run."""

    raw: Path
    extra: list[Path]
    overseas: list[Path]
    out: Path
    fig: Path
    lang: str
    reviews: pd.DataFrame | None = None
    issues: list[pd.DataFrame] = field(default_factory=list)
    documents: pd.DataFrame | None = None  # ingest
    passages: pd.DataFrame | None = None
    evidence: pd.DataFrame | None = None  # extract
    decisions: pd.DataFrame | None = None
    matrix: pd.DataFrame | None = None
    overseas_documents: pd.DataFrame | None = None  # overseas corpus (coded)
    overseas_passages: pd.DataFrame | None = None
    overseas_evidence: pd.DataFrame | None = None
    overseas_decisions: pd.DataFrame | None = None
    overseas_matrix: pd.DataFrame | None = None
    text_features: object = None  # the clustering's TF-IDF being computed in a worker process (WorkerCall)
    _survey: object = None  # the review report, parsed on first use
    _guideline: object = None  # the business guideline's structure, parsed on first use
    _overseas: tuple | None = None  # the documents compared and clustered, assembled on first use

    def role_path(self, role: str) -> str | None:
        """The file of the corpus document with ``role`` in SOURCES.csv (None without one)."""
        from aicompare.corpus.sources import document_path_with_role

        return document_path_with_role(self.documents, role)

    def role_doc_id(self, role: str) -> str | None:
        from aicompare.corpus.sources import document_with_role

        row = document_with_role(self.documents, role)
        return None if row is None else str(row["doc_id"])

    def own_passages(self, doc_id: str) -> pd.DataFrame:
        return self.passages[self.passages["doc_id"] == doc_id]

    def survey(self):
        """The review report parsed once, with the passages of this run's ingest as its evidence."""
        if self._survey is None:
            from aicompare.survey import parse_survey

            doc_id = self.role_doc_id("review_report")
            own = self.own_passages(doc_id)
            self._survey = parse_survey(self.role_path("review_report"), doc_id=doc_id,
                                        passages=own if len(own) else None)
        return self._survey

    def guideline(self):
        """The business guideline's structure parsed once, linked to this run's passages of it."""
        if self._guideline is None:
            from aicompare.coverage import resolve_guideline

            self._guideline = resolve_guideline(self.role_path("business_guideline"), self.passages)
        return self._guideline

    def home(self) -> str | None:
        """The corpus's home country (its documents from elsewhere are the overseas ones)."""
        from aicompare.corpus.load import home_country

        return home_country(self.documents)

    def overseas_corpus(self):
        """The documents compared and clustered, assembled once (no coding needed): the corpus's documents from
        outside the home country plus the ``--overseas`` corpora, without those in a language the extractor does
        not read. Returns (documents, passages, the corpus's own documents among them, doc_ids left out)."""
        if self._overseas is None:
            from aicompare.corpus.load import combine, load_corpus, overseas_documents
            from aicompare.corpus.manifest import enrich_documents
            from aicompare.corpus.model import Corpus
            from aicompare.extract import not_coded_documents
            import pandas as pd

            from aicompare.schema import ISSUE_COLUMNS

            own = overseas_documents(self.documents, self.home())
            parts = [Corpus(enrich_documents(own), self.passages[self.passages["doc_id"].isin(own["doc_id"])],
                            pd.DataFrame(columns=ISSUE_COLUMNS))]
            if self.overseas:
                parts.append(load_corpus(self.overseas))
            corpus = combine(parts)
            skipped = not_coded_documents(corpus.documents)
            docs = corpus.documents[~corpus.documents["doc_id"].isin(skipped)].reset_index(drop=True)
            passages = corpus.passages[corpus.passages["doc_id"].isin(docs["doc_id"])]
            if self.overseas:
                self.issues.append(parts[-1].issues)  # once, whichever stage assembled the corpus first
            self._overseas = (docs, passages, own, skipped)
        return self._overseas

    def close(self) -> None:
        """Stop a worker process this run started and no longer needs."""
        if self.text_features is not None:
            self.text_features.cancel()
            self.text_features = None

    def all_issues(self) -> pd.DataFrame:
        import pandas as pd

        from aicompare.schema import ISSUE_COLUMNS

        frames = [f for f in self.issues if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=ISSUE_COLUMNS)


def _run_stages(stages: list[Stage], ctx: RunContext, exports, log: Callable[[str], None]) -> None:
    """Run the stages in order, appending a :class:`Stage` per step to ``stages``."""

    def stage(name: str, fn: Callable[[RunContext], tuple[list[Path], str]], requires: str | None = None) -> None:
        exports.label = name
        if requires:
            stages.append(Stage(name, skipped=requires))
            return
        log(f"{name} …")  # what is running now (a status line on a terminal)
        t = time.perf_counter()
        try:
            paths, note = fn(ctx)
        except Exception as exc:  # one failing stage must not lose the others' outputs
            stages.append(Stage(name, [], None, time.perf_counter() - t, "", f"{type(exc).__name__}: {exc}"))
            return
        stages.append(Stage(name, list(paths), None, time.perf_counter() - t, note))

    stage("ingest", _ingest)
    if ctx.documents is None:
        return
    from aicompare.figures.export import decide_static_export_in_background

    decide_static_export_in_background()  # unless ingest started it (_start_browser): after ingest's forks
    _prepare_text_features(ctx)  # in a worker process, while the extract stage codes here
    stage("extract", _extract)
    report = ctx.role_path("review_report")
    stage("survey", _survey, None if report else "no document with role review_report in SOURCES.csv")
    stage("overseas corpus", _overseas_corpus, None if ctx.matrix is not None else "the extract stage failed")
    ov_docs = ctx.overseas_documents
    no_overseas = ("no overseas documents (data/raw/overseas/ is empty; pass --overseas PATH or "
                   "`aicompare fetch waie`)")
    too_few = (no_overseas if ov_docs is None or not len(ov_docs) else
               f"{len(ov_docs)} documents; clustering needs at least {MIN_DOCUMENTS_TO_CLUSTER}"
               if len(ov_docs) < MIN_DOCUMENTS_TO_CLUSTER else None)
    # compare before coverage: its first figure is ready within a second, so the browser draws while coverage
    # computes (coverage's first figure comes about three seconds into the stage)
    stage("compare", _compare, None if ov_docs is not None and len(ov_docs) else no_overseas)
    guideline = ctx.role_path("business_guideline")
    stage("coverage", _coverage, None if guideline else "no document with role business_guideline in SOURCES.csv")
    stage("cluster", _cluster, too_few)
    stage("excel", lambda c: _excel(c.out))


def _ingest(ctx: RunContext) -> tuple[list[Path], str]:
    from aicompare.corpus.ingest import ingest, write_ingested

    res = ingest([ctx.raw, *ctx.extra], progress=True, while_parsing=_load_later_stages,
                 when_parsed=_start_browser)
    ctx.issues.append(res.issues)
    if res.documents.empty:  # keep the tables of an earlier run rather than overwrite them with empty ones
        raise ValueError("no document could be ingested; nothing written")
    ctx.documents, ctx.passages = res.documents, res.passages
    s = res.summary()
    return write_ingested(res, ctx.out), f"{s['documents']} documents, {s['passages']} passages, {s['errors']} errors"


def _start_browser() -> None:
    """Start the figure browser as soon as the ingest workers have read every file (no worker is forked after
    that): its start-up (seconds of CPU) then runs on the core they leave while this process still loads the later
    stages, instead of competing with the extract stage."""
    from aicompare.figures.export import decide_static_export_in_background

    decide_static_export_in_background()


def _load_later_stages() -> None:
    """What the later stages load anyway — the lexicon, the Japanese tokenizer, scikit-learn and the figure
    modules — loaded while the ingest workers parse (this process would only wait for them). A failure here is
    left to the stage that needs the module, which reports it in its own words."""
    try:
        from aicompare.extract import prepare
        from aicompare.figures.style import load_plotly
        import aicompare.stages.cluster  # noqa: F401
        import aicompare.stages.compare  # noqa: F401
        import aicompare.stages.coverage  # noqa: F401
        import scipy.cluster.hierarchy  # noqa: F401  (the clustering's own imports, made when it runs)
        import sklearn.cluster  # noqa: F401
        import sklearn.metrics  # noqa: F401

        prepare()
        load_plotly()
    except Exception:
        pass


def _extract(ctx: RunContext) -> tuple[list[Path], str]:
    from aicompare.extract import code_documents
    from aicompare.io import write_table
    from aicompare.figures.export import save_figure
    from aicompare.figures.extract import value_evidence_figure
    from aicompare.taxonomy import load_values

    evidence, decisions, matrix = code_documents(ctx.passages, ctx.documents, reviews=ctx.reviews)
    ctx.evidence, ctx.decisions, ctx.matrix = evidence, decisions, matrix
    out = ctx.out / "extract"
    written = [write_table(matrix, out / "matrix.csv"), write_table(evidence, out / "evidence.csv"),
               write_table(decisions, out / "decisions.csv")]
    bg = ctx.role_doc_id("business_guideline")
    for lang in figure_langs(ctx.lang) if bg is not None else ():
        written += save_figure(value_evidence_figure(evidence, load_values(), bg, lang=lang, documents=ctx.documents),
                               f"values_business_guideline{lang_suffix(lang)}", ctx.fig)
    n_rev = int((decisions["status"] == "reviewed").sum())
    return written, (f"{int(matrix.drop(columns='doc_id').to_numpy().sum())} document-value cells, {len(evidence)} "
                     f"evidence rows" + (f", {n_rev} cells reviewed" if n_rev else ""))


def _survey(ctx: RunContext) -> tuple[list[Path], str]:
    from aicompare.stages.survey import write_survey_outputs

    docs, matrix = ctx.documents, ctx.matrix
    if matrix is not None:  # the corpus's automatic coding, the report itself left out
        matrix = matrix[matrix["doc_id"].isin(docs.loc[docs["role"] != "review_report", "doc_id"])]
    written = write_survey_outputs(ctx.role_path("review_report"), ctx.out / "survey", ctx.fig, lang=ctx.lang,
                                   matrix=matrix, survey=ctx.survey(),
                                   corpus_label=None if matrix is None else
                                   f"default corpus, automatic coding ({len(matrix)} documents)")
    return written, "published domestic counts beside the automatic coding of the corpus"


def _coverage(ctx: RunContext) -> tuple[list[Path], str]:
    from aicompare.coverage import coverage_against
    from aicompare.stages.coverage import write_coverage_outputs

    counts = ctx.survey().counts_domestic if ctx.role_path("review_report") else None
    g = ctx.guideline()
    value_evidence = None if ctx.evidence is None else ctx.evidence[ctx.evidence["doc_id"] == g.doc_id]
    res = coverage_against(ctx.passages, g, documents=ctx.documents, domestic_counts=counts,
                           value_evidence=value_evidence)
    written = write_coverage_outputs(res, ctx.out / "coverage", figures_dir=ctx.fig, lang=ctx.lang)
    covered = int(res.values["covered"].sum())
    return written, f"business guideline covers {covered} of {len(res.values)} values"


def _overseas_corpus(ctx: RunContext) -> tuple[list[Path], str]:
    """The documents compared and clustered: the corpus's documents from outside the home country (with their
    coding from the extract stage) plus the ``--overseas`` corpora, coded here. Documents in a language the
    extractor does not read are listed and left out (they would count as addressing nothing)."""
    from aicompare.extract import code_documents
    import pandas as pd

    docs, passages, own, skipped = ctx.overseas_corpus()
    ctx.overseas_documents, ctx.overseas_passages = docs, passages
    mine = ctx.matrix["doc_id"].isin(own["doc_id"])
    new_docs = docs[~docs["doc_id"].isin(own["doc_id"])]
    ev_new, dec_new, m_new = code_documents(passages[passages["doc_id"].isin(new_docs["doc_id"])], new_docs,
                                            reviews=ctx.reviews)
    decisions = pd.concat([ctx.decisions[ctx.decisions["doc_id"].isin(docs["doc_id"])], dec_new], ignore_index=True)
    ctx.overseas_decisions = decisions.reset_index(drop=True)
    ev = pd.concat([ctx.evidence[ctx.evidence["doc_id"].isin(docs["doc_id"])], ev_new], ignore_index=True)
    ctx.overseas_evidence = ev.sort_values(["doc_id", "passage_id", "value_code"], kind="stable").reset_index(drop=True)
    matrix = pd.concat([ctx.matrix[mine & ctx.matrix["doc_id"].isin(docs["doc_id"])], m_new], ignore_index=True)
    ctx.overseas_matrix = matrix.set_index("doc_id").loc[docs["doc_id"]].reset_index()
    written = _write_added(ctx, new_docs)
    home = ctx.home()
    more = f" + {len(docs) - len(own)} from {', '.join(p.name for p in ctx.overseas)}" if ctx.overseas else ""
    left = f"; not coded (language): {', '.join(skipped)}" if skipped else ""
    return written, f"{len(own)} documents of the corpus from outside {home or 'the home country'}{more}{left}"


def _write_added(ctx: RunContext, added: pd.DataFrame) -> list[Path]:
    """The ``--overseas`` corpora's own tables under ``overseas/`` — documents, passages, evidence (with the passage
    text), decisions and matrix — so that their cells can be checked like the corpus's (empty without them)."""
    from aicompare.corpus.ingest import portable_paths
    from aicompare.io import write_table

    ids = set(added["doc_id"])
    out = ctx.out / "overseas"
    pick = lambda df: df[df["doc_id"].isin(ids)].reset_index(drop=True)  # noqa: E731
    return [write_table(portable_paths(added.reset_index(drop=True)), out / "documents.csv"),
            write_table(pick(ctx.overseas_passages), out / "passages.parquet"),
            write_table(pick(ctx.overseas_evidence), out / "evidence.csv"),
            write_table(pick(ctx.overseas_decisions), out / "decisions.csv"),
            write_table(pick(ctx.overseas_matrix), out / "matrix.csv")]


def _compare(ctx: RunContext) -> tuple[list[Path], str]:
    from aicompare.compare import review_domestic_counts, review_scope, review_selection
    from aicompare.io import write_table
    from aicompare.corpus.ingest import portable_paths
    from aicompare.corpus.load import home_country
    from aicompare.stages.compare import write_compare_outputs, write_guideline_matrix

    docs, matrix, evidence = ctx.overseas_documents, ctx.overseas_matrix, ctx.overseas_evidence
    survey = ctx.survey() if ctx.role_path("review_report") else None
    domestic = review_domestic_counts(survey) if survey is not None else None
    scope = review_scope(survey)  # without a report in the corpus: the seed report's scope
    selection = review_selection(docs, scope, home=home_country(ctx.documents))
    out, fig, home = ctx.out / "compare", ctx.fig, home_country(ctx.documents)
    written = [write_table(portable_paths(docs), out / "documents.csv")]  # the doc_ids of every table, with metadata
    # the guideline matrix first: its figures take the browser longest, which then draws them while the tables below
    # are written (the run's last figures otherwise wait for it at the end)
    written += write_guideline_matrix(docs, matrix, out, decisions=ctx.overseas_decisions, by="country",
                                      figures=True, figures_dir=fig, figure_prefix="compare_")
    written += write_compare_outputs(docs, matrix, out, evidence=evidence, domestic=domestic, home=home,
                                     domestic_source="review", figures_dir=fig, figure_prefix="compare_",
                                     lang=ctx.lang)
    written += write_compare_outputs(docs, matrix, out / "review_selection", evidence=evidence, selection=selection,
                                     home=home, figures_dir=fig, figure_prefix="compare_review_selection_",
                                     lang=ctx.lang)
    return written, f"{len(docs)} documents; {int(selection['selected'].sum())} pass the review's selection rules"


# below this many characters of overseas text, a worker process's start-up (about a second of imports) costs more
# than computing the clustering's text features in the run itself
PARALLEL_TEXT_CHARS = 1_000_000


def _prepare_text_features(ctx: RunContext) -> None:
    """Start the clustering's TF-IDF features (both analyzers; the slowest part of clustering) in a worker
    process right after ingest — they need the texts only, not the coding — so that they are ready when the
    cluster stage asks for them. On one core, for a small corpus, or when the corpus cannot be assembled (the
    overseas corpus stage then reports why), the stage computes them itself; the features are the same."""
    from aicompare.cluster.features import document_texts, prepare_text_features

    from aicompare.corpus.pool import available_cores

    if available_cores() < 2:
        return
    try:
        docs, passages, _, _ = ctx.overseas_corpus()
    except Exception:
        return
    if len(docs) < MIN_DOCUMENTS_TO_CLUSTER:
        return
    texts = document_texts(passages)
    if int(texts.str.len().sum()) < PARALLEL_TEXT_CHARS:
        return
    from aicompare.worker import start_call

    ctx.text_features = start_call(prepare_text_features, texts.tolist())


def _cluster(ctx: RunContext) -> tuple[list[Path], str]:
    from aicompare.cluster.features import remember
    from aicompare.stages.cluster import cluster_and_write

    if ctx.text_features is not None:
        from aicompare.worker import WorkerError

        try:
            remember(ctx.text_features.result())
        except WorkerError:  # the worker failed (killed, out of memory): the stage computes the features itself
            pass
        ctx.close()

    written, results = cluster_and_write(ctx.overseas_documents, ctx.out / "cluster", matrix=ctx.overseas_matrix,
                                         passages=ctx.overseas_passages, figures_dir=ctx.fig, lang=ctx.lang)
    note = "; ".join(f"{v}: k={r.k}, silhouette {r.silhouette:.2f}" for v, r in results.items())
    return written, note


def _excel(out: Path) -> tuple[list[Path], str]:
    from aicompare.report import export_tables_xlsx

    book, sheets = export_tables_xlsx(out / "aicompare_tables.xlsx", out)
    return [book], f"{len(sheets)} sheets"
