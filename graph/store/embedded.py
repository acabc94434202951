"""Embedded Oxigraph as a :class:`GraphStore`: on disk (the default) or in memory."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Mapping

from pyoxigraph import NamedNode, Quad, QuerySolutions

from diplomap.graph.store.base import GraphStore, StoreSpec, first_line
from diplomap.ontology.errors import QueryError, StoreError

_READ_BUFFER = 1 << 20


class _PiecesReader(io.RawIOBase):
    """A binary stream over an iterator of byte strings, for the bulk loader to read.

    An exception raised by the iterator is kept in ``error`` (the loader would turn it into a
    bare I/O error) and ends the stream.
    """

    def __init__(self, pieces):
        self._pieces = iter(pieces)
        self._current = memoryview(b"")
        self.error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._current:
            try:
                self._current = memoryview(next(self._pieces))
            except StopIteration:
                return 0
            except BaseException as exc:  # noqa: BLE001 - re-raised by the caller after the load
                self.error = exc
                return 0
        size = min(len(buffer), len(self._current))
        buffer[:size] = self._current[:size]
        self._current = self._current[size:]
        return size


def _is_new(location: str) -> bool:
    return not os.path.exists(location) or (os.path.isdir(location) and not os.listdir(location))


def _create(location: str) -> None:
    """Create an empty store in a temporary folder beside ``location`` and rename it into place.

    RocksDB writes a new store in several files; a kill in the middle once left one that never
    opened again ("Column family not found"). Renamed whole, ``location`` is either absent or
    a complete store.
    """
    import gc

    from pyoxigraph import Store

    location = os.path.abspath(location)
    parent = os.path.dirname(location)
    os.makedirs(parent, exist_ok=True)
    temporary = tempfile.mkdtemp(prefix=f".{os.path.basename(location)}.creating-", dir=parent)
    try:
        fresh = Store(temporary)
        fresh.flush()
        del fresh
        gc.collect()  # the store's lock goes with the object
        if os.path.isdir(location):
            os.rmdir(location)  # the empty folder it replaces
        os.rename(temporary, location)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


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
                if _is_new(spec.location):
                    _create(spec.location)
                self._store = Store(spec.location)
        except OSError as exc:
            reason = first_line(exc)
            if "lock" in reason.lower():
                reason = f"another process is using it (its lock is held) — {reason}"
            raise StoreError(f"cannot open {spec.describe()}: {reason}") from None

    @classmethod
    def wrap(cls, store, spec: StoreSpec | None = None) -> OxigraphStore:
        """A GraphStore over an already open ``pyoxigraph.Store`` (a query worker's view)."""
        wrapped = cls.__new__(cls)
        wrapped.spec = spec or StoreSpec("memory", read_only=True)
        wrapped._store = store
        return wrapped

    @property
    def oxigraph(self):
        """The underlying ``pyoxigraph.Store``, for code that streams (dump, bulk load)."""
        return self._store

    def _query(self, sparql: str, bindings: Mapping[str, object] | None):
        # VALUES, not pyoxigraph's substitutions: those demand the variable be projected,
        # and endpoints bind the same way, so every backend answers alike.
        if bindings:
            from diplomap.graph.store.bindings import with_values

            sparql = with_values(sparql, bindings)
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from None
        except OSError as exc:
            raise StoreError(f"query failed on {self.spec.describe()}: {first_line(exc)}") from None

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
            raise StoreError(f"update failed on {self.spec.describe()}: {first_line(exc)}") from None

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
            raise StoreError(f"write failed on {self.spec.describe()}: {first_line(exc)}") from None

    def bulk_add(self, quads):
        if self.spec.kind == "memory":
            self.add(quads)
            return
        # Oxigraph's bulk loader: 2-10x faster than a transaction on disk, but not atomic.
        try:
            self._store.bulk_extend(quads)
        except OSError as exc:
            raise StoreError(f"write failed on {self.spec.describe()}: {first_line(exc)}") from None

    def bulk_load_nquads(self, pieces):
        from pyoxigraph import RdfFormat

        stream = _PiecesReader(pieces)
        try:
            if self.spec.kind == "memory":
                self._store.load(io.BufferedReader(stream, _READ_BUFFER), format=RdfFormat.N_QUADS)
            else:
                # One streaming bulk load: the loader sorts and writes its own files, and the
                # bytes are never all in memory.
                self._store.bulk_load(io.BufferedReader(stream, _READ_BUFFER), format=RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as exc:
            if stream.error is not None:  # what went wrong while producing the quads
                raise stream.error from None
            raise StoreError(f"write failed on {self.spec.describe()}: {first_line(exc)}") from None
        if stream.error is not None:
            raise stream.error

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
