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


# Sentences of the shipped corpus (data/raw/overseas) whose value word is used in another sense, or names a body,
# post or area (codebook: "Do NOT label a value when its word appears only …"), beside ones that do address it.
@pytest.mark.parametrize("text, value, present", [
    ("This should be without prejudice to the designation of national competent authorities by the Member States.",
     "V14", False),
    ("Any authoritative interpretation of the AI Act may ultimately only be given by the Court of Justice of the "
     "European Union (‘CJEU’).", "V14", False),
    ("Union legislative acts on large-scale IT systems in the area of Freedom, Security and Justice", "V12", False),
    ("(d)(i) of this section, the Secretary of Homeland Security shall submit", "V12", False),
    ("After performing that impact assessment, the deployer should notify the relevant market surveillance authority.",
     "V13", False),
    ("The data may be directly provided by the persons or indirectly collected, i.e. through surveillance, obtained "
     "from third parties or through inferences from other information.", "V13", True),
    ("Gemini Ultra combine different modalities to perform tasks requiring joint processing of textual, visual, and "
     "auditory information.", "V20", False),
    ("Emotion recognition AI systems that infer emotions at the workplace or in education institutions; except for "
     "medical or safety reasons", "V07", False),
    ("Equal opportunity in terms of access to education, goods, services and technology should also be fostered.",
     "V07", False),
    ("Each AI business actor is also expected to provide stakeholders with education, in consideration of the "
     "characteristics of AI.", "V07", True),
    ("(iv) preventing generative AI from producing child sexual abuse material", "V06", False),
    # cyber threats named in other word forms than "cybersecurity" (codebook V12: protection against attacks)
    ("identifying foreign malicious cyber actors using any such products", "V12", True),
    ("Lowered barriers for offensive cyber capabilities.", "V12", True),
])
def test_other_senses_and_names_of_bodies(text, value, present):
    assert (value in supported(text)) is present


# Concepts the codebook names in its definitions, written in other words or word forms than the lexicon had
# (sentences of the shipped corpus, data/raw/overseas), and look-alikes that are not the value.
@pytest.mark.parametrize("text, value, present", [
    # V08: human oversight, ability to intervene or stop
    ("MAP 2.2: Information about the AI system’s knowledge limits and how system output may be utilized and "
     "overseen by humans is documented.", "V08", True),
    ("Operators must retain the ability to intervene in or halt the system at any time.", "V08", True),
    # V17: fallback
    ("Did you define and test fallback plans?", "V17", True),
    ("The common specification should be an exceptional fall back solution to facilitate the provider’s "
     "obligation to comply with the requirements of this Regulation", "V17", False),
    # V06: misuse in other word forms
    ("Malicious actors must also be able to successfully synthesise, weaponise, and deliver the biological agent.",
     "V06", True),
    ("Providers should take measures against the systems being misused.", "V06", True),
    # V20: incident reporting
    ("the notification of serious incidents shall be limited to those referred to in Article 3", "V20", True),
    # V18: redress and recourse, not "recourse to" a supplier
    ("In cases of harm or errors caused by AI, you need to establish recourse and feedback mechanisms for affected "
     "individuals.", "V18", True),
    ("The requirements related to data governance can be complied with by having recourse to third parties that "
     "offer certified compliance services.", "V18", False),
    # V02: manipulation
    ("the use of an AI system that deploys subliminal techniques beyond a person’s consciousness", "V02", True),
    # V05: cooperation with other countries
    ("We will continue to work with our international partners to drive the development and adoption of tools for "
     "trustworthy AI.", "V05", True),
    # V04: energy and water
    ("Growing compute use in general-purpose AI development and deployment has rapidly increased energy usage "
     "associated with general-purpose AI.", "V04", True),
    # V13: data minimisation
    ("data minimisation: you develop systems that process only the data that is needed for the task at hand",
     "V13", True),
    # V09: quality of the data
    ("including unrepresentative data sets and deployment scenarios that have unfair or undesirable impacts", "V09",
     True),
    # V16: held to account
    ("The ICO has demonstrated how they can use data protection law to hold organisations to account.", "V16", True),
    # V10: AI systems interacting with each other
    ("Risks arise when AI agents interact with other AI systems in ways nobody designed.", "V10", True),
])
def test_codebook_concepts_in_other_words(text, value, present):
    assert (value in supported(text)) is present


@pytest.mark.parametrize("text, value", [
    # V02 individual autonomy, V08 no decision solely on the machine's output and loss of control, V11 catastrophic risk
    ("the individual affected by the system that undermines their cognitive autonomy to make informed and autonomous "
     "decisions.", "V02"),
    ("no decision that produces an adverse legal effect on a person may be taken by the law enforcement authorities "
     "based solely on the output of such post-remote biometric identification systems.", "V08"),
    ("Certain specific capabilities could disproportionately increase the risk of loss of control.", "V08"),
    ("A few respondents were concerned about the potential existential risk posed by AI.", "V11"),
])
def test_codebook_concepts_of_shipped_sentences(text, value):
    assert value in supported(text)


def test_loss_of_control_over_ones_data_is_not_controllability():
    assert "V08" not in supported("Users suffer a loss of control over their personal data.")


@pytest.mark.parametrize("text, value", [
    ("(16) Directive (EU) 2019/882 of the European Parliament and of the Council of 17 April 2019 on the accessibility "
     "requirements for products and services (OJ L 151, 7.6.2019, p. 70).", "V03"),
    ("2. Directive 2009/48/EC of the European Parliament and of the Council of 18 June 2009 on the safety of toys "
     "(OJ L 170, 30.6.2009, p. 1);", "V11"),
    ("In this context, the International AI Safety Report will provide vital groundwork for global collaboration.",
     "V11"),
    ("projects recorded in the Algorithmic Transparency Recording Standard (ATRS) register", "V15"),
])
def test_titles_of_acts_reports_and_standards_are_not_evidence(text, value):
    """Shipped sentences naming another document (codebook: a value word inside the title of another document)."""
    assert value not in supported(text)


def test_a_title_introduced_as_entitled_is_not_evidence():
    """UN resolution (data/raw/overseas): the cited report's title speaks of cooperation, the sentence does not."""
    text = _line(OVERSEAS / "un_ga_resolution_78_265_ai_2024_en.txt", "Taking note also of the report of the Secretary")
    assert "Road map for digital cooperation" in text
    assert "V05" not in supported(text)
    assert "V05" in supported("Countries should pursue digital cooperation and international cooperation on AI.")


@pytest.mark.parametrize("text", [
    "Information Security; Harmful Bias and Homogenization; Dangerous,",
    "Data Privacy; Human-AI",
    "CBRN Information or Capabilities; Information Security",
    "Obscene, Degrading, and/or Abusive Content; Harmful Bias and Homogenization; Dangerous,",
])
def test_lists_of_category_labels_are_furniture(text):
    """Table cells of the NIST generative AI profile (data/raw/overseas) that tag an action with risk names."""
    assert supported(text) == set()


def test_a_sentence_with_semicolons_is_not_a_label_list():
    assert "V12" in supported("Providers shall protect Data Privacy; they shall also ensure Information Security.")


@pytest.mark.parametrize("text, value, present", [
    # exploiting the vulnerabilities of persons (EU prohibited practices) is not an attack on a system
    ("(b) the placing on the market, the putting into service or the use of an AI system that exploits any of the "
     "vulnerabilities of a natural person or a specific group of persons due to their age, disability", "V12", False),
    ("Security researchers have already demonstrated how indirect prompt injections can exploit vulnerabilities by "
     "stealing proprietary data.", "V12", True),
    ("See European Court of Human Rights, Guide on Article 6 of the European Convention on Human Rights, Right to a "
     "fair trial (criminal limb), updated 29 February 2024.", "V14", False),
])
def test_vulnerabilities_of_persons_and_fair_trial(text, value, present):
    assert (value in supported(text)) is present


@pytest.mark.parametrize("text, value, present", [
    # V11: passive risk management with a modal verb
    ("Risks should be managed throughout the AI system lifecycle, including reviews at transitions between lifecycle "
     "phases.", "V11", True),
    # V15: labelling AI-generated content (notifying people of AI)
    ("To foster capabilities for identifying and labeling synthetic content produced by AI systems.", "V15", True),
    # interoperability of rules is international cooperation (V05), not collaboration among AI systems (V10)
    ("Some noted the importance of internationally interoperable frameworks for AI regulation to ensure a low "
     "compliance burden on organisations.", "V10", False),
    ("Some noted the importance of internationally interoperable frameworks for AI regulation to ensure a low "
     "compliance burden on organisations.", "V05", True),
    ("we will continue to work with international partners on regulatory interoperability", "V10", False),
    ("(2) Consideration for interconnectivity and interoperability", "V10", True),
])
def test_risk_management_labelling_and_interoperability(text, value, present):
    assert (value in supported(text)) is present


@pytest.mark.parametrize("text, value", [
    # V22 burden on actors, in the shipped government response and AI Act
    ("Respondents noted the need to reduce the compliance burden for smaller businesses and start-ups in particular.",
     "V22"),
    ("This requirement should not pose unnecessary burden or delays.", "V22"),
    # V20 assessing that the system works as intended
    ("It is important to assess whether the application is working according to its purpose before productive use.",
     "V20"),
])
def test_burden_on_actors_and_checking_the_system_works(text, value):
    assert value in supported(text)


CA_ALPHA = OVERSEAS / "ca_on_alpha_ai_principles_en.md"


@pytest.mark.parametrize("start, value", [
    ("Where automated decision making has been used", "V15"),   # meaningful information about the logic involved
    ("Where AI is used to make decisions about individuals", "V15"),  # understand how a given decision was made
    ("Systems will require ongoing monitoring", "V08"),          # a human can adapt, correct or improve the system
])
def test_explanation_and_correction_in_other_words(start, value):
    """Ontario's alpha principles (shipped, not among the development documents): explainability and human
    correction written without the label words."""
    text = next(ln for ln in CA_ALPHA.read_text(encoding="utf-8").splitlines() if start in ln)
    assert value in supported(text)


def test_reasoning_and_understanding_as_model_capabilities_are_not_explanation():
    """Like "training" meaning model training, "understanding and reasoning capabilities" of a model (shipped
    scientific report) are not explanations given to people."""
    assert "V15" not in supported("Some AI researchers judge that this past progress involved significant and "
                                  "meaningful advancements in the understanding and reasoning capabilities of "
                                  "general-purpose AI systems.")
    assert "V15" in supported("Users should be given reasons for the decision and an understanding of its logic.")


@pytest.mark.parametrize("text", [
    "including safeguarding against and the prevention of threats to public security, before any crime has actually "
    "been committed.",
    "Only staff of the market surveillance authority holding the appropriate level of security clearance shall be "
    "allowed to access that documentation.",
])
def test_public_security_and_clearances_are_not_ai_security(text):
    """Codebook: "security" in the policing and defence sense (shipped AI Act and prohibited-practices guidelines)."""
    assert "V12" not in supported(text)


@pytest.mark.parametrize("text, present", [
    ("Where possible, you should make specific and robust measurements to assess AI systems.", False),
    ("6. Invest in and implement robust security controls, including physical security.", False),
    ("Choose a more robust model: some models have been shown to be more resistant to this kind of attack.", True),
])
def test_robust_as_an_intensifier_is_not_robustness(text, present):
    """"robust" qualifying a measure, control or process (shipped playbook and code of conduct) is not the
    robustness of an AI system (codebook V17)."""
    assert ("V17" in supported(text)) is present


@pytest.mark.parametrize("text", [
    "Protocols are put in place to ensure GAI systems are able to be deactivated when necessary.",
    "MG-2.4-004 Establish and regularly review specific criteria that warrants the deactivation of GAI systems.",
])
def test_deactivating_a_system_is_controllability(text):
    """Codebook V08: the ability to stop AI (NIST AI 600-1, shipped)."""
    assert "V08" in supported(text)


def test_data_leakage_is_security():
    """Codebook V12: "leakage of confidential information" (UK AI playbook, shipped)."""
    assert "V12" in supported("These present a serious risk of data leakage as they silently upload meeting "
                              "recordings to an AI service for transcription and analysis.")


def test_outside_the_scope_of_union_law_is_not_a_negation():
    """A matter outside the scope of EU law is a legal limit; the passage still speaks of human rights (EU HLEG
    guidelines, shipped). A value a guide leaves out of its own scope stays excluded."""
    text = ("International human rights law and in particular the European Convention on Human Rights are legally "
            "binding on EU Member States, including in areas that fall outside the scope of EU law.")
    assert "V02" in supported(text)
    assert "V13" not in supported("Privacy is outside the scope of this guide.")


def test_understanding_why_a_system_behaved_is_explainability():
    assert "V15" in supported("For a system to be trustworthy, we must be able to understand why it behaved a certain "
                              "way and why it provided a given interpretation.")


@pytest.mark.parametrize("text, value", [
    # "information" alone is not a disclosure word (weak V15 "inform" keeps inform/informs/informed/informing)
    ("4. Information on fines imposed under this Article shall also be communicated to the Board as appropriate.",
     "V15"),
    # the Regulation naming itself is the document, not a governance structure (AI Act, shipped)
    ("Providers shall, in any event, respect the degree of rigour and the level of protection required to ensure the "
     "compliance of their high-risk AI systems with this Regulation.", "V21"),
])
def test_generic_information_and_the_regulation_itself(text, value):
    assert value not in supported(text)


def test_informing_people_is_still_transparency():
    assert "V15" in supported("Deployers shall inform the natural persons concerned and explain the logic involved.")
    assert "V21" in supported("Organisations should set up an AI governance framework and a risk management system.")


def test_training_validation_and_testing_data_sets_are_data_quality_not_robustness():
    """AI Act (shipped): data sets for training, validation and testing are the V09 sense of "testing"."""
    text = ("3. Training, validation and testing data sets shall be relevant, sufficiently representative, and to the "
            "best extent possible, free of errors and complete in view of the intended purpose.")
    got = supported(text)
    assert "V09" in got and "V17" not in got
