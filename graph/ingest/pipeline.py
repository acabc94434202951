"""``diplomap build``: documents -> extraction -> one named graph per document, incrementally.

- Reference data (ontology, gazetteer) is loaded once per store (see ``reference``).
- A document whose ``dm:contentHash`` is already stored under its IRI, extracted by this
  extractor (the same ``dm:extractorVersion``, see ``loaders.extractor_version``), is skipped
  without being extracted; a changed one, or one an older extractor read, has its graph
  replaced in one write. ``force=True`` extracts every document again.
- Types and labels of entities the gazetteer does not know go to the shared entities graph,
  once per entity: the first label written wins, so no entity gets two labels or types.
- The same text under two identities (same ``dm:textHash``) is loaded under both and reported:
  two URLs for one article are both real sources, and skipping one would make the graph
  depend on reading order (and lose the facts when the other is removed).
- Extraction may run in worker processes (``--jobs``) or Dask tasks (``dask_engine``); they hand
  back N-Quads bytes (``extracted``), and all writes happen here (``writer``).
- New documents go through Oxigraph's bulk loader, several thousand per load, which is not
  atomic; each document's marker (``rdf:type dm:Document`` and ``dm:contentHash``) is written
  after its load, in one transaction. Every reader that asks for documents sees whole ones only;
  a build killed during a load leaves graphs without a marker (and, at most, types and labels of
  entities they mention), which the next build drops (``drop_incomplete_documents``) and
  extracts again. A graph that replaces a stored one is written with its marker in one
  transaction (on a remote endpoint: one atomic PUT, after the entity labels it needs). So a
  killed build leaves whole documents or none, and a rerun completes it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from diplomap.graph.ingest.extracted import (
    Extracted,
    Extractor,
    default_extractor,
    extract_all,
    write_nquads,
)
from diplomap.graph.ingest.reference import reference_update
from diplomap.graph.ingest.writer import BULK_DOCUMENTS, DocumentWriter
from diplomap.graph.store.base import GraphStore
from diplomap.loaders.documents import Document
from diplomap.loaders.emit import ENTITIES_GRAPH
from diplomap.ontology.iris import DEFAULT_BASE
from diplomap.ontology.vocab import DM_NS, RDF_NS

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = BULK_DOCUMENTS  # the name the CLI knows


@dataclass
class BuildSummary:
    """What one build did. ``problems`` are one-line messages, one per skipped input."""

    read: int = 0  # documents read from the inputs
    new: int = 0  # loaded for the first time
    changed: int = 0  # loaded again: same identity, new content; graph replaced
    reextracted: int = 0  # same content, but another extractor version (or --force): replaced
    unchanged: int = 0  # content hash already stored: skipped without extracting
    skipped: int = 0  # inputs that could not be read (or repeated an identity)
    failed: int = 0  # read, but extraction failed
    triples_added: int = 0  # quads the store gained: distinct, and not already in a replaced graph
    entities_new: int = 0  # entities typed and labelled for the first time
    orphans_removed: int = 0  # entities no document mentions any more
    reference_loaded: bool = False
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (identity, same text as IRI)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"documents read: {self.read}  new: {self.new}  changed: {self.changed}  "
            f"re-extracted: {self.reextracted}  unchanged: {self.unchanged}  skipped: {self.skipped}  failed: {self.failed}",
            f"triples added: {self.triples_added}  entities new: {self.entities_new}"
            + (f"  orphaned entities removed: {self.orphans_removed}" if self.orphans_removed else ""),
            f"reference data: {'loaded' if self.reference_loaded else 'already current'}",
        ]
        if self.duplicates:
            out.append(f"same text under another identity: {len(self.duplicates)} (loaded under both)")
            out.extend(f"  {identity} repeats {iri}" for identity, iri in self.duplicates[:20])
        return out

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def stored_documents(store: GraphStore) -> dict[str, tuple[str, str | None, str | None]]:
    """``{document IRI: (content hash, text hash, extractor version)}`` for every document graph
    with its marker (type and content hash)."""

    def values(predicate: str, value: str = "?v") -> dict[str, str]:
        # One pattern per query: Oxigraph answers each with one index scan; joined in one
        # query with OPTIONALs they took 6x longer (0.34 s vs 0.055 s for 2,000 documents).
        rows = store.select(f"SELECT ?doc ?v WHERE {{ GRAPH ?doc {{ ?doc <{predicate}> {value} }} }}")
        return {r["doc"].value: r["v"].value if "v" in r else None for r in rows}

    documents = values(RDF_NS + "type", f"<{DM_NS}Document>")
    hashes = values(DM_NS + "contentHash")
    texts = values(DM_NS + "textHash")
    versions = values(DM_NS + "extractorVersion")
    return {doc: (content, texts.get(doc), versions.get(doc)) for doc, content in hashes.items()
            if doc in documents}


def version_of(extractor: Extractor) -> str | None:
    """The version recorded with documents: the loaders' for the default extractor, else the
    extractor's ``version`` attribute (None: not tracked)."""
    if extractor is default_extractor:
        from diplomap.loaders.extractor_version import extractor_version

        return extractor_version()
    return getattr(extractor, "version", None)


def typed_entities(store: GraphStore) -> set[str]:
    """IRIs that already have a type in the entities graph."""
    rows = store.select(f"SELECT DISTINCT ?e WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?c }} }}")
    return {r["e"].value for r in rows}


def drop_incomplete_documents(store: GraphStore, base: str = DEFAULT_BASE,
                              stored: dict | None = None) -> int:
    """Drop document graphs without their commit marker: the rest of a build killed mid-write.

    New documents are bulk-loaded first and get their type and content hash (the marker) after,
    in one transaction; a document graph that ``stored_documents`` does not list was never
    finished. (Comparing graph names with the stored documents: a scan of every quad for graphs
    without a hash took 12 s on 10,000 documents.)
    """
    stored = stored_documents(store) if stored is None else stored
    prefix = base + "document/"
    incomplete = [graph for graph in store.graph_names() if graph.startswith(prefix) and graph not in stored]
    for graph in incomplete:
        store.drop_graph(graph)
    return len(incomplete)


def remove_orphan_entities(store: GraphStore) -> int:
    """Drop type and label of entities (not from the gazetteer) that no document mentions."""
    entities = f"<{ENTITIES_GRAPH}>"
    orphans = f"""GRAPH {entities} {{ ?e a ?c }}
                  FILTER NOT EXISTS {{ GRAPH ?d {{ ?e <{DM_NS}mentionedIn> ?doc }} }}"""
    count = store.select(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {orphans} }}")
    found = int(count[0]["n"].value) if count else 0
    if found:
        store.update(f"""DELETE {{ GRAPH {entities} {{ ?e ?p ?o }} }}
                         WHERE {{ {orphans} GRAPH {entities} {{ ?e ?p ?o }} }}""")
    return found


def build(
    store: GraphStore,
    documents: Iterable[Document],
    *,
    base: str = DEFAULT_BASE,
    jobs: int = 1,
    progress: bool = False,
    summary: BuildSummary | None = None,
    extractor: Extractor = default_extractor,
    batch_documents: int = BULK_DOCUMENTS,
    force: bool = False,
) -> BuildSummary:
    """Load ``documents`` into ``store``; see the module docstring for the rules.

    ``extractor(doc, base)`` gives a document's quads (picklable when ``jobs`` > 1);
    ``batch_documents`` is how many new documents one bulk load holds at most (replaced ones
    are written at most 200 to a transaction); ``force`` extracts unchanged documents again.
    """
    summary = summary or BuildSummary()
    version = version_of(extractor)
    with Preparation(store, base, summary, documents, version, force) as ready:
        items = extract_all(ready.pending, base, jobs, extractor, version)
        ready.write(items, batch_documents, progress)
    return summary


class Preparation:
    """What every engine does around extraction: before, reference data, the remains of a
    killed build dropped, what is stored, the documents that need extracting; after (on
    leaving the ``with``), the orphaned entities removed."""

    def __init__(self, store: GraphStore, base: str, summary: BuildSummary,
                 documents: Iterable[Document], version: str | None, force: bool):
        self.store, self.summary = store, summary
        reference = reference_update(store, base)
        summary.reference_loaded = reference is not None
        if reference is not None and not reference.fresh:
            reference.write(store)
        # A new store gets its reference data in the first bulk load (transactions took 1.9 s
        # and 40 MB of log for its 40,000 quads); its marker is written with the documents'.
        self.reference = reference if reference is not None and reference.fresh else None
        self.stored = stored_documents(store)
        self.dropped = drop_incomplete_documents(store, base, self.stored)
        self.typed = typed_entities(store)
        self.pending = _pending(documents, self.stored, base, summary, version, force)
        self.wrote = False

    def write(self, items: Iterable[Extracted], batch_documents: int = BULK_DOCUMENTS,
              progress: bool = False) -> None:
        bar = _progress_bar(progress)
        writer = DocumentWriter(self.store, self.stored, self.typed, self.summary, batch_documents,
                                lambda: bar.update(1))
        prelude = self.reference
        self.reference = None
        try:
            writer.write(items, *((write_nquads(prelude.quads), [prelude.marker]) if prelude else ()))
        finally:
            bar.close()
            self.wrote |= writer.wrote

    def __enter__(self) -> Preparation:
        return self

    def __exit__(self, kind, *_) -> None:
        # Entities lose their last mention only when graphs were written or dropped.
        if kind is None and (self.wrote or self.dropped):
            self.summary.orphans_removed = remove_orphan_entities(self.store)


def build_paths(store: GraphStore, paths: Iterable[str], *, max_bytes: int | None = None,
                builder: Callable[..., BuildSummary] | None = None, **kwargs) -> BuildSummary:
    """Read files and directories (see ``loaders.readers``) and build them into ``store`` with
    ``builder`` (``build``, or e.g. ``dask_engine.build_dask``)."""
    from diplomap.loaders.readers import iter_documents

    summary = kwargs.pop("summary", None) or BuildSummary()

    def problem(found) -> None:
        if not getattr(found, "warning", False):  # a warning's document is read all the same
            summary.skipped += 1
        summary.problems.append(str(found))

    options = {"max_bytes": max_bytes} if max_bytes else {}
    documents = iter_documents(list(paths), on_problem=problem, **options)
    return (builder or build)(store, documents, summary=summary, **kwargs)


def _pending(documents: Iterable[Document], stored: dict[str, tuple[str, str | None, str | None]],
             base: str, summary: BuildSummary, version: str | None = None,
             force: bool = False) -> Iterator[Document]:
    """Documents that need extracting: new, changed, or read by another extractor version.
    Counts the rest."""
    by_text = {text: iri for iri, (_, text, _) in sorted(stored.items()) if text}
    seen: dict[str, str] = {}
    for doc in documents:
        summary.read += 1
        try:
            iri, content_hash, text_hash = doc.iri(base), doc.content_hash, doc.text_hash
        except UnicodeEncodeError as exc:  # a lone surrogate: this document fails, not the build
            summary.failed += 1
            summary.problems.append(f"{doc.where}: not valid Unicode text ({exc.reason})")
            continue
        if iri in seen:
            summary.skipped += 1
            summary.problems.append(f"{doc.where}: same identity {doc.identity!r} as {seen[iri]}; "
                                    "the first is kept")
            continue
        seen[iri] = doc.where
        earlier = by_text.setdefault(text_hash, iri)
        if earlier != iri:
            summary.duplicates.append((doc.identity, earlier))
        old = stored.get(iri)
        if old and old[0] == content_hash and old[2] == version and not force:
            summary.unchanged += 1
            continue
        yield doc


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(unit="doc", desc="extracting", file=sys.stderr, dynamic_ncols=True)

