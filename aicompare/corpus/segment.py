"""Segmentation: a document's lines → passages (sentences, bullet items, footnotes, table rows, headings)
each with the path of headings above it.

Headings are recognised by their numbering style (第2部, A., 1), ①, D-2), I), (1), ア, 1.1, Article 5,
ALL CAPS …) or given by the reader (HTML/Markdown <h1>…<h6>). Nesting follows the order in which
styles appear, as reStructuredText does with underline styles: a style already on the heading stack
closes everything below it; a new style opens a level below the current one. A few styles are
absolute (第N部 above 第N章 above 第N節; <h1> above <h2> …) and close any relative level below them.

Lines broken inside a sentence (PDF extraction, hard-wrapped text) are joined — without a space
between Japanese characters, with one between Latin words, de-hyphenating English — and the joined
paragraph is split into sentences. Footnote lines (¹ …, ※1 …) become their own passages and do not
interrupt a sentence that continues after them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from aicompare.corpus.normalise import SUPERSCRIPT_DIGITS, normalise_line, normalise_text, strip_bullet
from aicompare.corpus.readers import _TOC_LINE, Line

PATH_SEP = " > "
_PART_NO = re.compile(r"^(第\d+[部章節])(?=[^\s部章節])")

# (style, absolute rank or None for relative, pattern on the normalised line)
_HEADING_STYLES: list[tuple[str, int | None, re.Pattern]] = [
    ("part", -30, re.compile(r"^第\d+部(?![分門])")),
    ("chapter", -20, re.compile(r"^第\d+章")),
    ("jsection", -10, re.compile(r"^第\d+節")),
    ("actor", None, re.compile(r"^[A-Z]-\d+\)\s*(?:[ivx]+\.\s*)?\S")),
    ("roman_paren", None, re.compile(r"^(?:[IVX]+|[Ⅰ-Ⅻ])\)\s*\S")),
    ("roman_dot", None, re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|Ⅵ|Ⅶ|Ⅷ|Ⅸ|Ⅹ)\.\s*\S")),
    ("alpha_dot", None, re.compile(r"^[A-Z]\.\s*\S")),
    ("num_paren", None, re.compile(r"^\d{1,2}\)\s*\S")),
    ("paren_num", None, re.compile(r"^\(\d{1,2}\)\s*\S")),
    ("circled", None, re.compile(r"^[①-⑳]\s*\S")),
    ("kana", None, re.compile(r"^[ア-ン]\s+\S")),
    ("article", None, re.compile(r"^(?:Article|Principle|Chapter|Section|Part|Annex|ANNEX|Recommendation)\s+[0-9IVXLC]+\b")),
    ("num_dot3", None, re.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S")),
    ("num_dot2", None, re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")),
    ("num_dot", None, re.compile(r"^\d{1,2}\.\s*\S")),
    ("alpha_paren", None, re.compile(r"^\([a-z]\)\s*\S")),
    ("square", None, re.compile(r"^[■□◆]\s*\S")),
    ("angle", None, re.compile(r"^[<＜](?![^<>＜＞]*(?:://|@))[^<>＜＞]{1,40}[>＞]$")),
]
_CAPS = re.compile(r"^[A-Z][A-Z0-9 ,:;&'’()\-–/]{3,}$")
_LIST_AGAIN = re.compile(r"\s(?:\d{1,2}\.|\d{1,2}\)|[①-⑳])\s*\S.*\s(?:\d{1,2}\.|\d{1,2}\)|[①-⑳])\s*\S")
_TERMINAL = tuple("。．.!?！？")
_TRAILING_NUMBER = re.compile(r"\D\s+\d{1,4}$")
_FOOTNOTE = re.compile(f"^\\s*(?:[{SUPERSCRIPT_DIGITS}]+\\s*\\S|※\\s*\\d+|\\(注\\d+\\)|（注\\d+）|\\^\\{{\\d+\\}})")
_URL_LINE = re.compile(r"^\s*<?(?:https?://|www\.)\S+>?\s*$")
_BULLET_START = re.compile(r"^\s*(?:[-–*]\s+|[✧◇☆・➢➤•○●▪])")
_JA_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff、。「」（）]")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|cf|vs|Art|No|Nos|Mr|Ms|Dr|Prof|Fig|Figs|para|Sec|Vol|pp|p|Inc|Ltd|Co|St|U\.S|U\.K|approx|ibid|al)\.|\b[A-Z]\.)$")
_EN_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"“(\[])")
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\.$")  # "10." / "A." / "iv." opening an item
_JA_SENT_END = re.compile(r"[。！？][」』）)]*")


@dataclass
class Passage:
    page: int | None
    section_path: str
    heading: str
    kind: str
    text: str
    text_raw: str
    char_start: int
    char_end: int


def heading_style(norm: str, level: int | None = None, lang: str = "ja", raw: str | None = None
                  ) -> tuple[str, int | None] | None:
    """The heading style of a normalised line (``raw``: the line before normalisation), or None."""
    if level is not None:
        return f"h{level}", level
    if not norm or _TOC_LINE.search(norm):
        return None
    bulleted = bool(_BULLET_START.match(norm))
    core = strip_bullet(norm) if bulleted else norm
    max_len = 70 if _JA_CHAR.search(core) else 120
    if len(core) > max_len or core.endswith(("。", "、", ",", ";", "；", ":")):
        return None
    for style, rank, pat in _HEADING_STYLES:
        if pat.match(core):
            if bulleted and style != "actor":
                return None
            if style not in ("part", "chapter", "jsection", "actor") and (
                    "。" in core or _LIST_AGAIN.search(raw if raw is not None else core)):
                return None
            if rank is None and _TRAILING_NUMBER.search((raw if raw is not None else norm).rstrip()):
                return None  # "A. 基本理念 11", "1. 人間中心 5": contents or count lines, not headings
            if style == "roman_paren" and len(core) > 40:
                return None
            if style.startswith("num_dot") or style in ("alpha_paren", "article"):
                if core.endswith(".") and not core.endswith("..."):
                    return None
            return style, rank
    if not bulleted and _CAPS.match(core) and sum(c.isalpha() for c in core) >= 4 and lang != "ja":
        return "caps", None
    return None


def _is_numbered_item(norm: str) -> bool:
    core = norm.lstrip()
    return any(pat.match(core) for style, _, pat in _HEADING_STYLES if style not in ("part", "chapter", "jsection"))


class _Stack:
    def __init__(self) -> None:
        self.items: list[tuple[str, int | None, str]] = []

    def push(self, style: str, rank: int | None, title: str) -> None:
        items = self.items
        if rank is not None:
            while items and (items[-1][1] is None or items[-1][1] >= rank):
                items.pop()
        else:
            for i, (s, _, _) in enumerate(items):
                if s == style:
                    del items[i:]
                    break
        items.append((style, rank, title))

    @property
    def path(self) -> str:
        return PATH_SEP.join(t for _, _, t in self.items)

    @property
    def heading(self) -> str:
        return self.items[-1][2] if self.items else ""


def _join(parts: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """Join (offset, line) pieces into one string; return it with a per-character offset map."""
    out: list[str] = []
    offs: list[int] = []
    for off, text in parts:
        piece = text.strip()
        lead = len(text) - len(text.lstrip())
        if out:
            prev = out[-1]
            if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and piece[:1].islower():
                out[-1] = prev[:-1]  # de-hyphenate "regu-\nlation"
                offs.pop()
            elif not (_JA_CHAR.search(prev[-1:]) or _JA_CHAR.search(piece[:1])):
                out.append(" ")
                offs.append(offs[-1] if offs else off)
        out.append(piece)
        offs.extend(range(off + lead, off + lead + len(piece)))
    return "".join(out), offs


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in a joined paragraph (Japanese 。！？ and English . ! ? followed by a capital)."""
    cuts: list[int] = []
    for m in _JA_SENT_END.finditer(text):
        cuts.append(m.end())
    for m in _EN_SENT_END.finditer(text):
        head = text[: m.start() + 1]
        if _ABBREV.search(head) or _ENUMERATOR.match(head):
            continue
        cuts.append(m.start() + len(m.group(0).rstrip()))
    spans, start = [], 0
    for c in sorted(set(cuts)):
        if c - start >= 2 and text[start:c].strip():
            spans.append((start, c))
            start = c
    if text[start:].strip():
        if spans and len(text[start:].strip()) < 2:
            spans[-1] = (spans[-1][0], len(text))
        else:
            spans.append((start, len(text)))
    return spans


def segment(lines: list[Line], lang: str = "ja") -> list[Passage]:
    """Split a document's lines into passages with section paths."""
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln.text) + 1
    norms = [normalise_line(ln.text) for ln in lines]
    lengths = sorted(len(n) for n in norms if n)
    wrap_len = 0.6 * lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0

    stack = _Stack()
    passages: list[Passage] = []
    para: list[int] = []  # indices of the lines of the open paragraph
    para_kind = "sentence"

    def emit(kind: str, idx: list[int]) -> None:
        parts = [(offsets[i], lines[i].text) for i in idx]
        joined, offs = _join(parts)
        if not joined.strip():
            return
        page = lines[idx[0]].page
        spans = [(0, len(joined))] if kind in ("heading", "table", "toc", "footnote") else split_sentences(joined)
        for a, b in spans:
            raw = joined[a:b].strip()
            lead = len(joined[a:b]) - len(joined[a:b].lstrip())
            a2 = a + lead
            b2 = a2 + len(raw)
            if kind in ("table", "toc"):
                text = normalise_text(raw.replace("\t", " | "))
            else:
                text = normalise_text(raw)
            if not text:
                continue
            passages.append(Passage(page, stack.path, stack.heading, kind, text, raw,
                                    offs[a2] if a2 < len(offs) else offsets[idx[0]],
                                    (offs[b2 - 1] + 1) if 0 < b2 <= len(offs) else offsets[idx[-1]] + len(lines[idx[-1]].text)))

    def flush() -> None:
        nonlocal para, para_kind
        if para:
            emit(para_kind, para)
        para, para_kind = [], "sentence"

    def para_open() -> bool:
        """Does the open paragraph continue on the next body line (a sentence broken by a wrap)?"""
        if not para or para_kind not in ("sentence", "bullet"):
            return False
        last = norms[para[-1]]
        return not last.endswith(_TERMINAL) and len(last) >= wrap_len

    footnote: list[int] = []

    def flush_footnote() -> None:
        nonlocal footnote
        if footnote:
            emit("footnote", footnote)
        footnote = []

    for i, ln in enumerate(lines):
        norm = norms[i]
        if not norm:
            if not para_open():
                flush()
            continue
        if footnote and _URL_LINE.match(norm):
            footnote.append(i)
            continue
        flush_footnote()
        if _FOOTNOTE.match(ln.text) and ln.level is None:
            footnote = [i]
            continue
        if _TOC_LINE.search(ln.text) or ln.table:
            flush()
            emit("toc" if _TOC_LINE.search(ln.text) else "table", [i])
            continue
        style = heading_style(norm, ln.level, lang, ln.text)
        if style is not None:
            flush()
            title = strip_bullet(norm) if _BULLET_START.match(norm) else norm
            stack.push(style[0], style[1], _PART_NO.sub(r"\1 ", title))
            emit("heading", [i])
            continue
        if _BULLET_START.match(norm) or _is_numbered_item(norm):
            flush()
            para, para_kind = [i], "bullet"
            continue
        if para_open():
            para.append(i)
            continue
        if para and norms[i - 1] and not norms[para[-1]].endswith(_TERMINAL) and norm[:1].islower():
            para.append(i)  # English continuation starting lower-case
            continue
        flush()
        para, para_kind = [i], "sentence"
    flush_footnote()
    flush()
    return passages
