"""The clustering stage: cluster the documents in each view and write the tables and figures.

:func:`cluster_and_write` clusters with :mod:`aicompare.cluster`, writes its tables and draws the figures of
:mod:`aicompare.figures.cluster`; :func:`run_cluster` goes from corpus paths to those files (``aicompare cluster``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from aicompare.cluster import (
    ANALYZERS,
    DEFAULT_SEED,
    VIEWS,
    ClusterParameterError,
    ClusterResult,
    check_n_boot,
    cluster_value_cooccurrence,
    document_texts,
    run_clustering,
    summarise_clusters,
)
from aicompare.figures.cluster import clustered_heatmap, map_figure, selection_figure
from aicompare.figures.export import save_figure
from aicompare.figures.wording import figure_langs, lang_suffix, value_labels
from aicompare.io import write_table


def cluster_and_write(
    documents: pd.DataFrame, out_dir: str | Path, *, views: Sequence[str] = VIEWS,
    matrix: pd.DataFrame | None = None, passages: pd.DataFrame | None = None, k: int | None = None,
    analyzer: str = "char", n_boot: int = 50, seed: int = DEFAULT_SEED,
    labels: Mapping[str, str] | None = None, figures: bool = True, figures_dir: str | Path | None = None,
    figure_suffix: str | None = None,
    lang: str = "ja",
) -> tuple[list[Path], dict[str, ClusterResult]]:
    """Cluster and write ``clusters_documents.csv`` (doc_id, view, cluster, silhouette),
    ``clusters_summary.csv``, ``clusters_k_selection.csv``, ``clusters_stability.csv``,
    ``clusters_report.csv`` and, for the values view, ``clusters_values.csv``; figures
    ``clusters_values_heatmap``, ``clusters_<view>_map``, ``clusters_selection``. Returns the paths
    and the results per view.

    Figure titles, axes and value labels are in ``lang`` (``ja``, ``en`` or ``both``), figure names end in
    ``figure_suffix`` (default: ``_en`` for English, nothing for Japanese); the tables' value labels
    are ``labels`` when given, else the taxonomy's Japanese labels whatever ``lang`` (tables do not
    depend on the figure language)."""
    out = Path(out_dir)
    fig_out = Path(figures_dir) if figures_dir is not None else out
    langs = figure_langs(lang)
    fig_labels = labels
    labels = labels if labels is not None else value_labels()
    results = run_clustering(documents, views=views, matrix=matrix, passages=passages, k=k,
                             analyzer=analyzer, n_boot=n_boot, seed=seed)
    texts = document_texts(passages, sorted(documents["doc_id"])) if passages is not None else None
    summaries, written = [], []
    value_table, value_Z = None, None
    if matrix is not None and "values" in results:
        value_table, value_Z, _ = cluster_value_cooccurrence(matrix[matrix["doc_id"].isin(results["values"].doc_ids)])
        if labels:
            value_table.insert(1, "label", value_table["value"].map(labels))
        written.append(write_table(value_table, out / "clusters_values.csv"))
    for fig_lang in langs if figures else ():  # first: in a run the browser draws them while the tables are made
        sfx = lang_suffix(fig_lang) if figure_suffix is None else figure_suffix
        if "values" in results:
            fig = clustered_heatmap(results["values"], value_Z, labels=fig_labels, lang=fig_lang, documents=documents)
            written.extend(save_figure(fig, f"clusters_values_heatmap{sfx}", fig_out))
        for view, res in results.items():
            written.extend(save_figure(map_figure(res, documents, lang=fig_lang), f"clusters_{view}_map{sfx}",
                                       fig_out))
        written.extend(save_figure(selection_figure(list(results.values()), lang=fig_lang),
                                   f"clusters_selection{sfx}", fig_out))
    for view, res in results.items():
        t = texts if texts is not None and set(res.doc_ids) <= set(texts.index) else None
        summaries.append(summarise_clusters(res, documents, matrix=matrix, texts=t, labels=labels))
    written.append(write_table(pd.concat([r.assignments() for r in results.values()], ignore_index=True),
                               out / "clusters_documents.csv"))
    written.append(write_table(pd.concat(summaries, ignore_index=True), out / "clusters_summary.csv"))
    written.append(write_table(pd.concat([r.k_scores for r in results.values()], ignore_index=True),
                               out / "clusters_k_selection.csv"))
    written.append(write_table(pd.concat([r.stability for r in results.values()], ignore_index=True),
                               out / "clusters_stability.csv"))
    written.append(write_table(pd.DataFrame([r.report() for r in results.values()]), out / "clusters_report.csv"))
    return written, results


def run_cluster(
    paths: Sequence[str | Path], out_dir: str | Path, *, views: Sequence[str] = VIEWS, k: int | None = None,
    analyzer: str = "char", n_boot: int = 50, seed: int = DEFAULT_SEED, figures: bool = True,
    figures_dir: str | Path | None = None, lang: str = "ja", reviews: pd.DataFrame | None = None,
    follow_outside: bool = False,
) -> tuple[list[Path], pd.DataFrame]:
    """Load corpora, code them as ``extract`` does when the values view is asked for, cluster and write to
    ``out_dir`` (figures to ``figures_dir``, default ``out_dir``, in ``lang``: ``ja``, ``en`` or ``both``; English
    names end in ``_en``). Documents in a language the extractor does not read are left out. Returns
    ``(paths written, report)`` with k, silhouette and bootstrap ARI per view. Bad ``k`` / ``n_boot`` raise
    :class:`ClusterParameterError` (a ValueError)."""
    from aicompare.corpus.load import load_corpus, write_issues
    from aicompare.extract import code_documents, not_coded_documents

    figure_langs(lang)  # every option checked before anything is loaded
    bad = [v for v in views if v not in VIEWS]
    if bad or analyzer not in ANALYZERS:
        raise ValueError(f"unknown --view {', '.join(bad)} (use {', '.join(VIEWS)})" if bad
                         else f"unknown --analyzer {analyzer} (use {', '.join(ANALYZERS)})")
    check_n_boot(n_boot)
    if k is not None and k < 2:  # known before loading; the upper bound depends on the documents
        raise ClusterParameterError("k", f"k={k} is out of range: it must be at least 2")
    corpus = load_corpus(paths, follow_outside=follow_outside)
    skipped = not_coded_documents(corpus.documents)
    docs = corpus.documents[~corpus.documents["doc_id"].isin(skipped)].reset_index(drop=True)
    if docs.empty:
        raise ValueError("no documents could be loaded from " + ", ".join(map(str, paths)))
    passages = corpus.passages[corpus.passages["doc_id"].isin(docs["doc_id"])]
    matrix = code_documents(passages, docs, reviews=reviews)[2] if "values" in views else None
    written, results = cluster_and_write(docs, out_dir, views=views, matrix=matrix, passages=passages, k=k,
                                         analyzer=analyzer, n_boot=n_boot, seed=seed, figures=figures,
                                         figures_dir=figures_dir, lang=lang)
    issues_csv = write_issues(corpus.issues, out_dir)  # per-file problems, as ingest and compare write them
    return [issues_csv, *written], pd.DataFrame([r.report() for r in results.values()])
