"""The Document: one article as the loaders hand it on, whatever file it came from."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

from diplomap.ontology.iris import DEFAULT_BASE, document_iri


@dataclass(frozen=True)
class Document:
    """One article. ``text`` is NFC-normalised; every offset elsewhere points into it.

    ``identity`` is what the document declares itself to be (its ``id`` or ``url``), else its
    path relative to the directory loaded: the same identity always gives the same IRI.
    """

    identity: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    source: str | None = None  # publisher
    url: str | None = None
    path: str | None = None  # where it was read from, for messages
    line: int | None = None  # line number in a JSON Lines file
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def create(cls, identity: str, text: str, **fields) -> Document:
        return cls(identity=identity, text=unicodedata.normalize("NFC", text), **fields)

    @property
    def content_hash(self) -> str:
        """A hash of what the document says, so an unchanged document can be skipped."""
        h = hashlib.sha256()
        for part in (self.title or "", self.date or "", self.source or "", self.url or "", self.text):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return "sha256:" + h.hexdigest()

    @property
    def text_hash(self) -> str:
        """A hash of the body alone, to notice the same text loaded under two names."""
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def iri(self, base: str = DEFAULT_BASE) -> str:
        return document_iri(self.identity, base)

    @property
    def where(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}"
        return self.path or self.identity
