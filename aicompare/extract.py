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

import re
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


def _inflect(word: str) -> str:
    """Regex for an English word and its regular inflections (``*`` at the end: any ending)."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    w = word.lower()
    if not w.isalpha() or word.isupper():
        return re.escape(word)
    variants = {w}
    for a, b in (("isation", "ization"), ("ise", "ize"), ("ising", "izing")):
        if a in w:
            variants.add(w.replace(a, b))
        if b in w:
            variants.add(w.replace(b, a))
    out = []
    for v in sorted(variants):
        if len(v) > 2 and v.endswith("y") and v[-2] not in _VOWELS:
            out.append(re.escape(v[:-1]) + "(?:y|ies|ied|ying)")
        elif len(v) > 2 and v.endswith("e") and not v.endswith("ee"):
            out.append(re.escape(v[:-1]) + "(?:e|es|ed|ing)")
        elif v.endswith(("s", "x", "z", "ch", "sh")):
            out.append(re.escape(v) + "(?:es|ed|ing)?")
        else:
            out.append(re.escape(v) + "(?:s|es|ed|ing)?")
    return out[0] if len(out) == 1 else "(?:" + "|".join(out) + ")"


def _word_key(word: str) -> str:
    """The prefilter key of an English lexicon word: the first letters shared by all its inflections."""
    w = word.lower().rstrip("*")
    if not word.endswith("*") and w.isalpha() and len(w) > 2 and (w.endswith("e") or w.endswith("y")):
        w = w[:-1]
    return w[:4]


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
    searched with one alternation per value.
    """
    lang: str
    index: dict                  # key -> list of (value_code, term, weight, regex source compiled on first use)
    key_lengths: tuple           # English: prefix lengths present in ``index``
    starts: re.Pattern | None    # Japanese: the first characters of all terms (finds candidate positions)
    regex: dict                  # value_code -> (compiled alternation, {group: (term, weight)})
    exclude: dict                # value_code -> compiled exclusion alternation


@dataclass(frozen=True)
class _Compiled:
    langs: dict                  # lang -> _LangMatcher
    mask: re.Pattern
    skip: re.Pattern | None
    min_passage_score: float
    min_residual_chars: int
    min_residual_words: int


def _lang_matcher(lang: str, lex: pd.DataFrame) -> _LangMatcher:
    index: dict[str, list] = {}
    regex: dict[str, tuple] = {}
    exclude: dict[str, re.Pattern] = {}
    for code, grp in lex.groupby("value_code", sort=True):
        try:
            rx_terms = grp[(grp["kind"] != "exclude") & grp["term"].str.startswith("re:")]
            if len(rx_terms):
                groups = {f"t{i}": (t, float(w)) for i, (t, w) in enumerate(zip(rx_terms["term"], rx_terms["weight"]))}
                body = "|".join(f"(?P<{g}>{t[3:]})" for g, (t, _) in groups.items())
                regex[code] = (re.compile(body, re.IGNORECASE), groups)
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
                exclude[code] = re.compile("|".join(f"(?:{e})" for e in exc), re.IGNORECASE)
        except re.error as err:
            raise ValueError(f"lexicon.yaml: bad pattern for {code} ({lang}): {err}") from err
    lengths = tuple(sorted({len(k) for k in index})) if lang == "en" else (1,)
    starts = None
    if lang != "en" and index:
        chars = sorted({ch for k in index for ch in (k, k.upper())})
        starts = re.compile("[" + "".join(re.escape(ch) for ch in chars) + "]")
    return _LangMatcher(lang, index, lengths, starts, regex, exclude)


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    lex = load_lexicon()
    settings = lexicon_settings()
    langs = {lang: _lang_matcher(lang, grp) for lang, grp in lex.groupby("lang", sort=True)}
    bib = settings["bibliographic"]
    mask = re.compile("|".join(f"(?:{_term_regex(p, 'ja')})" for p in bib["mask_patterns"]), re.IGNORECASE)
    skips = [_term_regex(p, "ja") for p in bib.get("skip_patterns") or []]
    skip = re.compile("|".join(f"(?:{s})" for s in skips), re.IGNORECASE) if skips else None
    return _Compiled(
        langs=langs, mask=mask, skip=skip,
        min_passage_score=float(settings["min_passage_score"]),
        min_residual_chars=int(bib["min_residual_chars"]),
        min_residual_words=int(bib["min_residual_words"]),
    )


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


def is_bibliographic(text: str) -> bool:
    """True for passages that only cite other documents: reference lines, bare URLs, title lists.

    A passage is bibliographic when it matches a reference-entry pattern of the lexicon settings, or when
    it cites something (a URL, a masked title, a bracketed title or a year) and little text remains once
    the citation, brackets and punctuation are removed.
    """
    c = _compiled()
    if c.skip is not None and c.skip.search(text):
        return True
    if not (c.mask.search(text) or _TITLE.search(text) or _YEAR.search(text)):
        return False
    rest = _YEAR.sub(" ", _BRACKETS.sub(" ", _TITLE.sub(" ", c.mask.sub(" ", text))))
    if _CJK.search(text):
        return len(_FURNITURE.sub("", rest)) < c.min_residual_chars
    return len(re.findall(r"[A-Za-z]{2,}", rest)) < c.min_residual_words


_EN_WORD = re.compile(r"[A-Za-z]+")
_INVISIBLE = str.maketrans({"\u00ad": "-", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ", "\ufeff": " "})


@lru_cache(maxsize=None)
def _anchored(src: str) -> re.Pattern:
    return re.compile(src, re.IGNORECASE)


def _candidates(lm: _LangMatcher, text: str) -> list[tuple[str, str, float, int, int]]:
    """Raw matches of one language's terms: (value_code, term, weight, start, end)."""
    out = []
    if lm.lang == "en":
        low = text.lower()
        starts = [m.start() for m in _EN_WORD.finditer(text) if m.start() == 0 or not text[m.start() - 1].isalnum()]
        for s in starts:
            for n in lm.key_lengths:
                for code, term, weight, src in lm.index.get(low[s:s + n], ()):
                    m = _anchored(src).match(text, s)
                    if m:
                        out.append((code, term, weight, s, m.end()))
    elif lm.starts is not None:
        for hit in lm.starts.finditer(text):
            s = hit.start()
            for code, term, weight, src in lm.index.get(hit.group().casefold(), ()):
                m = _anchored(src).match(text, s)
                if m:
                    out.append((code, term, weight, s, m.end()))
    for code, (pat, groups) in lm.regex.items():
        for m in pat.finditer(text):
            if m.end() > m.start():
                term, weight = groups[m.lastgroup]
                out.append((code, term, weight, m.start(), m.end()))
    return out


def _non_overlapping(hits: list) -> list:
    """Per value, keep the leftmost-longest matches that do not overlap (like one alternation's finditer)."""
    kept, last_end = [], {}
    for h in sorted(hits, key=lambda h: (h[0], h[3], -(h[4] - h[3]), -h[2], h[1])):
        if h[3] >= last_end.get(h[0], -1):
            kept.append(h)
            last_end[h[0]] = h[4]
    return kept


def match_text(text: str) -> list[tuple[str, str, float, int, int]]:
    """All accepted lexicon matches in ``text``: (value_code, term, weight, start, end), in text order.

    ``text`` is NFKC-normalised first (ingested passages already are), so offsets refer to that form.
    """
    c = _compiled()
    text = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    if not text.isascii():  # invisible characters from web/PDF text, replaced one for one (offsets unchanged)
        text = text.translate(_INVISIBLE)
    masked = [(m.start(), m.end()) for m in c.mask.finditer(text)]
    out = []
    cuts: set[int] | None = None
    for lang, flag in (("ja", _CJK.search(text)), ("en", _LATIN.search(text))):
        lm = c.langs.get(lang)
        if not flag or lm is None:
            continue
        hits = _non_overlapping(_candidates(lm, text))
        excluded: dict[str, list] = {}
        for code, term, weight, s, e in hits:
            if any(s < be and bs < e for bs, be in masked):
                continue
            if code in lm.exclude:
                if code not in excluded:
                    excluded[code] = [(m.start(), m.end()) for m in lm.exclude[code].finditer(text)]
                if any(s < be and bs < e for bs, be in excluded[code]):
                    continue
            if lang == "ja":
                if cuts is None:
                    cuts = _boundaries(text)
                if s not in cuts or e not in cuts:
                    continue
            out.append((code, term, weight, s, e))
    out.sort(key=lambda r: (r[3], r[0], r[4]))
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
    for i, p in enumerate(df.itertuples(index=False)):
        text = p.text
        if i in skip_kinds or not text.strip() or is_bibliographic(text):
            continue
        by_value: dict[str, list[tuple[str, float, int, int, str]]] = {}
        norm = unicodedata.normalize("NFKC", text) if not text.isascii() else text
        for code, term, weight, s, e in match_text(text):
            by_value.setdefault(code, []).append((term, weight, s, e, norm[s:e]))
        for code, hits in by_value.items():
            weights = {}
            for term, weight, *_ in hits:
                weights[term] = weight
            score = round(sum(weights.values()), 2)
            surfaces = list(dict.fromkeys(h[4] for h in hits))
            rows.append({
                "doc_id": p.doc_id, "value_code": code, "passage_id": p.passage_id, "page": p.page,
                "section_path": p.section_path, "score": score, "matched": "; ".join(surfaces), "text": text,
                "spans": ";".join(f"{s}-{e}" for _, _, s, e, _ in hits),
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


def extract_from_paths(paths, min_score: float | None = None, use_cache: bool = True,
                       follow_outside: bool = False) -> ExtractResult:
    """Ingest ``paths`` (files, folders, .csv/.jsonl document tables; ``.parquet`` = ingested passages)
    and extract the values. Documents without any value still get a row of zeros in the matrix."""
    from pathlib import Path

    from aicompare.corpus.ingest import ingest
    from aicompare.schema import COLUMNS

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    frames, doc_ids, issues = [], [], []
    for p in [p for p in paths if p.suffix.lower() == ".parquet"]:
        try:
            df = _read_passages_file(p)
        except ValueError as exc:
            issues.append({"path": str(p), "doc_id": None, "severity": "error", "code": "bad_passages", "message": str(exc)})
            continue
        frames.append(df)
        doc_ids += list(dict.fromkeys(df["doc_id"].astype(str)))
    others = [p for p in paths if p.suffix.lower() != ".parquet"]
    if others:
        res = ingest(others, use_cache=use_cache, follow_outside=follow_outside)
        frames.append(res.passages)
        doc_ids += res.documents["doc_id"].astype(str).tolist()
        issues += res.issues.to_dict("records")
    passages = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=REQUIRED_PASSAGE_COLUMNS)
    evidence = extract_values(passages, min_score=min_score)
    return ExtractResult(value_matrix(evidence, doc_ids), evidence, pd.DataFrame(issues, columns=COLUMNS["issues"]))
