"""Reports: the analyst's corpus as one self-contained HTML file; the notebooks rendered the same way; the main
tables as one Excel workbook.

    build_report(corpus, lang)      # the corpus report as a string: findings, figures, filterable tables
    write_report(out, corpus)       # … written atomically (default corpus: the shipped data/raw)
    report_findings(...)            # the first page's sentences, every number computed from the tables
    build_notebook_report()         # reports/aicompare_report.html from the notebooks' saved outputs
    export_tables_xlsx()            # reports/aicompare_tables.xlsx (one sheet per table in data/processed)
    execute_notebooks()             # re-run notebooks/NN_*.ipynb in place (refresh the committed outputs)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
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
    # the --overseas corpora (WAIE, manifests): sheets only when a run added some
    "overseas_documents": "overseas/documents.csv",
    "overseas_matrix": "overseas/matrix.csv",
    "overseas_evidence": "overseas/evidence.csv",
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


def build_notebook_report(out: str | Path | None = None, notebooks_dir: str | Path | None = None,
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
    tables = {name: t for name, t in tables.items() if len(t) or not name.startswith("overseas_")}
    if not tables:
        raise FileNotFoundError(f"no tables under {base}: run `aicompare all` first")
    target = Path(out) if out else project_root() / "reports" / "aicompare_tables.xlsx"
    return write_tables_xlsx(tables, target), list(tables)


# ================================================================ the corpus report
#
# One HTML file for any corpus: a first page of findings computed from the coded tables, the figures (plotly,
# its JavaScript inlined once), and tables an analyst can sort (click a header) and filter (a text box per
# table) with a few lines of inline JavaScript. Every string from the corpus is escaped; nothing is loaded
# from the network; the same inputs give the same bytes (fixed figure ids, stable sorts, no timestamps).

EVIDENCE_PER_CELL = 5     # evidence rows shown per (document, value): the strongest passages
QUOTE_CONTEXT = 120       # characters of a passage either side of the matched terms
# a cell's strength (aicompare.extract.decide; "reviewed"/"rejected" after the analyst's reviews): sort key, mark
STRENGTH_ORDER = {"reviewed": 4, "strong": 3, "moderate": 2, "weak": 1, "none": 0, "rejected": -0.5, "not coded": -1}
STRENGTH_MARKS = {"reviewed": "◆", "strong": "●", "moderate": "○", "weak": "·", "none": "", "rejected": "×",
                  "not coded": "–"}
FIGURE_GROUPINGS = ("publisher_type", "region", "country")


def _t(key: str, lang: str, **fields) -> str:
    from aicompare.figures.wording import text

    return text(f"report.{key}", lang, **fields)


def _e(value: object) -> str:
    """``value`` as HTML text (missing values empty): every string from the corpus passes here."""
    import html

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


@dataclass
class CodedCorpus:
    """A corpus with its coding: ``matrix`` has every document (zeros for those not coded); the counts of the
    report use :attr:`counted` (coded documents only)."""
    documents: pd.DataFrame
    evidence: pd.DataFrame
    decisions: pd.DataFrame
    matrix: pd.DataFrame
    not_coded: list[str]
    reviewed: bool = False

    @property
    def counted(self) -> pd.DataFrame:
        return self.matrix[~self.matrix["doc_id"].isin(self.not_coded)].reset_index(drop=True)


def code_corpus(corpus, reviews: pd.DataFrame | None = None) -> CodedCorpus:
    """Code a loaded corpus (:func:`aicompare.corpus.load.load_corpus`) with the analyst's reviews applied."""
    from aicompare.extract import code_documents, not_coded_documents

    docs = corpus.documents.sort_values("doc_id", kind="stable").reset_index(drop=True)
    evidence, decisions, matrix = code_documents(corpus.passages, docs, reviews=reviews)
    return CodedCorpus(docs, evidence, decisions, matrix, not_coded_documents(docs),
                       reviewed=reviews is not None and len(reviews) > 0)


def _join(items: list[str], lang: str) -> str:
    return _t("sep", lang).join(items)


def _group_counts(documents: pd.DataFrame, doc_ids, by: str, lang: str) -> str:
    from aicompare.compare import document_groups
    from aicompare.figures.compare import group_label

    docs = documents[documents["doc_id"].isin(list(doc_ids))]
    if by not in docs.columns or docs.empty:
        return ""
    counts = document_groups(docs, by)["group"].value_counts()
    order = sorted(counts.index, key=lambda g: (-int(counts[g]), str(g)))
    return _join([_t("item_count", lang, name=group_label(g, by, lang), n=int(counts[g])) for g in order], lang)


def _value_items(codes, counts: pd.Series, n: int, lang: str) -> str:
    from aicompare.figures.wording import value_labels

    labels = value_labels(lang)
    return _join([_t("item_value", lang, code=c, label=labels.get(c, c), c=int(counts[c]), n=n,
                     p=int(counts[c]) / n if n else 0.0) for c in codes], lang)


def home_and_sides(documents: pd.DataFrame, doc_ids) -> tuple[str, list[str], list[str]]:
    """``(home, domestic, overseas)`` among ``doc_ids``: home is the business guideline's country (default
    JP); domestic documents list it among their countries, overseas ones give other countries only;
    documents without a country are neither."""
    from aicompare.compare import domestic_doc_ids
    from aicompare.corpus.load import home_country

    home = home_country(documents) or "JP"
    docs = documents[documents["doc_id"].isin(list(doc_ids))]
    country = docs["country"].fillna("").astype(str).str.strip() if "country" in docs.columns \
        else pd.Series("", index=docs.index)
    domestic = domestic_doc_ids(docs.assign(country=country), home) if len(docs) else []
    overseas = sorted(set(docs.loc[country != "", "doc_id"]) - set(domestic))
    return home, domestic, overseas


def report_findings(documents: pd.DataFrame, matrix: pd.DataFrame, *, decisions: pd.DataFrame | None = None,
                    not_coded=(), lang: str = "ja") -> list[str]:
    """The first page: sentences computed from the documents table and the documents × values matrix.

    ``matrix`` (``doc_id``, ``V01``…``V22``, 0/1) may hold the documents ``not_coded`` (languages the
    extractor does not read): they are named and left out of every count. ``decisions`` (the long table of
    :func:`aicompare.extract.code_documents`) adds the strengths and the reviewed share. Plain text, not HTML.
    """
    from aicompare.compare import presence, value_prevalence
    from aicompare.figures.wording import check_lang

    check_lang(lang)
    not_coded = [str(d) for d in not_coded]
    pres = presence(matrix)
    pres = pres[~pres.index.isin(not_coded)]
    coded = list(pres.index)
    n = len(coded)
    out = [_t("f.documents", lang, n=len(documents), coded=n)]
    for by in ("country", "publisher_type"):
        items = _group_counts(documents, coded, by, lang)
        if items:
            out.append(_t(f"f.by_{by}", lang, items=items))
    if not_coded:
        docs = documents.set_index("doc_id")
        names = [_t("item_doc", lang, title=docs.at[d, "title"] if d in docs.index and "title" in docs.columns else d,
                    language=docs.at[d, "lang"] if d in docs.index and "lang" in docs.columns else "")
                 for d in not_coded]
        out.append(_t("f.not_coded", lang, k=len(not_coded), items=_join(names, lang)))
    else:
        out.append(_t("f.all_coded", lang))
    if n == 0:
        out.append(_t("f.no_coded", lang))
        return out
    counts = pres.sum()
    over = [c for c in pres.columns if counts[c] * 2 > n]
    out.append(_t("f.over_half", lang, n=n, k=len(over), total=len(pres.columns), items=_value_items(over, counts, n, lang))
               if over else _t("f.over_half_none", lang, n=n))
    top, low = int(counts.max()), int(counts.min())
    out.append(_t("f.most", lang, items=_value_items([c for c in pres.columns if counts[c] == top], counts, n, lang)))
    if low != top:
        out.append(_t("f.least", lang, items=_value_items([c for c in pres.columns if counts[c] == low], counts, n, lang)))
    per_doc = pres.sum(axis=1)
    out.append(_t("f.per_doc", lang, mean=float(per_doc.mean()), lo=int(per_doc.min()), hi=int(per_doc.max()),
                  total=len(pres.columns)))
    if decisions is not None and len(decisions):
        dec = decisions[~decisions["doc_id"].astype(str).isin(not_coded)]
        strength = dec["strength"].value_counts()
        addressed = int(dec["addressed"].astype(bool).sum())
        from aicompare.extract import document_rule

        out.append(_t("f.strength", lang, a=addressed, k=document_rule()["strong_min_passages"],
                      s=int(strength.get("strong", 0)),
                      m=int(strength.get("moderate", 0)), w=int(strength.get("weak", 0))))
        n_rev = int((dec["status"] == "reviewed").sum())
        n_on = int((dec["status"] == "reviewed").mul(dec["addressed"].astype(bool)).sum())
        out.append(_t("f.reviewed", lang, r=n_rev, cells=len(dec), on=n_on, off=n_rev - n_on) if n_rev
                   else _t("f.machine", lang, cells=len(dec)))
    home, domestic, overseas = home_and_sides(documents, coded)
    if domestic and overseas:
        from aicompare.compare import prevalence_comparison

        comp = prevalence_comparison(value_prevalence(matrix, overseas), value_prevalence(matrix, domestic))
        out.append(_t("f.sides", lang, home=home, nd=len(domestic), no=len(overseas),
                      md=float(per_doc[domestic].mean()), mo=float(per_doc[overseas].mean())))
        for key, sign in (("f.more_overseas", 1), ("f.more_domestic", -1)):
            diff = comp[comp["difference"] * sign > 0].assign(d=lambda f: -sign * f["difference"])
            diff = diff.sort_values(["d", "value"], kind="stable").head(3)
            if len(diff):
                out.append(_t(key, lang, items=_join([_side_item(r, lang) for r in diff.to_dict("records")], lang)))
        both = comp[(comp["overseas_count"] * 2 > comp["overseas_n"]) & (comp["domestic_count"] * 2 > comp["domestic_n"])]
        out.append(_t("f.both_over_half", lang, k=len(both), codes=_join(both["value"].tolist(), lang))
                   if len(both) else _t("f.both_over_half_none", lang))
    else:
        out.append(_t("f.no_sides", lang, home=home, nd=len(domestic), no=len(overseas)))
    return out


def _side_item(row: dict, lang: str) -> str:
    from aicompare.figures.wording import value_labels

    return _t("item_side", lang, code=row["value"], label=value_labels(lang).get(row["value"], row["value"]),
              po=row["overseas_share"], pd=row["domestic_share"])


# ---------------------------------------------------------------- figures

def report_figures(coded: CodedCorpus, lang: str = "ja") -> list[tuple[str, "object"]]:
    """``(div id, plotly figure)`` of the report: the review-style matrix by publisher type, region and
    country, and overseas vs domestic prevalence when the corpus has both sides (coded documents only)."""
    from aicompare.compare import aggregate_values, prevalence_comparison, value_prevalence
    from aicompare.figures.compare import matrix_figure, prevalence_figure
    from aicompare.figures.wording import text

    counted = coded.counted
    figs: list[tuple[str, object]] = []
    if counted.empty:
        return figs
    docs = coded.documents
    for by in FIGURE_GROUPINGS:
        if by in docs.columns:
            figs.append((f"fig-matrix-{by}", matrix_figure(aggregate_values(counted, docs, by), lang=lang)))
    _, domestic, overseas = home_and_sides(docs, counted["doc_id"])
    if domestic and overseas:
        comp = prevalence_comparison(value_prevalence(counted, overseas), value_prevalence(counted, domestic))
        names = (text("compare.side.overseas_corpus", lang), text("compare.side.corpus_domestic", lang))
        figs.append(("fig-prevalence", prevalence_figure(comp, names=names, lang=lang)))
    for _, fig in figs:
        for i, trace in enumerate(fig.data):  # stable trace ids (plotly.js would draw random ones)
            if trace.uid is None:
                trace.uid = f"trace{i:03d}"
    return figs


def figures_html(figures: list[tuple[str, "object"]]) -> str:
    """The figures as HTML fragments with fixed ids; plotly.js inlined once, with the first figure."""
    parts = []
    for i, (div_id, fig) in enumerate(figures):
        parts.append(f'<div class="figure">{fig.to_html(full_html=False, include_plotlyjs=(i == 0), div_id=div_id)}</div>')
    return "\n".join(parts)


# ---------------------------------------------------------------- tables

def _source_file(documents: pd.DataFrame) -> pd.Series:
    from aicompare.paths import portable_path

    path = documents["path"] if "path" in documents.columns else pd.Series("", index=documents.index)
    return path.map(lambda v: portable_path(v) if isinstance(v, str) else "")


def documents_table(coded: CodedCorpus, lang: str = "ja") -> pd.DataFrame:
    """One row per document: metadata, coded or not, values addressed, source file."""
    docs = coded.documents
    n_values = coded.matrix.set_index("doc_id").sum(axis=1)
    n_passages = docs["n_passages"] if "n_passages" in docs.columns else pd.Series(pd.NA, index=docs.index)
    not_coded = set(coded.not_coded)
    col = lambda c: docs[c] if c in docs.columns else pd.Series(pd.NA, index=docs.index)  # noqa: E731
    return pd.DataFrame({
        "doc_id": docs["doc_id"], "title": col("title"), "country": col("country"), "region": col("region"),
        "publisher_type": col("publisher_type"), "year": col("year"), "lang": col("lang"),
        "coded": [_t("not_coded" if d in not_coded else "coded", lang) for d in docs["doc_id"]],
        "n_values": [pd.NA if d in not_coded else int(n_values.get(d, 0)) for d in docs["doc_id"]],
        "n_passages": n_passages, "source": _source_file(docs),
    })


def _cell_html(value: object, sort_key: object = None, cls: str = "", title: str = "") -> str:
    attrs = ""
    if sort_key is not None and not (not isinstance(sort_key, str) and pd.isna(sort_key)):
        attrs += f' data-v="{_e(sort_key)}"'
    if cls:
        attrs += f' class="{cls}"'
    if title:
        attrs += f' title="{_e(title)}"'
    return f"<td{attrs}>{value}</td>"


def _table_html(table_id: str, headers: list[tuple[str, str]], rows: list[str], lang: str,
                foot: str = "") -> str:
    """A sortable, filterable table: ``headers`` = (label, tooltip); ``rows`` = ready ``<tr>`` markup."""
    ths = "".join(f'<th title="{_e(tip)}">{_e(label)}</th>' if tip else f"<th>{_e(label)}</th>" for label, tip in headers)
    return (f'<div class="tools"><input type="search" id="{table_id}-filter" class="filter" '
            f'placeholder="{_e(_t("filter", lang))}" aria-label="{_e(_t("filter", lang))}"> '
            f'<span id="{table_id}-count" class="count">{len(rows)} / {len(rows)}</span></div>\n'
            f'<div class="scroll"><table class="rt" id="{table_id}">\n<thead><tr>{ths}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + f"\n</tbody>{foot}\n</table></div>")


def _documents_html(coded: CodedCorpus, lang: str) -> str:
    table = documents_table(coded, lang)
    headers = [(_t(f"col.{c}", lang), "") for c in table.columns]
    rows = []
    for r in table.itertuples(index=False):
        cells = [_cell_html(_e(v), sort_key=v if c in ("year", "n_values", "n_passages") else None)
                 for c, v in zip(table.columns, r)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return _table_html("table-documents", headers, rows, lang)


def _matrix_html(coded: CodedCorpus, lang: str) -> str:
    from aicompare.figures.wording import value_labels
    from aicompare.taxonomy import value_codes

    labels = value_labels(lang)
    codes = value_codes()
    dec = coded.decisions.set_index(["doc_id", "value_code"])
    titles = coded.documents.set_index("doc_id")["title"] if "title" in coded.documents.columns else pd.Series(dtype=object)
    headers = [(_t("col.doc_id", lang), ""), (_t("col.title", lang), ""), (_t("col.n_values", lang), "")]
    headers += [(c, labels.get(c, c)) for c in codes]
    counted = coded.counted.set_index("doc_id")
    rows = []
    for d in coded.matrix["doc_id"]:
        skip = d in coded.not_coded
        cells = [_cell_html(_e(d)), _cell_html(_e(titles.get(d, ""))),
                 _cell_html("" if skip else str(int(counted.loc[d, codes].sum())),
                            sort_key=-1 if skip else int(counted.loc[d, codes].sum()))]
        for c in codes:
            row = dec.loc[(d, c)] if (d, c) in dec.index else None
            strength = str(row["strength"]) if row is not None else "none"
            reviewed = row is not None and row["status"] == "reviewed"
            mark = STRENGTH_MARKS.get(strength, strength)
            tip = _t("cell_tip", lang, code=c, label=labels.get(c, c), strength=_t(f"strength.{strength}", lang),
                     n=int(row["n_passages"]) if row is not None else 0,
                     status=_t("by_reviewer", lang, status=_t("status.reviewed", lang), reviewer=row["reviewer"])
                     if reviewed and row["reviewer"] else _t("status.reviewed" if reviewed else "status.machine", lang))
            cls = "s-" + strength.replace(" ", "-") + (" on" if row is not None and bool(row["addressed"]) else "")
            cells.append(_cell_html(_e(mark), sort_key=STRENGTH_ORDER.get(strength, 0), cls=cls, title=tip))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    n = len(counted)
    sums = counted[codes].sum() if n else pd.Series(0, index=codes)
    foot = ("\n<tfoot><tr><td></td><td>" + _e(_t("matrix_total", lang, n=n)) + "</td><td></td>"
            + "".join(f'<td class="{"over" if sums[c] * 2 > n else ""}">{int(sums[c])}</td>' for c in codes)
            + "</tr></tfoot>")
    legend = _t("matrix_legend", lang, strong=STRENGTH_MARKS["strong"], moderate=STRENGTH_MARKS["moderate"],
                weak=STRENGTH_MARKS["weak"], not_coded=STRENGTH_MARKS["not coded"], reviewed=STRENGTH_MARKS["reviewed"],
                rejected=STRENGTH_MARKS["rejected"])
    key = _join([f"{c} {labels.get(c, c)}" for c in codes], lang)
    return (f'<p class="note">{_e(legend)}</p>\n' + _table_html("table-matrix", headers, rows, lang, foot)
            + f'\n<p class="note">{_e(key)}</p>')


def _quote_html(text: str, spans: str, context: int = QUOTE_CONTEXT) -> str:
    """The passage around its matched terms (marked), cut to ``context`` characters either side."""
    text = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    marks = []
    for part in str(spans or "").split(";"):
        a, _, b = part.partition("-")
        if a.strip().isdigit() and b.strip().isdigit():
            s, e = int(a), int(b)
            if 0 <= s < e <= len(text):
                marks.append((s, e))
    marks.sort()
    if not marks:
        cut = text[: 2 * context]
        return _e(cut) + ("…" if len(text) > len(cut) else "")
    lo, hi = max(0, marks[0][0] - context), min(len(text), marks[0][1] + context)
    out, pos = ["…" if lo > 0 else ""], lo
    for s, e in marks:
        if s < pos or e > hi:
            continue
        out += [_e(text[pos:s]), "<mark>", _e(text[s:e]), "</mark>"]
        pos = e
    out += [_e(text[pos:hi]), "…" if hi < len(text) else ""]
    return "".join(out)


def evidence_table(coded: CodedCorpus, per_cell: int | None = EVIDENCE_PER_CELL) -> pd.DataFrame:
    """Evidence of the addressed cells of coded documents, strongest first, at most ``per_cell`` passages per
    (document, value); with the cell's strength and status and the document's source file."""
    ev = coded.evidence[~coded.evidence["doc_id"].astype(str).isin(coded.not_coded)].copy()
    if "status" not in ev.columns:
        ev["status"] = "machine"
    ev = ev.sort_values(["doc_id", "value_code", "score", "passage_id"], ascending=[True, True, False, True],
                        kind="stable")
    if per_cell is not None:
        ev = ev.groupby(["doc_id", "value_code"], sort=False).head(per_cell)
    dec = coded.decisions[["doc_id", "value_code", "strength", "status"]].rename(columns={"status": "cell_status"})
    ev = ev.merge(dec, on=["doc_id", "value_code"], how="left")
    src = pd.DataFrame({"doc_id": coded.documents["doc_id"], "source": _source_file(coded.documents)})
    return ev.merge(src, on="doc_id", how="left").reset_index(drop=True)


def _evidence_html(coded: CodedCorpus, lang: str, per_cell: int | None) -> str:
    from aicompare.figures.wording import value_labels

    labels = value_labels(lang)
    ev = evidence_table(coded, per_cell)
    total = len(coded.evidence[~coded.evidence["doc_id"].astype(str).isin(coded.not_coded)])
    cols = ["doc_id", "value", "strength", "status", "score", "page", "section_path", "quote", "source", "passage_id"]
    headers = [(_t(f"col.{c}", lang), "") for c in cols]
    rows = []
    for r in ev.to_dict("records"):
        status = "reviewed" if "reviewed" in (r.get("status"), r.get("cell_status")) else "machine"
        strength = str(r.get("strength") or "none")
        page = r.get("page")
        cells = [
            _cell_html(_e(r["doc_id"])),
            _cell_html(_e(f"{r['value_code']} {labels.get(r['value_code'], '')}"), sort_key=r["value_code"]),
            _cell_html(_e(_t(f"strength.{strength}", lang)), sort_key=STRENGTH_ORDER.get(strength, 0)),
            _cell_html(_e(_t(f"status.{status}", lang))),
            _cell_html(f"{float(r['score']):g}" if pd.notna(r.get("score")) else "", sort_key=r.get("score")),
            _cell_html("" if page is None or pd.isna(page) else _e(int(page) if isinstance(page, float) else page),
                       sort_key=page),
            _cell_html(_e(r.get("section_path"))),
            _cell_html(_quote_html(r.get("text"), r.get("spans")), cls="quote"),
            _cell_html(_e(r.get("source"))),
            _cell_html(_e(r.get("passage_id"))),
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    note = _t("evidence_note", lang, shown=len(ev), total=total, k=per_cell) if per_cell is not None and len(ev) < total \
        else _t("evidence_all", lang, shown=len(ev))
    return f'<p class="note">{_e(note)}</p>\n' + _table_html("table-evidence", headers, rows, lang)


# ---------------------------------------------------------------- the page

_CSS = """
body{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,sans-serif;margin:0 2em 4em;
color:#222;line-height:1.5}
h1{font-size:1.6em;margin-top:1em}h2{border-bottom:2px solid #d62728;padding-bottom:.2em;margin-top:2em}
nav a{margin-right:1.2em}.note{color:#555;font-size:.9em}.findings li{margin:.3em 0}
.scroll{max-height:80vh;overflow:auto;border:1px solid #ddd}.figure{overflow-x:auto;margin:1em 0}
table.rt{border-collapse:collapse;font-size:.85em}table.rt th,table.rt td{border:1px solid #ddd;padding:2px 6px;
vertical-align:top}table.rt thead th{position:sticky;top:0;background:#f4f4f4;cursor:pointer;user-select:none}
table.rt th[aria-sort=ascending]::after{content:" \\25B2"}table.rt th[aria-sort=descending]::after{content:" \\25BC"}
td.s-strong{background:#d62728;color:#fff;text-align:center}td.s-moderate{background:#f8c8dc;text-align:center}
td.s-weak,td.s-rejected{color:#999;text-align:center}td.s-not-coded{background:#eee;text-align:center}
td.s-reviewed{background:#f8c8dc;font-weight:bold;text-align:center}
tfoot td{font-weight:bold;background:#fafafa}tfoot td.over{color:#d62728}td.quote{min-width:30em}
mark{background:#ffe08a}.tools{margin:.5em 0}.filter{width:24em;padding:3px}.count{color:#555;margin-left:.5em}
"""

_JS = """
(function(){
function key(td){var v=td.getAttribute('data-v');return v===null?td.textContent:v;}
Array.prototype.forEach.call(document.querySelectorAll('table.rt'),function(t){
var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),text=new Map();
rows.forEach(function(r){text.set(r,r.textContent.toLowerCase());});
var box=document.getElementById(t.id+'-filter'),count=document.getElementById(t.id+'-count');
function filter(){var words=box.value.toLowerCase().split(/\\s+/).filter(Boolean),n=0;
rows.forEach(function(r){var s=text.get(r),ok=words.every(function(w){return s.indexOf(w)>=0;});
r.hidden=!ok;if(ok)n++;});count.textContent=n+' / '+rows.length;}
box.addEventListener('input',filter);
Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,c){th.addEventListener('click',function(){
var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
Array.prototype.forEach.call(t.tHead.rows[0].cells,function(h){h.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var keys=rows.map(function(r,i){return {r:r,i:i,k:key(r.cells[c])};});
var num=keys.every(function(x){return x.k===''||!isNaN(Number(x.k));});
keys.sort(function(a,b){var x=a.k,y=b.k,d;
if(num){x=x===''?-Infinity:Number(x);y=y===''?-Infinity:Number(y);d=x<y?-1:x>y?1:0;}
else{d=x.localeCompare(y);}return d*dir||a.i-b.i;});
rows=keys.map(function(x){return x.r;});var f=document.createDocumentFragment();
rows.forEach(function(r){f.appendChild(r);});body.appendChild(f);});});
filter();});
})();
"""


def build_report(corpus, lang: str = "ja", *, reviews: pd.DataFrame | None = None, source: str | None = None,
                 evidence_per_cell: int | None = EVIDENCE_PER_CELL, coded: CodedCorpus | None = None) -> str:
    """The corpus report as one self-contained HTML page (``lang``: ``ja`` or ``en``).

    ``corpus``: a loaded corpus (:func:`aicompare.corpus.load.load_corpus`); ``reviews``: the analyst's
    reviewed decisions (:func:`aicompare.review.read_reviews`); ``source``: what the corpus is, for the
    heading; ``coded``: the corpus already coded (:func:`code_corpus`), to skip the coding.
    Sections: findings, figures, documents, documents × values, evidence.
    """
    from aicompare import __version__
    from aicompare.figures.wording import check_lang

    check_lang(lang)
    if coded is None:
        coded = code_corpus(corpus, reviews)
    findings = report_findings(coded.documents, coded.matrix, decisions=coded.decisions,
                               not_coded=coded.not_coded, lang=lang)
    figs = report_figures(coded, lang)
    sections = [
        ("findings", _t("h.findings", lang),
         '<ul class="findings">\n' + "\n".join(f"<li>{_e(s)}</li>" for s in findings) + "\n</ul>\n"
         + f'<p class="note">{_e(_t("findings_note", lang))}</p>'),
        ("figures", _t("h.figures", lang), figures_html(figs) if figs else f'<p class="note">{_e(_t("no_figures", lang))}</p>'),
        ("documents", _t("h.documents", lang), _documents_html(coded, lang)),
        ("matrix", _t("h.matrix", lang), _matrix_html(coded, lang)),
        ("evidence", _t("h.evidence", lang), _evidence_html(coded, lang, evidence_per_cell)),
    ]
    title = _t("title", lang)
    nav = " ".join(f'<a href="#{sid}">{_e(head)}</a>' for sid, head, _ in sections)
    body = "\n".join(f'<section id="{sid}">\n<h2>{_e(head)}</h2>\n{content}\n</section>' for sid, head, content in sections)
    subtitle = _t("subtitle", lang, source=source) if source else ""
    return (f'<!DOCTYPE html>\n<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)}</title>\n'
            f"<style>{_CSS}</style>\n</head>\n<body>\n<h1>{_e(title)}</h1>\n"
            + (f'<p class="note">{_e(subtitle)}</p>\n' if subtitle else "")
            + f"<nav>{nav}</nav>\n{body}\n"
            f'<p class="note">{_e(_t("footer", lang, version=__version__))}</p>\n'
            f"<script>{_JS}</script>\n</body>\n</html>\n")


def write_report(out: str | Path | None = None, corpus=None, *, lang: str = "ja",
                 reviews: pd.DataFrame | str | Path | None = None, source: str | None = None,
                 evidence_per_cell: int | None = EVIDENCE_PER_CELL) -> Path:
    """Write :func:`build_report` of ``corpus`` (default: the shipped corpus, :func:`default_corpus`) to ``out``
    (default ``reports/aicompare_report.html``) atomically; return the path. ``reviews``: a reviews table or
    the path of a reviews CSV (a malformed one is a ValueError, before anything is computed)."""
    from aicompare.figures.wording import check_lang

    check_lang(lang)
    if reviews is not None and not isinstance(reviews, pd.DataFrame):
        from aicompare.review import read_reviews

        reviews = read_reviews(reviews)
    if corpus is None:
        from aicompare.corpus.load import default_corpus

        source, corpus = default_corpus()
    target = Path(out) if out else project_root() / "reports" / "aicompare_report.html"
    return write_text(target, build_report(corpus, lang, reviews=reviews, source=source,
                                           evidence_per_cell=evidence_per_cell))
