"""The values view: hierarchical clustering of documents' 22-value profiles (Jaccard distance, Ward on
√Jaccard by default), and of the values by their co-occurrence across documents."""
from __future__ import annotations

import numpy as np
import pandas as pd

from aicompare.cluster.features import jaccard_distances
from aicompare.cluster.selection import (DEFAULT_SEED, ClusterResult, _k_range, _silhouette_scores, bootstrap_ari,
                                         check_k, check_n_boot, choose_k, relabel)
from aicompare.compare import presence


EUCLIDEAN_METHODS = ("ward", "centroid", "median")


def hier_linkage(D: np.ndarray, method: str = "ward") -> np.ndarray:
    """Linkage of a Jaccard distance matrix; Ward/centroid/median run on √D (Euclidean-embeddable)."""
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    dist = np.sqrt(D) if method in EUCLIDEAN_METHODS else D
    return linkage(squareform(dist, checks=False), method=method)


def _hier_labels(D: np.ndarray, k: int, method: str) -> tuple[np.ndarray, np.ndarray]:
    from scipy.cluster.hierarchy import fcluster

    Z = hier_linkage(D, method)
    return fcluster(Z, t=k, criterion="maxclust"), Z


def cluster_values(
    matrix: pd.DataFrame, *, k: int | None = None, k_max: int | None = None, n_boot: int = 50,
    seed: int = DEFAULT_SEED, method: str = "ward",
) -> ClusterResult:
    """Hierarchical clustering of documents' value profiles with Jaccard distance (silhouettes
    on Jaccard distance); documents naming no value are left out. A given ``k`` must be at least 2
    and less than the number of documents clustered; ``n_boot`` at least 1 (ValueError otherwise)."""
    from sklearn.decomposition import PCA
    from sklearn.metrics import silhouette_samples

    check_n_boot(n_boot)
    full = presence(matrix)
    empty = full.index[full.sum(axis=1) == 0].tolist()
    prof = full.drop(index=empty)
    check_k(k, len(prof), "clustered documents (documents naming at least one value)")
    X = prof.to_numpy()
    D = jaccard_distances(X)
    ks = _k_range(len(prof), k_max)
    _, Z = _hier_labels(D, 2, method)
    from scipy.cluster.hierarchy import fcluster

    scores = _silhouette_scores(D, lambda kk: fcluster(Z, t=kk, criterion="maxclust"), ks, "precomputed")
    k = k or choose_k(scores)
    scores.insert(0, "view", "values")
    scores["chosen"] = scores["k"] == k
    labels = relabel(fcluster(Z, t=k, criterion="maxclust"))
    sil = silhouette_samples(D, labels, metric="precomputed") if len(set(labels)) > 1 else np.zeros(len(labels))

    def fit(idx: np.ndarray, _b: int) -> np.ndarray:
        return _hier_labels(D[np.ix_(idx, idx)], k, method)[0]

    stability = bootstrap_ari(fit, labels, n_boot, seed)
    stability.insert(0, "view", "values")
    emb = PCA(n_components=2, svd_solver="full").fit_transform(X - X.mean(axis=0)) if X.shape[1] >= 2 else np.zeros((len(X), 2))
    return ClusterResult(
        view="values", doc_ids=prof.index.tolist(), labels=labels, silhouettes=sil, k=k, k_scores=scores,
        stability=stability, embedding=emb, linkage=Z, profiles=prof, excluded=empty,
        settings={"distance": "jaccard", "linkage": method, "seed": seed},
    )


def cluster_value_cooccurrence(matrix: pd.DataFrame, *, k: int | None = None, k_max: int | None = None,
                               method: str = "ward") -> tuple[pd.DataFrame, np.ndarray | None, pd.DataFrame]:
    """Cluster the values by co-occurrence (Jaccard distance between their document sets).

    Returns ``(table, linkage, k_scores)``; table = ``value, n_documents, cluster, silhouette``
    (values named by no document get cluster 0 and are left out of the linkage).
    """
    from scipy.cluster.hierarchy import fcluster
    from sklearn.metrics import silhouette_samples

    prof = presence(matrix)
    counts = prof.sum()
    used = [v for v in prof.columns if counts[v] > 0]
    table = pd.DataFrame({"value": list(prof.columns), "n_documents": counts.astype(int).values,
                          "cluster": 0, "silhouette": np.nan})
    if len(used) < 3:
        return table, None, pd.DataFrame(columns=["k", "n_clusters", "silhouette"])
    check_k(k, len(used), "values named by some document")
    D = jaccard_distances(prof[used].to_numpy().T)
    _, Z = _hier_labels(D, 2, method)
    ks = _k_range(len(used), k_max)
    scores = _silhouette_scores(D, lambda kk: fcluster(Z, t=kk, criterion="maxclust"), ks, "precomputed")
    k = k or choose_k(scores)
    scores["chosen"] = scores["k"] == k
    labels = relabel(fcluster(Z, t=k, criterion="maxclust"))
    sil = silhouette_samples(D, labels, metric="precomputed")
    pos = table["value"].isin(used)
    table.loc[pos, "cluster"] = labels
    table.loc[pos, "silhouette"] = np.round(sil, 4)
    return table, Z, scores
