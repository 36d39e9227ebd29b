"""Document tables (``.csv`` / ``.jsonl``, one document per row) read as a stream, so that a table of any size is
ingested in bounded memory.

    for n_row, rec in enumerate(table_rows(path), start=1):  # ReadError at once when the table cannot be read
        doc_id, text, md = table_row(rec, path.name, n_row)

:func:`table_rows` first reads the whole table once, keeping nothing but its columns, to check it: its text decodes
(UTF-8 and UTF-16 with a byte-order mark are decoded as a stream; any other encoding is told apart on the whole text
by :func:`decode_bytes`, like every text file), every non-blank line of a ``.jsonl`` is a JSON object, a ``.csv``
parses, and the table has the columns ``doc_id`` and ``text``. A table that fails gets one ``ReadError`` naming it
(and the line, for a ``.jsonl``) before any of its rows is ingested. The rows are then read again, a ``.jsonl`` line
by line and a ``.csv`` ``batch_rows`` rows at a time, as cell dicts with every column of the table as a key
(``None`` where a ``.jsonl`` row has no value).

The rows are those the whole-table read (``pandas.read_json(lines=True)`` / ``pandas.read_csv(dtype=str)``) gave,
except that a ``.jsonl`` cell keeps its JSON value where pandas changed it with its column: a number ``7`` in a
column with a missing or a fractional value is ``7``, not ``7.0``. A lone surrogate (``"\\ud800"``) is dropped from
a JSON string rather than failing the table, and a line holding two objects is an error.
"""
from __future__ import annotations

import codecs
import io
import json
import re
from pathlib import Path
from typing import IO, Iterator

from aicompare.corpus.readers import ReadError, _looks_binary, decode_bytes

# Rows read at a time from a .csv (pandas parses it in chunks of this many rows; a row is a whole document, so few);
# a .jsonl is read line by line.
TABLE_BATCH_ROWS = 16
_HEAD_BYTES = 65536  # what decode_bytes looks at to tell UTF-16 without a byte-order mark and binary data apart
# A surrogate code point left alone in a JSON string ("\ud800"): not a character, and UTF-8 cannot hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true or false",
               type(None): "null"}


class _Source:
    """Where a table's text comes from: the file decoded as a stream (``encoding``), or a text decoded whole."""

    def __init__(self, path: Path, encoding: str | None = None, text: str | None = None):
        self.path, self.encoding, self.text = path, encoding, text

    def open(self, newline: str) -> IO[str]:
        """The text, lines ending at ``newline`` only and never translated (as in ``io.StringIO(text)``)."""
        if self.text is not None:
            return io.StringIO(self.text, newline=newline)
        return open(self.path, encoding=self.encoding, newline=newline)


def _stream_encoding(path: Path) -> str | None:
    """The encoding ``path`` can be decoded with as a stream, as :func:`decode_bytes` would decode it: UTF-16 with a
    byte-order mark, else UTF-8 (with or without one). None when decode_bytes must see the whole file: NUL bytes on
    one byte parity (UTF-16 without a byte-order mark) or control bytes (binary data)."""
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
        size = fh.seek(0, io.SEEK_END)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(head) >= 4 and size % 2 == 0 and (head[0::2].count(0) == 0) != (head[1::2].count(0) == 0):
        return None
    return None if _looks_binary(head) else "utf-8-sig"


def _whole(path: Path) -> _Source:
    """The table decoded whole, by :func:`decode_bytes` (legacy encodings are recognised on the whole text)."""
    try:
        text, _enc = decode_bytes(path.read_bytes(), path.name)
    except UnicodeDecodeError as exc:  # a UTF-16 byte-order mark before bytes that are not UTF-16
        raise ReadError("undecodable", f"{path.name}: text cannot be decoded as {exc.encoding} ({exc.reason}). "
                                       "Re-save it as UTF-8.") from exc
    return _Source(path, text=text)


def _jsonl_objects(fh: IO[str], name: str) -> Iterator[dict]:
    """The JSON objects of the non-blank lines of a ``.jsonl`` (lines stripped of white space, as pandas reads
    them); a line that is not a JSON object raises ReadError naming it. Raw control characters in strings are
    accepted and lone surrogates dropped (so every text can be written as UTF-8)."""
    for n_line, line in enumerate(fh, start=1):
        s = line.strip()
        if not s:
            continue
        try:
            obj = json.loads(s, strict=False)
        except ValueError as exc:
            raise ReadError("malformed_table", f"{name}: could not be read as a table (line {n_line}: "
                                               f"{type(exc).__name__}: {exc}).") from exc
        if not isinstance(obj, dict):
            raise ReadError("malformed_table", f"{name}: could not be read as a table (line {n_line} is "
                                               f"{_JSON_KINDS.get(type(obj), 'a value')}, not a JSON object).")
        for k, v in obj.items():
            if type(v) is str and not v.isascii() and _LONE_SURROGATE.search(v):
                obj[k] = _LONE_SURROGATE.sub("", v)
        yield obj


class _Utf8Bytes(io.RawIOBase):
    """A text stream as UTF-8 bytes, for pandas' CSV parser. (Given a text stream, pandas encodes ``n`` characters
    for every ``n`` bytes it asks for and keeps the rest: with non-ASCII text it ends up holding most of the file.)
    Here characters are read a few thousand at a time, until the bytes asked for are there."""

    _PIECE = 8192  # characters decoded at a time

    def __init__(self, text: IO[str]):
        self._text, self._pending = text, bytearray()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = len(buffer)
        while len(self._pending) < n:
            chars = self._text.read(min(self._PIECE, n - len(self._pending)))
            if not chars:
                break
            self._pending += chars.encode("utf-8")
        k = min(n, len(self._pending))
        buffer[:k] = self._pending[:k]
        del self._pending[:k]
        return k


def _csv_chunks(fh: IO[str], batch_rows: int):
    """The ``.csv`` as pandas reads it (every cell text, empty cells empty), ``batch_rows`` rows a frame."""
    import pandas as pd

    return pd.read_csv(_Utf8Bytes(fh), encoding="utf-8", dtype=str, keep_default_na=False, chunksize=batch_rows)


def _csv_columns(fh: IO[str]) -> list[str]:
    import pandas as pd

    return list(pd.read_csv(_Utf8Bytes(fh), encoding="utf-8", dtype=str, keep_default_na=False, nrows=0).columns)


def _check(source: _Source, jsonl: bool, batch_rows: int) -> list[str]:
    """Read the whole table once, keeping nothing but its columns (all the keys of a ``.jsonl``); raises ReadError
    for a table that cannot be read and UnicodeDecodeError for a text that is not in the stream's encoding."""
    name = source.path.name
    with source.open("\n" if jsonl else "") as fh:
        if jsonl:
            columns: dict[str, None] = {}
            for obj in _jsonl_objects(fh, name):
                columns.update(dict.fromkeys(obj))
            return list(columns)
        try:
            columns_csv = _csv_columns(fh)
            fh.seek(0)
            for _chunk in _csv_chunks(fh, batch_rows):
                pass
        except UnicodeDecodeError:
            raise
        except Exception as exc:
            raise ReadError("malformed_table", f"{name}: could not be read as a table "
                                               f"({type(exc).__name__}: {exc}).") from exc
        return columns_csv


def _open_checked(path: Path, jsonl: bool, batch_rows: int) -> tuple[_Source, list[str]]:
    """The table's text source and its columns, once the whole table has been read without error."""
    try:
        encoding = _stream_encoding(path)
        source = _Source(path, encoding=encoding) if encoding else _whole(path)
        try:
            return source, _check(source, jsonl, batch_rows)
        except UnicodeDecodeError:
            if source.text is not None:
                raise
        source = _whole(path)  # not UTF-8: a legacy encoding (Shift_JIS …), or undecodable
        return source, _check(source, jsonl, batch_rows)
    except OSError as exc:
        raise ReadError("unreadable", f"{path.name}: cannot be opened ({exc}).") from exc


def table_rows(path: Path, batch_rows: int | None = None) -> Iterator[dict]:
    """The rows of a document table as cell dicts (see the module doc): a ``.jsonl`` read line by line, a ``.csv``
    ``batch_rows`` rows at a time (default ``TABLE_BATCH_ROWS``).

    Raises ``ReadError`` at once (before any row is given) when the table cannot be read or lacks ``doc_id`` or
    ``text``; when it changes while its rows are given, the iterator raises ``ReadError`` there.
    """
    batch_rows = TABLE_BATCH_ROWS if batch_rows is None else batch_rows
    if batch_rows < 1:
        raise ValueError("batch_rows must be at least 1")
    jsonl = path.suffix.lower() == ".jsonl"
    source, columns = _open_checked(path, jsonl, batch_rows)
    missing = {"doc_id", "text"} - set(columns)
    if missing:
        raise ReadError("malformed_table", f"{path.name}: a document table needs columns doc_id and text "
                                           f"(missing: {', '.join(sorted(missing))}).")
    return _rows(source, columns, jsonl, batch_rows)


def _rows(source: _Source, columns: list[str], jsonl: bool, batch_rows: int) -> Iterator[dict]:
    name = source.path.name
    try:
        with source.open("\n" if jsonl else "") as fh:
            if jsonl:
                empty = dict.fromkeys(columns)
                for obj in _jsonl_objects(fh, name):
                    yield {**empty, **obj}
            else:
                for chunk in _csv_chunks(fh, batch_rows):
                    yield from chunk.to_dict("records")
    except ReadError:
        raise
    except Exception as exc:  # the file changed since it was checked
        raise ReadError("malformed_table", f"{name}: could not be read as a table ({type(exc).__name__}: {exc}); "
                                           "did it change while being read?") from exc
