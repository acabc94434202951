"""The graph store: one interface, backends chosen by name.

Every command reads and writes through :class:`GraphStore`. Queries see the union of
all named graphs (reference data, entities, one graph per document).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad, QuerySolutions, Variable

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
            raise StoreError(f"cannot open {spec.describe()}: {_first_line(exc)}") from None

    @property
    def oxigraph(self):
        """The underlying ``pyoxigraph.Store``, for code that streams (dump, bulk load)."""
        return self._store

    def _query(self, sparql: str, bindings: Mapping[str, object] | None):
        substitutions = {Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(sparql, use_default_graph_as_union=True,
                                     substitutions=substitutions or None)
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
        # One SPARQL update is one Oxigraph transaction: no reader ever sees half a graph.
        node = NamedNode(graph)
        body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
        self.update(f"DROP SILENT GRAPH {node} ;\nINSERT DATA {{ GRAPH {node} {{\n{body} }} }}")

    def add(self, quads):
        try:
            self._store.extend(quads)
        except OSError as exc:
            raise StoreError(f"write failed on {self.spec.describe()}: {_first_line(exc)}") from None

    def drop_graph(self, graph):
        self.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def graph_names(self):
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))

    def close(self):
        if self.spec.kind != "memory":
            try:
                self._store.flush()
            except OSError:
                pass
        del self._store


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


BACKENDS = {"oxigraph": OxigraphStore, "memory": OxigraphStore}


def open_store(spec: StoreSpec | None = None) -> GraphStore:
    """Open the store a spec names (the default: embedded Oxigraph at ./diplomap-store)."""
    spec = spec or StoreSpec.default()
    try:
        backend = BACKENDS[spec.kind]
    except KeyError:
        raise StoreError(f"unknown store kind {spec.kind!r}; known: {', '.join(BACKENDS)}") from None
    return backend(spec)
