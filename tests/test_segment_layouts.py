"""Segmentation of numbered English layouts (issue 11, part 1): numbered paragraphs, recitals, points and
list items are passages named in the section path; wrapped lines and headings are joined; running headers,
footnote calls and footnotes do not cut sentences. One test per layout (EU regulation, UK government
response, OECD recommendation, WHO guidance), on invented text, plus the targets on the real PDFs."""
from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aicompare.corpus.readers import Line, read_file
from aicompare.corpus.segment import segment
from aicompare.corpus.segment_quality import cut_flags, segmentation_stats

from conftest import make_pdf


def _lines(pages: list[list[str]]) -> list[Line]:
    return [Line(t, page=p) for p, texts in enumerate(pages, start=1) for t in texts]


def _frame(passages) -> pd.DataFrame:
    return pd.DataFrame([vars(p) for p in passages])


def _check_offsets(lines: list[Line], passages) -> None:
    doc = "\n".join(ln.text for ln in lines)
    for p in passages:
        assert doc[p.char_start] == p.text_raw[0], p
        assert doc[p.char_end - 1] == p.text_raw[-1], p


def _by_start(passages, start: str):
    hits = [p for p in passages if p.text.startswith(start)]
    assert hits, f"no passage starts with {start!r}: {[p.text[:40] for p in passages]}"
    return hits[0]


# Lines as a PDF reader hands them over: 75-character lines broken mid-sentence, footnote calls and
# footnotes on lines of their own, a running footer with the date and page number.
EU_PAGES = [
    ["REGULATION (EU) 2031/77 OF THE PARLIAMENT AND OF THE COUNCIL",
     "Having regard to the opinion of the Economic and Social Committee (",
     "1",
     "),",
     "Whereas:",
     "(1) The purpose of this Regulation is to improve the functioning of the internal",
     "market by laying down a uniform legal framework for the development and use of",
     "artificial intelligence systems in the Union.",
     "(2) This Regulation should be applied in accordance with the values of the Union",
     "enshrined in the Charter, facilitating the protection of natural persons and",
     "OJ L, 3.4.2031 EN",
     "(",
     "1",
     ") OJ C 517, 22.12.2029, p. 56."],
    ["undertakings, while boosting innovation and employment in the internal market.",
     "CHAPTER II",
     "PROHIBITED PRACTICES",
     "Article 5",
     "Prohibited practices",
     "1. The following practices shall be prohibited for the purposes of this Article",
     "and the Annexes:",
     "(a) the placing on the market of a system that deploys subliminal techniques beyond",
     "a person's consciousness with the objective of materially distorting behaviour;",
     "(b) the use of remote identification systems in publicly accessible spaces, unless",
     "such use is strictly necessary for one of the following objectives:",
     "OJ L, 3.4.2031 EN"],
    ["(i) the targeted search for specific victims of abduction or trafficking of human",
     "beings, as well as the search for missing persons;",
     "(ii) the prevention of a specific, substantial and imminent threat to the life of",
     "natural persons.",
     "Point (b) of the first subparagraph is without prejudice to the processing of data",
     "referred to in point",
     "(a) of paragraph 2 for purposes other than law enforcement.",
     "2. Member States shall lay down the rules on penalties applicable to infringements.",
     "OJ L, 3.4.2031 EN"],
]


def test_eu_recitals_articles_and_points_are_passages():
    lines = _lines(EU_PAGES)
    ps = segment(lines, "en")
    heads = [p.text for p in ps if p.kind == "heading"]
    assert heads == ["REGULATION (EU) 2031/77 OF THE PARLIAMENT AND OF THE COUNCIL", "CHAPTER II", "PROHIBITED PRACTICES",
                     "Article 5", "Prohibited practices"]
    recital = _by_start(ps, "(2) This Regulation")
    # the recital goes on over the footnote, the running footer and the page break
    assert recital.text.endswith("boosting innovation and employment in the internal market.")
    assert recital.kind == "sentence" and recital.section_path.endswith("> (2)")
    assert _by_start(ps, "Having regard").text.endswith("Committee (1),")
    assert _by_start(ps, "(1) OJ C 517").kind == "footnote"
    point = _by_start(ps, "(a) the placing")
    assert point.kind == "bullet" and point.section_path == "CHAPTER II > Article 5 > 1. > (a)"
    assert point.heading == "Article 5 Prohibited practices"
    assert _by_start(ps, "(i) the targeted").section_path.endswith("Article 5 > 1. > (b) > (i)")
    # an unnumbered paragraph after the points belongs to paragraph 1; a cross-reference "(a) of
    # paragraph 2" on a new line continues its sentence
    tail = _by_start(ps, "Point (b)")
    assert tail.section_path == "CHAPTER II > Article 5 > 1."
    assert tail.text.endswith("referred to in point (a) of paragraph 2 for purposes other than law enforcement.")
    assert _by_start(ps, "2. Member States").section_path == "CHAPTER II > Article 5 > 2."
    assert not any("OJ L" in p.text for p in ps)
    assert not cut_flags(_frame(ps)).any()
    _check_offsets(lines, ps)


UK_PAGES = [
    ["5.1. Our approach to",
     "regulation",
     "13. In section 5.2, we set out some of the regulatory challenges posed by the rapid",
     "development of highly capable general-purpose systems and which additional",
     "responsibilities may be required in the future to address risks effectively.",
     "14. Since the publication of the white paper, a number of regulators have set out",
     "work in line with our principles-based approach. The Information Commissioner",
     "updated guidance on how data protection laws apply to AI systems.26 To ensure the",
     "safety of AI, regulators are working on strategies to be published later this on",
     "26 How do we ensure fairness in AI?, Information Commissioner's Office, 2023."],
    ["the timetable set out in the annex.",
     "15. The government has written to regulators to ask them to publish an update. We",
     "are encouraging regulators to include:",
     "• An outline of the steps they are taking in line with the expectations set out in",
     "the white paper.",
     "• A forward look of plans and activities over the coming 12 months.",
     "Regulators will be best placed to determine the form and substance of their update.",
     "5.1.1. Next steps",
     "16. We will publish a roadmap of our next steps."],
]


def test_uk_numbered_paragraphs_from_a_generated_pdf(tmp_path):
    # a real PDF (reportlab) read by the default reader: numbered paragraphs are passages, the wrapped
    # heading is one heading, the paragraph cut by a footnote and a page break is one paragraph
    paragraphs = [" ".join(UK_PAGES[0][2:5]), " ".join(UK_PAGES[0][5:9]), UK_PAGES[0][9]]
    pdf = make_pdf(tmp_path / "uk.pdf", [["5.1. Our approach"] + paragraphs,
                                         [" ".join(UK_PAGES[1][:1])] + [UK_PAGES[1][7], UK_PAGES[1][8]]])
    lines = read_file(pdf).lines
    ps = segment(lines, "en")
    assert [p.text for p in ps if p.kind == "heading"] == ["5.1. Our approach", "5.1.1. Next steps"]
    assert _by_start(ps, "13. In section 5.2").section_path == "5.1. Our approach > 13."
    last = [p for p in ps if p.section_path == "5.1. Our approach > 14." and p.kind != "footnote"][-1]
    assert last.text.endswith("working on strategies to be published later this on the timetable set out in the annex.")
    assert _by_start(ps, "26 How do we ensure").kind == "footnote"
    assert _by_start(ps, "16. We will").section_path == "5.1. Our approach > 5.1.1. Next steps > 16."
    _check_offsets(lines, ps)


def test_uk_paragraphs_bullets_and_wrapped_headings():
    lines = _lines(UK_PAGES)
    ps = segment(lines, "en")
    assert [p.text for p in ps if p.kind == "heading"] == ["5.1. Our approach to regulation", "5.1.1. Next steps"]
    para14 = [p for p in ps if p.section_path.endswith("> 14.") and p.kind != "footnote"]
    assert para14[0].text.startswith("14. Since the publication")
    assert para14[-1].text.endswith("later this on the timetable set out in the annex.")
    assert _by_start(ps, "26 How do we ensure").kind == "footnote"
    bullet = _by_start(ps, "An outline of the steps")
    assert bullet.kind == "bullet" and bullet.text.endswith("set out in the white paper.")
    assert bullet.section_path == "5.1. Our approach to regulation > 15."
    assert _by_start(ps, "Regulators will be best placed").section_path.endswith("> 15.")
    assert not cut_flags(_frame(ps)).any()
    _check_offsets(lines, ps)


OECD_LINES = [
    "IV. UNDERLINES that the following principles are complementary and should be considered as a",
    "whole.",
    "Principle 1.2",
    "Human-centred values and fairness",
    "a) AI actors should respect the rule of law, human rights and democratic values, throughout",
    "the AI system lifecycle. These include freedom, dignity and autonomy.",
    "b) To this end, AI actors should implement mechanisms and safeguards, such as capacity for",
    "human determination, that are appropriate to the context.",
    "Principle 1.3",
    "Transparency and explainability",
    "AI Actors should commit to transparency and responsible disclosure regarding AI systems. To",
    "this end, they should provide meaningful information, appropriate to the context:",
    "i. to foster a general understanding of AI systems,",
    "ii. to make stakeholders aware of their interactions with AI systems, including in the",
    "workplace,",
    "iii. to enable those adversely affected by an AI system to challenge its outcome.",
]


def test_oecd_lettered_and_roman_items():
    lines = [Line(t) for t in OECD_LINES]
    ps = segment(lines, "en")
    assert [p.text for p in ps if p.kind == "heading"] == ["Principle 1.2", "Human-centred values and fairness",
                                                          "Principle 1.3", "Transparency and explainability"]
    assert _by_start(ps, "IV. UNDERLINES").text.endswith("considered as a whole.")
    assert _by_start(ps, "IV. UNDERLINES").section_path == "IV."
    b = _by_start(ps, "b) To this end")
    assert b.section_path == "Principle 1.2 > b)" and b.heading == "Principle 1.2 Human-centred values and fairness"
    assert b.text.endswith("capacity for human determination, that are appropriate to the context.")
    ii = _by_start(ps, "ii. to make")
    assert ii.kind == "bullet" and ii.text.endswith("including in the workplace,")
    assert ii.section_path == "Principle 1.3 > ii."
    assert _by_start(ps, "To this end, they").section_path == "Principle 1.3"
    assert not cut_flags(_frame(ps)).any()
    _check_offsets(lines, ps)


WHO_PAGES = [
    ["3. APPLICATIONS OF ARTIFICIAL",
     "INTELLIGENCE FOR HEALTH",
     "A recent comparison of deep-learning algorithms with health-care professionals in",
     "detection of diseases by medical imaging showed that few studies compare the performance",
     "(14). Other questions are whether the performance of AI can be generalized to practice.",
     "Clinical care",
     "Clinicians might use AI to integrate patient records during consultations, identify",
     "patients at risk and to catch clinical errors. In resource-poor countries the lack of",
     "3. APPLICATIONS OF ARTIFICIAL INTELLIGENCE FOR HEALTH"],
    ["3. APPLICATIONS OF ARTIFICIAL INTELLIGENCE FOR HEALTH",
     "digital infrastructure will limit use of such technologies. Governments may act as:",
     "• regulator or rule-maker;",
     "• data steward; and",
     "• user and services provider.",
     "3.1 In health care",
     "AI could assist in self-care, including through conversation agents and health monitoring.",
     "3. APPLICATIONS OF ARTIFICIAL INTELLIGENCE FOR HEALTH"],
    ["3. APPLICATIONS OF ARTIFICIAL INTELLIGENCE FOR HEALTH",
     "Predictive analytics could avert other causes of unnecessary morbidity and mortality."],
]


def test_who_numbered_headings_running_headers_and_bullets():
    lines = _lines(WHO_PAGES)
    ps = segment(lines, "en")
    assert [p.text for p in ps if p.kind == "heading"] == [
        "3. APPLICATIONS OF ARTIFICIAL INTELLIGENCE FOR HEALTH", "Clinical care", "3.1 In health care"]
    # a citation "(14)." on a new line continues the sentence; the running header does not cut it
    assert _by_start(ps, "A recent comparison").text.endswith("compare the performance (14).")
    lack = _by_start(ps, "In resource-poor countries")
    assert lack.text.endswith("will limit use of such technologies.")
    assert lack.section_path == "3. APPLICATIONS OF ARTIFICIAL INTELLIGENCE FOR HEALTH > Clinical care"
    assert [p.text for p in ps if p.kind == "bullet"] == ["regulator or rule-maker;", "data steward; and",
                                                         "user and services provider."]
    assert _by_start(ps, "Predictive analytics").section_path.endswith("> 3.1 In health care")
    assert not cut_flags(_frame(ps)).any()
    _check_offsets(lines, ps)


_EN_TOKENS = st.sampled_from(["the ", "Article 5", "CHAPTER II", "(a) ", "(i) ", "1. ", "iv. ", "a) ", "(12) ",
                               "Data ", "shall ", "of ", "and ", ". ", ", ", "; ", "(", ")", "1", "\n", "\n", "• ",
                               "ALL CAPS ", "26 How ", "x.7 ", "-"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_EN_TOKENS, max_size=80).map("".join))
def test_english_rules_never_lose_letters_or_offsets(text):
    lines = [Line(t, page=1) for t in text.split("\n")]
    ps = segment(lines, "en")
    before = Counter(c for t in text.split("\n") for c in t if c.isalnum())
    after = Counter(c for p in ps for c in p.text_raw if c.isalnum())
    assert after == before
    for p in ps:
        assert text[p.char_start] == p.text_raw[0] and text[p.char_end - 1] == p.text_raw[-1]


def test_cut_measure_counts_sentences_that_go_on():
    df = pd.DataFrame({"kind": ["sentence", "sentence", "footnote", "sentence", "bullet", "bullet", "sentence"],
                       "text": ["Providers shall ensure that the", "data are relevant.", "1 A note.",
                                "It applies to", "(a) providers,", "(b) deployers", "and importers."]})
    df["text_raw"] = df["text"]
    # "…that the" and "It applies to" end with words no sentence ends with; "(b) deployers" is followed by
    # a continuation (the footnote between passages is skipped); "(a) providers," by a new item
    assert cut_flags(df).tolist() == [True, False, False, True, False, True, False]
    stats = segmentation_stats(df)
    assert stats["body"] == 6 and stats["cut_pct"] == pytest.approx(100 * 3 / 6)


ISSUE_PDFS = ["eu_ai_act_regulation_2024_1689_oj_en.pdf", "uk_pro_innovation_ai_regulation_govt_response_2024_en.pdf",
              "who_ethics_governance_ai_for_health_2021_en.pdf", "oecd_ai_recommendation_2019_en.pdf"]


@pytest.fixture(scope="module")
def issue_pdf_stats(shared_pdf_dir):
    from aicompare.corpus.ingest import parse_path

    out = {}
    for name in ISSUE_PDFS:
        if (shared_pdf_dir / name).is_file():
            out[name] = segmentation_stats(pd.DataFrame(parse_path(str(shared_pdf_dir / name))["passages"]))
    if not out:
        pytest.skip("none of the issue's PDFs is in ../shared/corpora/pdf")
    return out


@pytest.mark.shared
def test_real_pdfs_meet_the_segmentation_targets(issue_pdf_stats):
    for name, st in issue_pdf_stats.items():
        assert st["cut_pct"] < 1.0, (name, st)
        assert st["cut_heading_pct"] < 5.0, (name, st)
        assert st["headings"] >= 10, (name, st)
    heads = sum(st["headings"] for st in issue_pdf_stats.values())
    long_heads = sum(st["headings"] * st["long_heading_pct"] / 100 for st in issue_pdf_stats.values())
    assert long_heads / heads < 0.05, issue_pdf_stats
