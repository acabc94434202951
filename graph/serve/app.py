"""The HTTP face of the graph: a SPARQL 1.1 Protocol endpoint plus linked-data pages.

``create_app`` returns a Starlette app; ``diplomap serve`` runs it under uvicorn. User queries
never run in the server process: they go to a pool of worker processes that the server kills
when a query passes the time limit (see ``pool``). Pages run their own fixed,
entity-bounded queries in a thread of the server process.
"""

from __future__ import annotations

import contextlib
import hmac
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from diplomap.graph.query.execute import predeclared
from diplomap.graph.query.guard import MAX_QUERY_BYTES, RefusedQuery, check_query, check_size
from diplomap.graph.serve import pages as serve_pages
from diplomap.graph.serve.guarded import in_worker, problem
from diplomap.graph.serve.pool import Job, QueryPool
from diplomap.graph.store.base import GraphStore
from diplomap.graph.store.embedded import OxigraphStore
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.ontology.errors import QueryError, StoreError
from diplomap.ontology.iris import DEFAULT_BASE

TOKEN_ENV = "DIPLOMAP_SERVE_TOKEN"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
# A form-encoded query is longer than the query itself (percent-encoding): allow for it here
# and apply the 100 KB limit to the decoded text.
MAX_BODY_BYTES = 3 * MAX_QUERY_BYTES
FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


@dataclass
class ServeState:
    """What the handlers share: the store, the worker pool and the limits."""

    store: GraphStore
    pool: QueryPool
    base: str
    timeout: float
    max_rows: int
    allow_update: bool
    token: str | None
    owns_store: bool
    results: ResultCache
    void_cache: dict = field(default_factory=dict)


class ResultCache:
    """Answers of recent queries, while the data they were computed on is unchanged.

    The store behind a server changes only through its own updates, which bump the pool's
    generation; an answer is keyed by that generation, so it is never served stale. Only small
    answers are kept, a bounded number of them.
    """

    MAX_BODY = 1 << 20

    def __init__(self, size: int):
        self.size = size
        self._answers: OrderedDict[tuple, object] = OrderedDict()

    def get(self, key: tuple):
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def put(self, key: tuple, answer) -> None:
        if self.size <= 0 or answer.status != 200 or len(answer.body) > self.MAX_BODY:
            return
        self._answers[key] = answer
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)


def default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


def _open(store_or_spec: GraphStore | StoreSpec, allow_update: bool) -> tuple[GraphStore, bool]:
    if isinstance(store_or_spec, GraphStore):
        return store_or_spec, False
    spec = store_or_spec
    if spec.kind == "endpoint":
        raise StoreError("serve needs an embedded Oxigraph store (--store DIR or --memory), not an endpoint")
    if spec.kind == "oxigraph":
        if not spec.location or not os.path.isdir(spec.location):
            raise StoreError(f"no store at {spec.location}; build one first")
        spec = StoreSpec("oxigraph", spec.location, read_only=not allow_update)
    return open_store(spec), True


def _pool_for(store: GraphStore, workers: int) -> QueryPool:
    if not isinstance(store, OxigraphStore):
        raise StoreError("serve needs an embedded Oxigraph store")
    if store.spec.kind == "oxigraph":
        return QueryPool(workers, location=os.path.abspath(store.spec.location))
    from pyoxigraph import RdfFormat

    return QueryPool(workers, dump_source=lambda: store.oxigraph.dump(format=RdfFormat.N_QUADS))


def create_app(store: GraphStore | StoreSpec, *, allow_update: bool = False, token: str | None = None,
               timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
               cors_origins: tuple[str, ...] | list[str] = (), base: str = DEFAULT_BASE,
               workers: int | None = None, cache_size: int = 256) -> Starlette:
    """The app over ``store`` (an open store, or a spec the app opens and closes itself)."""
    if allow_update and not token:
        raise StoreError(f"--allow-update needs a token: set ${TOKEN_ENV}")
    if timeout <= 0 or max_rows <= 0:
        raise ValueError("timeout and max_rows must be positive")
    graph_store, owns = _open(store, allow_update)
    state = ServeState(graph_store, _pool_for(graph_store, workers or default_workers()), base,
                       timeout, max_rows, allow_update, token, owns, ResultCache(cache_size))

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await state.pool.start()
        try:
            yield
        finally:
            state.pool.close()
            if state.owns_store:
                # GraphStore.close flushes, which a read-only Oxigraph refuses with RuntimeError.
                with contextlib.suppress(RuntimeError):
                    state.store.close()

    middleware = [Middleware(SecurityHeaders), Middleware(RejectDotSegments)]
    if cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(cors_origins),
                                     allow_methods=["GET", "POST", "OPTIONS"],
                                     allow_headers=["Accept", "Content-Type", "Authorization"]))
    routes = [Route("/sparql", sparql_endpoint, methods=["GET", "POST"]), *serve_pages.ROUTES]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.diplomap = state
    return app


DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


class SecurityHeaders:
    """``X-Content-Type-Options: nosniff`` on every response, and a CSP on every response that
    has none of its own (text/plain errors reflect the request: never let a browser run them)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"x-content-type-options"]
                headers.append((b"x-content-type-options", b"nosniff"))
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", DEFAULT_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


class RejectDotSegments:
    """404 for any path with a ``.`` or ``..`` segment, however it was encoded."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            raw = scope.get("raw_path") or b""
            segments = scope["path"].split("/") + raw.decode("latin-1").lower().split("/")
            if any(s in (".", "..", "%2e", "%2e%2e", ".%2e", "%2e.") for s in segments) or "\\" in scope["path"]:
                await PlainTextResponse("not found", 404)(scope, receive, send)
                return
        await self.app(scope, receive, send)


# --- the SPARQL 1.1 Protocol -----------------------------------------------------------------


@dataclass
class Operation:
    query: str | None
    update: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise RefusedQuery(f"request body larger than {MAX_BODY_BYTES // 1024} KB", 413)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            raise RefusedQuery(f"request body larger than {MAX_BODY_BYTES // 1024} KB", 413)
    return bytes(body)


def _single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise RefusedQuery(f"more than one '{name}' parameter", 400)
    return values[0] if values else None


async def read_operation(request: Request) -> Operation:
    """The query or update of a request, in any of the protocol's three ways of sending it."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await _read_body(request)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise RefusedQuery("request body is not UTF-8", 400) from None
        if content_type == FORM_TYPE:
            for name, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif content_type == QUERY_TYPE:
            params.setdefault("query", []).append(text)
        elif content_type == UPDATE_TYPE:
            params.setdefault("update", []).append(text)
        else:
            raise RefusedQuery(f"POST needs Content-Type {FORM_TYPE}, {QUERY_TYPE} or {UPDATE_TYPE}", 415)
    query, update = _single(params, "query"), _single(params, "update")
    if query is not None and update is not None:
        raise RefusedQuery("send either 'query' or 'update', not both", 400)
    if update is not None and request.method != "POST":
        raise RefusedQuery("updates must be sent with POST", 400)
    return Operation(query, update, tuple(params.get("default-graph-uri", [])),
                     tuple(params.get("named-graph-uri", [])))


async def sparql_endpoint(request: Request) -> Response:
    state: ServeState = request.app.state.diplomap
    try:
        operation = await read_operation(request)
        if operation.update is not None:
            return await _run_update(state, request, operation.update)
        if operation.query is None:
            return problem(400, "missing 'query' parameter; the query page is at /")
        # Only the size is checked here; what the query is (SERVICE, update, nesting) is
        # decided by a parser in the worker, under the time limit (see query.guard).
        check_size(operation.query)
    except RefusedQuery as exc:
        return problem(exc.status, str(exc))
    job = Job(operation.query, request.headers.get("accept"), state.max_rows,
              operation.default_graphs, operation.named_graphs, predeclared(state.base))
    key = (state.pool.generation, job)
    answer = state.results.get(key)
    if answer is None:
        answer = await in_worker(request, job)
        if isinstance(answer, Response):
            return answer
        state.results.put(key, answer)
    if answer.status != 200:
        return problem(answer.status, answer.body.decode("utf-8", "replace"))
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-SPARQL-MaxRows"] = str(state.max_rows)
    return Response(answer.body, 200, headers=headers, media_type=_with_charset(answer.media_type))


def _with_charset(media_type: str) -> str:
    return media_type + "; charset=utf-8" if media_type.startswith("text/") else media_type


def _bearer_matches(request: Request, token: str | None) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if not token or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


async def _run_update(state: ServeState, request: Request, update: str) -> Response:
    if not state.allow_update:
        return problem(403, "this endpoint is read-only: updates are refused")
    if not _bearer_matches(request, state.token):
        return problem(403, "updates need 'Authorization: Bearer <token>' with the server's token")
    try:
        check_query(update, update=True)
    except RefusedQuery as exc:
        try:
            check_query(update, allow_service=True)
        except RefusedQuery:
            return problem(exc.status, str(exc))
        return problem(400, "this is a query, not an update: send it as 'query'")
    try:
        # Token holders are trusted: an update runs in the server process and is not killed.
        await run_in_threadpool(state.store.update, update)
    except QueryError as exc:
        return problem(400, str(exc))
    except StoreError as exc:
        return problem(500, str(exc))
    if isinstance(state.store, OxigraphStore) and state.store.spec.kind == "oxigraph":
        await run_in_threadpool(state.store.oxigraph.flush)
    state.pool.recycle()  # workers hold read-only views or copies taken before the update
    return Response(status_code=204)
