"""Text normalisation for Japanese and English guideline text.

``normalise_text`` is what every passage's ``text`` column goes through; the original stays in
``text_raw``. It is deliberately conservative:

* Unicode NFKC for everything except characters whose compatibility form would lose meaning in
  guideline structure (circled numbers ①…⑳ that number sub-items, Roman numerals Ⅰ…Ⅻ, bullets);
  this unifies full-width / half-width forms (（１） → (1), ＡＩ → AI, ｶﾀｶﾅ → カタカナ).
* Footnote markers are removed: superscript digits (¹ ² ³⁴), ``^{17,18}`` and ``^17``.
* Leading bullet markers (✧ ◇ ☆ ・ - ➢ ➤ • ○ ● ■ □ ◆ ▪ *) are removed from the start.
* Spaces next to Japanese characters are removed ("AI 事業者" → "AI事業者", "第 2 部" → "第2部");
  spaces between Latin words are kept and runs of white space fold to one space.

Nothing else is removed (the property tests in tests/test_normalise.py check it).

This module is the one home of text normalisation and of the Japanese character classes:

* ``JA_CHARS`` (kana, kanji, 々〆) and ``JA_PUNCT`` (CJK punctuation, full-width forms): every
  "is this Japanese" test in aicompare is built from these two (``KANA``, ``HAN`` are their parts);
* :func:`normalise_text` — passages' ``text``; :func:`normalise_line` — single lines for patterns;
* :func:`normalise_guideline_line` — lines of the business guideline (its parser's own rules);
* :func:`nfkc`, :func:`nfkc_collapsed` (NFKC, white space folded), :func:`compact_key` (NFKC, no white
  space) and :func:`match_key` (also no bullets or footnote marks) — lookup keys.
"""
from __future__ import annotations

import re
import unicodedata

# Characters NFKC would rewrite but which carry structure in guidelines: keep them as they are.
_PROTECTED = set(chr(c) for c in range(0x2460, 0x2474))  # ① … ⑳
_PROTECTED |= set(chr(c) for c in range(0x2160, 0x2180))  # Ⅰ … ↀ (Roman numeral forms)
_PROTECTED |= set("✧◇☆・➢➤•○●■□◆▪※")

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_CARET_MARKER = re.compile(r"\^\{[^{}\n]{1,20}\}|\^\d{1,3}(?:,\d{1,3})*")
_SUPERSCRIPT_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}⁽⁾]+(?:[,，][{SUPERSCRIPT_DIGITS}]+)*")

_BULLET = re.compile(r"^\s*(?:[-–*]\s+[✧◇☆・➢➤•○●◆▪]?|[✧◇☆・➢➤•○●■□◆▪])\s*")

# Japanese characters, as ranges for a regular-expression class ``[...]``.
KANA = "\u3040-\u30ff\u31f0-\u31ff"            # hiragana, katakana (with ー・), katakana extensions
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs (extension A, unified, compatibility)
JA_CHARS = KANA + HAN + "\u3005\u3006"           # + 々 〆: the characters Japanese words are written in
JA_PUNCT = "\u3000-\u303f\uff01-\uff60"          # ideographic space, 、。「」『』【】〜 …, full-width （）～ …
# JA_CHAR = re.compile(f"[{JA_CHARS}]"), HAN_CHAR = re.compile(f"[{HAN}]"): compiled on first use (see __getattr__)

# Japanese word characters (kana, CJK ideographs, iteration marks, 、。ー) and ASCII alphanumerics.
# A space is removed only between two word characters at least one of which is Japanese, so
# "AI 事業者" → "AI事業者" and "第 2 部" → "第2部" but "1) 人間中心" and "C. 共通の指針" keep theirs.
_JA = JA_CHARS + "\u3001\u3002"
_AN = r"A-Za-z0-9"
_SPACE_AFTER_JA = re.compile(f"(?<=[{_JA}])[ \t\u3000]+(?=[{_JA}{_AN}])")
_SPACE_BEFORE_JA = re.compile(f"(?<=[{_AN}])[ \t\u3000]+(?=[{_JA}])")
_WS = re.compile(r"\s+")


_PROTECTED_RE = re.compile("[" + "".join(sorted(re.escape(c) for c in _PROTECTED)) + "]")


def nfkc_safe(text: str) -> str:
    """NFKC except for the protected structural characters (circled numbers, bullets…)."""
    if text.isascii():
        return text  # NFKC leaves ASCII as it is
    if not _PROTECTED_RE.search(text):
        return unicodedata.normalize("NFKC", text)
    out: list[str] = []
    buf: list[str] = []
    for ch in text:
        if ch in _PROTECTED:
            if buf:
                out.append(unicodedata.normalize("NFKC", "".join(buf)))
                buf = []
            out.append(ch)
        else:
            buf.append(ch)
    if buf:
        out.append(unicodedata.normalize("NFKC", "".join(buf)))
    return "".join(out)


def strip_footnote_markers(text: str) -> str:
    """Remove superscript footnote markers (¹ ³⁴ ^{17,18}) from running text."""
    if "^" in text:  # both caret forms start with it
        text = _CARET_MARKER.sub("", text)
    return text if text.isascii() else _SUPERSCRIPT_RUN.sub("", text)  # superscripts are not ASCII


def strip_bullet(text: str) -> str:
    """Remove one leading bullet marker (and a markdown '- ' before it)."""
    return _BULLET.sub("", text, count=1)


def fold_spaces(text: str) -> str:
    """Fold white space; drop spaces adjacent to Japanese characters."""
    text = " ".join(text.split())  # = _WS.sub(" ", text).strip(): both split on str.isspace() characters
    if text.isascii():
        return text  # no Japanese character for a space to be next to
    text = _SPACE_AFTER_JA.sub("", text)
    return _SPACE_BEFORE_JA.sub("", text)


def _normalise_once(text: str) -> str:
    text = strip_footnote_markers(text)
    text = nfkc_safe(text)
    text = strip_bullet(text)
    text = text.replace("**", "")  # markdown emphasis left in extracted text
    return fold_spaces(text)


def normalise_text(text: str) -> str:
    """The normalised form stored in the passages' ``text`` column; idempotent
    (``normalise_text(normalise_text(t)) == normalise_text(t)``, a property test checks it).

    One pass can expose a new match for an earlier step (NFKC turns ``＾｛１｝`` into a ``^{1}`` marker,
    removing one bullet can uncover another), so the steps are repeated until nothing changes; every
    repetition that changes the text shortens it, so this ends after a few passes."""
    for _ in range(20):
        new = _normalise_once(text)
        if new == text:
            return new
        text = new
    return text


def normalise_line(line: str) -> str:
    """Light normalisation used for pattern matching on single lines (keeps bullets)."""
    return fold_spaces(nfkc_safe(strip_footnote_markers(line)))


def nfkc(text: str) -> str:
    """Plain Unicode NFKC."""
    return unicodedata.normalize("NFKC", text)



def nfkc_collapsed(text: str) -> str:
    """NFKC, runs of white space folded to one space, stripped (WAIE titles and principle texts)."""
    return _WS.sub(" ", nfkc(text)).strip()


def compact_key(text: object) -> str:
    """NFKC without any white space: a key for comparing headings written with different spacing."""
    return _WS.sub("", nfkc(str(text)))


# The business guideline's own rules (aicompare.guideline): circled numbers kept, only digit footnote
# marks dropped, and every space next to a Japanese character or punctuation mark removed.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_GUIDELINE_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{[\d,\s]+\}")
_GUIDELINE_JA = JA_CHARS + JA_PUNCT
# _SPACE_NEAR_JA: compiled on first use (see __getattr__)
_KEY_DROP = re.compile(r"[\s\-・✧◇☆➤●•*]+")


def normalise_guideline_line(text: str) -> str:
    """NFKC (circled numbers kept), footnote superscripts dropped, spaces next to Japanese removed."""
    text = _GUIDELINE_SUPERSCRIPT.sub("", text)
    parts = re.split(rf"([{CIRCLED}])", text)
    text = "".join(p if len(p) == 1 and p in CIRCLED else nfkc(p) for p in parts)
    text = text.replace("\u3000", " ").replace("**", "")
    text = __getattr__("_SPACE_NEAR_JA").sub("", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def match_key(text: object) -> str:
    """Aggressive key for aligning passages with lines: NFKC, no whitespace, no bullet symbols."""
    return _KEY_DROP.sub("", nfkc(_GUIDELINE_SUPERSCRIPT.sub("", str(text))))


_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")  # language detection counts: compatibility ideographs left out
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LETTERS_KEPT = bytes(b if b in _ASCII_LETTERS else 32 for b in range(256))  # every other byte made a space
# ASCII word characters (\w on ASCII text) lower-cased, every other byte made a space: the words \b…\b delimits
_WORDS_LOWERED = bytes(b | 0x20 if b in _ASCII_LETTERS else b if chr(b).isdigit() or b == 95 else 32
                       for b in range(128)) + b" " * 128
_EN_STOP_WORDS = frozenset(b"the and of to in for is are with that on be by as or should".split())


def _en_stop_count(sample: str, data: bytes) -> int:
    """``len(_EN_STOP.findall(sample))``; on ASCII text counted from its words, in C (a match of the
    case-insensitive ``\b(the|and|…)\b`` is exactly a word of ASCII word characters that is a stop word)."""
    if not sample.isascii():
        return len(_EN_STOP.findall(sample))
    return sum(map(_EN_STOP_WORDS.__contains__, data.translate(_WORDS_LOWERED).split()))
_EN_STOP = re.compile(r"\b(the|and|of|to|in|for|is|are|with|that|on|be|by|as|or|should)\b", re.I)


def detect_language(text: str) -> str:
    """'ja', 'zh', 'ko', 'en' or 'und', from the scripts the text is written in.

    Japanese is told from Chinese by kana: Japanese prose always mixes kana with kanji,
    Chinese has none. Latin-script text is English when common English function words
    make up a visible share of its words.
    """
    sample = text[:200_000]
    # most English passages: no kana, kanji or hangul to count (all of them are at U+3040 or above)
    ascii_only = sample.isascii() or max(sample) < "\u3040"
    kana = 0 if ascii_only else len(_KANA.findall(sample))
    han = 0 if ascii_only else len(_HAN.findall(sample))
    # ASCII letters counted on the UTF-8 bytes, in C (no byte of a multi-byte character is an ASCII letter):
    # the bytes less those left when the letters are deleted (= len(_LATIN.findall(sample)))
    data = sample.encode("utf-8", "surrogatepass")
    latin = len(data) - len(data.translate(None, _ASCII_LETTERS))
    hangul = 0 if ascii_only else len(_HANGUL.findall(sample))
    cjk = kana + han
    if hangul > max(cjk, latin) * 0.5 and hangul > 20:
        return "ko"
    if cjk >= 10 and cjk >= latin * 0.2:
        return "ja" if kana >= 0.05 * cjk else "zh"
    if latin >= 10:
        words = len(data.translate(_LETTERS_KEPT).split())  # runs of ASCII letters (= re.findall(r"[A-Za-z]+"))
        if words < 8 and sample.isascii():
            return "en"  # too short to judge by function words ("We protect privacy."); ASCII prose is taken as English
        return "en" if _en_stop_count(sample, data) / max(1, words) > 0.08 else "und"
    if cjk:
        return "ja" if kana else "zh"
    return "und"


# Patterns with large classes of Japanese characters take milliseconds each to compile: those that reading and
# segmenting a document do not need are compiled when first used (``from aicompare.corpus.normalise import
# HAN_CHAR`` included), so that every command starts faster.
_LAZY_PATTERNS = {
    "JA_CHAR": lambda: re.compile(f"[{JA_CHARS}]"),
    "HAN_CHAR": lambda: re.compile(f"[{HAN}]"),
    "_SPACE_NEAR_JA": lambda: re.compile(rf"(?<=[{_GUIDELINE_JA}])[ \t\u3000]+|[ \t\u3000]+(?=[{_GUIDELINE_JA}])"),
}


def __getattr__(name: str):
    if name in _LAZY_PATTERNS:
        pattern = globals()[name] = _LAZY_PATTERNS[name]()
        return pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
