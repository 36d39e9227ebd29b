import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from aicompare.corpus.normalise import detect_language, nfkc_safe, normalise_text, strip_footnote_markers


def test_japanese_spaces_and_widths():
    assert normalise_text("AI 事業者ガイドライン (案) (第 1.01 版)") == "AI事業者ガイドライン (案) (第1.01版)"
    assert normalise_text("（１）ＡＩの発展とｶﾀｶﾅ") == "(1)AIの発展とカタカナ"
    # structural numbering survives: circled numbers and the space after "1)" / "C."
    assert normalise_text("① 人間の尊厳及び個人の自律") == "① 人間の尊厳及び個人の自律"
    assert normalise_text("1) 人間中心") == "1) 人間中心"
    assert normalise_text("C. 共通の指針") == "C. 共通の指針"


def test_bullets_and_footnote_markers_removed():
    assert normalise_text("- ✧ AI が活用される際の社会的文脈¹³を踏まえ") == "AIが活用される際の社会的文脈を踏まえ"
    for bullet in "✧◇☆・➢":
        assert normalise_text(f"{bullet} 公平性を確保する") == "公平性を確保する"
    assert normalise_text("Fairness^{17,18} matters³⁴.") == "Fairness matters."
    assert normalise_text("- Privacy is protected") == "Privacy is protected"


def test_english_spacing_kept():
    assert normalise_text("The  guideline\tshould be   applied.") == "The guideline should be applied."


def test_detect_language():
    assert detect_language("本ガイドラインは、AIの開発・提供・利用を担う全ての者を対象としている。") == "ja"
    assert detect_language("人工智能安全治理框架是为了推动人工智能健康发展而制定的。") == "zh"
    assert detect_language("This guideline should be applied to all of the AI systems in the organisation.") == "en"
    assert detect_language("We protect privacy.") == "en"
    assert detect_language("Der Schutz der Privatsphäre und die Transparenz sind wichtige Grundsätze für KI-Systeme.") == "und"


_ALPHABET = st.sampled_from(list("AIaiz09 人間中心公平性のプライバシー。、.!?()（）「」①②✧・-*\t　ＡＩ１ｶﾀ") + ["\n", "¹", "²"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_normaliser_keeps_every_letter_and_digit(text):
    out = normalise_text(text)
    reference = nfkc_safe(strip_footnote_markers(text))
    assert Counter(c for c in out if c.isalnum()) == Counter(c for c in reference if c.isalnum())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normaliser_never_crashes(text):
    assert isinstance(normalise_text(text), str)
    assert detect_language(text) in {"ja", "zh", "ko", "en", "und"}


def test_one_japanese_character_class():
    from aicompare.corpus.normalise import HAN_CHAR, JA_CHAR, JA_CHARS, JA_PUNCT

    for ch in "あアー々〆漢㐀ㇰ":
        assert JA_CHAR.match(ch), ch
    for ch in "A1 、。（":
        assert not JA_CHAR.match(ch), ch
    assert re.fullmatch(f"[{JA_CHARS}{JA_PUNCT}]+", "人々の「安全」（１）〜、。")
    assert HAN_CHAR.search("AI事業者") and not HAN_CHAR.search("あいう")


def test_lookup_keys_and_guideline_lines():
    from aicompare.corpus.normalise import compact_key, match_key, nfkc_collapsed, normalise_guideline_line

    assert nfkc_collapsed("  Ｆａｉｒｎｅｓｓ \n and\tequity ") == "Fairness and equity"
    assert compact_key(" 2) 安全 性 ") == "2)安全性"
    assert match_key("・ 人間 中心¹ ✧") == "人間中心"
    assert normalise_guideline_line("AI 事業者 ① の 指針¹") == "AI事業者①の指針"
