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
- Extraction may run in worker processes; all writes happen here, in batches. Each batch is
  one transaction on the embedded store; on a remote endpoint each document graph is one
  atomic PUT, written after the entity labels it needs. A killed build leaves whole
  documents or none, and a rerun completes it.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from diplomap.graph.ingest.reference import load_reference
from diplomap.graph.store.base import GraphStore
from diplomap.loaders.documents import Document
from diplomap.loaders.emit import ENTITIES_GRAPH
from diplomap.ontology.iris import DEFAULT_BASE
from diplomap.ontology.vocab import DM_NS

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 200
BATCH_QUADS = 50_000
CHUNK_PER_WORKER = 8
_CONTENT_HASH = NamedNode(DM_NS + "contentHash")
_EXTRACTOR_VERSION = NamedNode(DM_NS + "extractorVersion")


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


@dataclass
class _Extracted:
    document: Document
    doc_quads: list[Quad] | None = None
    entity_quads: list[Quad] | None = None
    error: str | None = None


Extractor = Callable[[Document, str], tuple[list[Quad], list[Quad]]]


def default_extractor(doc: Document, base: str) -> tuple[list[Quad], list[Quad]]:
    """The loaders' pipeline: (document graph quads, entity quads)."""
    from diplomap.loaders.pipeline import document_rdf

    return document_rdf(doc, base)


def _extract(doc: Document, base: str = DEFAULT_BASE, extractor: Extractor = default_extractor) -> _Extracted:
    try:
        doc_quads, entity_quads = extractor(doc, base)
    except Exception as exc:  # one bad document must not stop the build; it is reported
        log.debug("extraction failed for %s", doc.where, exc_info=True)
        return _Extracted(doc, error=f"{doc.where}: extraction failed ({type(exc).__name__}: {exc})")
    return _Extracted(doc, list(doc_quads), list(entity_quads))


def stored_documents(store: GraphStore) -> dict[str, tuple[str, str | None, str | None]]:
    """``{document IRI: (content hash, text hash, extractor version)}`` for every document graph."""
    rows = store.select(
        f"""SELECT ?doc ?hash ?text ?version WHERE {{
              GRAPH ?doc {{ ?doc a <{DM_NS}Document> ; <{DM_NS}contentHash> ?hash .
                            OPTIONAL {{ ?doc <{DM_NS}textHash> ?text }}
                            OPTIONAL {{ ?doc <{DM_NS}extractorVersion> ?version }} }} }}"""
    )
    return {r["doc"].value: (r["hash"].value, r["text"].value if "text" in r else None,
                             r["version"].value if "version" in r else None) for r in rows}


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


def drop_incomplete_documents(store: GraphStore, base: str = DEFAULT_BASE) -> int:
    """Drop document graphs without their content hash: the rest of a build killed mid-write.

    New documents are bulk-written first and get their hash (the commit marker) after, in
    one small transaction; a graph without one was never finished.
    """
    rows = store.select(
        f"""SELECT DISTINCT ?doc WHERE {{ GRAPH ?doc {{ ?s ?p ?o }}
              FILTER(STRSTARTS(STR(?doc), "{base}document/"))
              FILTER NOT EXISTS {{ GRAPH ?doc {{ ?doc <{DM_NS}contentHash> ?h }} }} }}""")
    for row in rows:
        store.drop_graph(row["doc"].value)
    return len(rows)


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
    batch_documents: int = BATCH_DOCUMENTS,
    force: bool = False,
) -> BuildSummary:
    """Load ``documents`` into ``store``; see the module docstring for the rules.

    ``extractor(doc, base)`` gives a document's quads (picklable when ``jobs`` > 1);
    ``batch_documents`` is how many documents one write transaction holds at most;
    ``force`` extracts unchanged documents again.
    """
    summary = summary or BuildSummary()
    summary.reference_loaded = load_reference(store, base)
    drop_incomplete_documents(store, base)
    stored = stored_documents(store)
    typed = typed_entities(store)
    version = version_of(extractor)
    pending = _pending(documents, stored, base, summary, version, force)
    bar = _progress_bar(progress)
    batch = _Batch(batch_documents)
    for item in _extracted(pending, base, jobs, extractor):
        bar.update(1)
        if item.error:
            summary.failed += 1
            summary.problems.append(item.error)
            continue
        iri = item.document.iri(base)
        if iri not in stored:
            summary.new += 1
        elif stored[iri][0] == item.document.content_hash:
            summary.reextracted += 1
        else:
            summary.changed += 1
        if version and not any(q.predicate == _EXTRACTOR_VERSION for q in item.doc_quads):
            # the loaders' emitter records its own version; another extractor's is added here
            item.doc_quads.append(Quad(NamedNode(iri), _EXTRACTOR_VERSION, Literal(version), NamedNode(iri)))
        # What the graph held before, so that "triples added" counts only what the store gains.
        before = set(store.quads(iri)) if iri in stored else None
        batch.take(item, typed, summary, base, replaces=iri in stored, before=before)
        if batch.full():
            summary.triples_added += batch.write(store)
    summary.triples_added += batch.write(store)
    bar.close()
    summary.orphans_removed = remove_orphan_entities(store)
    return summary


def build_paths(store: GraphStore, paths: Iterable[str], *, max_bytes: int | None = None,
                **kwargs) -> BuildSummary:
    """Read files and directories (see ``loaders.readers``) and build them into ``store``."""
    from diplomap.loaders.readers import iter_documents

    summary = kwargs.pop("summary", None) or BuildSummary()

    def problem(found) -> None:
        if not getattr(found, "warning", False):  # a warning's document is read all the same
            summary.skipped += 1
        summary.problems.append(str(found))

    options = {"max_bytes": max_bytes} if max_bytes else {}
    documents = iter_documents(list(paths), on_problem=problem, **options)
    return build(store, documents, summary=summary, **kwargs)


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


def _extracted(pending: Iterator[Document], base: str, jobs: int,
               extractor: Extractor) -> Iterator[_Extracted]:
    work = functools.partial(_extract, base=base, extractor=extractor)
    if jobs <= 1:
        yield from map(work, pending)
        return
    if extractor is default_extractor:
        _warm_up()  # forked workers inherit the gazetteer matcher instead of each building it
    with multiprocessing.Pool(jobs) as pool:
        yield from pool.imap(work, pending, chunksize=CHUNK_PER_WORKER)


def _warm_up() -> None:
    from diplomap.loaders.pipeline import extract

    extract(Document.create("warm-up", "Bac Ninh province signed an agreement."))


class _Batch:
    """Documents waiting to be written together."""

    def __init__(self, limit: int = BATCH_DOCUMENTS):
        self.limit = limit
        self.graphs: dict[str, list[Quad]] = {}
        self.entities: list[Quad] = []
        self.size = 0
        self.replaces = False  # some graph already exists: then one transaction replaces all
        self.before: dict[str, set[Quad]] = {}  # replaced graphs: what they held before
        self.entity_gain = 0  # distinct quads of entities typed for the first time

    def take(self, item: _Extracted, typed: set[str], summary: BuildSummary, base: str,
             replaces: bool = False, before: set[Quad] | None = None) -> None:
        self.replaces |= replaces
        if before is not None:
            self.before[item.document.iri(base)] = before
        fresh: set[str] = set()
        gained_entities = 0
        for quad in dict.fromkeys(item.entity_quads):  # an extractor may emit a quad twice
            subject = quad.subject.value
            if subject in typed and subject not in fresh:
                continue  # first label wins: an entity typed before keeps its type and label
            if subject not in typed:
                typed.add(subject)
                fresh.add(subject)
                summary.entities_new += 1
            self.entities.append(quad)
            gained_entities += 1
        doc_quads = list(dict.fromkeys(item.doc_quads))
        self.graphs[item.document.iri(base)] = doc_quads
        self.entity_gain += gained_entities
        self.size += len(doc_quads) + gained_entities

    def full(self) -> bool:
        return len(self.graphs) >= self.limit or self.size >= BATCH_QUADS

    def write(self, store: GraphStore) -> int:
        """Write the batch; return how many quads the store gained by it.

        Counted in the store, after writing: one edge stated in two sentences is one quad, the
        store keeps literals in its canonical form, and a replaced graph gains only the quads
        it did not hold before.
        """
        if not self.graphs:
            self.__init__(self.limit)
            return 0
        if self.replaces:
            store.replace_graphs(self.graphs, self.entities)
        elif self.graphs:
            # All new: bulk-write everything but the content hashes, then the hashes in one
            # transaction. A kill in between leaves graphs without a hash, which the next
            # build drops and writes again (see drop_incomplete_documents).
            # (emit.document_quads already puts each quad in its document's graph.)
            quads = [q for graph_quads in self.graphs.values() for q in graph_quads]
            markers = [q for q in quads if q.predicate == _CONTENT_HASH]
            store.bulk_add([q for q in quads if q.predicate != _CONTENT_HASH] + self.entities)
            store.add(markers)
        gained = self.entity_gain
        new_graphs = [iri for iri in self.graphs if iri not in self.before]
        if new_graphs:
            values = " ".join(f"<{iri}>" for iri in new_graphs)
            rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
            gained += int(rows[0]["n"].value) if rows else 0
        for iri, before in self.before.items():
            gained += len(set(store.quads(iri)) - before)
        self.__init__(self.limit)
        return gained


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

