"""N-Quads shards: what one extraction task writes, and what the load step reads back.

A task extracts a partition of the input and writes the document graphs (without their commit
markers) into one N-Quads file, one named graph per document, as the build stores them. What
the writer needs besides, per document (its IRI, hashes, marker and entity quads, or the
error), is small and goes back as the task's result. The file is written under a temporary
name and renamed when whole, so a shard that exists is complete.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from diplomap.graph.ingest.extracted import Extracted, Extractor, default_extractor, extract_one
from diplomap.loaders.documents import Document
from diplomap.ontology.errors import StoreError


@dataclass(frozen=True)
class ShardEntry:
    """One document of a shard: its extraction without the body, and where the body lies."""

    item: Extracted
    offset: int
    length: int


def write_shard(path: str, items: Iterable[Extracted]) -> list[ShardEntry]:
    entries = []
    partial = path + ".partial"
    with open(partial, "wb") as out:
        offset = 0
        for item in items:
            out.write(item.body)
            entries.append(ShardEntry(dataclasses.replace(item, body=b""), offset, len(item.body)))
            offset += len(item.body)
    os.replace(partial, path)
    return entries


def read_shard(path: str, entries: Iterable[ShardEntry]) -> Iterator[Extracted]:
    """The shard's documents, in the order they were extracted, with their bodies."""
    try:
        with open(path, "rb") as shard:
            for entry in entries:
                shard.seek(entry.offset)
                yield dataclasses.replace(entry.item, body=shard.read(entry.length))
    except FileNotFoundError:
        raise StoreError(f"shard {path} is not there: the workers must write to a directory this "
                         "machine reads too (give --shards on a shared file system)") from None


def extract_partition(documents: list[Document], base: str, version: str | None, path: str,
                      extractor: Extractor = default_extractor) -> list[ShardEntry]:
    """The task: extract ``documents`` into the shard at ``path``."""
    return write_shard(path, (extract_one(doc, base, extractor, version) for doc in documents))
