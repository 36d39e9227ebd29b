"""Value extraction: which of the 22 values each passage expresses, with the evidence behind it.

The lexicons of ``aicompare/taxonomy/lexicon.yaml`` are compiled once into one regular expression per value
and language. Japanese matches must start and end on word boundaries found by fugashi (unidic-lite), so a
term never fires inside an unrelated compound; English words match their regular inflections. A match
overlapping an exclusion of its value (「安全保障」 for 安全, "social security" for security) or a masked
span (URLs, titles of other documents) is discarded. Passages that only cite other documents
(reference lines, bare URLs) are skipped.

Scoring: a passage's score for a value is the sum of the weights of the *distinct* lexicon terms it
matches (strong 1.0, weak 0.5); it supports the value when the score reaches ``min_passage_score``
(settings in the lexicon file). A document addresses a value when at least one passage supports it.
"""
from __future__ import annotations

import bisect
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import pandas as pd

from aicompare.schema import EVIDENCE_COLUMNS
from aicompare.taxonomy import lexicon_settings, load_lexicon, value_codes

REQUIRED_PASSAGE_COLUMNS = ["doc_id", "passage_id", "text"]
# Passage kinds that state nothing (tables of contents list headings with page numbers).
NON_STATEMENT_KINDS = ("toc",)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_VOWELS = set("aeiou")
# Between the words of an English term: spaces, hyphens, soft hyphens and zero-width spaces (PDF/web text).
_JOIN = r"[\s\-\u2010\u2011\u00ad\u200b]*"
_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")


# ---------------------------------------------------------------- compiling the lexicon


def _spellings(w: str) -> set[str]:
    """A lowercase word and its -ise/-ize (-isation/-ization) spelling."""
    variants = {w}
    for a, b in (("isation", "ization"), ("ise", "ize"), ("ising", "izing")):
        if a in w:
            variants.add(w.replace(a, b))
        if b in w:
            variants.add(w.replace(b, a))
    return variants


def _stem_and_endings(v: str) -> tuple[str, str]:
    """The part of a lowercase word its regular inflections keep, and the regex of their endings."""
    if len(v) > 2 and v.endswith("y") and v[-2] not in _VOWELS:
        return v[:-1], "(?:y|ies|ied|ying)"
    if len(v) > 2 and v.endswith("e") and not v.endswith("ee"):
        return v[:-1], "(?:e|es|ed|ing)"
    if v.endswith(("s", "x", "z", "ch", "sh")):
        return v, "(?:es|ed|ing)?"
    return v, "(?:s|es|ed|ing)?"


def _inflect(word: str) -> str:
    """Regex for an English word and its regular inflections (``*`` at the end: any ending)."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    w = word.lower()
    if not w.isalpha() or word.isupper():
        return re.escape(word)
    out = [re.escape(stem) + endings for stem, endings in map(_stem_and_endings, sorted(_spellings(w)))]
    return out[0] if len(out) == 1 else "(?:" + "|".join(out) + ")"


_KEY_LEN = 8


def _word_key(word: str) -> str:
    """The prefilter key of an English lexicon word: the first letters (at most :data:`_KEY_LEN`) shared by all
    the forms :func:`_inflect` matches, lowercase."""
    if word.endswith("*"):
        return word[:-1].lower()[:_KEY_LEN]
    w = word.lower()
    if not w.isalpha() or word.isupper():
        return w[:_KEY_LEN]
    return os.path.commonprefix([_stem_and_endings(v)[0] for v in _spellings(w)])[:_KEY_LEN]


def _term_regex(term: str, lang: str, bounded: bool = True) -> str:
    if term.startswith("re:"):
        return term[3:]
    if lang == "ja":
        return re.escape(term)
    words = [w for w in _SPLIT.split(term) if w]
    body = _JOIN.join(_inflect(w) for w in words)
    return r"(?<!\w)" + body + r"(?!\w)" if bounded else body


@dataclass(frozen=True)
class _LangMatcher:
    """Compiled lexicon of one language.

    Literal terms are dispatched by a short key (English: the first letters of the term's first word,
    tried at every word start; Japanese: the first character, tried where it occurs), then matched with
    an anchored regex: this is much faster than one large alternation per value. ``re:`` terms are
    searched with one alternation per value; in English, where every alternative of a value's alternation starts
    at a word start with known first letters, only the alternatives keyed by those letters are tried there, in
    the alternation's order (the same matches as the alternation, without entering its other branches).
    """
    lang: str
    index: dict                  # key -> list of (value_code, term, weight, regex source compiled on first use)
    key_lengths: tuple           # English: prefix lengths present in ``index``
    starts: re.Pattern | None    # Japanese: the first characters of all terms (finds candidate positions)
    regex: dict                  # value_code -> (alternation of its re: terms (:class:`_Alternatives`), ((term, weight), …))
    exclude: dict                # value_code -> exclusion alternation (:class:`_Alternatives`)
    # English ``re:`` alternations whose matches all start at a word start with a known prefix: key -> (value code,
    # order, pattern, term, weight) of each alternative it begins (tried only where a word start has that prefix);
    # the other alternations are searched everywhere
    rx_index: dict = None
    rx_lengths: tuple = ()
    rx_codes: frozenset = frozenset()
    memo: dict = None            # English: the first letters of a word (or its keys) -> :func:`_dispatch`


@dataclass(frozen=True)
class _Compiled:
    langs: dict                  # lang -> _LangMatcher
    mask: _Alternatives          # names and citations masked from matching
    skip: _Alternatives          # reference-entry patterns (a passage matching any is skipped)
    negation: re.Pattern | None       # scopes whose matches are dropped ("does not address …", 「…は扱わない」)
    negation_trigger: re.Pattern | None   # cheap prefilter: negation scopes are searched only where it matches
    min_passage_score: float
    min_residual_chars: int
    min_residual_words: int
    negation_starts: tuple | None = None  # (lookahead, lo, hi): every negation match starts lo…hi before a hit


@lru_cache(maxsize=None)
def _parsed(src: str) -> tuple:
    """The top-level items of the ignore-case pattern ``src`` as the regex parser reads them (read, never changed:
    parsed once for the several analyses of the same pattern). Raises ``re.error``."""
    return tuple(re._parser.parse(src, re.IGNORECASE).data)


def _leading_guard(src: str) -> str | None:
    """The zero-width assertion (``\\b`` or ``(?<!\\w)``) that every match of the pattern ``src`` tests first, in
    every top-level alternative, or None."""
    from re import _constants as C

    try:
        items = list(_parsed(src))
    except re.error:
        return None
    lookbehind = repr(_parsed(r"(?<!\w)")[0])

    def first(items) -> set:
        if not items:
            return {None}
        op, av = items[0]
        if op is C.AT and av is C.AT_BOUNDARY:
            return {r"\b"}
        if op is C.ASSERT_NOT and repr(items[0]) == lookbehind:
            return {r"(?<!\w)"}
        if op is C.BRANCH:
            return set().union(*(first(list(alt)) for alt in av[1]))
        if op is C.SUBPATTERN:
            return first(list(av[3]))
        return {None}

    kinds = first(items)
    return kinds.pop() if len(kinds) == 1 else None


_PREFIX_LEN = 6


def _prefixes(items: list, k: int, depth: int = 0) -> set[str]:
    """Lowercase ASCII strings (at most ``k`` characters) one of which begins every match of the parsed pattern
    ``items`` (the empty string: no constraint). ``\\s`` stands as a space, as in the text the keys are looked up
    in (:func:`_spaces`): ``\\ba\\s+human`` is keyed ``"a hu"``, not every word starting with ``a``."""
    from re import _constants as C

    if k <= 0 or not items or depth > 200:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:  # zero-width
        return _prefixes(rest, k, depth + 1)
    if op is C.LITERAL or op is C.IN:
        if op is C.LITERAL:
            chars = {chr(av)}
        elif av == [(C.CATEGORY, C.CATEGORY_SPACE)]:  # \s: any white space, a space in the keyed text
            chars = {" "}
        elif all(o is C.LITERAL for o, _ in av) and len(av) <= 8:
            chars = {chr(a) for _, a in av}
        else:
            return {""}
        if not all(ch.isascii() for ch in chars):
            return {""}
        tails = _prefixes(rest, k - 1, depth + 1)
        return {ch.lower() + t for ch in chars for t in tails}
    if op is C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _prefixes(list(alt) + rest, k, depth + 1)
        return out
    if op is C.SUBPATTERN:
        return _prefixes(list(av[3]) + rest, k, depth + 1)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        lo, hi, sub = av
        again = [(op, (lo - 1, hi if hi == C.MAXREPEAT else hi - 1, sub))] if hi == C.MAXREPEAT or hi > 1 else []
        return _prefixes(list(sub) + again + rest, k, depth + 1)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):  # optional: none, or one and then up to hi - 1
        lo, hi, sub = av
        more = [(op, (0, hi if hi == C.MAXREPEAT else hi - 1, sub))] if hi == C.MAXREPEAT or hi > 1 else []
        return _prefixes(rest, k, depth + 1) | (_prefixes(list(sub) + more + rest, k, depth + 1) if hi else set())
    return {""}


def _word_start_prefixes(src: str) -> set[str] | None:
    """Keys (lowercase prefixes) such that every match of the pattern ``src`` starts at a word start (``\\b`` or
    ``(?<!\\w)`` before an ASCII letter) whose next letters are one of them; None when no such set is known."""
    if _leading_guard(src) is None:
        return None
    try:
        keys = _prefixes(list(_parsed(src)), _PREFIX_LEN)
    except (re.error, RecursionError):
        return None
    if not keys or any(not k or not ("a" <= k[0] <= "z") for k in keys):
        return None
    return keys


def _all_characters() -> str:
    """Every Unicode character (all code points but the surrogates), in order, built without a loop in Python (not
    kept: 4 MB)."""
    from array import array

    points = array("I", range(0xD800))
    points.extend(range(0xE000, 0x110000))
    return points.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")


@lru_cache(maxsize=1)
def _caseless_ascii() -> re.Pattern:
    """Non-ASCII characters that an ignore-case pattern takes for an ASCII letter (ſ, K, İ, ı …)."""
    found = sorted(set(re.findall("[a-z]", _all_characters()[128:], re.IGNORECASE)))
    return re.compile("[" + "".join(re.escape(ch) for ch in found) + "]") if found else re.compile(r"(?!x)x")


def _prefix_safe(text: str) -> bool:
    """True when ``text.lower()`` is aligned with ``text`` and an ignore-case ASCII letter matches only ASCII
    letters in it: the prefix keys then find every match start."""
    return text.isascii() or (len(text.lower()) == len(text) and not _caseless_ascii().search(text))


def _required_literals(src: str) -> frozenset[str] | None:
    """Lowercase strings one of which every match of the ignore-case pattern ``src`` contains (in a text for which
    :func:`_prefix_safe` holds, lowercased), or None when no such set is known. Taken from a run of literal
    characters, a group, an alternation whose every branch has a set, a repeat of at least one, or a small
    character set; of the sets found, the one whose shortest string is longest."""
    from re import _constants as C

    def caseless_safe(ch: str) -> bool:  # ASCII, or a character without case (所, “): lower() finds its matches
        return ch.isascii() or ch.lower() == ch.upper()

    def best_of(items: list) -> frozenset | None:
        best, run = None, []

        def consider(found):
            nonlocal best
            if found and all(found) and (best is None or (min(map(len, found)), -len(found))
                                         > (min(map(len, best)), -len(best))):
                best = frozenset(found)

        for op, av in items + [(None, None)]:
            if op is C.LITERAL and caseless_safe(chr(av)):
                run.append(chr(av))
                continue
            if run:
                consider({"".join(run).lower()})
                run = []
            if op is C.SUBPATTERN:
                consider(best_of(list(av[3])))
            elif op is C.BRANCH:
                alts = [best_of(list(a)) for a in av[1]]
                if all(a is not None for a in alts):
                    consider(set().union(*alts))
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
                consider(best_of(list(av[2])))
            elif (op is C.IN and len(av) <= 8
                  and all(o is C.LITERAL and caseless_safe(chr(a)) for o, a in av)):
                consider({chr(a).lower() for _, a in av})
        return best

    try:
        return best_of(list(_parsed(src)))
    except (re.error, RecursionError):
        return None


class _Alternatives:
    """The ignore-case alternation ``a|b|…`` of regex ``sources``, searched as its alternatives apart: those none of
    whose required literals (:func:`_required_literals`) occur in the text are skipped (they cannot match), the others
    are searched each with its own pattern and their matches merged as the alternation takes them (the leftmost
    start; at a tie, the earlier alternative; then on from its end). No per-text pattern is compiled, and a single
    pattern keeps the regex engine's literal-prefix search. The whole alternation is compiled only for the texts
    where that does not hold (see :meth:`matches`)."""

    __slots__ = ("sources", "patterns", "_literals", "_full")

    def __init__(self, sources: Sequence[str]):
        self.sources = tuple(sources)
        self.patterns = tuple(re.compile(s, re.IGNORECASE) for s in sources)
        self._literals = None
        self._full = None

    def _literal_index(self) -> tuple[tuple[int, ...], tuple[tuple[str, tuple[int, ...]], ...]]:
        """(the alternatives without a known required literal, each required literal with the alternatives that need
        it), found on first use: the English alternations tried at word starts never need it."""
        if self._literals is None:
            required = [_required_literals(s) for s in self.sources]
            by_literal: dict[str, list[int]] = {}
            for i, req in enumerate(required):
                for x in sorted(req or ()):
                    by_literal.setdefault(x, []).append(i)
            self._literals = (tuple(i for i, req in enumerate(required) if req is None),
                              tuple((x, tuple(v)) for x, v in sorted(by_literal.items())))
        return self._literals

    @property
    def full(self) -> re.Pattern:
        """The alternation itself, alternative ``i`` as group ``_a{i}``."""
        if self._full is None:
            self._full = re.compile("|".join(f"(?P<_a{i}>{s})" for i, s in enumerate(self.sources)) or "(?!)",
                                    re.IGNORECASE)  # no alternatives: matches nothing
        return self._full

    def _active(self, text: str) -> list[int] | None:
        """The alternatives that can match in ``text``, by index (None: the text does not allow telling)."""
        low = _lowered(text)
        if low is None:  # a character an ignore-case letter also matches: the literals may not show
            return None
        always, literals = self._literal_index()
        found = [v for x, v in literals if x in low]
        if not found:
            return list(always)
        return sorted(set(always).union(*found))

    def _by_full(self, text: str) -> list[tuple[int, int, int]]:
        return [(m.start(), m.end(), int(m.lastgroup[2:])) for m in self.full.finditer(text)]

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """``(start, end, index of the alternative)`` of every match of the alternation in ``text``, in order."""
        active = self._active(text)
        if active is None:
            return self._by_full(text)
        if len(active) <= 1:
            return [(m.start(), m.end(), active[0]) for m in self.patterns[active[0]].finditer(text)] if active else []
        pats = [self.patterns[i] for i in active]
        found = [p.search(text) for p in pats]
        out, pos = [], 0
        while True:
            best, k = None, -1
            for j, m in enumerate(found):
                if m is not None and m.start() < pos:  # overlapped by the match taken: search on from its end
                    m = found[j] = pats[j].search(text, pos)
                if m is not None and (best is None or m.start() < best.start()):
                    best, k = m, j
            if best is None:
                return out
            if best.end() == best.start():  # empty matches: finditer's rules for those are not emulated
                return self._by_full(text)
            out.append((best.start(), best.end(), active[k]))
            pos = best.end()

    def search(self, text: str) -> bool:
        """Whether the alternation matches somewhere in ``text`` (only the alternatives that can match are tried)."""
        active = self._active(text)
        if active is None:
            return self.full.search(text) is not None
        return any(self.patterns[i].search(text) for i in active)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``[m.span() for m in self.full.finditer(text)]``, computed faster."""
        return [(a, b) for a, b, _ in self.matches(text)]


@lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """``text.lower()`` when :func:`_prefix_safe` holds for ``text`` (else None), found once for the several
    alternations that test the same passage."""
    return text.lower() if _prefix_safe(text) else None


def _finditer_at(pat: re.Pattern, text: str, positions) -> Iterable[re.Match]:
    """``pat.finditer(text)`` when no match of ``pat`` can start outside ``positions`` (ascending): the same
    leftmost, non-overlapping matches, tried only there. Every match must be non-empty."""
    pos = 0
    for q in positions:
        if q < pos:
            continue
        m = pat.match(text, q)
        if m:
            yield m
            pos = m.end()


def _lang_matcher(lang: str, lex: pd.DataFrame) -> _LangMatcher:
    index: dict[str, list] = {}
    regex: dict[str, tuple] = {}
    exclude: dict[str, re.Pattern] = {}
    for code, grp in lex.groupby("value_code", sort=True):
        try:
            rx_terms = grp[(grp["kind"] != "exclude") & grp["term"].str.startswith("re:")]
            if len(rx_terms):
                terms = tuple((t, float(w)) for t, w in zip(rx_terms["term"], rx_terms["weight"]))
                regex[code] = (_Alternatives([t[3:] for t, _ in terms]), terms)
            for term, weight in grp.loc[(grp["kind"] != "exclude") & ~grp["term"].str.startswith("re:"), ["term", "weight"]].itertuples(index=False):
                if lang == "en":
                    key = _word_key(_SPLIT.split(term)[0])
                    src = "(?:" + _term_regex(term, lang, bounded=False) + r")(?!\w)"
                else:
                    key = term[0].casefold()
                    src = re.escape(term)
                index.setdefault(key, []).append((code, term, float(weight), src))
            exc = [_term_regex(t, lang) for t in grp.loc[grp["kind"] == "exclude", "term"]]
            if exc:
                exclude[code] = _Alternatives(exc)
        except re.error as err:
            raise ValueError(f"lexicon.yaml: bad pattern for {code} ({lang}): {err}") from err
    lengths = tuple(sorted({len(k) for k in index})) if lang == "en" else (1,)
    rx_index: dict[str, list] = {}
    if lang == "en":
        for code, (alternatives, terms) in regex.items():
            keyed = [(_word_start_prefixes(term[3:]), order, term, weight) for order, (term, weight) in enumerate(terms)]
            if any(keys is None for keys, *_ in keyed):
                continue
            for keys, order, term, weight in keyed:
                entry = (code, order, alternatives.patterns[order], term, weight)
                for key in keys:
                    rx_index.setdefault(key, []).append(entry)
    rx_lengths = tuple(sorted({len(k) for k in rx_index}))
    starts = None
    if lang != "en" and index:
        chars = sorted({ch for k in index for ch in (k, k.upper())})
        starts = re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]")
    return _LangMatcher(lang, index, lengths, starts, regex, exclude,
                        {k: tuple(v) for k, v in rx_index.items()}, rx_lengths,
                        frozenset(e[0] for v in rx_index.values() for e in v), {})


_LEAD_CLASS = re.compile(r"\[\^(?:[^\]\\]|\\.)+\]\{(\d+),(\d+)\}")


def _start_finders(srcs: list[str]) -> tuple | None:
    """For the alternation of ``srcs``: per alternative, a zero-width pattern and a window ``(lo, hi)`` such that
    every match of the alternative starts ``lo``…``hi`` characters before a position where the pattern matches.
    An alternative opening with a bounded run of a negated class (``[^.;:]{0,160}…``) is found by what follows
    the run; any other by itself (window 0…0). None when the sources cannot be split safely."""
    from re import _constants as C

    out = []
    for src in srcs:
        try:
            items = list(_parsed(src))
        except re.error:
            return None
        m = _LEAD_CLASS.match(src)
        if (m and len(items) > 1 and items[0][0] is C.MAX_REPEAT
                and (items[0][1][0], items[0][1][1]) == (int(m.group(1)), int(m.group(2)))
                and len(items[0][1][2]) == 1 and items[0][1][2][0][0] is C.IN):
            rest, lo, hi = src[m.end():], int(m.group(1)), int(m.group(2))
        else:
            rest, lo, hi = src, 0, 0
        try:
            out.append((re.compile(f"(?=(?:{rest}))", re.IGNORECASE), lo, hi))
        except re.error:
            return None
    return tuple(out)


def _negation_spans(c: _Compiled, text: str) -> list[tuple[int, int]]:
    """The spans of ``c.negation.finditer(text)``, the alternation tried only where a match can start."""
    if c.negation_starts is None:
        return [(m.start(), m.end()) for m in c.negation.finditer(text)]
    cands: set[int] = set()
    for look, lo, hi in c.negation_starts:
        for m in look.finditer(text):
            r = m.start()
            cands.update(range(max(0, r - hi), r - lo + 1))
    spans = []
    for m in _finditer_at(c.negation, text, sorted(cands)):
        if m.end() == m.start():  # an empty match: finditer's rules for those are not emulated
            return [(m.start(), m.end()) for m in c.negation.finditer(text)]
        spans.append((m.start(), m.end()))
    return spans


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    lex = load_lexicon()
    settings = lexicon_settings()
    langs = {lang: _lang_matcher(lang, grp) for lang, grp in lex.groupby("lang", sort=True)}
    bib = settings["bibliographic"]
    mask = _Alternatives([_term_regex(p, "ja") for p in bib["mask_patterns"]])
    skip = _Alternatives([_term_regex(p, "ja") for p in bib.get("skip_patterns") or []])
    negs = [p[3:] if p.startswith("re:") else re.escape(p) for p in (settings.get("negation_scopes") or [])]
    try:
        negation = re.compile("|".join(f"(?:{n})" for n in negs), re.IGNORECASE) if negs else None
    except re.error as err:
        raise ValueError(f"lexicon.yaml: bad negation_scopes pattern: {err}") from err
    trig = settings.get("negation_triggers")
    negation_trigger = re.compile(trig[3:] if str(trig).startswith("re:") else re.escape(str(trig)),
                                  re.IGNORECASE) if trig else None
    return _Compiled(
        langs=langs, mask=mask, skip=skip, negation=negation, negation_trigger=negation_trigger,
        negation_starts=_start_finders(negs) if negs else None,
        min_passage_score=float(settings["min_passage_score"]),
        min_residual_chars=int(bib["min_residual_chars"]),
        min_residual_words=int(bib["min_residual_words"]),
    )


def prepare() -> None:
    """Compile the lexicon (with each English term's anchored pattern), find the characters an ignore-case ASCII
    letter also matches and load the Japanese tokenizer now rather than at the first passages."""
    for lm in _compiled().langs.values():
        for entries in (lm.index or {}).values():
            for *_, src in entries:
                _anchored(src)
    _caseless_ascii()
    _spaces()
    _tagger()


@lru_cache(maxsize=1)
def _tagger():
    import fugashi  # imported lazily: the CLI starts fast when no Japanese text is processed

    return fugashi.Tagger("-Owakati")


def _boundaries(text: str) -> set[int]:
    """Character offsets where fugashi (unidic-lite) places a word boundary in ``text``."""
    cuts = {0, len(text)}
    pos = 0
    for surface in _tagger().parse(text).split():
        start = text.find(surface, pos)
        if start < 0:
            continue
        cuts.add(start)
        pos = start + len(surface)
        cuts.add(pos)
    return cuts


# ---------------------------------------------------------------- passages


_BRACKETS = re.compile(r"[（(][^（()）]*[)）]|[「『][^「『」』]*[」』]|\[[^\]]*\]|<[^>]*>")
_FURNITURE = re.compile(r"[\s\d.,:;/・、。:：;\-–—~〜%&'\"“”‘’#*^{}|]+")


_TITLE = re.compile(r"[「『][^「『」』]{2,}[」』]|“[^”]{2,}”")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年|\((?:19|20)\d{2}[a-z]?\)|\b(?:19|20)\d{2}\b")


@lru_cache(maxsize=8)
def _mask_spans(mask: _Alternatives, text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the masked names and citations in ``text`` (``mask``: the lexicon's ``mask_patterns``),
    found once for the bibliographic test and the matching of the same passage."""
    return tuple(mask.spans(text))


def is_bibliographic(text: str) -> bool:
    """True for passages that only cite other documents: reference lines, bare URLs, title lists.

    A passage is bibliographic when it matches a reference-entry pattern of the lexicon settings, or when
    it cites something (a URL, a masked title, a bracketed title or a year) and little text remains once
    the citation, brackets and punctuation are removed.
    """
    c = _compiled()
    if c.skip.search(text):
        return True
    masks = _mask_spans(c.mask, text)
    if not (masks or _TITLE.search(text) or _YEAR.search(text)):
        return False
    unmasked = " ".join(text[a:b] for a, b in zip((0, *(e for _, e in masks)), (*(s for s, _ in masks), len(text))))
    rest = _YEAR.sub(" ", _BRACKETS.sub(" ", _TITLE.sub(" ", unmasked)))
    if _CJK.search(text):
        return len(_FURNITURE.sub("", rest)) < c.min_residual_chars
    return len(re.findall(r"[A-Za-z]{2,}", rest)) < c.min_residual_words


_SENTENCE_END = re.compile(r"[.!?。！？:：;；)）」』\]]\s*$")
_NAV_SEPARATORS = re.compile(r"\s(?:\||›|»|>|•|·|/)\s")
_EMPTY_CELL = re.compile(r"[-‐‑–—―ー－・.…*]+|(?i:n/?a|none)|なし|該当なし")


@lru_cache(maxsize=1)
def _furniture_settings() -> dict:
    f = dict(lexicon_settings().get("furniture") or {})
    return {"label_max_words": int(f.get("label_max_words", 3)), "label_max_chars": int(f.get("label_max_chars", 8)),
            "cover_max_words": int(f.get("cover_max_words", 20)), "cover_max_chars": int(f.get("cover_max_chars", 40)),
            "nav_min_separators": int(f.get("nav_min_separators", 3)),
            "nav_max_item_words": int(f.get("nav_max_item_words", 5)),
            "nav_max_item_chars": int(f.get("nav_max_item_chars", 12)),
            "label_lists": (re.compile("|".join(f"(?:{_term_regex(x, 'ja')})" for x in f["label_lists"]))
                            if f.get("label_lists") else None)}


def is_furniture(text: str, page=None) -> bool:
    """True for passages that state nothing: navigation bars and footers of web pages (short items between
    ``|``, ``›``, ``•`` separators; a table row whose cells are phrases is not one), diagram labels (a few words
    without sentence punctuation), lists of labels (``settings.furniture.label_lists``: table cells tagging a row
    with category names) and cover titles (a title-like line on page 1). Thresholds: ``settings.furniture`` of the
    lexicon."""
    t = text.strip()
    if not t:
        return True
    f = _furniture_settings()
    cjk = _CJK.search(t) is not None
    size = len(t) if cjk else len(_EN_WORD.findall(t))
    ends = _SENTENCE_END.search(t) is not None
    if len(_NAV_SEPARATORS.findall(f" {t} ")) >= f["nav_min_separators"] and not ends:
        # empty table cells ("-", "—", "n/a") are no items: a row of phrases with empty columns states its phrases
        cells = (x.strip() for x in _NAV_SEPARATORS.split(f" {t} "))
        items = [x for x in cells if x and not _EMPTY_CELL.fullmatch(x)]
        sizes = sorted(len(x) if cjk else len(_EN_WORD.findall(x)) for x in items)
        if not sizes or sizes[len(sizes) // 2] <= (f["nav_max_item_chars"] if cjk else f["nav_max_item_words"]):
            return True
    if not ends and size <= (f["label_max_chars"] if cjk else f["label_max_words"]):
        return True
    if f["label_lists"] is not None and f["label_lists"].fullmatch(t):
        return True
    try:
        first_page = page is not None and not pd.isna(page) and int(page) == 1
    except (TypeError, ValueError):
        first_page = False
    return first_page and not ends and size <= (f["cover_max_chars"] if cjk else f["cover_max_words"])


_EN_WORD = re.compile(r"[A-Za-z]+")
# an ASCII letter after no letter or digit (``\w`` is ``str.isalnum()`` or ``_``): where an English term may start
_WORD_START = re.compile(r"(?<![^\W_])[A-Za-z]")


@lru_cache(maxsize=1)
def _spaces() -> dict:
    """A translation table mapping every character ``\\s`` matches (``str.isspace``) to a space."""
    return str.maketrans(dict.fromkeys(re.findall(r"\s", _all_characters()), " "))
_INVISIBLE = str.maketrans({"\u00ad": "-", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " "})


@lru_cache(maxsize=None)
def _anchored(src: str) -> re.Pattern:
    return re.compile(src, re.IGNORECASE)


_MEMO_MAX = 200_000  # heads and key sets remembered per language (English text has some 70 k distinct heads)


def _dispatch(lm: _LangMatcher, head: str) -> tuple:
    """What to try at an English word start beginning with ``head``: ``(literals, re: alternatives)``, the literal
    terms as ``(value_code, term, weight, anchored pattern)`` and, per value code (in code order), its keyed ``re:``
    alternatives as ``(pattern, term, weight)`` in the alternation's order. Memoised per head and per set of keys
    (many heads share their keys)."""
    hit = lm.memo.get(head)
    if hit is not None:
        return hit
    if len(lm.memo) >= _MEMO_MAX:  # bounded whatever the text (a corpus of odd strings must not grow it for ever)
        lm.memo.clear()
    lit_keys = tuple(k for n in lm.key_lengths if (k := head[:n]) in lm.index)
    rx_keys = tuple(k for n in lm.rx_lengths if (k := head[:n]) in lm.rx_index)
    hit = lm.memo.get((lit_keys, rx_keys))  # a tuple key: never a head
    if hit is None:
        lits = tuple((code, term, weight, _anchored(src)) for k in lit_keys for code, term, weight, src in lm.index[k])
        found = {(e[0], e[1]): e for k in rx_keys for e in lm.rx_index[k]}
        by_code: dict[str, list] = {}
        for code, _, pat, term, weight in (found[k] for k in sorted(found)):
            by_code.setdefault(code, []).append((pat, term, weight))
        hit = lm.memo[(lit_keys, rx_keys)] = (lits, tuple((code, tuple(alts)) for code, alts in by_code.items()))
    lm.memo[head] = hit
    return hit


def _candidates(lm: _LangMatcher, text: str) -> list[tuple[str, str, float, int, int]]:
    """Raw matches of one language's terms: (value_code, term, weight, start, end)."""
    out = []
    keyed = False   # English: the keyed re: alternations were matched at the word starts
    if lm.lang == "en":
        low = text.lower().translate(_spaces())  # keys hold no white space but the space that stands for \s
        starts = [m.start() for m in _WORD_START.finditer(text)]
        memo = lm.memo
        width = max(lm.key_lengths + lm.rx_lengths, default=0)
        keyed = bool(lm.rx_index) and _prefix_safe(text)
        taken: dict[str, int] = {}  # value code -> end of its last re: match (its next one starts there or later)
        for s in starts:
            head = low[s:s + width]
            hit = memo.get(head) or _dispatch(lm, head)
            for code, term, weight, pat in hit[0]:
                m = pat.match(text, s)
                if m:
                    out.append((code, term, weight, s, m.end()))
            if keyed:
                for code, alts in hit[1]:
                    if s < taken.get(code, 0):
                        continue
                    for pat, term, weight in alts:  # the alternation takes its first alternative that matches
                        m = pat.match(text, s)
                        if m:
                            taken[code] = m.end()
                            if m.end() > s:
                                out.append((code, term, weight, s, m.end()))
                            break
    elif lm.starts is not None:
        for hit in lm.starts.finditer(text):
            s = hit.start()
            for code, term, weight, src in lm.index.get(hit.group().casefold(), ()):
                m = _anchored(src).match(text, s)
                if m:
                    out.append((code, term, weight, s, m.end()))
    for code, (alternatives, terms) in lm.regex.items():
        if keyed and code in lm.rx_codes:
            continue
        for s, e, i in alternatives.matches(text):
            if e > s:
                term, weight = terms[i]
                out.append((code, term, weight, s, e))
    return out


def _non_overlapping(hits: list) -> list:
    """Per value, keep matches that do not overlap: the leftmost-longest of the strongest weight first (like one
    alternation's finditer over the strong terms), then those of lower weights in the gaps they leave, so a weak term
    never hides a strong one that starts inside it ("user data" must not hide "data protection")."""
    kept: list = []
    spans: dict[str, list[tuple[int, int]]] = {}
    for h in sorted(hits, key=lambda h: (h[0], -h[2], h[3], -(h[4] - h[3]), h[1])):
        taken = spans.setdefault(h[0], [])
        if all(h[4] <= s or h[3] >= e for s, e in taken):
            kept.append(h)
            taken.append((h[3], h[4]))
    return kept


_INVISIBLE_CHARS = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _normalise_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFKC form of ``text`` (invisible characters replaced) and, for every offset of that form (and its end),
    the offset in ``text`` it comes from (``None`` when the text is already in that form: offsets are equal).

    Each base character is normalised together with the combining marks that follow it, so a character
    that NFKC expands (⑩ → 10, Ⅻ → XII, ㍿ → 株式会社) maps all its output characters back to itself; an
    offset inside such an expansion maps to the start of the original character.
    """
    if text.isascii() or (unicodedata.is_normalized("NFKC", text) and not _INVISIBLE_CHARS.search(text)):
        return text, None
    parts, origin = [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in "\u3099\u309a\uff9e\uff9f"):
            j += 1
        chunk = unicodedata.normalize("NFKC", text[i:j]).translate(_INVISIBLE)
        parts.append(chunk)
        origin.extend([i] * len(chunk))
        i = j
    origin.append(n)
    return "".join(parts), origin


def _orig_end(origin: list[int], text_len: int, e: int) -> int:
    """Original end offset for a normalised end offset ``e``: the end of the character that produced e-1."""
    if e <= 0:
        return 0
    s = origin[e - 1]
    k = e
    while k < len(origin) - 1 and origin[k] == s:
        k += 1
    return origin[k] if k < len(origin) else text_len


class _Spans:
    """Spans ``(start, end)`` of one regex's matches (non-overlapping, in text order, so ends ascend too), asked in
    logarithmic time whether they overlap or cover a span: a passage with many matches costs no quadratic work."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def overlaps(self, s: int, e: int) -> bool:
        """Some span (bs, be) has s < be and bs < e."""
        if not self.starts:
            return False
        k = bisect.bisect_right(self.ends, s)      # the first span ending after s (ends ascend)
        return k < len(self.starts) and self.starts[k] < e

    def covers(self, s: int, e: int) -> bool:
        """Some span (bs, be) has bs <= s and e <= be."""
        if not self.starts:
            return False
        k = bisect.bisect_right(self.starts, s) - 1  # the last span starting at or before s
        return k >= 0 and e <= self.ends[k]


# a footnote number glued to the word it follows in PDF text ("human oversight28 over work processes"): read as a
# word boundary by the English terms (offsets unchanged: the digits become spaces)
_GLUED_FOOTNOTE = re.compile(r"(?<=[a-z]{3})[0-9]{1,3}\b")


def _match_normalised(text: str) -> list[tuple[str, str, float, int, int]]:
    """Accepted lexicon matches with offsets into ``text`` as given (already normalised)."""
    c = _compiled()
    masked = _Spans(_mask_spans(c.mask, text))
    negated = _Spans(_negation_spans(c, text)) \
        if c.negation is not None and (c.negation_trigger is None or c.negation_trigger.search(text)) else _Spans(())
    out = []
    cuts: set[int] | None = None
    for lang, flag in (("ja", _CJK.search(text)), ("en", _LATIN.search(text))):
        lm = c.langs.get(lang)
        if not flag or lm is None:
            continue
        src = _GLUED_FOOTNOTE.sub(lambda m: " " * len(m.group()), text) if lang == "en" else text
        cands = _candidates(lm, src)
        if lang == "ja" and cands:
            # word boundaries first, so a candidate that cuts a word does not hide a shorter valid one
            if cuts is None:
                cuts = _boundaries(text)
            cands = [h for h in cands if h[3] in cuts and h[4] in cuts]
        hits = _non_overlapping(cands)
        excluded: dict[str, _Spans] = {}
        for code, term, weight, s, e in hits:
            if masked.overlaps(s, e) or negated.covers(s, e):
                continue
            if code in lm.exclude:
                if code not in excluded:
                    excluded[code] = _Spans(lm.exclude[code].spans(src))
                if excluded[code].overlaps(s, e):
                    continue
            out.append((code, term, weight, s, e))
    out.sort(key=lambda r: (r[3], r[0], r[4]))
    return out


def match_text(text: str) -> list[tuple[str, str, float, int, int]]:
    """All accepted lexicon matches in ``text``: (value_code, term, weight, start, end), in text order.

    Matching runs on the NFKC form of ``text`` (ingested passages already are, except characters such as
    ⑩ or Ⅻ that ingestion keeps); ``start``/``end`` index ``text`` itself, so ``text[start:end]`` is
    the matched text as stored.
    """
    norm, origin = _normalise_with_offsets(text)
    if origin is None:
        return _match_normalised(norm)
    out = []
    for code, term, weight, s, e in _match_normalised(norm):
        out.append((code, term, weight, origin[s], _orig_end(origin, len(text), e)))
    return out


def _check_passages(passages: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(passages, pd.DataFrame):
        raise TypeError(f"extract_values expects a passages DataFrame, got {type(passages).__name__}")
    missing = [c for c in REQUIRED_PASSAGE_COLUMNS if c not in passages.columns]
    if missing:
        raise ValueError(f"passages table lacks columns: {', '.join(missing)} (needs doc_id, passage_id, text)")
    df = passages.copy()
    if "page" not in df.columns:
        df["page"] = pd.array([pd.NA] * len(df), dtype="Int64")
    if "section_path" not in df.columns:
        df["section_path"] = ""
    df["text"] = df["text"].fillna("").astype(str)
    return df


def score_passages(passages: pd.DataFrame) -> pd.DataFrame:
    """Every (passage, value) with at least one accepted match, scored; bibliographic passages skipped.

    Columns: ``EVIDENCE_COLUMNS`` plus ``supports`` (score reaches the passage threshold).
    """
    df = _check_passages(passages)
    c = _compiled()
    rows = []
    skip_kinds = set(df["kind"].isin(NON_STATEMENT_KINDS).to_numpy().nonzero()[0]) if "kind" in df.columns else set()
    columns = (df[c].tolist() for c in ("doc_id", "passage_id", "page", "section_path", "text"))  # (no itertuples:
    for i, (doc_id, passage_id, page, section_path, text) in enumerate(zip(*columns)):  # slow on arrow strings)
        if i in skip_kinds or not text.strip() or is_bibliographic(text) or is_furniture(text, page):
            continue
        by_value: dict[str, list[tuple[str, float, int, int, str]]] = {}
        for code, term, weight, s, e in match_text(text):
            by_value.setdefault(code, []).append((term, weight, s, e, text[s:e]))
        for code, hits in by_value.items():
            weights = {}
            for term, weight, *_ in hits:
                weights[term] = weight
            score = round(sum(weights.values()), 2)
            surfaces = list(dict.fromkeys(h[4] for h in hits))
            rows.append({
                "doc_id": doc_id, "value_code": code, "passage_id": passage_id, "page": page,
                "section_path": section_path, "score": score, "matched": "; ".join(surfaces), "text": text,
                "spans": ";".join(f"{s}-{e}" for _, _, s, e, _ in hits), "status": "machine",
                "supports": score >= c.min_passage_score,
            })
    out = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS + ["supports"])
    out["page"] = out["page"].astype("Int64")
    out["score"] = out["score"].astype("float64")
    out["supports"] = out["supports"].astype(bool)
    return out.sort_values(["doc_id", "passage_id", "value_code"], kind="stable").reset_index(drop=True)


def extract_values(passages: pd.DataFrame, min_score: float | None = None) -> pd.DataFrame:
    """Evidence rows: one per (passage, value) where the passage supports the value.

    ``min_score`` overrides the lexicon's ``min_passage_score``. Columns ``EVIDENCE_COLUMNS``
    (``spans``: ``start-end`` character offsets of the matches in ``text``, ``;``-separated).
    """
    scored = score_passages(passages)
    threshold = _compiled().min_passage_score if min_score is None else float(min_score)
    ev = scored[scored["score"] >= threshold]
    return ev[EVIDENCE_COLUMNS].reset_index(drop=True)


def value_matrix(evidence: pd.DataFrame, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Documents × values: ``doc_id`` then ``V01``…``V22`` as 0/1, one row per document.

    A value is 1 when the document has at least one evidence row for it. ``doc_ids`` fixes the rows
    (documents without evidence get zeros); by default the documents in ``evidence``, sorted.
    """
    codes = value_codes()
    ids: Sequence[str] = list(dict.fromkeys(doc_ids)) if doc_ids is not None else sorted(evidence["doc_id"].unique())
    present = set(zip(evidence["doc_id"], evidence["value_code"]))
    data = {"doc_id": list(ids)}
    for code in codes:
        data[code] = [int((d, code) in present) for d in ids]
    out = pd.DataFrame(data)
    for code in codes:
        out[code] = out[code].astype("int64")
    return out


# ---------------------------------------------------------------- corpora given as paths


@dataclass
class ExtractResult:
    matrix: pd.DataFrame        # doc_id, V01…V22
    evidence: pd.DataFrame      # EVIDENCE_COLUMNS
    issues: pd.DataFrame        # ingest issues (path, doc_id, severity, code, message)
    decisions: pd.DataFrame | None = None   # DECISION_COLUMNS: strengths, coded, machine/reviewed
    not_coded: list | None = None           # doc_ids in languages the extractor does not read

    @property
    def failed(self) -> bool:
        return bool((self.issues["severity"] == "error").any()) if len(self.issues) else False


def _read_passages_file(path) -> pd.DataFrame:
    from pathlib import Path

    path = Path(path)
    try:
        df = pd.read_parquet(path)
    except Exception as exc:
        raise ValueError(f"{path.name}: cannot be read as a parquet table ({type(exc).__name__}: {exc})") from exc
    missing = [c for c in REQUIRED_PASSAGE_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{path.name}: not an ingested passages table (missing {', '.join(missing)}); "
                         "give the passages.parquet written by 'aicompare ingest'")
    return df


def code_documents(passages: pd.DataFrame, documents: pd.DataFrame | None = None,
                   reviews: pd.DataFrame | None = None, min_score: float | None = None,
                   doc_ids: Iterable[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(evidence, decisions, matrix) of a corpus: machine coding, then the analyst's reviews when given.

    The evidence returned backs the 1s of the matrix (:func:`addressed_evidence`).

    ``documents`` (with ``lang``) marks documents in unsupported languages as not coded. The matrix is
    ``doc_id`` + V01…V22 (0/1) by the document rule (:func:`decide`) after the reviews. The command
    (:func:`aicompare.streaming.code_to`) codes the same way in bounded memory, through :func:`code_evidence`.
    """
    evidence = extract_values(passages, min_score=min_score)
    if documents is None and doc_ids is not None:
        documents = pd.DataFrame({"doc_id": list(dict.fromkeys(doc_ids))})
    evidence, decisions = code_evidence(evidence, _document_ids(passages, documents), passage_counts(passages),
                                        not_coded_documents(documents), reviews, passages)
    return evidence, decisions, decision_matrix(decisions)


def code_evidence(evidence: pd.DataFrame, doc_ids: Sequence[str], n_doc_passages: dict,
                  not_coded: Iterable[str] = (), reviews: pd.DataFrame | None = None,
                  passages: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(evidence, decisions) of complete documents from their machine evidence: decisions by the document rule
    (:func:`decide_documents`), the analyst's ``reviews`` applied (``passages``: where added quotes are found), and
    the evidence rows backing the 1s (:func:`addressed_evidence`).

    Documents are independent: coding a corpus equals coding any partition of it into groups of complete documents
    (each with its own evidence, passages and reviews) and concatenating the results, which is how the ``extract``
    command streams (:func:`aicompare.streaming.code_to`).
    """
    decisions = decide_documents(doc_ids, n_doc_passages, evidence, not_coded)
    if reviews is not None and len(reviews):
        from aicompare.review import apply_reviews

        evidence, decisions = apply_reviews(evidence, decisions, reviews, passages)
    return addressed_evidence(evidence, decisions), decisions


def addressed_evidence(evidence: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """The evidence rows of addressed cells only: every 1 of the matrix has evidence and every row backs a 1.

    Weak evidence (supporting passages of a cell below the document rule) stays counted in the decisions
    (``n_passages``, ``strength`` weak) and is shown by ``aicompare review --show``.
    """
    on = decisions.loc[decisions["addressed"].astype(bool), ["doc_id", "value_code"]].astype(str)
    keys = set(zip(on["doc_id"], on["value_code"]))
    keep = [(d, c) in keys for d, c in zip(evidence["doc_id"].astype(str), evidence["value_code"])]
    return evidence[keep].reset_index(drop=True)


def read_inputs(paths, use_cache: bool = True,
                follow_outside: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(passages, documents, issues)`` of what ``extract`` and ``review`` accept: files, folders, .csv/.jsonl
    document tables, manifests and WAIE parquet (read as every command reads them), and ingested passages tables
    (another ``.parquet``). ``documents`` has every doc_id in input order, its ``lang`` (for passages tables: the
    most common language of its passages) and the metadata the inputs carry."""
    from pathlib import Path

    from aicompare.corpus.ingest import ingest
    from aicompare.corpus.load import corpus_kind, is_waie_file, load_corpus
    from aicompare.schema import COLUMNS

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    frames, doc_ids, issues, doc_frames = [], [], [], []
    tables = [p for p in paths if p.suffix.lower() == ".parquet" and not is_waie_file(p)]
    for p in tables:
        try:
            df = _read_passages_file(p)
        except ValueError as exc:
            issues.append({"path": str(p), "doc_id": None, "severity": "error", "code": "bad_passages", "message": str(exc)})
            continue
        frames.append(df)
        doc_ids += list(dict.fromkeys(df["doc_id"].astype(str)))
    others = [p for p in paths if p not in tables]
    if others:  # files and folders are ingested; manifests and WAIE files read as every command reads them
        res = (load_corpus(others, follow_outside=follow_outside) if any(corpus_kind(p) != "ingest" for p in others)
               else ingest(others, use_cache=use_cache, follow_outside=follow_outside))
        frames.append(res.passages)
        doc_ids += res.documents["doc_id"].astype(str).tolist()
        doc_frames.append(res.documents.assign(doc_id=res.documents["doc_id"].astype(str)))
        issues += res.issues.to_dict("records")
    passages = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=REQUIRED_PASSAGE_COLUMNS)
    documents = pd.DataFrame({"doc_id": list(dict.fromkeys(doc_ids))})
    meta = pd.concat(doc_frames, ignore_index=True) if doc_frames else pd.DataFrame(columns=["doc_id", "lang"])
    if "lang" in passages.columns and len(passages):  # passages tables: a document's language from its passages
        plang = passages.groupby("doc_id")["lang"].agg(lambda s: s.mode().iloc[0] if len(s.mode()) else "")
        meta = pd.concat([meta, plang.reset_index()], ignore_index=True)
    if len(meta):
        documents = documents.merge(meta.drop_duplicates("doc_id"), on="doc_id", how="left")
    return passages, documents, pd.DataFrame(issues, columns=COLUMNS["issues"])


def extract_from_paths(paths, min_score: float | None = None, use_cache: bool = True,
                       reviews: pd.DataFrame | None = None, follow_outside: bool = False) -> ExtractResult:
    """Read ``paths`` (see :func:`read_inputs`) and extract the values. Documents without any value still get a
    row of zeros in the matrix."""
    passages, documents, issues = read_inputs(paths, use_cache=use_cache, follow_outside=follow_outside)
    evidence, decisions, matrix = code_documents(passages, documents, reviews=reviews, min_score=min_score)
    return ExtractResult(matrix, evidence, issues, decisions, not_coded_documents(documents))


# ---------------------------------------------------------------- document-level decisions with strengths

DECISION_COLUMNS = ["doc_id", "value_code", "addressed", "strength", "n_passages", "n_doc_passages", "share",
                    "max_score", "coded", "status", "reviewer", "note"]
CODED_LANGS = ("ja", "en")      # languages the lexicon reads; other documents are not coded


def document_rule() -> dict:
    """The rule for "a document addresses a value" (``settings.document_rule`` of the lexicon)."""
    rule = dict(lexicon_settings().get("document_rule") or {})
    return {"min_passages": int(rule.get("min_passages", 2)),
            "single_passage_min_score": float(rule.get("single_passage_min_score", 2.0)),
            "short_document_passages": int(rule.get("short_document_passages", 300)),
            "strong_min_passages": int(rule.get("strong_min_passages", 3))}


def decide(n_passages: int, n_doc_passages: int, max_score: float, rule: dict | None = None) -> tuple[bool, str]:
    """(addressed, strength) of one document-value cell from its supporting passages.

    Addressed: at least ``min_passages`` supporting passages; or one whose score reaches
    ``single_passage_min_score`` (two strong terms); or one in a short document (at most
    ``short_document_passages`` passages, where one passage is a real share of the text). One passage with a
    single term in a long document is ``weak`` evidence and not enough. Strength: ``none``, ``weak`` (evidence
    below the rule), ``moderate`` (addressed), ``strong`` (at least ``strong_min_passages`` passages).
    """
    rule = rule or document_rule()
    if n_passages <= 0:
        return False, "none"
    addressed = (n_passages >= rule["min_passages"] or max_score >= rule["single_passage_min_score"]
                 or n_doc_passages <= rule["short_document_passages"])
    if not addressed:
        return False, "weak"
    return True, "strong" if n_passages >= rule["strong_min_passages"] else "moderate"


def not_coded_documents(documents: pd.DataFrame | None) -> list[str]:
    """doc_ids of documents in a language the extractor does not read (``zh``, ``ko``, ``und``): listed, never
    coded. A document without a ``lang`` is coded."""
    if documents is None or "lang" not in documents.columns or not len(documents):
        return []
    lang = documents["lang"].astype("string").fillna("").str.strip()
    return documents.loc[(lang != "") & ~lang.isin(CODED_LANGS), "doc_id"].astype(str).tolist()


def document_decisions(passages: pd.DataFrame, documents: pd.DataFrame | None = None,
                       evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (document, value): the 0/1 decision beside its strength (``DECISION_COLUMNS``).

    ``n_passages`` supporting passages, ``share`` of the document's passages, ``max_score`` the strongest
    passage score; ``addressed`` and ``strength`` by :func:`decide`. Documents in a language the extractor
    does not read have ``coded`` False, are never addressed and carry the strength ``not coded``.
    ``status`` is ``machine`` (``reviewed`` after :func:`aicompare.review.apply_reviews`).
    """
    if evidence is None:
        evidence = extract_values(passages)
    return decide_documents(_document_ids(passages, documents), passage_counts(passages), evidence,
                            not_coded_documents(documents))


def passage_counts(passages: pd.DataFrame) -> dict:
    """doc_id -> number of passages (the ``n_doc_passages`` of the document rule)."""
    return passages.groupby("doc_id").size().to_dict() if len(passages) else {}


def _document_ids(passages: pd.DataFrame, documents: pd.DataFrame | None) -> list[str]:
    """The decision rows' documents: ``documents`` in order, else the passages' documents sorted."""
    return (list(dict.fromkeys(documents["doc_id"].astype(str))) if documents is not None
            else sorted(set(passages["doc_id"].astype(str))))


def decide_documents(doc_ids: Sequence[str], n_doc_passages: dict, evidence: pd.DataFrame,
                     not_coded: Iterable[str] = ()) -> pd.DataFrame:
    """The decisions (``DECISION_COLUMNS``) of ``doc_ids`` from their machine ``evidence`` and passage counts
    (``n_doc_passages``: doc_id -> passages); documents in ``not_coded`` are never addressed (see
    :func:`document_decisions`)."""
    skip = set(not_coded)
    g = evidence.groupby(["doc_id", "value_code"])["score"] if len(evidence) else None
    counts = g.size().to_dict() if g is not None else {}
    best = g.max().to_dict() if g is not None else {}
    rule = document_rule()
    rows = []
    for d in doc_ids:
        nd = int(n_doc_passages.get(d, 0))
        for code in value_codes():
            n, m = int(counts.get((d, code), 0)), float(best.get((d, code), 0.0))
            if d in skip:
                addressed, strength = False, "not coded"
            else:
                addressed, strength = decide(n, nd, m, rule)
            rows.append({"doc_id": d, "value_code": code, "addressed": addressed, "strength": strength,
                         "n_passages": n, "n_doc_passages": nd, "share": round(n / nd, 4) if nd else 0.0,
                         "max_score": m, "coded": d not in skip, "status": "machine", "reviewer": "", "note": ""})
    return pd.DataFrame(rows, columns=DECISION_COLUMNS)


def decision_matrix(decisions: pd.DataFrame, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Documents × values (``doc_id``, ``V01``…``V22`` as 0/1) from the long decisions table."""
    codes = value_codes()
    ids = list(dict.fromkeys(doc_ids)) if doc_ids is not None else list(dict.fromkeys(decisions["doc_id"]))
    on = set(zip(decisions.loc[decisions["addressed"].astype(bool), "doc_id"],
                 decisions.loc[decisions["addressed"].astype(bool), "value_code"]))
    out = pd.DataFrame({"doc_id": ids, **{c: [int((d, c) in on) for d in ids] for c in codes}})
    for c in codes:
        out[c] = out[c].astype("int64")
    return out
