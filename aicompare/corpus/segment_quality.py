"""Segmentation quality measures on a passage table (columns ``kind``, ``text``, ``text_raw``).

Two measures, used by ``benchmarks/segmentation.py`` and the segmentation tests:

- **long headings**: the share of ``heading`` passages longer than 80 characters (a heading that long is
  almost always the first line of a numbered paragraph taken for a title);
- **cut passages**: the share of body passages (every kind except heading, table, toc and footnote) that
  end without terminal punctuation (. ; : ! ? 。 ！ ？ or a closing bracket or quote, possibly followed by a
  footnote call such as "harms.26") while the sentence visibly goes on: the passage ends with a word that
  cannot end an English sentence ("of", "the", "and" …), or the next passage (footnotes skipped: the
  segmenter puts them between the parts of a sentence on purpose) continues it — it starts with a
  lower-case letter or with , ; : ) ] and is not itself a new list item (a bullet or an enumerator such as
  "(a)", "iv.", "3.").

A list item ending with a comma followed by the next item, or a title line followed by a capitalised
paragraph, is not counted: nothing shows that a sentence was cut.
"""
from __future__ import annotations

import re

import pandas as pd

HEADING_MAX = 80
TERMINAL = tuple(".;:!?。！？)]）」』”’\"'…")
NON_BODY_KINDS = ("heading", "table", "toc", "footnote")
_NEW_ITEM = re.compile(r"^\s*(?:[-–*•●○▪➢➤✧◇☆・■□◆]|\(?(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})[.)]\s)")
_CONTINUES = re.compile(r"^\s*(?:[a-z]|[,;:)\]])")
_TRAILING_CALL = re.compile(r"(?<=[.!?;:)\]”’\"'])\s*\d{1,3}(?:,\d{1,3})*$")
# A word no English sentence ends with; "…; and" / "…, or" closing a list item does not count.
_OPEN_END = re.compile(r"(?<![;,] )(?<![;,])\b(?:and|or|of|to|for|the|in|on|with|by|a|an|at|from|its|their|between|into|that|which)$")


def ends_without_terminal(text: str) -> bool:
    """True when a passage does not end with terminal punctuation (a trailing footnote call is ignored)."""
    return not _TRAILING_CALL.sub("", text.rstrip()).endswith(TERMINAL)


def continues_sentence(text_raw: str) -> bool:
    """Does this passage read as the continuation of a sentence begun in the passage before it?"""
    return bool(_CONTINUES.match(text_raw)) and not _NEW_ITEM.match(text_raw)


def cut_flags(passages: pd.DataFrame, kinds_measured: tuple[str, ...] | None = None) -> pd.Series:
    """Per passage: True for a body passage cut mid-sentence (see the module docstring); with
    ``kinds_measured``, for passages of those kinds instead (e.g. ("heading",): paragraph starts taken
    for headings)."""
    kinds = passages["kind"].tolist()
    texts = passages["text"].astype(str).tolist()
    raws = passages["text_raw"].astype(str).tolist() if "text_raw" in passages else texts
    flags = [False] * len(kinds)

    def measured(k: str) -> bool:
        return k in kinds_measured if kinds_measured else k not in NON_BODY_KINDS

    order = [i for i, k in enumerate(kinds) if k != "footnote"]
    for a, b in zip(order, order[1:] + [None]):
        if b is None:
            if measured(kinds[a]) and ends_without_terminal(texts[a]) and _OPEN_END.search(texts[a].rstrip()):
                flags[a] = True
            continue
        if not measured(kinds[a]):
            continue
        if ends_without_terminal(texts[a]) and (continues_sentence(raws[b]) or _OPEN_END.search(texts[a].rstrip())):
            flags[a] = True
    return pd.Series(flags, index=passages.index)


def segmentation_stats(passages: pd.DataFrame) -> dict:
    """Headings, % of headings > 80 characters, % of headings cut mid-sentence (a paragraph's first line taken
    for a heading), body passages, % of body passages cut mid-sentence and % without terminal punctuation."""
    heads = passages[passages["kind"] == "heading"]
    body = ~passages["kind"].isin(NON_BODY_KINDS)
    cut = cut_flags(passages)
    n_body = int(body.sum())
    cut_heads = cut_flags(passages, ("heading",))
    return {"passages": len(passages), "headings": len(heads),
            "long_heading_pct": 100 * float((heads["text"].str.len() > HEADING_MAX).mean()) if len(heads) else 0.0,
            "cut_heading_pct": 100 * float(cut_heads[heads.index].mean()) if len(heads) else 0.0,
            "body": n_body, "cut_pct": 100 * float(cut[body].sum()) / n_body if n_body else 0.0,
            "no_terminal_pct": 100 * float(passages.loc[body, "text"].map(ends_without_terminal).mean())
            if n_body else 0.0}
