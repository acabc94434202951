"""A remote SPARQL 1.1 server as a :class:`GraphStore` (Oxigraph server, Virtuoso, any other).

Reads use the SPARQL 1.1 Protocol (POST, JSON results, N-Triples for CONSTRUCT) and come
back as pyoxigraph terms, like the embedded store's. Writes use the Graph Store Protocol
(one PUT per document graph: atomic, and fast on Virtuoso) where the server's store URL is
known, else SPARQL 1.1 Update. Bulk loads of new documents (``bulk_load_nquads``) go to Oxigraph
server's bulk loader in one streamed request, or to Virtuoso's through isql
(``virtuoso_loader``) when the spec names its SQL port. Credentials come from the environment only.

Bindings are never pasted as text: each bound term is serialised in its N-Triples form by
pyoxigraph and injected as a ``VALUES`` block at the start of the query's WHERE clause.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable

import httpx
from pyoxigraph import (
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from diplomap.graph.store.base import GraphStore, StoreSpec
from diplomap.graph.store.bindings import with_values
from diplomap.ontology.errors import QueryError, StoreError

USER_ENV = "DIPLOMAP_ENDPOINT_USER"
PASSWORD_ENV = "DIPLOMAP_ENDPOINT_PASSWORD"
TIMEOUT_S = 120.0
LOADER_MIN_QUADS = 2_000  # fewer go over HTTP: isql and a checkpoint cost about a second
BULK_TIMEOUT_S = 3600.0  # the answer to a bulk load comes when all of it is loaded
# Virtuoso's SPARQL compiler runs out of memory on a few thousand triples in one INSERT DATA.
UPDATE_CHUNK = 500
STAGING_GRAPH = "https://w3id.org/diplomap/graph/staging"

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_NQUADS = "application/n-quads"
_NOT_LABEL = re.compile(r"[^A-Za-z0-9_]")
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|(?i:PREFIX)\s+[^\s:]*:\s*<[^>]*>|(?i:BASE)\s*<[^>]*>)*")


def derived_urls(query_url: str, update_url: str | None) -> tuple[str | None, str | None]:
    """(update URL, Graph Store Protocol URL) for a query URL, from the servers we know.

    Oxigraph server: ``/query`` -> ``/update``, ``/store``. Virtuoso: ``/sparql`` ->
    ``/sparql-auth``, ``/sparql-graph-crud-auth`` (the authenticated endpoints accept writes).
    An explicit update URL wins; with one, the store URL is derived only when it matches.
    """
    stem, _, last = query_url.rstrip("/").rpartition("/")
    known = {"query": ("update", "store"), "sparql": ("sparql-auth", "sparql-graph-crud-auth")}
    if last in known:
        update_name, store_name = known[last]
        derived_update = f"{stem}/{update_name}"
        if update_url is None or update_url.rstrip("/") == derived_update:
            return derived_update, f"{stem}/{store_name}"
    return update_url, None


class _NegotiatedAuth(httpx.Auth):
    """Basic or Digest, whichever the server asks for in its 401 challenge (Virtuoso: Digest)."""

    requires_request_body = True

    def __init__(self, user: str, password: str):
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request):
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        self._chosen = self._digest if challenge.startswith("digest") else self._basic
        yield from self._chosen.auth_flow(request)


class EndpointStore(GraphStore):
    """A SPARQL 1.1 server reached over HTTP."""

    def __init__(self, spec: StoreSpec, loader=None):
        r"""``loader``: a bulk loader of the server's own (``virtuoso_loader``), with a
        ``load(pieces)`` method, for ``bulk_load_nquads`` and large ``add`` calls."""
        if not spec.location or not re.match(r"^https?://", spec.location):
            raise StoreError(f"endpoint must be an http(s) URL, not {spec.location!r}")
        self.spec = spec
        self.query_url = spec.location
        self.update_url, self.store_url = derived_urls(spec.location, spec.update_location)
        # Oxigraph server answers over the default graph only unless asked for the union.
        self._query_params = {"union-default-graph": ""} if self.query_url.rstrip("/").endswith("/query") else {}
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        auth = _NegotiatedAuth(user, password or "") if user else None
        self._client = httpx.Client(auth=auth, timeout=TIMEOUT_S)
        self._loader = loader

    # -- HTTP --------------------------------------------------------------------------

    def _post(self, url: str, what: str, **kwargs) -> httpx.Response:
        return self._send("POST", url, what, **kwargs)

    def _send(self, method: str, url: str, what: str, **kwargs) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise StoreError(f"endpoint {url} did not answer within {TIMEOUT_S:.0f} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach endpoint {url}: {_first_line(exc)}") from None
        if response.status_code in (401, 403):
            hint = (f"check ${USER_ENV} / ${PASSWORD_ENV}" if os.environ.get(USER_ENV)
                    else f"set ${USER_ENV} and ${PASSWORD_ENV}")
            raise StoreError(f"endpoint {url} refused the {what} (HTTP {response.status_code}): {hint}")
        if response.status_code == 400 and what.startswith("query"):
            raise QueryError(f"endpoint rejected the query: {_first_line(response.text)}")
        if response.status_code >= 400:
            raise StoreError(f"endpoint {url} failed the {what} (HTTP {response.status_code}): "
                             f"{_first_line(response.text)}")
        return response

    # -- reads -------------------------------------------------------------------------

    def _query(self, sparql: str, bindings, accept: str) -> httpx.Response:
        text = with_values(sparql, bindings) if bindings else sparql
        return self._post(self.query_url, "query", params=self._query_params,
                          data={"query": text}, headers={"Accept": accept})

    def _results(self, sparql, bindings):
        return self._parse(self._query(sparql, bindings, _RESULTS_JSON))

    def _parse(self, response: httpx.Response):
        content = response.content
        if b'"bnode"' in content:
            content = _safe_blank_nodes(content)
        try:
            return parse_query_results(content, format=QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise StoreError(f"endpoint sent unreadable results: {_first_line(exc)}") from None

    def select(self, sparql, bindings=None):
        text = with_values(sparql, bindings) if bindings else sparql
        response = self._query(text, None, _RESULTS_JSON)
        cut_at = response.headers.get("x-sparql-maxrows")
        if cut_at:
            # Virtuoso silently cuts results at ResultSetMaxRows and says so in this header:
            # fetch page by page instead (unsorted: Virtuoso sorts at most 10,000 rows).
            return self._select_paged(text, int(cut_at))
        return self._rows(self._parse(response))

    def _select_paged(self, sparql: str, page: int) -> list[dict]:
        prologue_end = _PROLOGUE.match(sparql).end()
        prologue, body = sparql[:prologue_end], sparql[prologue_end:]
        rows: list[dict] = []
        while True:
            paged = f"{prologue}SELECT * WHERE {{ {{ {body} }} }} LIMIT {page} OFFSET {len(rows)}"
            chunk = self._rows(self._results(paged, None))
            rows.extend(chunk)
            if len(chunk) < page:
                return rows

    def _rows(self, results) -> list[dict]:
        if isinstance(results, QueryBoolean):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in results.variables]
        rows = []
        try:
            for solution in results:
                rows.append({name: solution[name] for name in names if solution[name] is not None})
        except SyntaxError as exc:
            raise StoreError(f"endpoint sent unreadable results: {_first_line(exc)}") from None
        return rows

    def ask(self, sparql, bindings=None):
        result = self._results(sparql, bindings)  # Virtuoso answers ASK only in JSON, not XML
        if not isinstance(result, QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, sparql, bindings=None):
        # N-Triples, not Turtle: Virtuoso's Turtle drops the datatype of decimals.
        response = self._query(sparql, bindings, _NTRIPLES)
        try:
            return list(parse(response.content, format=RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"endpoint sent unreadable triples: {_first_line(exc)}") from None

    def graph_names(self):
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows if isinstance(r["g"], NamedNode))

    # -- writes ------------------------------------------------------------------------

    def _require_update_url(self) -> str:
        if not self.update_url:
            raise StoreError(f"cannot write to {self.query_url}: give --update-endpoint")
        return self.update_url

    def update(self, sparql):
        url = self._require_update_url()
        self._post(url, "update", content=sparql.encode("utf-8"),
                   headers={"Content-Type": "application/sparql-update"})

    def add(self, quads):
        quads = list(quads)
        if self._loader is not None and len(quads) > LOADER_MIN_QUADS:
            self._loader.load([serialize(quads, format=RdfFormat.N_QUADS)])
            return
        if self.store_url and self.store_url.endswith("/store") and quads:
            # Oxigraph server: all graphs in one request, one transaction.
            self._send("POST", self.store_url, "write", content=serialize(quads, format=RdfFormat.N_QUADS),
                       headers={"Content-Type": _NQUADS})
            return
        by_graph: dict[str, list[Quad]] = {}
        for q in quads:
            if not isinstance(q.graph_name, NamedNode):
                raise StoreError("endpoint writes go to named graphs only")
            by_graph.setdefault(q.graph_name.value, []).append(q)
        for graph, graph_quads in by_graph.items():
            if self.store_url:
                self._graph_store("POST", graph, graph_quads)
            else:
                for start in range(0, len(graph_quads), UPDATE_CHUNK):
                    self.update(_insert_data(graph, graph_quads[start:start + UPDATE_CHUNK]))

    def bulk_load_nquads(self, pieces):
        if self._loader is not None:
            self._loader.load(pieces)
        elif self.store_url and self.store_url.endswith("/store"):
            # Oxigraph server: one streamed request, which its bulk loader reads (not atomic).
            self._send("POST", self.store_url, "bulk load", params={"no_transaction": ""},
                       content=iter(pieces), headers={"Content-Type": _NQUADS},
                       timeout=httpx.Timeout(TIMEOUT_S, read=BULK_TIMEOUT_S))
        else:
            super().bulk_load_nquads(pieces)

    def replace_graph(self, graph, quads):
        quads = list(quads)
        if self.store_url:
            self._graph_store("PUT", graph, quads)  # one request: the server swaps the graph
        elif len(quads) <= UPDATE_CHUNK:
            self.update(f"DROP SILENT GRAPH {NamedNode(graph)} ;\n{_insert_data(graph, quads)}")
        else:
            # Too big for one request: fill a staging graph, then MOVE it over in one operation.
            self.update(f"DROP SILENT GRAPH <{STAGING_GRAPH}>")
            for start in range(0, len(quads), UPDATE_CHUNK):
                self.update(_insert_data(STAGING_GRAPH, quads[start:start + UPDATE_CHUNK]))
            self.update(f"MOVE SILENT <{STAGING_GRAPH}> TO {NamedNode(graph)}")

    def drop_graph(self, graph):
        self.update(f"DROP SILENT GRAPH {NamedNode(graph)}")

    def _graph_store(self, method: str, graph: str, quads: list[Quad]) -> None:
        # Virtuoso names the parameter graph-uri, the protocol (and Oxigraph) names it graph.
        param = "graph-uri" if self.store_url.endswith("/sparql-graph-crud-auth") else "graph"
        body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads)
        self._send(method, self.store_url, "write", params={param: graph},
                   content=body.encode("utf-8"), headers={"Content-Type": _NTRIPLES})

    def close(self):
        self._client.close()


def _safe_blank_nodes(content: bytes) -> bytes:
    """Virtuoso names blank nodes ``nodeID://b10001``, which is no valid blank node label."""
    data = json.loads(content)
    for row in data.get("results", {}).get("bindings", []):
        for value in row.values():
            if value.get("type") == "bnode":
                value["value"] = _NOT_LABEL.sub("_", value["value"])
    return json.dumps(data).encode("utf-8")


def _insert_data(graph: str, quads: Iterable[Quad]) -> str:
    body = " .\n".join(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    return f"INSERT DATA {{ GRAPH {NamedNode(graph)} {{\n{body}\n}} }}"


def _first_line(value) -> str:
    text = str(value).strip()
    return text.splitlines()[0][:300] if text else value.__class__.__name__
