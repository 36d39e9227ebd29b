"""Measurements behind the defaults: character n-grams against word tokens on labelled texts, linkages of
the values view, LSA sizes of the text view, and whether a distance matrix is Euclidean-embeddable."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from aicompare.cluster.features import jaccard_distances, lsa, make_vectorizer
from aicompare.cluster.selection import ANALYZERS, DEFAULT_SEED
from aicompare.cluster.text import _kmeans, cluster_text
from aicompare.cluster.values import EUCLIDEAN_METHODS, cluster_values


def compare_text_representations(texts: Sequence[str], labels: Sequence[str], *, seed: int = DEFAULT_SEED,
                                 n_components: int | None = None) -> pd.DataFrame:
    """How well each TF-IDF representation recovers known labels of texts (e.g. WAIE principle
    passages, or sections of a Japanese guideline).

    Per analyzer: ``knn_accuracy`` (leave-one-out 1-nearest-neighbour label accuracy, cosine on
    TF-IDF), ``ari`` (k-means with k = number of labels on the LSA vectors vs the labels),
    ``label_silhouette`` (silhouette of the true labels, cosine on LSA), vocabulary size and time.
    """
    import time

    from sklearn.metrics import adjusted_rand_score, silhouette_score
    from sklearn.preprocessing import normalize

    y = np.asarray(list(labels))
    n_labels = len(set(y.tolist()))
    rows = []
    for analyzer in ANALYZERS:
        t0 = time.perf_counter()
        X = make_vectorizer(analyzer, min_df=1 if len(texts) < 10 else None).fit_transform(list(texts))
        seconds = time.perf_counter() - t0
        Xn = normalize(X)
        sim = (Xn @ Xn.T).toarray()
        np.fill_diagonal(sim, -np.inf)
        knn = float((y[sim.argmax(axis=1)] == y).mean())
        Z = lsa(X, n_components, seed)
        ari = float(adjusted_rand_score(y, _kmeans(Z, n_labels, seed))) if 1 < n_labels < len(y) else np.nan
        sil = float(silhouette_score(Z, y, metric="cosine")) if 1 < n_labels < len(y) else np.nan
        rows.append({"analyzer": analyzer, "n_texts": len(y), "n_labels": n_labels, "n_features": X.shape[1],
                     "knn_accuracy": round(knn, 4), "ari": round(ari, 4), "label_silhouette": round(sil, 4),
                     "vectorize_seconds": round(seconds, 3)})
    return pd.DataFrame(rows)


def min_centred_eigenvalue(D: np.ndarray) -> float:
    """Smallest eigenvalue of −½·J·D²·J (J the centring matrix), relative to the largest.

    A distance matrix is Euclidean-embeddable (as Ward's method assumes) iff it is ≥ 0 up to
    rounding; a clearly negative value means it is not.
    """
    n = len(D)
    J = np.eye(n) - 1.0 / n
    eig = np.linalg.eigvalsh(-0.5 * J @ (D ** 2) @ J)
    return round(float(eig.min() / eig.max()), 4) + 0.0  # + 0.0 turns -0.0 into 0.0


def compare_linkages(matrix: pd.DataFrame, methods: Sequence[str] = ("ward", "average", "complete"),
                     *, n_boot: int = 50, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Values view under several linkages: chosen k, silhouette, largest cluster share, ARI."""
    from scipy.cluster.hierarchy import cophenet
    from scipy.spatial.distance import squareform

    rows = []
    for method in methods:
        res = cluster_values(matrix, n_boot=n_boot, seed=seed, method=method)
        D = jaccard_distances(res.profiles.to_numpy())
        dist = np.sqrt(D) if method in EUCLIDEAN_METHODS else D
        sizes = np.bincount(res.labels)[1:]
        rows.append({"linkage": method, "distance": "sqrt(jaccard)" if method in EUCLIDEAN_METHODS else "jaccard",
                     "cophenetic_r": round(float(cophenet(res.linkage, squareform(dist, checks=False))[0]), 4),
                     "k": res.k, "silhouette": res.silhouette,
                     "largest_cluster_share": round(float(sizes.max() / sizes.sum()), 4),
                     "smallest_cluster": int(sizes.min()), "ari_mean": res.ari_mean, "ari_std": res.ari_std})
    return pd.DataFrame(rows)


def text_dimension_sweep(passages: pd.DataFrame, n_components: Sequence[int] = (5, 10, 20, 50),
                         *, analyzer: str = "char", n_boot: int = 50, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Text view with several LSA sizes: chosen k, silhouette, bootstrap ARI (mean ± sd)."""
    rows = []
    for n in n_components:
        res = cluster_text(passages, analyzer=analyzer, n_components=n, n_boot=n_boot, seed=seed)
        rows.append({"n_components": res.settings["n_components"], "k": res.k, "k_at_max": res.k_at_max,
                     "silhouette": res.silhouette, "ari_mean": res.ari_mean, "ari_std": res.ari_std})
    return pd.DataFrame(rows)


def labelled_passages(passages: pd.DataFrame, parent: str, *, min_chars: int = 20) -> pd.DataFrame:
    """Non-heading passages below a section whose path contains ``parent``, labelled by the
    next-level section (e.g. the ten principles under 「C. 共通の指針」 of the business guideline).

    Returns ``doc_id, passage_id, label, text`` — a labelled set for :func:`compare_text_representations`.
    """
    rows = []
    for p in passages.itertuples(index=False):
        parts = [s.strip() for s in str(p.section_path).split(" > ")]
        if parent in parts and p.kind != "heading" and len(str(p.text)) >= min_chars:
            i = parts.index(parent)
            if i + 1 < len(parts):
                rows.append({"doc_id": p.doc_id, "passage_id": p.passage_id, "label": parts[i + 1], "text": p.text})
    return pd.DataFrame(rows, columns=["doc_id", "passage_id", "label", "text"])
