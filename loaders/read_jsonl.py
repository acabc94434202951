"""JSON Lines (.jsonl): one article per line, ``{"text": ..., "title", "date", "source"|"publisher", "url", "id"}``.

The file is streamed line by line, so a large export never sits in memory whole, and a bad
line is one Problem while the other lines still load. A JSONL file is a batch, so the size
limit applies to each line (each article), not to the file. JSON Lines is UTF-8 by definition;
a UTF-16 file with a byte-order mark is still accepted (read whole, within the size limit).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from diplomap.loaders.documents import Document
from diplomap.loaders.read_decode import SNIFF_BYTES, decode_bytes, normalise_newlines
from diplomap.loaders.read_fields import build_document
from diplomap.loaders.read_problems import Problem, SkipInput

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SKIP_CHUNK = 1 << 20


def iter_jsonl(stream: BinaryIO, *, path: str, relpath: str, max_bytes: int) -> Iterator[Document | Problem]:
    """Documents and per-line Problems; raises SkipInput when the file as a whole is unusable."""
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if head.startswith(_UTF16_BOMS):
        lines = _utf16_lines(stream, max_bytes)
    elif b"\x00" in head:
        raise SkipInput("binary file (NUL bytes), not text")
    else:
        lines = _utf8_lines(stream, max_bytes)
    saw_content = False
    for number, line in lines:
        if isinstance(line, SkipInput):
            saw_content = True
            yield Problem(path, number, line.reason)
            continue
        if not line.strip():
            continue
        saw_content = True
        try:
            yield _parse_line(line, number=number, path=path, relpath=relpath)
        except SkipInput as skip:
            yield Problem(path, number, skip.reason)
    if not saw_content:
        raise SkipInput("empty file")


def _parse_line(line: str, *, number: int, path: str, relpath: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SkipInput(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise SkipInput("not usable JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise SkipInput(f"not a JSON object but a {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SkipInput('no "text": every line needs a non-empty string "text"')
    text = normalise_newlines(text)
    return build_document(
        text, fields=record, fallback_identity=f"{relpath}#{number}", path=path, fmt="jsonl",
        line=number,
    )


def _utf8_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, str | SkipInput]]:
    number = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, SkipInput(f"line too large: over the {max_bytes}-byte limit")
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, SkipInput(f"not valid UTF-8 (byte {exc.start + 1} of the line)")


def _utf16_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, str | SkipInput]]:
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise SkipInput(f"file too large: UTF-16 JSON Lines over the {max_bytes}-byte limit")
    text, _ = decode_bytes(raw)
    yield from enumerate(text.split("\n"), start=1)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return
