"""The review stage's inputs: a corpus coded with *all* its evidence (weak passages included, which the matrix
leaves out) and the analyst's reviews applied — what ``aicompare review`` lists and shows in context."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Sequence

import pandas as pd


@dataclass
class ReviewState:
    passages: pd.DataFrame
    documents: pd.DataFrame | None
    evidence: pd.DataFrame  # every supporting passage, weak ones included
    decisions: pd.DataFrame
    issues: pd.DataFrame


def review_state(inputs: Sequence[str | os.PathLike], reviews: pd.DataFrame | None = None,
                 follow_outside: bool = False) -> ReviewState:
    """Read ``inputs`` as ``extract`` does (:func:`aicompare.extract.read_inputs`), code them and apply ``reviews``."""
    from aicompare.extract import document_decisions, extract_values, read_inputs
    from aicompare.review import apply_reviews

    passages, documents, issues = read_inputs(inputs, follow_outside=follow_outside)
    evidence = extract_values(passages)
    decisions = document_decisions(passages, documents, evidence)
    if reviews is not None:
        evidence, decisions = apply_reviews(evidence, decisions, reviews, passages)
    return ReviewState(passages, documents, evidence, decisions, issues)
