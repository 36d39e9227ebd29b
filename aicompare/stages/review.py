"""The review stage's inputs: a corpus coded with *all* its evidence (weak passages included, which the matrix
leaves out) and the analyst's reviews applied — what ``aicompare review`` lists and shows in context."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from aicompare.schema import ISSUE_COLUMNS


@dataclass
class ReviewState:
    passages: pd.DataFrame
    documents: pd.DataFrame | None
    evidence: pd.DataFrame  # every supporting passage, weak ones included
    decisions: pd.DataFrame
    issues: pd.DataFrame


def review_state(inputs: Sequence[str | os.PathLike], reviews: pd.DataFrame | None = None,
                 follow_outside: bool = False) -> ReviewState:
    """Read ``inputs`` as ``extract`` does (files, folders, tables, manifests, WAIE, or a passages.parquet), code
    them and apply ``reviews``."""
    from aicompare.corpus.load import is_waie_file, load_corpus
    from aicompare.extract import _read_passages_file, document_decisions, extract_values
    from aicompare.review import apply_reviews

    paths = [Path(p) for p in inputs]
    tables = [p for p in paths if p.suffix.lower() == ".parquet" and not is_waie_file(p)]
    frames, docs, issues = [], [], []
    for p in tables:
        try:
            frames.append(_read_passages_file(p))
        except ValueError as exc:
            issues.append({"path": str(p), "doc_id": None, "severity": "error", "code": "bad_passages",
                           "message": str(exc)})
    others = [p for p in paths if p not in tables]
    issue_frame = pd.DataFrame(issues, columns=ISSUE_COLUMNS)
    if others:
        corpus = load_corpus(others, follow_outside=follow_outside)
        frames.append(corpus.passages)
        docs.append(corpus.documents)
        issue_frame = pd.concat([f for f in (issue_frame, corpus.issues) if len(f)] or [issue_frame],
                                ignore_index=True)
    passages = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["doc_id", "passage_id", "text"])
    documents = pd.concat(docs, ignore_index=True) if docs else None
    evidence = extract_values(passages)
    decisions = document_decisions(passages, documents, evidence)
    if reviews is not None:
        evidence, decisions = apply_reviews(evidence, decisions, reviews, passages)
    return ReviewState(passages, documents, evidence, decisions, issue_frame)
