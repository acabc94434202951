"""One document's extraction in the form the writer needs: N-Quads bytes, split by when they are
written.

Extraction runs in other processes (``--jobs``, Dask tasks), so what it hands back must travel
cheaply: pickling a document's ~200 pyoxigraph quads and unpickling them in the writer cost more
than extracting them (issue 16); the same quads as N-Quads bytes cost ~0.4 ms a document, and
the writer passes them to Oxigraph's bulk loader without ever making Python objects of them.

The document graph is split in two: the **marker** (the document's ``rdf:type dm:Document`` and
``dm:contentHash``), written in a transaction after the rest, the **body**, is in the store. A
document graph without its marker is the remains of a killed build (see ``pipeline``).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse, serialize

from diplomap.loaders.documents import Document
from diplomap.ontology.iris import DEFAULT_BASE
from diplomap.ontology.vocab import DM_NS, RDF_NS

log = logging.getLogger(__name__)

CONTENT_HASH = NamedNode(DM_NS + "contentHash")
EXTRACTOR_VERSION = NamedNode(DM_NS + "extractorVersion")
_TYPE = NamedNode(RDF_NS + "type")
_DOCUMENT = NamedNode(DM_NS + "Document")

Extractor = Callable[[Document, str], tuple[list[Quad], list[Quad]]]


def default_extractor(doc: Document, base: str) -> tuple[list[Quad], list[Quad]]:
    """The loaders' pipeline: (document graph quads, entity quads)."""
    from diplomap.loaders.pipeline import document_rdf

    return document_rdf(doc, base)


@dataclass(frozen=True)
class Extracted:
    """A document's extraction, serialized; ``error`` set (and no quads) when it failed."""

    iri: str
    where: str
    content_hash: str
    body: bytes = b""  # the document graph without its marker
    marker: bytes = b""  # rdf:type dm:Document and dm:contentHash: written last
    entities: bytes = b""  # types and labels for the shared entities graph
    quads: int = 0  # distinct quads of the document graph (body + marker)
    error: str | None = None

    def marker_quads(self) -> list[Quad]:
        return read_nquads(self.marker)

    def entity_quads(self) -> list[Quad]:
        return read_nquads(self.entities)

    def graph_quads(self) -> list[Quad]:
        return read_nquads(self.body) + read_nquads(self.marker)


def read_nquads(data: bytes) -> list[Quad]:
    return list(parse(data, format=RdfFormat.N_QUADS)) if data else []


def write_nquads(quads: Iterable[Quad]) -> bytes:
    return serialize(quads, format=RdfFormat.N_QUADS) or b""


def is_marker(quad: Quad, node: NamedNode) -> bool:
    return quad.subject == node and (quad.predicate == CONTENT_HASH
                                     or (quad.predicate == _TYPE and quad.object == _DOCUMENT))


def serialize_document(doc: Document, doc_quads: Iterable[Quad], entity_quads: Iterable[Quad],
                       base: str = DEFAULT_BASE, version: str | None = None) -> Extracted:
    """An extraction's quads as :class:`Extracted`: each quad once, all in the document's graph,
    with ``version`` recorded when the extractor did not record one itself."""
    iri = doc.iri(base)
    node = NamedNode(iri)
    unique = list(dict.fromkeys(q if q.graph_name == node else Quad(q.subject, q.predicate, q.object, node)
                                for q in doc_quads))
    if version and not any(q.predicate == EXTRACTOR_VERSION for q in unique):
        # the loaders' emitter records its own version; another extractor's is added here
        unique.append(Quad(node, EXTRACTOR_VERSION, Literal(version), node))
    marker = [q for q in unique if is_marker(q, node)]
    body = [q for q in unique if not is_marker(q, node)]
    return Extracted(iri, doc.where, doc.content_hash, write_nquads(body), write_nquads(marker),
                     write_nquads(dict.fromkeys(entity_quads)), len(unique))


def extract_one(doc: Document, base: str = DEFAULT_BASE, extractor: Extractor = default_extractor,
                version: str | None = None) -> Extracted:
    """Extract and serialize one document; a failure is reported in the result, never raised."""
    try:
        doc_quads, entity_quads = extractor(doc, base)
        return serialize_document(doc, doc_quads, entity_quads, base, version)
    except Exception as exc:  # one bad document must not stop the build; it is reported
        log.debug("extraction failed for %s", doc.where, exc_info=True)
        return Extracted(doc.iri(base), doc.where, doc.content_hash,
                         error=f"{doc.where}: extraction failed ({type(exc).__name__}: {exc})")


def extract_all(pending: Iterable[Document], base: str, jobs: int, extractor: Extractor,
                version: str | None, chunk_per_worker: int = 8) -> Iterator[Extracted]:
    """Extracted documents in input order, in ``jobs`` processes (one: this process)."""
    import multiprocessing

    work = functools.partial(extract_one, base=base, extractor=extractor, version=version)
    if jobs <= 1:
        yield from map(work, pending)
        return
    if extractor is default_extractor:
        warm_up()  # forked workers inherit the gazetteer matcher instead of each building it
    with multiprocessing.Pool(jobs) as pool:
        yield from pool.imap(work, pending, chunksize=chunk_per_worker)


def warm_up() -> None:
    from diplomap.loaders.pipeline import extract

    extract(Document.create("warm-up", "Bac Ninh province signed an agreement."))
