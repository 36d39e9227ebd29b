"""Readers: one function per format, each turning a file into a ``RawDocument`` (lines + pages).

Readers never execute content (HTML scripts are dropped, not run) and raise ``ReadError`` with a
code and an actionable message for files they cannot read; softer problems (a page without text,
a non-UTF-8 encoding) are returned as warnings in ``RawDocument.issues``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Iterator

from aicompare.corpus.normalise import normalise_line


class ReadError(Exception):
    """A file that cannot be read: ``code`` is a short tag, the message says what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass
class Line:
    text: str
    page: int | None = None
    level: int | None = None  # explicit heading level from HTML/Markdown (1 = <h1>)
    table: bool = False  # a table row (cells joined by tabs)


@dataclass
class RawDocument:
    lines: list[Line]
    source_type: str
    n_pages: int | None = None
    title: str | None = None
    encoding: str | None = None
    issues: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, code, message)


TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES

# ---------------------------------------------------------------- passage length

MAX_PASSAGE_CHARS = 5000  # longer lines and passages are split (docs/data_dictionary.md, passages.text)
_CUT_AFTER = re.compile(r"[。．！？.!?;；]\s*|[、，,]\s*|\s+")


def split_at_limit(text: str, limit: int = MAX_PASSAGE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering ``text`` exactly, none longer than ``limit``: each cut falls after the last
    sentence end in the second half of the window, else after the last comma or space there, else at ``limit``."""
    spans, start, n = [], 0, len(text)
    while n - start > limit:
        window = text[start + limit // 2:start + limit]
        best = {}
        for m in _CUT_AFTER.finditer(window):
            rank = 0 if m.group()[0] in "。．！？.!?;；" else 1 if m.group()[0] in "、，," else 2
            best[rank] = m.end()
        cut = start + limit // 2 + best[min(best)] if best else start + limit
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


# ---------------------------------------------------------------- text decoding

_JA_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp")


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:8192]
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(sample) > 0 and ctrl / len(sample) > 0.05


def _plausible(text: str) -> bool:
    bad = sum(1 for c in text[:20000] if (ord(c) < 32 and c not in "\t\n\r\f\x1b") or 0xE000 <= ord(c) <= 0xF8FF)
    return bad <= max(2, len(text[:20000]) // 1000)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: NUL bytes on one byte parity only (the high bytes of ASCII
    characters such as spaces and newlines) and a decoding made of printable text. Binary data has NULs on
    both parities; legacy Japanese encodings have none."""
    sample = data[:65536]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if (even == 0) == (odd == 0):
        return None
    enc = "utf-16-le" if odd else "utf-16-be"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    head = text[:20000]
    printable = sum(1 for c in head if c.isprintable() or c in "\t\n\r\f")
    return (text, enc) if printable >= 0.98 * len(head) else None


def decode_bytes(data: bytes, name: str = "file") -> tuple[str, str]:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or recognised without one),
    else Japanese legacy encodings.

    Returns ``(text, encoding)``. Raises ``ReadError`` for binary data or text in no known encoding.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise ReadError("binary", f"{name}: looks like binary data, not text (NUL/control bytes). "
                                  "Check the file type; rename it with its real extension (e.g. .pdf) if it is a document.")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in _JA_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and _plausible(str(best)):
        return str(best), best.encoding
    raise ReadError("undecodable", f"{name}: text is not UTF-8, Shift_JIS/CP932, EUC-JP or ISO-2022-JP and "
                                   "its encoding could not be detected. Re-save it as UTF-8.")


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")  # and the two non-characters


def strip_controls(text: str) -> str:
    """Remove C0 control characters (NUL, ESC, U+0001 …) other than tab, newlines and form feed: they carry
    no text, break writers (Excel's XML, terminals) and collide with the readers' internal markers."""
    return _CONTROLS.sub("", text)


def _text_lines(text: str, page: int | None = None) -> list[Line]:
    text = strip_controls(text).replace("\r\n", "\n").replace("\r", "\n")
    return [Line(t, page, table="\t" in t.strip() and not is_toc_line(t)) for t in text.split("\n")]


_TOC_LINE = re.compile(r"(\t|\s\.{3,}|…{2,}|\.{4,})\s*\d{1,4}\s*$")


def is_toc_line(text: str) -> bool:
    """A contents line ("Principles .... 12"): ``_TOC_LINE.search(text)``, answered at once for the lines that
    do not end in a digit (most lines: the pattern needs a digit before the trailing white space)."""
    t = text.rstrip()
    return bool(t) and t[-1].isdecimal() and _TOC_LINE.search(text) is not None


def read_text(path: Path) -> RawDocument:
    """A plain-text file; form feeds (``\\f``, as in text extracted from a PDF) separate pages, which are then
    numbered and stripped of running headers and footers like PDF pages."""
    text, enc = decode_bytes(path.read_bytes(), path.name)
    if "\f" not in text:
        doc = RawDocument(_text_lines(text), "text", encoding=enc)
    else:
        pages, _dropped = drop_page_furniture([page.split("\n") for page in
                                               text.replace("\r\n", "\n").replace("\r", "\n").split("\f")])
        lines = [ln for pno, page in enumerate(pages, start=1) for ln in _text_lines("\n".join(page), pno)]
        doc = RawDocument(lines, "text", n_pages=len(pages), encoding=enc)
    if enc != "utf-8":
        doc.issues.append(("warning", "encoding", f"{path.name}: decoded as {enc} (not UTF-8)"))
    return doc


# ---------------------------------------------------------------- HTML and Markdown

_BLOCK_TAGS = [
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "aside", "main",
    "blockquote", "pre", "table", "tr", "caption", "figcaption", "figure", "br", "hr", "nav", "form", "address",
]
_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head"]
_MARK = "\x01"  # start-of-line marker: \x01h<level>\x01 for headings, \x01t\x01 for table rows
_DROP_SET = frozenset(_DROP_TAGS)
_BLOCK_SET = frozenset(_BLOCK_TAGS)
_HEADING_LEVEL = {f"h{i}": i for i in range(1, 7)}


def _string_pieces(node) -> "Iterator[str]":
    """Visible strings below ``node`` in document order, without recursion (so any nesting depth is fine):
    dropped tags skipped, ``<sup>`` as ``^{…}``."""
    from bs4 import CData, NavigableString, Tag

    stack = [iter(node.children)] if isinstance(node, Tag) else []
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if isinstance(child, Tag):
            if child.name in _DROP_SET:
                continue
            if child.name == "sup":
                yield _sup_text(child)
                continue
            stack.append(iter(child.children))
        elif type(child) in (NavigableString, CData):
            yield str(child)


def _sup_text(sup) -> str:
    text = "".join(p.strip() for p in _string_pieces(sup))
    return f"^{{{text}}}" if text else ""


def html_to_lines(html: str) -> tuple[list[Line], str | None]:
    """Visible text of an HTML document as lines; headings keep their level, table rows their cells.

    One iterative walk over the parsed tree (no tree edits, no recursion): time is linear in the document,
    whatever its nesting depth (a 100,000-level ``<div>`` nest included).
    """
    from bs4 import BeautifulSoup, CData, NavigableString, Tag

    soup = BeautifulSoup(strip_controls(html), "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    parts: list[str] = []
    stack: list[tuple[object, str]] = [(iter(soup.children), "")]  # (children iterator, text after the tag)
    while stack:
        child = next(stack[-1][0], None)
        if child is None:
            parts.append(stack.pop()[1])
            continue
        if isinstance(child, Tag):
            name = child.name
            if name in _DROP_SET:
                continue
            if name == "sup":
                parts.append(_sup_text(child))
                continue
            if name == "tr":
                cells = [" ".join(t.strip() for t in _string_pieces(c) if t.strip())
                         for c in child.find_all(["td", "th"])]
                parts.append(f"\n{_MARK}t{_MARK}" + "\t".join(cells) + "\n")
                continue
            if name in _HEADING_LEVEL:
                parts.append(f"\n{_MARK}h{_HEADING_LEVEL[name]}{_MARK}")
            elif name == "li":
                parts.append("\n- ")
            elif name in _BLOCK_SET:
                parts.append("\n")
            after = "\n" if name in _BLOCK_SET or name in _HEADING_LEVEL else ""
            stack.append((iter(child.children), after))
        elif type(child) in (NavigableString, CData):
            parts.append(str(child))
    text = "".join(parts)
    lines: list[Line] = []
    for raw in text.split("\n"):
        level, table = None, False
        if raw.startswith(_MARK):
            tag, _, raw = raw[1:].partition(_MARK)
            if tag.startswith("h"):
                level = int(tag[1:])
            elif tag == "t":
                table = True
        raw = raw.strip()
        if raw:
            lines.append(Line(raw, None, level, table))
    return lines, title


def read_html(path: Path) -> RawDocument:
    text, enc = decode_bytes(path.read_bytes(), path.name)
    lines, title = html_to_lines(text)
    return RawDocument(lines, "html", title=title, encoding=enc)


def read_markdown(path: Path) -> RawDocument:
    from markdown_it import MarkdownIt

    text, enc = decode_bytes(path.read_bytes(), path.name)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    lines, _ = html_to_lines(html)
    title = next((ln.text for ln in lines if ln.level == 1), None)
    return RawDocument(lines, "markdown", title=title, encoding=enc)


# ---------------------------------------------------------------- PDF

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)


_DIGITS = re.compile(r"\d+")


def _furniture_key(line: str) -> str:
    return _DIGITS.sub("#", normalise_line(line)).strip().lower()


def drop_page_furniture(pages: list[list[str]], edge: int = 3) -> tuple[list[list[str]], int]:
    """Remove running headers/footers and page numbers.

    A line within ``edge`` lines of the top or bottom of a page is furniture when the same line
    (digits ignored) stands at the edge of at least half of the pages (min. 3), or when it is a bare
    page number. Returns the cleaned pages and how many lines were dropped. When that would leave no text
    at all, nothing is dropped: the repeated lines are then the document.
    """
    n = len(pages)
    counts: Counter[str] = Counter()
    for lines in pages:
        idx = [i for i, t in enumerate(lines) if t.strip()]
        edges = set(idx[:edge] + idx[-edge:])
        counts.update({_furniture_key(lines[i]) for i in edges})
    threshold = max(3, (n + 1) // 2)
    repeated = {k for k, c in counts.items() if c >= threshold and k}
    out, dropped = [], 0
    for lines in pages:
        idx = [i for i, t in enumerate(lines) if t.strip()]
        edges = set(idx[:edge] + idx[-edge:])
        keep = []
        for i, t in enumerate(lines):
            if i in edges and (_PAGE_NUMBER.match(t) or (n >= 3 and _furniture_key(t) in repeated)):
                dropped += 1
                continue
            keep.append(t)
        out.append(keep)
    if dropped and not any(t.strip() for lines in out for t in lines):
        return pages, 0  # every line repeats on every page (a one-line document, a form): it is the text, keep it
    return out, dropped


def _two_columns(rects: list[tuple[float, float, float, float]], width: float) -> float | None:
    """The x of a gutter splitting the page's text into two side-by-side columns, or None.

    ``rects`` are pdfium text rectangles (left, bottom, right, top), one per run of text on a line. A gutter
    is a vertical band in the middle of the page that no text run crosses where both sides hold text; runs
    crossing it are allowed only above or below the two-column block (a full-width title, a footer).
    """
    n = len(rects)
    if n < 8:
        return None
    need = max(4, 0.1 * n)
    # runs sorted by right edge, with running min(bottom) / max(top): the runs left of x are a prefix;
    # runs sorted by left edge, with the same from the end: the runs right of x are a suffix
    by_right = sorted(rects, key=lambda r: r[2])
    by_left = sorted(rects, key=lambda r: r[0])
    rights = [r[2] for r in by_right]
    lefts = [r[0] for r in by_left]
    inf = float("inf")
    pre_lo = list(accumulate((r[1] for r in by_right), min, initial=inf))
    pre_hi = list(accumulate((r[3] for r in by_right), max, initial=-inf))
    suf_lo = list(accumulate((r[1] for r in reversed(by_left)), min, initial=inf))
    suf_hi = list(accumulate((r[3] for r in reversed(by_left)), max, initial=-inf))
    best = None
    for pct in range(30, 71):
        x = width * pct / 100
        k_left = bisect_right(rights, x)  # runs ending at or left of x
        k_right = n - bisect_left(lefts, x)  # runs starting at or right of x
        n_min = min(k_left, k_right)
        if n_min < need or (best is not None and n_min <= best[0]):
            continue  # too little text on one side, or no better than the best gutter (the leftmost wins ties)
        lo_l, hi_l = pre_lo[k_left], pre_hi[k_left]
        lo_r, hi_r = suf_lo[k_right], suf_hi[k_right]
        lo, hi = max(lo_l, lo_r), min(hi_l, hi_r)
        if hi - lo < 0.4 * min(hi_l - lo_l, hi_r - lo_r):
            continue  # the two sides are not side by side
        if any(r[0] < x < r[2] and r[3] > lo and r[1] < hi for r in rects):
            continue  # text crosses the gutter beside the columns
        best = (n_min, x)
    return best[1] if best else None


def _lines_from_rects(runs: list[tuple[tuple[float, float, float, float], str]]) -> list[str]:
    """Group text runs into lines (top to bottom, left to right)."""
    runs = sorted(runs, key=lambda rt: (-round(rt[0][3], 0), rt[0][0]))
    lines: list[list[tuple[tuple[float, float, float, float], str]]] = []
    for rect, text in runs:
        h = max(1.0, rect[3] - rect[1])
        if lines:
            last = lines[-1][-1][0]
            if abs((last[1] + last[3]) / 2 - (rect[1] + rect[3]) / 2) < 0.5 * h:
                lines[-1].append((rect, text))
                continue
        lines.append([(rect, text)])
    out = []
    for line in lines:
        line.sort(key=lambda rt: rt[0][0])
        parts = [line[0][1]]
        for (prev, _), (rect, text) in zip(line, line[1:]):
            parts.append((" " if rect[0] - prev[2] > 0.2 * (rect[3] - rect[1]) else "") + text)
        out.append("".join(parts))
    return out


def _text_rects(textpage) -> list[tuple[float, float, float, float]]:
    """pdfium's text rectangles of a page, ``[tuple(textpage.get_rect(i)) for i in range(textpage.count_rects())]``
    with one set of output values for all the calls (the page's rectangles are read for every page)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    n = textpage.count_rects()
    left, bottom, right, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    get_rect = pdfium_c.FPDFText_GetRect
    rects = []
    for i in range(n):
        if not get_rect(textpage, i, left, top, right, bottom):  # pdfium's order: left, top, right, bottom
            raise pdfium.PdfiumError("Failed to get rectangle.")
        rects.append((left.value, bottom.value, right.value, top.value))
    return rects


def _pdfium_page_text(page, textpage) -> str:
    """A page's text in reading order: content-stream order, unless the page has two text columns side by side,
    which are then read left column first (from pdfium's character boxes)."""
    rects = _text_rects(textpage)
    gutter = _two_columns(rects, page.get_width())
    if gutter is None:
        return textpage.get_text_range()
    runs = [(r, textpage.get_text_bounded(*r).strip("\r\n")) for r in rects]
    height = page.get_height()
    margin = 0.06 * height  # running headers, footers and page numbers live in the top and bottom margins
    head, foot, left, right, crossing = [], [], [], [], []
    for rt in runs:
        r = rt[0]
        if r[1] >= height - margin:
            head.append(rt)
        elif r[3] <= margin:
            foot.append(rt)
        elif r[2] <= gutter:
            left.append(rt)
        elif r[0] >= gutter:
            right.append(rt)
        else:
            crossing.append(rt)  # full-width text above or below the columns (see _two_columns)
    columns_top = max((rt[0][3] for rt in left + right), default=height)
    head += [rt for rt in crossing if rt[0][1] >= columns_top - 1]
    foot = [rt for rt in crossing if rt[0][1] < columns_top - 1] + foot
    return "\n".join(_lines_from_rects(head) + _lines_from_rects(left) + _lines_from_rects(right)
                     + _lines_from_rects(foot))


def _pdf_pages_pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise ReadError("encrypted", f"{path.name}: the PDF is encrypted (password-protected). "
                                         "Provide an unencrypted copy.") from exc
        raise ReadError("corrupt_pdf", f"{path.name}: not a readable PDF ({msg}). The file may be truncated or "
                                       "damaged; download it again.") from exc
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            pages.append(_pdfium_page_text(page, tp))
            tp.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _pdf_pages_pdfplumber(path: Path) -> list[str]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(str(path)) as pdf:
            return [(p.extract_text() or "") for p in pdf.pages]
    except (PDFPasswordIncorrect,) as exc:
        raise ReadError("encrypted", f"{path.name}: the PDF is encrypted (password-protected). "
                                     "Provide an unencrypted copy.") from exc
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many types on damaged files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise ReadError("encrypted", f"{path.name}: the PDF is encrypted. Provide an unencrypted copy.") from exc
        raise ReadError("corrupt_pdf", f"{path.name}: not a readable PDF ({type(exc).__name__}: {exc}). "
                                       "The file may be truncated or damaged; download it again.") from exc


PDF_ENGINES = {"pypdfium2": _pdf_pages_pdfium, "pdfplumber": _pdf_pages_pdfplumber}


def clean_pdf_text(text: str) -> str:
    """A PDF page's text as the engines return it, made plain: pdfium marks soft hyphens at line ends as
    U+FFFE / U+0002 (made ordinary hyphens, so that the segmenter's de-hyphenation joins the word again),
    NUL is dropped, line ends are ``\\n``."""
    return (text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufffe", "-")
            .replace("\x02", "-"))


_SOFT_HYPHEN_IN_WORD = re.compile(r"([^\W\d_]+)[\ufffe\x02]([^\W\d_]+)")
_HYPHENATED = re.compile(r"\b[^\W\d_]+-[^\W\d_]+\b")
_WORD = re.compile(r"[^\W\d_]+")


def join_soft_hyphens(texts: list[str]) -> list[str]:
    """pdfium marks a hyphen at a line end as U+FFFE / U+0002 and sometimes returns the rest of the word right
    after it, the line break dropped ("appro\\ufffepriate", "dual\\ufffeuse"). The document's own words decide:
    the word is joined again when the document writes it whole elsewhere or its parts are not words of the
    document ("appropriate"), and keeps its hyphen when the document writes it with one or both parts are words
    ("dual-use", "context-relevant"). A marker before a line end is left to ``clean_pdf_text``."""
    if not any("\ufffe" in t or "\x02" in t for t in texts):
        return texts
    whole = "\n".join(texts)
    hyphenated = {m.group(0).lower() for m in _HYPHENATED.finditer(whole)}
    words = {w.lower() for w in _WORD.findall(_SOFT_HYPHEN_IN_WORD.sub(" ", whole))}

    def join(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        if f"{a}{b}".lower() in words:
            return a + b
        if f"{a}-{b}".lower() in hyphenated or (a.lower() in words and b.lower() in words):
            return f"{a}-{b}"
        return a + b
    return [_SOFT_HYPHEN_IN_WORD.sub(join, t) for t in texts]


def read_pdf(path: Path, engine: str = "pypdfium2") -> RawDocument:
    """Read a PDF page by page with ``engine`` ('pypdfium2', fast default, or 'pdfplumber')."""
    if engine not in PDF_ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; choose one of {', '.join(PDF_ENGINES)}")
    texts = join_soft_hyphens(PDF_ENGINES[engine](path))
    n = len(texts)
    if n == 0:
        raise ReadError("empty_pdf", f"{path.name}: the PDF has no pages.")
    pages = [clean_pdf_text(t).split("\n") for t in texts]
    empty = [i + 1 for i, t in enumerate(texts) if len(t.strip()) < 3]
    if len(empty) == n:
        raise ReadError("no_text_layer", f"{path.name}: none of its {n} pages has a text layer (scanned or "
                                         "image-only PDF). Run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and ingest the result.")
    pages, _dropped = drop_page_furniture(pages)
    doc = RawDocument([], "pdf", n_pages=n)
    for pno, lines in enumerate(pages, start=1):
        doc.lines.extend(Line(t, pno, table=False) for t in lines)
    if empty:
        shown = ", ".join(map(str, empty[:20])) + (" …" if len(empty) > 20 else "")
        doc.issues.append(("warning", "pages_without_text",
                           f"{path.name}: {len(empty)} of {n} pages have no text layer (pages {shown}); their content "
                           "(images, scanned pages) is not ingested — OCR them if it matters."))
    return doc


def read_file(path: Path, pdf_engine: str = "pypdfium2") -> RawDocument:
    """Dispatch on the file's extension."""
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise ReadError("empty", f"{path.name}: the file is empty.")
    if suffix in PDF_SUFFIXES:
        return read_pdf(path, pdf_engine)
    if suffix in HTML_SUFFIXES:
        return read_html(path)
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(path)
    if suffix in TEXT_SUFFIXES:
        return read_text(path)
    raise ReadError("unsupported", f"{path.name}: unsupported file type '{suffix or '(none)'}'. "
                                   f"Supported: {', '.join(sorted(SUPPORTED_SUFFIXES))} and .csv/.jsonl document tables.")
