"""The graph store's interface: what every backend offers, and the spec that names a store.

Every command reads and writes through :class:`GraphStore`. Queries see the union of
all named graphs (reference data, entities, one graph per document). Backends
(``embedded``, ``endpoint``) implement it; ``registry`` opens one by name.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad

DEFAULT_STORE_DIR = "diplomap-store"
STORE_ENV = "DIPLOMAP_STORE"
BULK_BATCH = 50_000


@dataclass(frozen=True)
class StoreSpec:
    """Which store to open: ``kind`` is ``oxigraph`` (on disk), ``memory`` or ``endpoint``."""

    kind: str = "oxigraph"
    location: str | None = None  # directory for oxigraph, query URL for endpoint
    update_location: str | None = None
    read_only: bool = False
    # Virtuoso's bulk loader for an endpoint: (isql host:port, a directory the server reads).
    virtuoso_loader: tuple[str, str] | None = None

    @classmethod
    def default(cls) -> StoreSpec:
        return cls("oxigraph", os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR)

    def describe(self) -> str:
        if self.kind == "memory":
            return "in-memory store"
        return f"{self.kind} store at {self.location}"


class GraphStore(ABC):
    """What every backend offers. Terms are pyoxigraph terms."""

    spec: StoreSpec

    @abstractmethod
    def select(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list[dict]:
        """Rows of a SELECT as ``{variable name: term}``; unbound variables are left out."""

    @abstractmethod
    def ask(self, sparql: str, bindings: Mapping[str, object] | None = None) -> bool: ...

    @abstractmethod
    def construct(self, sparql: str, bindings: Mapping[str, object] | None = None) -> list: ...

    @abstractmethod
    def update(self, sparql: str) -> None: ...

    @abstractmethod
    def replace_graph(self, graph: str, quads: Iterable[Quad]) -> None:
        """Drop ``graph`` and write ``quads`` into it, in one transaction."""

    @abstractmethod
    def add(self, quads: Iterable[Quad]) -> None: ...

    @abstractmethod
    def drop_graph(self, graph: str) -> None: ...

    @abstractmethod
    def graph_names(self) -> list[str]: ...

    def replace_graphs(self, graphs: Mapping[str, list[Quad]], extra: Iterable[Quad] = ()) -> None:
        """Replace several named graphs and add ``extra`` quads (e.g. new entity labels).

        Backends make this one transaction where they can. Where they cannot (remote
        endpoints), ``extra`` is written first and then each graph on its own, atomically:
        a document graph, which carries its content hash, is either whole or absent.
        """
        extra = list(extra)
        if extra:
            self.add(extra)
        for graph, quads in graphs.items():
            self.replace_graph(graph, quads)

    def bulk_add(self, quads: Iterable[Quad]) -> None:
        """Add many quads fast, possibly not atomically (callers write a commit marker after)."""
        self.add(quads)

    def bulk_load_nquads(self, pieces: Iterable[bytes]) -> None:
        """Load N-Quads (each piece whole lines) fast, possibly not atomically: callers write
        a commit marker after. This default adds them in batches of ``BULK_BATCH`` quads."""
        from pyoxigraph import RdfFormat, parse

        batch: list[Quad] = []
        for piece in pieces:
            batch.extend(parse(piece, format=RdfFormat.N_QUADS))
            if len(batch) >= BULK_BATCH:
                self.add(batch)
                batch = []
        if batch:
            self.add(batch)

    def quads(self, graph: str | None = None) -> list[Quad]:
        """Every quad in the named graphs (or in one of them), e.g. to compare dumps."""
        if graph is None:
            rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            return [Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        node = NamedNode(graph)
        rows = self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}")
        return [Quad(r["s"], r["p"], r["o"], node) for r in rows]

    def close(self) -> None:  # noqa: B027 - backends without resources need nothing
        pass

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def first_line(exc: BaseException) -> str:
    """The first line of an error's text, for one-line messages."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__
