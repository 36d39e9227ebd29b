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

English (Latin-script) documents add rules for legal and numbered layouts (see ``segment``): numbered
paragraphs, recitals, points and list items ("6.", "(51)", "(a)", "a)", "(ii)", "iv.") are passages whose
number names a level of the section path ("CHAPTER II > Article 5 > 1. > (a)"), never headings unless
they stand alone as a title; wrapped titles are joined; running headers and footers, footnote calls
and footnotes that PDFs set on lines of their own do not cut sentences. The patterns are data:
``segment_patterns.yaml``. ``segment_quality`` measures the result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from aicompare.corpus.normalise import JA_CHARS, SUPERSCRIPT_DIGITS, normalise_line, normalise_text, strip_bullet
from aicompare.corpus.readers import Line, _furniture_key, is_toc_line

PATH_SEP = " > "
_PART_NO = re.compile(r"^(第\d+[部章節])(?=[^\s部章節])")


def _load_patterns() -> dict:
    text = resources.files("aicompare.corpus").joinpath("segment_patterns.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when available


_PATTERNS = _load_patterns()
# (style, absolute rank or None for relative, pattern on the normalised line)
_HEADING_STYLES: list[tuple[str, int | None, re.Pattern]] = [
    (h["style"], h["rank"], re.compile(h["pattern"])) for h in _PATTERNS["heading_styles"]]
# (style, passage kind, pattern with groups `label` and `rest`) — English numbered paragraphs and points
_ITEM_STYLES: list[tuple[str, str, re.Pattern]] = [
    (h["style"], h["kind"], re.compile(h["pattern"])) for h in _PATTERNS["item_styles"]]
# one pattern matching where any of the styles matches: most lines match none, and are answered by one test
_ANY_HEADING = re.compile("|".join(f"(?:{pat.pattern})" for _, _, pat in _HEADING_STYLES))
_ANY_ITEM = re.compile("|".join("(?:{})".format(re.sub(r"\(\?P<\w+>", "(?:", pat.pattern)) for _, _, pat in _ITEM_STYLES))
_BARE_LABEL = re.compile(_PATTERNS["bare_label"])
_LABEL_STYLES = ("article",)  # "Article 5", "CHAPTER II", "ANNEX I" …
_LABEL_RANKS: dict[str, int] = _PATTERNS["label_ranks"]
_LABEL_START = next(pat for style, _, pat in _HEADING_STYLES if style == "article")
_REFERENCE_WORDS = frozenset(_PATTERNS["reference_words"])
_LEGAL_REFERENCE_WORDS = frozenset(_PATTERNS["legal_reference_words"])
_CAPS = re.compile(r"^[A-Z][A-Z0-9 ,:;&'’()\-–/]{3,}$")
_LIST_AGAIN = re.compile(r"\s(?:\d{1,2}\.|\d{1,2}\)|[①-⑳])\s*\S.*\s(?:\d{1,2}\.|\d{1,2}\)|[①-⑳])\s*\S")
_TERMINAL = tuple("。．.!?！？")
_EN_TERMINAL = tuple("。．.!?！？;:")
_TRAILING_REF = re.compile(r"(?<=[.!?;:”’\"')\]])\s*\d{1,3}(?:,\d{1,3})*$")  # "harms.26": a footnote call
_TRAILING_NUMBER = re.compile(r"\D\s+\d{1,4}$")
_FOOTNOTE = re.compile(f"^\\s*(?:[{SUPERSCRIPT_DIGITS}]+\\s*\\S|※\\s*\\d+|\\(注\\d+\\)|（注\\d+）|\\^\\{{\\d+\\}})")
_NUMBERED_FOOTNOTE = re.compile(r"^\s*(\d{1,3})\s+(?=[A-Z“\"‘'])")  # "24 AI regulation: …" (English PDFs)
_URL_LINE = re.compile(r"^\s*<?(?:https?://|www\.)\S+>?\s*$")
_BULLET_START = re.compile(r"^\s*(?:[-–‒—*]\s+|[✧◇☆・➢➤•○●▪])")
_JA_CHAR = re.compile(f"[{JA_CHARS}、。「」（）]")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|cf|vs|Art|No|Nos|Mr|Ms|Dr|Prof|Fig|Figs|para|Sec|Vol|pp|p|Inc|Ltd|Co|St|U\.S|U\.K|approx|ibid|al|Ver|Rev)\.|\b[A-Z]\.)$")
_EN_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"“(\[])")
_ENUMERATOR = re.compile(r"^\s*\(?(?:\d{1,3}(?:\.\d{1,2}){0,2}|[A-Za-z]|[ivxIVX]{1,4})[.)]$")  # "10." / "A." / "iv." / "(3)."
_JA_SENT_END = re.compile(r"[。！？][」』）)]*")
_CONNECTOR_WORD_END = re.compile(r"\b(?:and|or|of|to|for|the|in|on|with|by|a|an|at|from|its|their|between|into|that|which)$")
_CONNECTOR_END = re.compile(r"(?:[,\-–&/]|\b(?:and|or|of|to|for|the|in|on|with|by|a|an|at|from|its|their|between|into))$", re.I)
_INLINE_REF = re.compile(r"^\s*(?:\d{1,3}\)?|[)\],;.])")  # "1", "44)", ")," continuing a line that ends "("
_OPEN_BRACKET_END = re.compile(r"[(\[]\s*$")


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


@lru_cache(maxsize=512)  # a pure function, asked again for a line just seen (as the next line, then as the line)
def heading_style(norm: str, level: int | None = None, lang: str = "ja", raw: str | None = None
                  ) -> tuple[str, int | None] | None:
    """The heading style of a normalised line (``raw``: the line before normalisation), or None."""
    if level is not None:
        return f"h{level}", level
    if not norm or is_toc_line(norm):
        return None
    bulleted = bool(_BULLET_START.match(norm))
    core = strip_bullet(norm) if bulleted else norm
    max_len = 70 if _JA_CHAR.search(core) else 120
    if len(core) > max_len or core.endswith(("。", "、", ",", ";", "；", ":")):
        return None
    for style, rank, pat in (_HEADING_STYLES if _ANY_HEADING.match(core) else ()):
        if pat.match(core):
            if bulleted and style != "actor":
                return None
            if style not in ("part", "chapter", "jsection", "actor") and (
                    "。" in core or _LIST_AGAIN.search(raw if raw is not None else core)):
                return None
            if rank is None and _TRAILING_NUMBER.search((raw if raw is not None else norm).rstrip()) \
                    and not _BARE_LABEL.match(core):
                return None  # "A. 基本理念 11", "1. 人間中心 5": contents or count lines, not headings
            if style == "roman_paren" and len(core) > 40:
                return None
            if style.startswith("num_dot") or style in _LABEL_STYLES or style == "alpha_paren":
                if core.endswith(".") and not core.endswith("..."):
                    return None
            return style, rank
    if not bulleted and _CAPS.match(core) and _has_letters(core, 4) and lang != "ja":
        return "caps", None
    return None


def _is_numbered_item(norm: str) -> bool:
    core = norm.lstrip()
    return any(pat.match(core) for style, _, pat in _HEADING_STYLES if style not in ("part", "chapter", "jsection"))


class _Stack:
    """Open headings and items: (style, rank, label in the path, full title, is an item)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int | None, str, str, bool]] = []

    def push(self, style: str, rank: int | None, title: str, label: str | None = None) -> None:
        items = self.items
        while items and items[-1][4]:
            items.pop()  # a heading closes the numbered paragraphs and points above it
        if rank is not None:
            while items and (items[-1][1] is None or items[-1][1] >= rank):
                items.pop()
        else:
            for i, (s, *_rest) in enumerate(items):
                if s == style:
                    del items[i:]
                    break
        items.append((style, rank, label or title, title, False))

    def push_item(self, style: str, label: str) -> None:
        """Open a numbered paragraph or point: a style already open closes it and everything below."""
        items = self.items
        for i, (s, _, _, _, is_item) in enumerate(items):
            if is_item and s == style:
                del items[i:]
                break
        items.append((style, None, label, label, True))

    def close_points(self) -> None:
        """An unnumbered paragraph after points belongs to the numbered paragraph that holds them."""
        first = next((i for i, it in enumerate(self.items) if it[4]), None)
        if first is not None:
            del self.items[first + 1:]

    def item_labels(self) -> list[tuple[str, str]]:
        return [(s, lab) for s, _, lab, _, is_item in self.items if is_item]

    def has_title(self, title: str) -> bool:
        return any(not it[4] and it[3] == title for it in self.items)

    @property
    def path(self) -> str:
        return PATH_SEP.join(it[2] for it in self.items)

    @property
    def heading(self) -> str:
        titles = [it[3] for it in self.items if not it[4]]
        return titles[-1] if titles else ""


def _join(parts: list[tuple[int, str]], tight_brackets: bool = False) -> tuple[str, list[int]]:
    """Join (offset, line) pieces into one string; return it with a per-character offset map.

    ``tight_brackets``: no space after an opening bracket or before a closing one and , ; . (English
    footnote calls that PDFs put on lines of their own: "Committee (" / "1" / "),").
    """
    out: list[str] = []
    offs: list[int] = []
    for off, text in parts:
        piece = text.strip()
        lead = len(text) - len(text.lstrip())
        if not piece:
            continue
        if out:
            prev = out[-1]
            if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and piece[:1].islower():
                out[-1] = prev[:-1]  # de-hyphenate "regu-\nlation"
                offs.pop()
            elif tight_brackets and (prev.endswith(("(", "[")) or piece.startswith((")", "]", ",", ";", "."))):
                pass
            elif not (_JA_CHAR.search(prev[-1:]) or _JA_CHAR.search(piece[:1])):
                out.append(" ")
                offs.append(offs[-1] if offs else off)
        out.append(piece)
        offs.extend(range(off + lead, off + lead + len(piece)))
    return "".join(out), offs


def ends_sentence(text: str, terminal: tuple[str, ...] = _EN_TERMINAL) -> bool:
    """Does a line end a sentence (terminal punctuation, possibly followed by a footnote call "…harms.26")?"""
    t = _TRAILING_REF.sub("", text.rstrip())
    return t.endswith(terminal)


def _has_letters(text: str, k: int) -> bool:
    """At least ``k`` alphabetic characters in ``text`` (stops at the k-th: cheaper than counting them all)."""
    n = 0
    for c in text:
        if c.isalpha():
            n += 1
            if n >= k:
                return True
    return False


def running_lines(lines: list[Line], norms: list[str], edge: int = 3) -> set[int]:
    """Indices of running headers and footers the reader left in: a line (digits ignored) that stands at
    the top or bottom ``edge`` lines of at least 3 pages and nearly always there (a chapter title repeated
    on its pages), or a line with a number or web address (date, page number, ELI) on ≥ 30 % of pages."""
    pages: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.page is not None and norms[i] and ln.level is None and not ln.table:
            pages.setdefault(ln.page, []).append(i)
    n = len(pages)
    if n < 3:
        return set()
    occurrences: dict[str, list[tuple[int, int, bool]]] = {}
    for page, idx in pages.items():
        edges = set(idx[:edge] + idx[-edge:])
        for i in idx:
            if len(norms[i]) > 100:
                continue
            key = _furniture_key(norms[i])
            if not _has_letters(key, 3):
                continue
            occurrences.setdefault(key, []).append((page, i, i in edges))
    out: set[int] = set()
    for key, occ in occurrences.items():
        all_pages = {p for p, _, _ in occ}
        edge_pages = {p for p, _, e in occ if e}
        i = occ[0][1]
        dated = ("#" in key or "http" in key or "www." in key) and not (
            _item_match(norms[i]) or heading_style(norms[i], None, "en", lines[i].text))  # "Article 5" is structure
        if (dated and len(all_pages) >= max(3, 0.3 * n)) or (
                len(edge_pages) >= 3 and len(edge_pages) >= 0.8 * len(all_pages)):
            out.update(i for _, i, _ in occ)
    if out >= {i for idx in pages.values() for i in idx}:
        return set()  # every line repeats (a form, a one-page notice printed n times): it is the text itself
    return out


@lru_cache(maxsize=512)
def _item_match(norm: str) -> tuple[str, str, str, str] | None:
    """(style, passage kind, label, rest) of an English line that opens with an enumerator, or None."""
    if not _ANY_ITEM.match(norm):
        return None
    for style, kind, pat in _ITEM_STYLES:
        m = pat.match(norm)
        if m:
            return style, kind, m.group("label"), m.group("rest")
    return None


_ROMAN_AS_LETTER = {"i": "h", "v": "u", "x": "w"}


_ROMAN_NEXT = {"i": "ii", "v": "vi", "x": "xi"}
_LETTER_NEXT = {"i": "j", "v": "w", "x": "y"}


def _item_style(style: str, label: str, open_items: list[tuple[str, str]], following: list[str]) -> str:
    """Disambiguate "(i)", "(v)", "(x)" (and "i.", "v)" …) between a Roman numeral and a letter: the next
    item of the same shape decides ("(ii)" or "(j)" among the ``following`` normalised lines); without one,
    a letter right after an open "(h)", "(u)", "(w)"."""
    if "roman" not in style:
        return style
    letter = label.strip("().")
    before = _ROMAN_AS_LETTER.get(letter)
    if before is None:
        return style
    alpha = style.replace("roman", "alpha")
    roman_next = label.replace(letter, _ROMAN_NEXT[letter])
    letter_next = label.replace(letter, _LETTER_NEXT[letter])
    for n in following:
        if n.startswith(roman_next + " "):
            return style
        if n.startswith(letter_next + " "):
            return alpha
    for s, lab in open_items:
        if s == alpha and lab.strip("().") == before:
            return alpha
    return style


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in a joined paragraph (Japanese 。！？ and English . ! ? followed by a capital)."""
    cuts: list[int] = []
    for m in _JA_SENT_END.finditer(text):
        cuts.append(m.end())
    quoted = "「" in text
    for m in _EN_SENT_END.finditer(text):
        head = text[: m.start() + 1]
        if _ABBREV.search(head) or _ENUMERATOR.match(head) or (quoted and head.count("「") > head.count("」")):
            continue  # an abbreviation, an enumerator, or a full stop inside a Japanese quotation (「…Ver. 1.1」)
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
    """Split a document's lines into passages with section paths.

    In English (Latin-script: ``lang`` not ja, zh or ko) documents numbered paragraphs, recitals, points and list items
    are passages whose enumerator names a level of the section path ("Article 13 > 1. > (a)"); a numbered
    line is a heading only when it stands alone as a title (no sentence, no terminal punctuation, not the
    first line of a wrapped paragraph). Headings wrapped over two or three lines are joined, a bare
    "Article 5" takes its title from the next line, running headers and footers are skipped, and footnote
    calls and footnotes that PDFs put on lines of their own do not cut sentences. Japanese documents keep
    the rules described in the module docstring.
    """
    en = lang not in ("ja", "zh", "ko")  # the English rules below need Latin-script sentences
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln.text) + 1
    norms = [normalise_line(ln.text) for ln in lines]
    skip = running_lines(lines, norms)
    lengths = sorted(len(n) for i, n in enumerate(norms) if n and i not in skip)
    p90 = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    wrap_len = 0.6 * p90
    head_wrap = 0.75 * p90  # an English line this long is a wrapped paragraph line, not a title

    page_edges: set[int] = set()  # the first and last three lines of each page (running headers live there)
    by_page: dict[int | None, list[int]] = {}
    for i, ln in enumerate(lines):
        if norms[i] and i not in skip:
            by_page.setdefault(ln.page, []).append(i)
    for page, idx in by_page.items():
        if page is not None and len(by_page) >= 3:
            page_edges.update(idx[:3] + idx[-3:])

    stack = _Stack()
    passages: list[Passage] = []
    para: list[int] = []  # indices of the lines of the open paragraph
    para_kind = "sentence"
    consumed: set[int] = set()

    def emit(kind: str, idx: list[int]) -> None:
        parts = [(offsets[i], lines[i].text) for i in idx]
        joined, offs = _join(parts, tight_brackets=en)
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

    pending: list[tuple[str, int | None, str, str, list[int]]] = []  # headings set inside a running paragraph

    def emit_heading(idx: list[int]) -> None:
        """A heading; a bare label ("Article 5") and its title line stay two heading passages, as printed."""
        if len(idx) > 1 and _BARE_LABEL.match(norms[idx[0]]):
            emit("heading", idx[:1])
            emit("heading", idx[1:])
        else:
            emit("heading", idx)

    def flush() -> None:
        nonlocal para, para_kind
        if para:
            emit(para_kind, para)
        para, para_kind = [], "sentence"
        while pending:
            hstyle, rank, title, label, idx = pending.pop(0)
            stack.push(hstyle, rank, title, label)
            emit_heading(idx)

    def para_open() -> bool:
        """Does the open paragraph continue on the next body line (a sentence broken by a wrap)?"""
        if not para or para_kind not in ("sentence", "bullet"):
            return False
        last = norms[para[-1]]
        return not last.endswith(_TERMINAL) and (len(last) >= wrap_len or (en and bool(_CONNECTOR_WORD_END.search(last))))

    def next_line(j: int) -> int | None:
        """The next non-empty line after ``j`` that is not a running header/footer."""
        j += 1
        while j < len(lines) and (j in skip or not norms[j]):
            if not norms[j] and j not in skip:
                return None  # a blank line ends a block
            j += 1
        return j if j < len(lines) else None

    def opens_block(j: int, allow_caps: bool = False) -> bool:
        """Does line ``j`` open something new (item, bullet, heading, footnote, table)? ``allow_caps``: an
        ALL-CAPS line without numbering does not (it may continue an ALL-CAPS heading)."""
        n = norms[j]
        if _item_match(n) or _BULLET_START.match(n) or lines[j].level is not None or lines[j].table \
                or _FOOTNOTE.match(lines[j].text) or is_toc_line(lines[j].text):
            return True
        style = heading_style(n, None, lang, lines[j].text)
        return style is not None and not n[:1].islower() and not (allow_caps and style[0] == "caps")

    def heading_block(i: int) -> list[int]:
        """An English heading line and the lines its title wraps onto (at most three lines in all)."""
        idx = [i]
        bare = bool(_BARE_LABEL.match(norms[i]))
        while len(idx) < 3:
            j = next_line(idx[-1])
            if j is None:
                break
            nxt, last = norms[j], norms[idx[-1]]
            caps = last.upper() == last and nxt.upper() == nxt and any(c.isalpha() for c in nxt)
            if caps and not opens_block(j, allow_caps=True) and not ends_sentence(nxt, _EN_TERMINAL + (",",)) \
                    and len(nxt) < head_wrap:
                idx.append(j)  # "3. APPLICATIONS OF ARTIFICIAL" + "INTELLIGENCE FOR HEALTH"
                continue
            if bare and len(idx) == 1 and nxt[:1].isupper() and not ends_sentence(nxt) and len(nxt) < 2 * head_wrap \
                    and not (_item_match(nxt) or _BULLET_START.match(nxt) or _BARE_LABEL.match(nxt)):
                idx.append(j)  # "Article 5" + "Prohibited AI practices", "CHAPTER II" + "PROHIBITED AI PRACTICES"
                continue
            if opens_block(j):
                break
            if ends_sentence(nxt, _EN_TERMINAL + (",",)) or len(nxt) >= head_wrap:
                break
            if nxt[:1].islower() or _CONNECTOR_END.search(last):
                idx.append(j)
                continue
            break
        return idx

    def paragraph_ends(i: int) -> bool:
        """Does the paragraph that line ``i`` opens end with terminal punctuation within a few lines?"""
        idx = [i]
        while len(idx) < 6 and not ends_sentence(norms[idx[-1]]):
            j = next_line(idx[-1])
            if j is None or opens_block(j):
                break
            last = norms[idx[-1]]
            if not (norms[j][:1].islower() or len(last) >= head_wrap or _CONNECTOR_WORD_END.search(last)):
                break
            idx.append(j)
        return ends_sentence(norms[idx[-1]], _EN_TERMINAL + (",",))

    def continues_reference(i: int) -> bool:
        """An enumerator after "… referred to in point" or a citation "(14). Other …" continues the sentence."""
        if not para or ends_sentence(norms[para[-1]]):
            return False
        n = norms[i]
        if re.match(r"^\(?\d{1,3}\)[.,;:]", n):
            return True
        words = norms[para[-1]].split()
        if not words:
            return False
        rest = re.sub(r"^\S+\s*", "", n)
        cross_ref = bool(_LABEL_START.match(n))  # "Chapter III, Section 2", "Article 10(1) of …"
        return words[-1] in _LEGAL_REFERENCE_WORDS or (
            words[-1] in _REFERENCE_WORDS and (rest[:1].islower() or cross_ref))

    def is_title_line(i: int) -> bool:
        """An unnumbered English title ("The evolving role of the patient in clinical care"): a short line
        starting with a capital, without end punctuation, after a finished paragraph (or a heading) and
        followed by a paragraph's first line (a long line or a sentence) — not a line of a list of names."""
        n = norms[i]
        if not n[:1].isupper() or len(n) >= min(head_wrap, 100) or ends_sentence(n, _EN_TERMINAL + (",", ")", "]")) \
                or _EN_SENT_END.search(n) or not _has_letters(n, 4) or _BULLET_START.match(n):
            return False
        if para and not ends_sentence(norms[para[-1]]):
            return False
        j = next_line(i)
        if j is None or opens_block(j):
            return False
        nxt = norms[j]
        return nxt[:1].isupper() and (len(nxt) >= wrap_len or ends_sentence(nxt))

    def classify_en(i: int):
        """("heading", style, rank, line indices, label) | ("item", style, kind, label) | ("continue",) for a
        cross-reference that continues the open paragraph | None."""
        norm, ln = norms[i], lines[i]
        if ln.level is not None:
            return None
        item = _item_match(norm)
        style = heading_style(norm, None, lang, ln.text)
        if (item or style) and continues_reference(i):
            return ("continue",)
        if style is not None and style[0] in _LABEL_STYLES and not _BARE_LABEL.match(norm):
            rest = re.sub(r"^\S+\s+[0-9IVXLC]+[a-z]?[.:]?\s*", "", norm)
            if rest[:1].islower() or rest[:1] == "(" or len(norm) >= head_wrap:
                style = None  # "Article 5 of Regulation …", "Section 4 summarizes …": a sentence
        if item is not None:
            istyle, kind, label, rest = item
            if style is None or rest[:1].islower() or len(norm) >= head_wrap or _EN_SENT_END.search(rest):
                return "item", _item_style(istyle, label, stack.item_labels(), norms[i + 1:i + 300]), kind, label
        if style is None and item is None and is_title_line(i):
            style = ("title", None)
        if style is None:
            return None
        idx = heading_block(i)
        if item is not None and paragraph_ends(i):
            istyle, kind, label, _ = item
            return "item", _item_style(istyle, label, stack.item_labels(), norms[i + 1:i + 300]), kind, label
        rank = style[1]
        if style[0] == "article":
            rank = _LABEL_RANKS.get(norm.split()[0], rank)
        return "heading", style[0] if rank is None else f"{style[0]}{rank}", rank, idx, norm

    footnote: list[int] = []

    def flush_footnote() -> None:
        nonlocal footnote
        if footnote:
            emit("footnote", footnote)
        footnote = []

    def numbered_footnote(i: int) -> bool:
        """"24 AI regulation: …" is a footnote when "…24" was called (a number glued to a word) just before."""
        m = _NUMBERED_FOOTNOTE.match(lines[i].text)
        page = lines[i].page
        if not m or page is None:
            return False
        call = re.compile(rf"(?<=[a-z.,;:’”\")\]]){m.group(1)}(?!\d)")
        for j in range(i - 1, max(-1, i - 120), -1):
            if lines[j].page not in (page, page - 1):
                break
            if call.search(lines[j].text):
                return True
        return False

    def paren_footnote(i: int) -> list[int] | None:
        """The Official Journal's footnotes: "(" / "1" / ") OJ C 517 …" or "(" / "42) Regulation …"."""
        if norms[i] != "(":
            return None
        j = next_line(i)
        if j is None:
            return None
        if re.match(r"^\d{1,3}\)", norms[j]) or norms[j].startswith(")"):
            return [i, j]
        k = next_line(j)
        if re.fullmatch(r"\d{1,3}", norms[j]) and k is not None and norms[k].startswith(")"):
            return [i, j, k]
        return None

    for i, ln in enumerate(lines):
        if i in consumed or i in skip:
            continue
        norm = norms[i]
        if not norm:
            if not para_open():
                flush()
            continue
        if footnote and _URL_LINE.match(norm):
            footnote.append(i)
            continue
        if en and footnote and not ends_sentence(norms[footnote[-1]]) and (not opens_block(i) or norm[:1].islower()) \
                and not numbered_footnote(i) and not paren_footnote(i):
            footnote.append(i)  # a footnote wrapped over several lines
            continue
        flush_footnote()
        if _FOOTNOTE.match(ln.text) and ln.level is None:
            footnote = [i]
            continue
        if en:
            fn = paren_footnote(i)
            if fn is not None:
                footnote = fn
                consumed.update(fn)
                continue
            if numbered_footnote(i):
                footnote = [i]
                continue
            if para and (_OPEN_BRACKET_END.search(norms[para[-1]]) and _INLINE_REF.match(norm)
                         or norm.startswith((")", "]", ",", ";"))):
                para.append(i)  # a footnote call on a line of its own: "Committee (" / "1" / "),"
                continue
        toc = is_toc_line(ln.text)
        if toc or ln.table:
            flush()
            emit("toc" if toc else "table", [i])
            continue
        if en and ln.level is None:
            cls = classify_en(i)
            if cls is not None and cls[0] == "heading":
                _, hstyle, rank, idx, label = cls
                parts = [(offsets[k], lines[k].text) for k in idx]
                title = normalise_text(_join(parts, tight_brackets=True)[0])
                if stack.has_title(title) and i in page_edges:
                    consumed.update(idx)  # a running chapter title repeated on a page
                    continue
                consumed.update(idx)
                label = label if _BARE_LABEL.match(label) else title
                after = next_line(idx[-1])
                if para and not ends_sentence(norms[para[-1]]) and after is not None and norms[after][:1].islower():
                    # a chapter title the layout put inside a paragraph that goes on after it: the
                    # paragraph stays open and the heading takes effect when it ends
                    pending.append((hstyle, rank, title, label, idx))
                    continue
                flush()
                stack.push(hstyle, rank, title, label)
                emit_heading(idx)
                continue
            if cls is not None and cls[0] == "continue":
                para.append(i)  # "… referred to in point" + "(a) of paragraph 2 …"
                continue
            if cls is not None:
                _, istyle, kind, label = cls
                flush()
                stack.push_item(istyle, label)
                para, para_kind = [i], kind
                continue
        else:
            style = heading_style(norm, ln.level, lang, ln.text)
            if style is not None:
                flush()
                title = strip_bullet(norm) if _BULLET_START.match(norm) else norm
                stack.push(style[0], style[1], _PART_NO.sub(r"\1 ", title))
                emit("heading", [i])
                continue
        if _BULLET_START.match(norm) or (not en and _is_numbered_item(norm)):
            flush()
            para, para_kind = [i], "bullet"
            continue
        if para_open():
            para.append(i)
            continue
        if para and not norms[para[-1]].endswith(_TERMINAL) and norm[:1].islower() and (en or norms[i - 1]):
            para.append(i)  # English continuation starting lower-case
            continue
        flush()
        if en:
            stack.close_points()
        para, para_kind = [i], "sentence"
    flush_footnote()
    flush()
    return passages
