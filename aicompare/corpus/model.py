"""The one corpus type: ``Corpus(documents, passages, issues)``.

Every corpus reader returns it — :func:`aicompare.corpus.ingest.ingest` (files and folders),
:func:`aicompare.corpus.waie.read_waie`, :func:`aicompare.corpus.manifest.read_manifest_corpus` and
:func:`aicompare.corpus.load.load_corpus` — with the documents, passages and issues tables of
:mod:`aicompare.schema`. pandas is not imported here (ingest imports it lazily).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import pandas as pd


def has_errors(issues: pd.DataFrame) -> bool:
    """True when an issues table holds at least one ``error``."""
    return bool((issues["severity"] == "error").any()) if len(issues) else False


def ingest_summary(documents: pd.DataFrame, issues: pd.DataFrame, n_passages: int) -> dict[str, int]:
    """Counts of an ingest: documents, passages, PDF pages, errors and warnings."""
    sev = issues["severity"].value_counts() if len(issues) else {}
    return {
        "documents": len(documents),
        "passages": n_passages,
        "pages": int(documents["n_pages"].fillna(0).sum()) if len(documents) else 0,
        "errors": int(sev.get("error", 0)),
        "warnings": int(sev.get("warning", 0)),
    }


class Corpus(NamedTuple):
    """Documents, passages and issues of one or more inputs (see :mod:`aicompare.schema`)."""

    documents: pd.DataFrame
    passages: pd.DataFrame
    issues: pd.DataFrame

    @property
    def failed(self) -> bool:
        """True when at least one input could not be read."""
        return has_errors(self.issues)

    def summary(self) -> dict[str, int]:
        return ingest_summary(self.documents, self.issues, len(self.passages))
