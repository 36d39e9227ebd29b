"""Which guidelines resemble each other: clustering in two views, both deterministic.

* **values** — documents as binary 22-value profiles (``aicompare.extract.value_matrix``),
  Jaccard distance, hierarchical clustering; values are clustered the same way by their
  co-occurrence across documents (:func:`cluster_value_cooccurrence`). The default linkage is
  Ward on √(Jaccard distance): √(1 − Jaccard similarity) is Euclidean-embeddable (Gower &
  Legendre 1986), which Ward's method requires, while Jaccard distance itself is not (measured on
  WAIE: the double-centred matrix of Jaccard distances has negative eigenvalues, that of its
  square root none). Average linkage on Jaccard (``method="average"``) splits off single
  outlying documents instead of groups. Documents naming no value are left out (cluster 0);
* **text** — documents as TF-IDF vectors (character n-grams by default, or fugashi word tokens:
  :func:`compare_text_representations` measures both), reduced by TruncatedSVD (LSA),
  clustered by k-means; top terms per cluster come from word-token TF-IDF so they stay readable.

The number of clusters is the ``k`` in 2…``k_max`` with the highest mean silhouette (ties →
smaller ``k``) unless given; ``k_max`` defaults to ⌈√(n/2)⌉ (the rule of thumb of Mardia, Kent &
Bibby 1979), at least 2; stability is the adjusted Rand index between the clustering of all documents
and the clustering of bootstrap resamples (same ``k``; the text view keeps the LSA
representation and refits k-means). Seeds are fixed, documents sorted by ``doc_id``; cluster
numbers run from 1 by decreasing size (ties: first ``doc_id``).

The package: :mod:`~aicompare.cluster.features` (value profiles, TF-IDF, LSA),
:mod:`~aicompare.cluster.values` and :mod:`~aicompare.cluster.text` (the two views),
:mod:`~aicompare.cluster.selection` (choosing k, stability, :class:`ClusterResult`),
:mod:`~aicompare.cluster.summary` (:func:`run_clustering`, per-cluster summaries) and
:mod:`~aicompare.cluster.diagnostics` (the measurements behind the defaults). Everything public is
importable from ``aicompare.cluster``.
"""
from aicompare.cluster.selection import (  # noqa: F401
    VIEWS, ANALYZERS, DEFAULT_SEED, ClusterParameterError, check_k, check_n_boot, relabel, default_k_max, choose_k,
    bootstrap_ari, ClusterResult,
)
from aicompare.cluster.features import (  # noqa: F401
    text_features_config, JaEnTokenizer, make_vectorizer, document_texts, lsa, text_embedding, jaccard_distances,
)
from aicompare.cluster.values import (  # noqa: F401
    EUCLIDEAN_METHODS, hier_linkage, cluster_values, cluster_value_cooccurrence,
)
from aicompare.cluster.text import (  # noqa: F401
    cluster_text, top_terms,
)
from aicompare.cluster.diagnostics import (  # noqa: F401
    compare_text_representations, min_centred_eigenvalue, compare_linkages, text_dimension_sweep, labelled_passages,
)
from aicompare.cluster.summary import (  # noqa: F401
    summarise_clusters, run_clustering,
)

__all__ = [
    "VIEWS",
    "ANALYZERS",
    "DEFAULT_SEED",
    "ClusterParameterError",
    "check_k",
    "check_n_boot",
    "relabel",
    "default_k_max",
    "choose_k",
    "bootstrap_ari",
    "ClusterResult",
    "text_features_config",
    "JaEnTokenizer",
    "make_vectorizer",
    "document_texts",
    "lsa",
    "text_embedding",
    "jaccard_distances",
    "EUCLIDEAN_METHODS",
    "hier_linkage",
    "cluster_values",
    "cluster_value_cooccurrence",
    "cluster_text",
    "top_terms",
    "compare_text_representations",
    "min_centred_eigenvalue",
    "compare_linkages",
    "text_dimension_sweep",
    "labelled_passages",
    "summarise_clusters",
    "run_clustering",
]
