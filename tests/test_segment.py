from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from aicompare.corpus.readers import Line
from aicompare.corpus.segment import heading_style, segment, split_sentences

from conftest import business_guideline_lines


def test_heading_styles():
    assert heading_style("第2部 AIにより目指すべき社会")[0] == "part"
    assert heading_style("C. 共通の指針")[0] == "alpha_dot"
    assert heading_style("1) 人間中心")[0] == "num_paren"
    assert heading_style("① 人間の尊厳及び個人の自律")[0] == "circled"
    assert heading_style("➤ D-2) i. 適切なデータの学習")[0] == "actor"
    assert heading_style("(1) 主な主体")[0] == "paren_num"
    assert heading_style("Article 5 Prohibited AI practices", lang="en")[0] == "article"
    assert heading_style("1.1 Scope of the framework", lang="en")[0] == "num_dot2"
    assert heading_style("ANNEX I", lang="en")[0] == "article"
    assert heading_style("GENERAL PROVISIONS", lang="en")[0] == "caps"
    # sentences, list lines and tables of contents are not headings
    assert heading_style("1) データの品質を確保する。") is None
    line = "1. 人間中心 9. 適正な学習（学習データの質） 17. 堅牢性"
    from aicompare.corpus.normalise import normalise_line

    assert heading_style(normalise_line(line), raw=line) is None
    assert heading_style("・ 第 1 部") is None
    assert heading_style("人間中心5", raw="1. 人間中心 5") is None  # a count line of the 2022 report


def test_section_paths_nest_like_the_guideline():
    lines = [Line(t) for t in ["第2部 AIにより目指すべき社会", "C. 共通の指針"] + business_guideline_lines(n=60)]
    ps = segment(lines)
    paths = {p.section_path for p in ps}
    assert "第2部 AIにより目指すべき社会 > C. 共通の指針 > 1) 人間中心 > ① 人間の尊厳及び個人の自律" in paths
    assert any(p.endswith("> 2) 安全性 > ① 人間の生命・身体・財産、精神及び環境への配慮") for p in paths)
    # a new principle closes the previous principle's sub-items
    assert not any("1) 人間中心 > ① 人間の尊厳及び個人の自律 > 2)" in p for p in paths)


def test_broken_lines_are_joined_and_split_into_sentences():
    lines = [Line("本ガイドラインは、様々な事業活動においてAIの開発・提供・利用を担う全て"),
             Line("の者を対象としている。他方で、事業活動以外でAIを利用する者は含まない。"),
             Line("The guideline applies to all organi-"), Line("sations. It is voluntary.")]
    ps = segment(lines)
    texts = [p.text for p in ps]
    assert "本ガイドラインは、様々な事業活動においてAIの開発・提供・利用を担う全ての者を対象としている。" in texts
    assert "他方で、事業活動以外でAIを利用する者は含まない。" in texts
    assert "The guideline applies to all organisations." in texts
    assert "It is voluntary." in texts


def test_footnotes_stay_out_of_sentences():
    lines = [Line("AIを利用したプロファイリングを行う場合、個人の権利に十分に配慮し、その影響を評価しながら適切に"),
             Line("¹³ 事業の地理的な展開状況を指す。"),
             Line("対応する。")]
    ps = segment(lines)
    kinds = {p.text: p.kind for p in ps}
    assert kinds["事業の地理的な展開状況を指す。"] == "footnote"
    joined = [p for p in ps if p.kind != "footnote"]
    assert len(joined) == 1 and joined[0].text.endswith("適切に対応する。")


def test_item_numbers_do_not_end_sentences():
    assert [p.text for p in segment([Line("10. AI間の連携 4")])] == ["10. AI間の連携4"]
    assert split_sentences("1. Introduction to the framework") == [(0, 32)]


def test_english_sentences_respect_abbreviations():
    text = "See e.g. Art. 5 of the Act. Providers shall act. The U.S. agreed."
    spans = split_sentences(text)
    assert [text[a:b].strip() for a, b in spans] == ["See e.g. Art. 5 of the Act.", "Providers shall act.", "The U.S. agreed."]


_TOKENS = st.sampled_from(list("AIaz09 人間中心公平性のプライバシー。、.!?()①②✧・-\t") + ["\n", "1) ", "C. ", "第2部 "])


@settings(max_examples=200, deadline=None)
@given(st.lists(_TOKENS, max_size=150).map("".join))
def test_segmenter_never_loses_letters(text):
    lines = [Line(t, page=1) for t in text.split("\n")]
    ps = segment(lines)
    before = Counter(c for t in text.split("\n") for c in t if c.isalnum())
    after = Counter(c for p in ps for c in p.text_raw if c.isalnum())
    assert after == before
    for p in ps:
        assert 0 <= p.char_start <= p.char_end <= len(text) + 1


def test_offsets_point_into_the_document_text():
    raw = ["The guideline applies to all organi-", "sations. It is volun-", "tary and 公平性を確保する。"]
    doc = "\n".join(raw)
    for p in segment([Line(t) for t in raw]):
        assert doc[p.char_start] == p.text_raw[0]
        assert doc[p.char_end - 1] == p.text_raw[-1]


def test_a_version_number_inside_a_japanese_title_does_not_end_the_sentence():
    """「…ガイドラインVer. 1.1」 is one sentence: "Ver." is an abbreviation and a full stop inside 「」 ends nothing."""
    text = "経済産業省主導で「AI原則実践のためのガバナンス・ガイドラインVer. 1.1」を策定・公表してきた。次の文である。"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "経済産業省主導で「AI原則実践のためのガバナンス・ガイドラインVer. 1.1」を策定・公表してきた。", "次の文である。"]
