"""The clustering stage: cluster the documents in each view and write the tables and figures.

:func:`cluster_and_write` clusters with :mod:`aicompare.cluster`, writes its tables and draws the figures of
:mod:`aicompare.figures.cluster`; :func:`run_cluster` goes from corpus paths to those files (``aicompare cluster``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd

from aicompare.cluster import (
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
from aicompare.compare import corpus_values
from aicompare.figures.cluster import clustered_heatmap, map_figure, selection_figure
from aicompare.figures.export import save_figure
from aicompare.figures.wording import check_lang, value_labels
from aicompare.io import write_table


def cluster_and_write(
    documents: pd.DataFrame, out_dir: str | Path, *, views: Sequence[str] = VIEWS,
    matrix: pd.DataFrame | None = None, passages: pd.DataFrame | None = None, k: int | None = None,
    analyzer: str = "char", n_boot: int = 50, seed: int = DEFAULT_SEED,
    labels: Mapping[str, str] | None = None, figures: bool = True, figures_dir: str | Path | None = None,
    figure_suffix: str = "",
    lang: str = "ja",
) -> tuple[list[Path], dict[str, ClusterResult]]:
    """Cluster and write ``clusters_documents.csv`` (doc_id, view, cluster, silhouette),
    ``clusters_summary.csv``, ``clusters_k_selection.csv``, ``clusters_stability.csv``,
    ``clusters_report.csv`` and, for the values view, ``clusters_values.csv``; figures
    ``clusters_values_heatmap``, ``clusters_<view>_map``, ``clusters_selection``. Returns the paths
    and the results per view.

    Figure titles, axes and value labels are in ``lang`` (``ja``/``en``); the tables' value labels
    are ``labels`` when given, else the taxonomy's Japanese labels whatever ``lang`` (tables do not
    depend on the figure language)."""
    out = Path(out_dir)
    fig_out = Path(figures_dir) if figures_dir is not None else out
    check_lang(lang)
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
    if figures:
        if "values" in results:
            fig = clustered_heatmap(results["values"], value_Z, labels=fig_labels, lang=lang, documents=documents)
            written.extend(save_figure(fig, f"clusters_values_heatmap{figure_suffix}", fig_out))
        for view, res in results.items():
            written.extend(save_figure(map_figure(res, documents, lang=lang), f"clusters_{view}_map{figure_suffix}",
                                       fig_out))
        written.extend(save_figure(selection_figure(list(results.values()), lang=lang),
                                   f"clusters_selection{figure_suffix}", fig_out))
    return written, results


def run_cluster(
    paths: Sequence[str | Path], out_dir: str | Path, *, views: Sequence[str] = VIEWS, k: int | None = None,
    analyzer: str = "char", n_boot: int = 50, seed: int = DEFAULT_SEED, figures: bool = True, lang: str = "ja",
    follow_outside: bool = False,
) -> tuple[list[Path], pd.DataFrame]:
    """Load corpora, extract values when the values view is asked for, cluster and write to
    ``out_dir`` (figures in ``lang``). Returns ``(paths written, report)`` with k, silhouette and
    bootstrap ARI per view. Bad ``k`` / ``n_boot`` raise :class:`ClusterParameterError` (a ValueError)."""
    from aicompare.corpus.load import load_corpus, write_issues

    check_lang(lang)
    check_n_boot(n_boot)
    if k is not None and k < 2:  # known before loading; the upper bound depends on the documents
        raise ClusterParameterError("k", f"k={k} is out of range: it must be at least 2")
    corpus = load_corpus(paths, follow_outside=follow_outside)
    docs = corpus.documents
    if docs.empty:
        raise ValueError("no documents could be loaded from " + ", ".join(map(str, paths)))
    matrix = corpus_values(corpus.passages, docs["doc_id"].tolist())[1] if "values" in views else None
    written, results = cluster_and_write(docs, out_dir, views=views, matrix=matrix, passages=corpus.passages, k=k,
                                         analyzer=analyzer, n_boot=n_boot, seed=seed, figures=figures, lang=lang)
    issues_csv = write_issues(corpus.issues, out_dir)  # per-file problems, as ingest and compare write them
    return [issues_csv, *written], pd.DataFrame([r.report() for r in results.values()])
