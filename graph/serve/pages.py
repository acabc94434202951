"""The pages of ``diplomap serve``: query page, entity pages, the map, VoID and static files.

Every value that comes from the store is passed through ``html.escape`` (or JSON with ``<``
escaped, inside a script block) before it reaches a page.
"""

from __future__ import annotations

import html
import json
import mimetypes
import re
from importlib import resources
from string import Template
from urllib.parse import quote, urlencode

from pyoxigraph import NamedNode
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from diplomap.graph.serve.entity import EntityView, Relation
from diplomap.graph.serve.formats import RDF_FORMATS, negotiate, write_graph
from diplomap.ontology.errors import DiplomapError

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'")
_STATIC_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
ENTITY_TYPES = {
    "text/html": "text/html",
    "application/xhtml+xml": "text/html",
    "text/turtle": "text/turtle",
    "application/ld+json": "application/ld+json",
    "application/n-triples": "application/n-triples",
    "application/rdf+xml": "application/rdf+xml",
    "application/json": "application/ld+json",
}
DEFAULT_QUERY = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dm: <https://w3id.org/diplomap/ontology#>
SELECT ?from ?relation ?to WHERE {
  ?st a dm:Partnership ; rdf:subject ?s ; rdf:predicate ?relation ; rdf:object ?o .
  ?s rdfs:label ?from . ?o rdfs:label ?to .
} LIMIT 100
"""


def _template(name: str) -> Template:
    return Template(resources.files("diplomap.graph.serve").joinpath("templates", name).read_text("utf-8"))


def e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def page(title: str, body: str, *, scripts: str = "", status: int = 200) -> HTMLResponse:
    text = _template("serve-page.html").substitute(title=e(title), head="", body=body, scripts=scripts)
    return HTMLResponse(text, status, headers={"Content-Security-Policy": PAGE_CSP, "Vary": "Accept"})


def script_json(value) -> str:
    """JSON safe inside a <script> block: no '<', '>' or '&' can end it early."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _state(request: Request):
    return request.app.state.diplomap


class PageError(DiplomapError):
    """A DiplomapError raised by a page's work in a query worker, carried back by name."""

    def __init__(self, message: str, kind: str | None):
        super().__init__(message)
        self.kind = kind


async def _in_worker(request: Request, function: str, *args):
    """A page's store work, run in a query worker under the endpoint's time limit (killed at
    the limit, or when the client leaves). Returns the value, or a Response when it did not
    finish; a DiplomapError of the work is raised again here as a PageError."""
    from diplomap.graph.serve.guarded import in_worker
    from diplomap.graph.serve.worker import Call

    result = await in_worker(request, Call(function, args))
    if isinstance(result, Response):
        return result
    if result.error is not None:
        raise PageError(result.error, result.error_kind)
    return result.value


# --- the query page --------------------------------------------------------------------------


def saved_query_examples() -> list[dict]:
    """``name``, ``title``, ``description``, ``params`` and ``text`` of each saved query."""
    from diplomap.graph.query.saved import saved_queries

    return [{"name": q.name, "title": q.title, "description": q.description,
             "params": [p.name for p in q.params], "text": q.text,
             "fields": [{"name": p.name, "kind": p.kind, "cls": p.cls, "description": p.description}
                        for p in q.params]}
            for q in sorted(saved_queries().values(), key=lambda q: q.name)]


def _prefix_list(base: str) -> str:
    from diplomap.graph.query.prefixes import prefixes

    return "\n".join(f"PREFIX {e(name)}: &lt;{e(namespace)}&gt;" for name, namespace in prefixes(base).items())


async def query_page(request: Request) -> Response:
    from diplomap.graph.query.prefixes import prefixes

    state = _state(request)
    body = _template("serve-query.html").substitute(
        timeout=e(f"{state.timeout:g}"), max_rows=e(state.max_rows), base=e(state.base),
        default_query=e(DEFAULT_QUERY), saved_json=script_json(saved_query_examples()),
        prefix_list=_prefix_list(state.base), prefixes_json=script_json(prefixes(state.base)))
    return page("Query", body, scripts='<script src="/static/serve-query.js"></script>')


# --- entity pages ----------------------------------------------------------------------------


def _link(state, iri: str, label: str | None = None) -> str:
    """A link to an IRI: this dataset's entities open their page on this server."""
    text = e(label or iri)
    if iri.startswith(state.base):
        return f'<a href="/id/{e(quote(iri[len(state.base):], safe="/-_.~"))}">{text}</a>'
    if iri.startswith(("http://", "https://")):
        return f'<a href="{e(iri)}" rel="noopener noreferrer">{text}</a>'
    return text


def _relation_item(state, rel: Relation) -> str:
    other = _link(state, rel.other, rel.other_label)
    edge = f"{e(rel.predicate)} → {other}" if rel.outgoing else f"{other} → {e(rel.predicate)} → this"
    qualifiers = ", ".join(f"{e(k)}: {e(v)}" for k, v in rel.qualifiers.items())
    parts = [f"<li><span class=\"edge\">{edge}</span>"]
    if qualifiers:
        parts.append(f' <span class="qualifiers">({qualifiers})</span>')
    if rel.evidence:
        parts.append(f'<blockquote class="evidence">{e(rel.evidence)}</blockquote>')
    if rel.document:
        source = _link(state, rel.document, rel.title or rel.document)
        extra = f", {e(rel.doc_date)}" if rel.doc_date else ""
        if rel.url and rel.url.startswith(("http://", "https://")):
            extra += f', <a href="{e(rel.url)}" rel="noopener noreferrer">original</a>'
        parts.append(f'<div class="source">Source: {source}{extra}</div>')
    parts.append("</li>")
    return "".join(parts)


def entity_body(state, view: EntityView) -> str:
    labels = ", ".join(f"{e(t)} <small>@{e(lang)}</small>" if lang else e(t) for t, lang in view.labels)
    alts = ", ".join(f"{e(t)} <small>@{e(lang)}</small>" if lang else e(t) for t, lang in view.alt_labels)
    facts = [("IRI", f"<code>{e(view.iri)}</code>"),
             ("Class", ", ".join(_link(state, c, c.rsplit("#", 1)[-1]) for c in view.classes)),
             ("Label", labels), ("Other names", alts),
             ("Identifiers", ", ".join(e(i) for i in view.identifiers)),
             ("Same as", ", ".join(_link(state, s) for s in view.same_as)),
             ("Mentioned in", ", ".join(_link(state, d, t) for d, t in view.mentioned_in))]
    facts += [(p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], _link(state, o, label) if o.startswith("http") else e(o))
              for p, o, label in view.other]
    dl = "".join(f"<dt>{e(name)}</dt><dd>{value}</dd>" for name, value in facts if value)
    relations = "".join(_relation_item(state, rel) for rel in view.relations)
    map_src = "/map?" + urlencode({"focus": view.iri, "depth": 1})
    return (f"<h1>{e(view.label)}</h1>\n<dl class=\"facts\">{dl}</dl>\n"
            f"<h2>Relations ({len(view.relations)})</h2>\n"
            f"<ul id=\"relations\">{relations or '<li>No stated relations.</li>'}</ul>\n"
            f"<h2>Neighbourhood</h2>\n<iframe class=\"map\" title=\"map\" src=\"{e(map_src)}\"></iframe>\n"
            f"<p class=\"note\">As RDF: request this address with Accept: text/turtle, "
            f"application/ld+json or application/n-triples.</p>")


async def entity_page(request: Request) -> Response:
    state = _state(request)
    iri = state.base + request.path_params["path"]
    try:
        NamedNode(iri)
    except ValueError:  # spaces, '<', '"' ...: no entity of ours has such an IRI
        return PlainTextResponse(f"not an entity IRI: {iri}\n", 404)
    chosen = negotiate(request.headers.get("accept"), list(ENTITY_TYPES))
    if chosen is None:
        return PlainTextResponse("cannot answer in the requested media type; offered: "
                                 + ", ".join(sorted(set(ENTITY_TYPES.values()))) + "\n", 406)
    media_type = ENTITY_TYPES[chosen]
    if media_type == "text/html":
        view = await _in_worker(request, "diplomap.graph.serve.entity:entity_view", iri)
        if isinstance(view, Response):
            return view
        if view is None:
            return page("Not found", f"<h1>Not found</h1><p>No entity <code>{e(iri)}</code> in this graph.</p>",
                        status=404)
        return page(view.label, entity_body(state, view))
    triples = await _in_worker(request, "diplomap.graph.serve.entity:entity_triples", iri)
    if isinstance(triples, Response):
        return triples
    if not triples:
        return PlainTextResponse(f"no entity {iri} in this graph\n", 404)
    body = write_graph(triples, media_type)
    return Response(body, 200, media_type=media_type, headers={"Vary": "Accept"})


# --- map, VoID and static files --------------------------------------------------------------


def _filters_from(params):
    from diplomap.graph.maps.projection import Filters

    def listed(name):
        return tuple(v.strip() for raw in params.getlist(name) for v in raw.split(",") if v.strip())

    try:
        depth = int(params.get("depth", 2))
        since = int(params["since"]) if params.get("since") else None
        confidence = float(params["min_confidence"]) if params.get("min_confidence") else None
    except ValueError as exc:
        raise DiplomapError(f"bad filter value: {exc}") from None
    if not 0 <= depth <= 6:
        raise DiplomapError("depth must be between 0 and 6")
    return Filters(focus=params.get("focus") or None, depth=depth, types=listed("types"),
                   predicates=listed("predicates"), statuses=listed("status"),
                   country=params.get("country") or None, since=since,
                   min_confidence=confidence).normalised()


async def map_page(request: Request) -> Response:
    return await _map_response(request, geo=False)


async def geo_page(request: Request) -> Response:
    return await _map_response(request, geo=True)


async def _map_response(request: Request, *, geo: bool) -> Response:
    query = request.url.query
    other = ("/map" if geo else "/geo") + (f"?{query}" if query else "")  # the companion page, same filters
    function = "linked_geo_html" if geo else "linked_network_html"
    try:
        filters = _filters_from(request.query_params)
        text = await _in_worker(request, f"diplomap.graph.maps.geo:{function}", filters, other)
        if isinstance(text, Response):
            return text
    except DiplomapError as exc:
        kind = exc.kind if isinstance(exc, PageError) else exc.__class__.__name__
        status = 404 if kind == "UnknownEntity" else 400
        name = "Geographic map" if geo else "Map"
        return page(name, f"<h1>{name}</h1><p class=\"error\">{e(exc)}</p>", status=status)
    # The map pages draw with inline scripts (they must work as stand-alone files), so they get
    # a CSP that allows them but still forbids every network request off this server.
    csp = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
           "img-src 'self' data:; font-src data:; connect-src 'none'; frame-ancestors 'self'")
    return HTMLResponse(text, headers={"Content-Security-Policy": csp})


VOID_TYPES = {"text/turtle": "text/turtle", "application/n-triples": "application/n-triples",
              "application/ld+json": "application/ld+json", "application/rdf+xml": "application/rdf+xml",
              "text/plain": "text/turtle", "text/html": "text/turtle"}


async def void_page(request: Request) -> Response:
    state = _state(request)
    chosen = negotiate(request.headers.get("accept"), list(VOID_TYPES))
    if chosen is None:
        return PlainTextResponse("cannot answer in the requested media type; offered: "
                                 + ", ".join(RDF_FORMATS) + "\n", 406)
    endpoint = str(request.url_for("sparql_endpoint"))
    # Counting the whole store is not free: keep the description until the data changes.
    key = (endpoint, state.pool.generation)
    if state.void_cache.get("key") != key:
        triples = await _in_worker(request, "diplomap.graph.serve.void:void_triples", state.base, endpoint)
        if isinstance(triples, Response):
            return triples
        state.void_cache.update(key=key, triples=triples)
    triples = state.void_cache["triples"]
    media_type = VOID_TYPES[chosen]
    return Response(write_graph(triples, media_type), media_type=media_type, headers={"Vary": "Accept"})


async def static_file(request: Request) -> Response:
    name = request.path_params["name"]
    if not _STATIC_NAME.match(name):
        return PlainTextResponse("not found\n", 404)
    entry = resources.files("diplomap.graph.serve").joinpath("static", name)
    if not entry.is_file():
        return PlainTextResponse("not found\n", 404)
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response(entry.read_bytes(), media_type=media_type,
                    headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"})


async def saved_query_text(request: Request) -> Response:
    """The text of a saved query with the parameters of the query page's form bound (JSON)."""
    name = request.path_params["name"]
    values = tuple((key, value) for key, value in request.query_params.multi_items())
    try:
        text = await _in_worker(request, "diplomap.graph.query.saved:bound_text", name, values,
                                _state(request).base)
        if isinstance(text, Response):
            return text
    except DiplomapError as exc:
        return JSONResponse({"error": str(exc)}, 400)
    return JSONResponse({"query": text})


async def favicon(request: Request) -> Response:
    """Browsers ask for /favicon.ico whatever the page says: the same small SVG."""
    icon = resources.files("diplomap.graph.serve").joinpath("static", "favicon.svg").read_bytes()
    return Response(icon, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})


ROUTES = [
    Route("/", query_page, methods=["GET"]),
    Route("/id/{path:path}", entity_page, methods=["GET"]),
    Route("/map", map_page, methods=["GET"]),
    Route("/geo", geo_page, methods=["GET"]),
    Route("/.well-known/void", void_page, methods=["GET"]),
    Route("/static/{name}", static_file, methods=["GET"]),
    Route("/favicon.ico", favicon, methods=["GET"]),
    Route("/saved/{name}", saved_query_text, methods=["GET"]),
]
