"""The graph store: one interface, backends chosen by name.

Every command reads and writes through :class:`GraphStore`. Queries see the union of
all named graphs (reference data, entities, one graph per document).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad, QuerySolutions

from diplomap.ontology.errors import QueryError, StoreError

DEFAULT_STORE_DIR = "diplomap-store"
STORE_ENV = "DIPLOMAP_STORE"


@dataclass(frozen=True)
class StoreSpec:
    """Which store to open: ``kind`` is ``oxigraph`` (on disk), ``memory`` or ``endpoint``."""

    kind: str = "oxigraph"
    location: str | None = None  # directory for oxigraph, query URL for endpoint
    update_location: str | None = None
    read_only: bool = False

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


class OxigraphStore(GraphStore):
    """Embedded Oxigraph: on disk (default) or in memory."""

    def __init__(self, spec: StoreSpec):
        from pyoxigraph import Store

        self.spec = spec
        try:
            if spec.kind == "memory":
                self._store = Store()
            elif spec.read_only:
                self._store = Store.read_only(spec.location)
            else:
                os.makedirs(spec.location, exist_ok=True)
                self._store = Store(spec.location)
        except OSError as exc:
            reason = _first_line(exc)
            if "lock" in reason.lower():
                reason = f"another process is using it (its lock is held) — {reason}"
            raise StoreError(f"cannot open {spec.describe()}: {reason}") from None

    @property
    def oxigraph(self):
        """The underlying ``pyoxigraph.Store``, for code that streams (dump, bulk load)."""
        return self._store

    def _query(self, sparql: str, bindings: Mapping[str, object] | None):
        # VALUES, not pyoxigraph's substitutions: those demand the variable be projected,
        # and endpoints bind the same way, so every backend answers alike.
        if bindings:
            from diplomap.graph.bindings import with_values

            sparql = with_values(sparql, bindings)
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except OSError as exc:
            raise StoreError(f"query failed on {self.spec.describe()}: {_first_line(exc)}") from None

    def select(self, sparql, bindings=None):
        result = self._query(sparql, bindings)
        if not isinstance(result, QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        rows = []
        for solution in result:
            row = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = value
            rows.append(row)
        return rows

    def ask(self, sparql, bindings=None):
        return bool(self._query(sparql, bindings))

    def construct(self, sparql, bindings=None):
        return list(self._query(sparql, bindings))

    def update(self, sparql):
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL update: {exc}") from None
        except OSError as exc:
            raise StoreError(f"update failed on {self.spec.describe()}: {_first_line(exc)}") from None

    def replace_graph(self, graph, quads):
        self.replace_graphs({graph: list(quads)})

    def replace_graphs(self, graphs, extra=()):
        nodes = [NamedNode(g) for g in graphs]
        quads = [Quad(q.subject, q.predicate, q.object, node)
                 for node, graph_quads in zip(nodes, graphs.values(), strict=True) for q in graph_quads]
        quads.extend(extra)
        if not any(self._store.contains_named_graph(node) for node in nodes):
            # Nothing to drop: one ``extend`` is one transaction, and faster than parsing SPARQL.
            self.add(quads)
            return
        # One SPARQL update is one Oxigraph transaction: no reader ever sees half a graph.
        drops = "".join(f"DROP SILENT GRAPH {node} ;\n" for node in nodes)
        body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
        self.update(f"{drops}INSERT DATA {{\n{body}\n}}")

    def quads(self, graph=None):
        if graph is None:
            return [q for q in self._store.quads_for_pattern(None, None, None, None)
                    if isinstance(q.graph_name, NamedNode)]
        return list(self._store.quads_for_pattern(None, None, None, NamedNode(graph)))

    def add(self, quads):
        try:
            self._store.extend(quads)
        except OSError as exc:
            raise StoreError(f"write failed on {self.spec.describe()}: {_first_line(exc)}") from None

    def bulk_add(self, quads):
        if self.spec.kind == "memory":
            self.add(quads)
            return
        # Oxigraph's bulk loader: 2-10x faster than a transaction on disk, but not atomic.
        try:
            self._store.bulk_extend(quads)
        except OSError as exc:
            raise StoreError(f"write failed on {self.spec.describe()}: {_first_line(exc)}") from None

    def drop_graph(self, graph):
        self.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def graph_names(self):
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def close(self):
        if self.spec.kind != "memory" and not self.spec.read_only:  # a read-only store cannot flush
            try:
                self._store.flush()
            except (OSError, RuntimeError):  # a read-only store refuses to flush
                pass
        del self._store


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def _endpoint_store(spec: StoreSpec) -> GraphStore:
    # Imported here: httpx is only needed by those who use an endpoint.
    from diplomap.graph.store_endpoint import EndpointStore

    return EndpointStore(spec)


BACKENDS = {"oxigraph": OxigraphStore, "memory": OxigraphStore, "endpoint": _endpoint_store}


def open_store(spec: StoreSpec | None = None) -> GraphStore:
    """Open the store a spec names (the default: embedded Oxigraph at ./diplomap-store)."""
    spec = spec or StoreSpec.default()
    try:
        backend = BACKENDS[spec.kind]
    except KeyError:
        raise StoreError(f"unknown store kind {spec.kind!r}; known: {', '.join(BACKENDS)}") from None
    return backend(spec)
