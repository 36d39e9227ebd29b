"""aicompare — comparative research on AI guidelines.

Public API (imported lazily so the command line starts fast)::

    from aicompare import ingest, extract_values, parse_survey, parse_guideline, coverage_against
    from aicompare import search_passages, side_by_side, side_by_side_html

``__all__`` lists it; each name is imported from its module on first use (``_API`` says which).
The data flow behind these names is described in ``docs/architecture.md``.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# name -> module that defines it; a new stage adds its entries here (they join __all__).
_API = {
    # corpus: reading documents into documents / passages / issues tables
    "Corpus": "aicompare.corpus.model",
    "ingest": "aicompare.corpus.ingest",
    "read_ingested": "aicompare.corpus.ingest",
    "parse_guideline": "aicompare.guideline",
    "coverage_against": "aicompare.coverage",
    "write_coverage_outputs": "aicompare.stages.coverage",
    "load_values": "aicompare.taxonomy",
    "load_lexicon": "aicompare.taxonomy",
    "extract_values": "aicompare.extract",
    "score_passages": "aicompare.extract",
    "value_matrix": "aicompare.extract",
    "extract_from_paths": "aicompare.extract",
    "code_documents": "aicompare.extract",
    "document_decisions": "aicompare.extract",
    "decision_matrix": "aicompare.extract",
    "apply_reviews": "aicompare.review",
    "read_reviews": "aicompare.review",
    "review_queue": "aicompare.review",
    "evaluate_waie": "aicompare.evaluate",
    "evaluate_business_guideline": "aicompare.evaluate",
    "format_report": "aicompare.evaluate",
    "parse_survey": "aicompare.survey",
    "parse_survey_text": "aicompare.survey",
    "compare_recoding": "aicompare.recoding",
    "survey_figures": "aicompare.figures.survey",
    "write_survey_outputs": "aicompare.stages.survey",
    "load_waie": "aicompare.corpus.waie",
    "load_manifest": "aicompare.corpus.manifest",
    "load_corpus": "aicompare.corpus.load",
    "fetch_dataset": "aicompare.corpus.fetch",
    "locate_waie": "aicompare.corpus.fetch",
    "read_waie": "aicompare.corpus.waie",
    "document_with_role": "aicompare.corpus.sources",
    "home_country": "aicompare.corpus.sources",
    "read_matrix": "aicompare.recoding",
    "run_clustering": "aicompare.cluster",
    "aggregate_values": "aicompare.compare",
    "review_scope": "aicompare.compare",
    "scope_from_survey": "aicompare.compare",
    "review_domestic_counts": "aicompare.compare",
    "review_selection": "aicompare.compare",
    "value_prevalence": "aicompare.compare",
    "prevalence_comparison": "aicompare.compare",
    "matrix_figure": "aicompare.figures.compare",
    "prevalence_figure": "aicompare.figures.compare",
    "write_compare_outputs": "aicompare.stages.compare",
    "run_compare": "aicompare.stages.compare",
    "cluster_values": "aicompare.cluster",
    "cluster_text": "aicompare.cluster",
    "cluster_value_cooccurrence": "aicompare.cluster",
    "compare_text_representations": "aicompare.cluster",
    "summarise_clusters": "aicompare.cluster",
    "cluster_and_write": "aicompare.stages.cluster",
    "run_cluster": "aicompare.stages.cluster",
    "search_passages": "aicompare.search",
    "side_by_side": "aicompare.sidebyside",
    "side_by_side_long": "aicompare.sidebyside",
    "side_by_side_html": "aicompare.sidebyside",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'aicompare' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_API))
