"""The query worker process: opens its own view of the store and answers jobs over a pipe.

See ``pool`` for why user queries run here. A job is a user query (:class:`Job`: read by the
guard's parser, then run) or a page's store work (:class:`Call`); the parent kills the
process when the time limit passes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection


@dataclass(frozen=True)
class Job:
    """A user query. The worker reads it with the guard's parser (SERVICE, updates and deep
    nesting are refused there, inside the time limit) and negotiates ``accept`` for its form."""

    query: str
    accept: str | None  # the request's Accept header
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    # (prefix, namespace) pairs a query may use undeclared, as on the CLI (and as Wikidata's
    # query service predeclares wd:, wdt: ...)
    prefixes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Call:
    """A page's work: ``function`` (``module:name``) called with the worker's store first."""

    function: str
    args: tuple = ()


@dataclass(frozen=True)
class CallResult:
    value: object = None
    error: str | None = None  # the message of a DiplomapError raised by the call
    error_kind: str | None = None  # its class name


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False


def _open_worker_store(conn, location: str | None):
    from pyoxigraph import RdfFormat, Store

    if location is not None:
        return Store.read_only(location)
    store = Store()
    dump = conn.recv_bytes()
    if dump:
        store.load(dump, format=RdfFormat.N_QUADS)
    return store


def _call(store, call: Call) -> CallResult:
    import importlib

    from diplomap.graph.store.embedded import OxigraphStore
    from diplomap.ontology.errors import DiplomapError

    module, _, name = call.function.partition(":")
    function = getattr(importlib.import_module(module), name)
    try:
        return CallResult(function(OxigraphStore.wrap(store), *call.args))
    except DiplomapError as exc:
        return CallResult(error=str(exc), error_kind=exc.__class__.__name__)


def _run(store, job: Job | Call) -> Answer | CallResult:
    from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions

    from diplomap.graph.query.execute import parse_error_message
    from diplomap.graph.query.guard import RefusedQuery, check_query, parses_as_update
    from diplomap.graph.serve.formats import (
        GRAPH_TYPES,
        RESULT_TYPES,
        negotiate_graph,
        negotiate_results,
        write_boolean,
        write_graph,
        write_rows,
    )

    if isinstance(job, Call):
        return _call(store, job)
    try:
        shape = check_query(job.query)
    except RefusedQuery as exc:
        if exc.status == 400 and parses_as_update(job.query):
            return Answer(403, "text/plain", b"this is an update: send it as 'update' with POST (updates "
                                             b"need --allow-update and a token)")
        # one line for HTTP answers: the parser's position, without the source line and caret
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "query refused"
        return Answer(exc.status, "text/plain", first.encode())
    media_type = negotiate_graph(job.accept) if shape.returns_graph else negotiate_results(job.accept)
    if media_type is None:
        offered = sorted(set((GRAPH_TYPES if shape.returns_graph else RESULT_TYPES).values()))
        return Answer(406, "text/plain", f"cannot answer in {job.accept}; this query can be answered as: "
                                         f"{', '.join(offered)}".encode())

    options = {"use_default_graph_as_union": not job.default_graphs}
    if job.prefixes:
        options["prefixes"] = dict(job.prefixes)
    if job.default_graphs:
        options["default_graph"] = [NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(shape.text, **options)
        if isinstance(result, QueryBoolean):
            return Answer(200, media_type, write_boolean(result, media_type))
        truncated = False
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) == job.max_rows:
                    truncated = True
                    break
                rows.append([solution[name] for name in names])
            return Answer(200, media_type, write_rows(names, rows, media_type), truncated)
        triples = []
        for triple in result:
            if len(triples) == job.max_rows:
                truncated = True
                break
            triples.append(triple)
        return Answer(200, media_type, write_graph(triples, media_type), truncated)
    except SyntaxError as exc:
        return Answer(400, "text/plain", parse_error_message(exc, shape.text, one_line=True).encode())
    except KeyError as exc:  # a media type that does not fit the query form
        return Answer(406, "text/plain", f"no {exc} serialisation for this kind of query".encode())
    except (OSError, ValueError, RuntimeError) as exc:
        return Answer(400, "text/plain", f"query failed: {exc}".encode())


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the server dies, even mid-query."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere a worker ends when its pipe closes, after its current query


def _warm_up() -> None:
    """Import and prime what jobs need before saying ready, so that a job's time limit is
    spent on the job: the guard's SPARQL parser and the page modules (maps, entity pages)."""
    from diplomap.graph.maps import render  # noqa: F401
    from diplomap.graph.query.guard import analyse
    from diplomap.graph.serve import entity, formats, void  # noqa: F401

    analyse("ASK { ?s ?p ?o FILTER EXISTS { ?s ?p ?o } }")


def worker_main(conn, location: str | None) -> None:
    """Entry point of a worker process: open the store, then answer jobs until the pipe closes."""
    _die_with_parent()
    try:
        store = _open_worker_store(conn, location)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which refuses to start
        conn.send(("failed", str(exc)))
        return
    _warm_up()
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_run(store, job))



if __name__ == "__main__":
    # Run the imported module's function, so that pickled answers name diplomap.graph.serve.worker.
    from diplomap.graph.serve import worker

    worker.worker_main(Connection(int(sys.argv[1])), sys.argv[2] or None)
