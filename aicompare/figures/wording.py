"""All Japanese/English wording of the figures, read from ``wording.csv`` (columns ``key``, then one per language).

Keys are ``<figure module>.<name>`` (``survey.bar_title``, ``cluster.view.text``, …). Text may hold
``str.format`` fields (``{n}``, ``{p:.0%}``), filled from the keyword arguments of :func:`text`.
The figure languages are the file's language columns; :func:`check_lang` is the one check of a ``lang``.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

WORDING_FILE = "wording.csv"


@lru_cache(maxsize=1)
def wording_table() -> dict[str, dict[str, str]]:
    """``{key: {lang: text}}`` from ``wording.csv`` (every language column filled, keys unique)."""
    path = resources.files("aicompare.figures").joinpath(WORDING_FILE)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        langs = [c for c in reader.fieldnames or [] if c != "key"]
        table: dict[str, dict[str, str]] = {}
        for row in reader:
            key = row["key"]
            if key in table:
                raise ValueError(f"{WORDING_FILE}: key {key!r} appears twice")
            missing = [lang for lang in langs if not row.get(lang)]
            if missing:
                raise ValueError(f"{WORDING_FILE}: key {key!r} has no {', '.join(missing)} text")
            table[key] = {lang: row[lang] for lang in langs}
    return table


@lru_cache(maxsize=1)
def _langs() -> tuple[str, ...]:
    with resources.files("aicompare.figures").joinpath(WORDING_FILE).open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    return tuple(c for c in header if c != "key")


LANGS: tuple[str, ...] = _langs()  # figure languages: ("ja", "en"); Japanese is the default everywhere


def check_lang(lang: str) -> str:
    """``lang`` if it is a figure language, else a ValueError naming it."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def text(key: str, lang: str = "ja", *, default: str | None = None, **fields) -> str:
    """The wording of ``key`` in ``lang`` (checked), formatted with ``fields`` when given.

    An unknown key is a KeyError unless ``default`` is given (then ``default`` is returned as it is).
    """
    check_lang(lang)
    entry = wording_table().get(key)
    if entry is None:
        if default is not None:
            return default
        raise KeyError(f"no figure wording {key!r} in {WORDING_FILE}")
    return entry[lang].format(**fields) if fields else entry[lang]


def value_labels(lang: str = "ja") -> dict[str, str]:
    """Value code → label in ``lang`` (``label_ja`` / ``label_en`` of the taxonomy)."""
    from aicompare.taxonomy import load_values

    values = load_values()
    check_lang(lang)
    return dict(zip(values["code"], values[f"label_{lang}"]))


BOTH = "both"  # every figure language in one run (``--lang both``)


def check_lang_choice(lang: str) -> str:
    """A ``--lang`` option: a figure language or ``both`` (else a ValueError naming every choice)."""
    if lang != BOTH and lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join((*LANGS, BOTH))}, not {lang!r}")
    return lang


def figure_langs(lang: str) -> tuple[str, ...]:
    """The figure languages a ``--lang`` choice asks for: ``("ja",)``, ``("en",)`` or every language for ``both``."""
    return LANGS if check_lang_choice(lang) == BOTH else (lang,)


def lang_suffix(lang: str) -> str:
    """Figure-name suffix per language: '' for Japanese (the default), ``_en`` for English."""
    return "" if check_lang(lang) == LANGS[0] else f"_{lang}"


def _width(ch: str) -> int:
    import unicodedata

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def short_title(title: str, width: int = 48) -> str:
    """``title`` cut to about ``width`` columns (a CJK character counts two) for figure labels.

    "Artificial Intelligence" becomes "AI"; a longer title keeps its head up to a word boundary, ``…`` and a
    short closing parenthesis (the document's code, e.g. ``(NIST AI 600-1)``) when it has one.
    """
    t = re.sub(r"\s+", " ", str(title)).strip()
    t = re.sub(r"\bartificial intelligence\b", "AI", t, flags=re.IGNORECASE)
    if sum(map(_width, t)) <= width:
        return t
    tail = ""
    m = re.search(r"\s?[（(][^（()）]{1,18}[)）]$", t)
    if m and sum(map(_width, m.group())) <= width // 2 and width - sum(map(_width, m.group())) >= 20:
        tail, t = m.group(), t[: m.start()]
        if sum(map(_width, t + tail)) <= width:
            return t + tail
    room = width - sum(map(_width, tail)) - 1
    cut, used = 0, 0
    for i, ch in enumerate(t):
        used += _width(ch)
        if used > room:
            break
        cut = i + 1
    head = t[:cut]
    if cut < len(t) and t[cut] != " " and " " in head and _width(head[-1]) == 1:
        head = head[: head.rfind(" ")]  # a whole word, not half of one
    for o, c in (("(", ")"), ("（", "）")):  # no half of a parenthesis
        if head.rfind(o) > head.rfind(c) and head.rfind(o) > 0:
            head = head[: head.rfind(o)]
    return head.rstrip(" ,:;-–(（、・") + "…" + tail


def document_labels(documents, width: int = 48) -> dict[str, str]:
    """``doc_id`` → a short, unique label from the documents' ``title`` (see :func:`short_title`).

    Documents without a title keep their doc_id. Labels that would coincide are made longer until they differ,
    then get the year, then the doc_id."""
    ids = [str(d) for d in documents["doc_id"]]
    n = len(ids)
    titles = list(documents["title"]) if "title" in documents.columns else [None] * n
    years = list(documents["year"]) if "year" in documents.columns else [None] * n
    full = {d: (re.sub(r"\s+", " ", t).strip() if isinstance(t, str) and t.strip() else None) for d, t in zip(ids, titles)}
    labels = {d: short_title(t, width) if t else d for d, t in full.items()}

    def clashes() -> list[list[str]]:
        seen: dict[str, list[str]] = {}
        for d, lab in labels.items():
            seen.setdefault(lab, []).append(d)
        return [ds for ds in seen.values() if len(ds) > 1]

    for ds in clashes():  # longer labels for the documents that share one
        w = width
        while w < max(len(full[d] or "") * 2 for d in ds) and len({labels[d] for d in ds}) < len(ds):
            w += 6
            for d in ds:
                labels[d] = short_title(full[d], w) if full[d] else d
    for ds in clashes():
        for d in ds:
            y = years[ids.index(d)]
            if y is not None and str(y) not in ("", "nan", "<NA>", "None"):
                labels[d] = f"{labels[d]} ({int(float(y))})"
    for ds in clashes():
        for d in ds:
            labels[d] = f"{labels[d]} [{d}]"
    return labels
