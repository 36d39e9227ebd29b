"""Passage coding on text the lexicon was not tuned on (issue 11): systematic exclusions and word forms, each
checked on lines of the shipped corpus (data/raw) or on the codebook's own wording."""
from __future__ import annotations

import pandas as pd
import pytest

from aicompare.extract import extract_values, is_bibliographic
from conftest import OVERSEAS

SCIENTIFIC_REPORT = OVERSEAS / "intl_scientific_report_safety_advanced_ai_interim_2024_en.txt"


def supported(text: str) -> set[str]:
    ev = extract_values(pd.DataFrame({"doc_id": ["d"], "passage_id": ["d:0"], "text": [text]}))
    return set(ev["value_code"])


def _line(path, start: str) -> str:
    """The line of a shipped document that starts with ``start`` (with its wrapped continuation)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith(start))
    return f"{lines[i].strip()} {lines[i + 1].strip()}"


@pytest.mark.parametrize("start", ["785. A. Zhou, B. Li", "453. J. Dressel, H. Farid", "1. Simmons-Edler, R., Badman"])
def test_reference_list_entries_of_a_shipped_report_are_skipped(start):
    """Entries of a reference list (authors with initials, title, venue) cite a title, they state nothing: the
    report's own entries, with or without a link, are bibliographic and give no evidence."""
    entry = _line(SCIENTIFIC_REPORT, start)
    assert is_bibliographic(entry)
    assert supported(entry) == set()


@pytest.mark.parametrize("text", [
    "D. Krueger, Foundational Challenges in Assuring Alignment and Safety of Large Language Models.",
    "Zhao, X. et al. (2023) Provable Robust Watermarking for AI-Generated Text.",
    'Assessing the Security of Code Contributions" in Proceedings of the 2022 IEEE Symposium on Security.',
])
def test_reference_fragments_are_skipped(text):
    assert is_bibliographic(text)


@pytest.mark.parametrize("text", [
    "6. Competent authorities, in particular, shall ensure the security of the data they obtain.",
    "2. Member States, acting through their authorities, shall protect the privacy of persons.",
    "U.S. Agencies, in particular, shall ensure that AI is safe.",
    "A. Introduction, scope and safety of AI systems.",
])
def test_numbered_paragraphs_are_not_references(text):
    assert not is_bibliographic(text)
