"""All Japanese/English wording of the figures, read from ``wording.csv`` (columns ``key``, then one per language).

Keys are ``<figure module>.<name>`` (``survey.bar_title``, ``cluster.view.text``, …). Text may hold
``str.format`` fields (``{n}``, ``{p:.0%}``), filled from the keyword arguments of :func:`text`.
The figure languages are the file's language columns; :func:`check_lang` is the one check of a ``lang``.
"""
from __future__ import annotations

import csv
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
    """A ``--lang`` option: a figure language or ``both``."""
    return lang if lang == BOTH else check_lang(lang)


def figure_langs(lang: str) -> tuple[str, ...]:
    """The figure languages a ``--lang`` choice asks for: ``("ja",)``, ``("en",)`` or every language for ``both``."""
    return LANGS if check_lang_choice(lang) == BOTH else (lang,)


def lang_suffix(lang: str) -> str:
    """Figure-name suffix per language: '' for Japanese (the default), ``_en`` for English."""
    return "" if check_lang(lang) == LANGS[0] else f"_{lang}"
