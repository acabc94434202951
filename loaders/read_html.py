"""HTML pages (.html, .htm): the article's main text and metadata, by trafilatura.

trafilatura drops navigation, related-article lists, scripts, comments and footers; we ask it
to favour precision (a missed paragraph costs less than menu text read as article sentences)
and to leave tables out. Document.text is its plain-text output.
"""

from __future__ import annotations

import functools
import logging
import re

from diplomap.loaders.documents import Document
from diplomap.loaders.read_decode import normalise_newlines
from diplomap.loaders.read_fields import build_document, first_line
from diplomap.loaders.read_problems import SkipInput


@functools.cache
def _trafilatura():
    """Imported on the first HTML page: it takes about a second, which every build of plain-text or
    JSONL articles (and every unchanged rebuild) would otherwise pay."""
    import trafilatura  # noqa: PLC0415

    # trafilatura and htmldate log a warning for every odd page; the reader reports its own Problems.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura

# Below this, what trafilatura returns is a menu label or a stray caption ("Home"), not an article.
MIN_ARTICLE_CHARS = 20

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its top, if any."""
    match = _CHARSET.search(raw[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def read_html(text: str, *, path: str, fallback_identity: str) -> Document:
    try:
        page = _trafilatura().bare_extraction(
            text,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed markup
        raise SkipInput(f"broken HTML, cannot be parsed ({type(exc).__name__})") from None
    body = normalise_newlines(getattr(page, "text", None) or "") if page is not None else ""
    if len("".join(body.split())) < MIN_ARTICLE_CHARS:
        raise SkipInput("no article text found in the HTML")
    fields = {
        "title": page.title,
        "date": page.date,
        "source": page.sitename,
        "url": page.url,
        "author": page.author,
    }
    return build_document(
        body, fields=fields, fallback_identity=fallback_identity, path=path, fmt="html",
        fallback_title=first_line(body),
    )
