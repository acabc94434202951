"""The metadata a file declares (title, date, publisher, url, id) turned into a Document."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from diplomap.loaders.documents import Document
from diplomap.loaders.read_dates import normalise_date
from diplomap.loaders.read_problems import SkipInput

_SURROGATE = re.compile("[\ud800-\udfff]")

# Keys a document may declare, lower-cased; "publisher" is another name for "source".
DECLARED_KEYS = frozenset({"title", "date", "source", "publisher", "url", "id", "author"})


def clean_field(value: object) -> str | None:
    """A one-line NFC string for a declared value; numbers become text, anything else is dropped."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
    return value or None


_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|www\.)\S", re.I)


def build_document(
    text: str,
    *,
    fields: Mapping[str, object],
    fallback_identity: str,
    path: str,
    fmt: str,
    line: int | None = None,
    fallback_title: str | None = None,
) -> Document:
    """A Document whose identity is its declared ``id``, else its ``url``, else ``fallback_identity``.

    Raises SkipInput when the text or a declared value holds a lone surrogate (JSON's
    ``"\\ud800"``, YAML's ``"\\ud800"``): that is not Unicode text and could never be written.
    """
    check_unicode(text, "text")
    for key in DECLARED_KEYS:
        value = fields.get(key)
        if isinstance(value, str):
            check_unicode(value, key)
    declared_id = clean_field(fields.get("id"))
    url = clean_field(fields.get("url"))
    meta: dict = {"format": fmt}
    if url is not None and not _URL.match(url):
        # "unknown", "n/a", "-": a placeholder, not an address; as an identity it would make every
        # such document one and the same (each load replacing the last)
        meta["raw_url"] = url
        url = None
    raw_date = fields.get("date")
    date = normalise_date(raw_date)
    if date is None and raw_date not in (None, ""):
        meta["raw_date"] = str(raw_date)
    author = clean_field(fields.get("author"))
    if author:
        meta["author"] = author
    return Document.create(
        identity=declared_id or url or unicodedata.normalize("NFC", fallback_identity),
        text=text,
        title=clean_field(fields.get("title")) or clean_field(fallback_title),
        date=date,
        source=clean_field(fields.get("source")) or clean_field(fields.get("publisher")),
        url=url,
        path=path,
        line=line,
        meta=meta,
    )


def check_unicode(value: str, name: str) -> None:
    """SkipInput when ``value`` holds a lone surrogate (U+D800..U+DFFF), which UTF-8 cannot encode."""
    bad = _SURROGATE.search(value)
    if bad:
        raise SkipInput(f'"{name}" holds a lone surrogate (\\u{ord(bad.group()):04x} at character '
                        f"{bad.start()}), which is not valid Unicode text")


def first_line(text: str) -> str | None:
    """The first non-empty line, which plain-text articles use as their title."""
    for candidate in text.split("\n"):
        if candidate.strip():
            return candidate.strip()
    return None
