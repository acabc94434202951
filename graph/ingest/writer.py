"""Writing extracted documents into the store: new ones through the bulk loader, replaced ones
in transactions.

New documents stream, as N-Quads bytes, into one bulk load per ``chunk`` documents (default
10,000, some 2 million quads): few bulk loads make the store the bulk loader would make of the
same quads (each extra load adds its own set of files; compacting them afterwards made the store
bigger, not smaller: 116 MB against 97).
Each bulk load is followed by one transaction with the chunk's commit markers (see
``extracted``). A graph that replaces a stored one is written with its marker in one
transaction, so a reader never sees it half-replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pyoxigraph import Quad

from diplomap.graph.ingest.extracted import Extracted, write_nquads
from diplomap.graph.store.base import GraphStore

BULK_DOCUMENTS = 10_000
REPLACE_DOCUMENTS = 200
REPLACE_QUADS = 50_000


@dataclass
class _Chunk:
    """New documents of one bulk load."""

    documents: int = 0
    markers: list[Quad] = field(default_factory=list)
    gained: int = 0


class _Replacements:
    """Documents that replace stored graphs, waiting to be written in one transaction."""

    def __init__(self, limit: int):
        self.limit = limit
        self.graphs: dict[str, list[Quad]] = {}
        self.entities: list[Quad] = []
        self.entity_gain = 0
        self.size = 0

    def take(self, item: Extracted, entities: list[Quad]) -> None:
        self.graphs[item.iri] = item.graph_quads()
        self.entities.extend(entities)
        self.entity_gain += len(entities)
        self.size += item.quads + len(entities)

    def full(self) -> bool:
        return len(self.graphs) >= self.limit or self.size >= REPLACE_QUADS

    def write(self, store: GraphStore) -> int:
        """Write and return how many quads the store gained: a replaced graph gains only the
        quads it did not hold before (counted in the store, which keeps literals canonical)."""
        if not self.graphs:
            return 0
        # Read here, not while the documents arrive: then a bulk load may be streaming.
        before = {iri: set(store.quads(iri)) for iri in self.graphs}
        store.replace_graphs(self.graphs, self.entities)
        gained = self.entity_gain + sum(len(set(store.quads(iri)) - before[iri]) for iri in self.graphs)
        self.__init__(self.limit)
        return gained


class DocumentWriter:
    """Writes :class:`Extracted` documents and counts what happened in ``summary``.

    ``stored`` maps document IRIs already in the store to their (content hash, ...); ``typed``
    holds the entities that already have a type and label: the first label written wins.
    """

    def __init__(self, store: GraphStore, stored: dict, typed: set[str], summary,
                 chunk: int = BULK_DOCUMENTS, on_document: Callable[[], None] = lambda: None):
        self.store, self.stored, self.typed, self.summary = store, stored, typed, summary
        self.chunk = chunk
        self.on_document = on_document
        self.replacing = _Replacements(min(chunk, REPLACE_DOCUMENTS))
        self.wrote = False
        self._done = False

    def write(self, items: Iterable[Extracted], prelude: bytes = b"",
              prelude_markers: Iterable[Quad] = ()) -> None:
        """Write ``items``; ``prelude`` (N-Quads) goes into the first bulk load, its
        ``prelude_markers`` with the first markers."""
        items = iter(items)
        while not self._done:
            chunk = _Chunk(markers=list(prelude_markers))
            pieces = self._feed(items, chunk)
            first = prelude or next(pieces, None)
            prelude, prelude_markers = b"", ()
            if first is not None:
                self.store.bulk_load_nquads(_chain(first, pieces))
                # The commit: from here on every document of the chunk is whole.
                self.store.add(chunk.markers)
                self.summary.triples_added += chunk.gained
                self.wrote = True
            if self.replacing.graphs and (self.replacing.full() or self._done):
                self.summary.triples_added += self.replacing.write(self.store)
                self.wrote = True

    def _feed(self, items: Iterator[Extracted], chunk: _Chunk) -> Iterator[bytes]:
        """N-Quads of new documents for one bulk load; stops early when the replacements fill."""
        for item in items:
            self.on_document()
            if item.error:
                self.summary.failed += 1
                self.summary.problems.append(item.error)
                continue
            old = self.stored.get(item.iri)
            if old is None:
                self.summary.new += 1
            elif old[0] == item.content_hash:
                self.summary.reextracted += 1
            else:
                self.summary.changed += 1
            entities = self._first_labels(item)
            all_entities = len(entities) == item.entities.count(b"\n")
            if old is not None:
                self.replacing.take(item, entities)
                if self.replacing.full():
                    return
                continue
            chunk.markers.extend(item.marker_quads())
            chunk.gained += item.quads + len(entities)
            chunk.documents += 1
            # Usually every entity quad is kept: then its bytes go as they came.
            yield item.body + (item.entities if all_entities else write_nquads(entities))
            if chunk.documents >= self.chunk:
                return
        self._done = True

    def _first_labels(self, item: Extracted) -> list[Quad]:
        """The item's entity quads for entities not typed before: the first label written wins."""
        fresh: set[str] = set()
        kept = []
        for quad in item.entity_quads():
            subject = quad.subject.value
            if subject in self.typed and subject not in fresh:
                continue
            if subject not in self.typed:
                self.typed.add(subject)
                fresh.add(subject)
                self.summary.entities_new += 1
            kept.append(quad)
        return kept


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest
