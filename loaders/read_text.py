"""Plain-text articles (.txt): an optional ``key: value`` header block, then the body.

The header is only a header when every line before the first blank line is ``key: value``
with a key we know (title, date, source, publisher, url, id, author, any case); otherwise the
file has no header, its first non-empty line is the title and Document.text is the whole file,
title line included, so that evidence offsets count from the first byte of the article.
With a header, Document.text is everything after the blank line that ends it.
"""

from __future__ import annotations

import re

from diplomap.loaders.documents import Document
from diplomap.loaders.read_fields import DECLARED_KEYS, build_document, first_line
from diplomap.loaders.read_problems import SkipInput

_HEADER_LINE = re.compile(r"\s*([A-Za-z][A-Za-z_-]*)\s*:\s*(.*?)\s*")


def read_txt(text: str, *, path: str, fallback_identity: str) -> Document:
    header, body = split_header(text)
    if not body.strip():
        raise SkipInput("no text after the header block")
    return build_document(
        body, fields=header, fallback_identity=fallback_identity, path=path, fmt="txt",
        fallback_title=first_line(body),
    )


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields (lower-case keys) and the body; ``({}, text)`` when there is no header."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    fields: dict[str, str] = {}
    end = start
    while end < len(lines) and lines[end].strip():
        match = _HEADER_LINE.fullmatch(lines[end])
        if not match or match.group(1).lower() not in DECLARED_KEYS:
            return {}, text
        fields.setdefault(match.group(1).lower(), match.group(2))
        end += 1
    if not fields:
        return {}, text
    return fields, "\n".join(lines[end + 1:])
