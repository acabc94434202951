"""The extractor's version: a hash of everything that decides which facts an article yields.

A store records it with each document (``dm:extractorVersion``); ``diplomap build`` extracts a
document again when the recorded version differs from this one, so upgrading the rules or the
gazetteer never leaves stale facts behind an "unchanged" report.

What is hashed: the source of every module of ``diplomap.loaders`` except the file readers
(``read_*.py``, ``readers.py``: what they change shows in the document's content hash) and the
evaluation code; the gazetteer data; and the ontology modules that mint IRIs and name terms.
A new rule module is covered without being listed here.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources

_NOT_EXTRACTION = ("__init__.py", "readers.py", "evaluation.py", "extractor_version.py")
_ONTOLOGY_PARTS = ("data/gazetteer.jsonl", "data/geonames-places.tsv", "data/vn-units.tsv",
                  "data/geonames-divisions.tsv", "iris.py", "vocab.py", "gazetteer.py", "build_divisions.py")


def extraction_sources() -> list[tuple[str, bytes]]:
    """``(name, bytes)`` of every file the version covers, sorted by name."""
    sources = []
    for node in resources.files("diplomap.loaders").iterdir():
        name = node.name
        if name.endswith(".py") and not name.startswith("read_") and name not in _NOT_EXTRACTION:
            sources.append((f"loaders/{name}", node.read_bytes()))
    ontology = resources.files("diplomap.ontology")
    for name in _ONTOLOGY_PARTS:
        node = ontology
        for part in name.split("/"):
            node = node / part
        try:
            sources.append((f"ontology/{name}", node.read_bytes()))
        except FileNotFoundError:  # the gazetteer not built yet: patterns only, still versioned
            sources.append((f"ontology/{name}", b""))
    return sorted(sources)


def version_of(sources: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in sources:
        h.update(name.encode("utf-8") + b"\x00" + hashlib.sha256(data).digest())
    return "sha256:" + h.hexdigest()


@functools.lru_cache(maxsize=1)
def extractor_version() -> str:
    """``sha256:<64 hex digits>`` of the current rules, patterns and gazetteer."""
    return version_of(extraction_sources())
