"""The geographic relationship map: one self-contained offline HTML page on a world basemap.

Places are drawn at their WGS84 point (``geo:lat``/``geo:long`` of the gazetteer); an entity without a point
of its own (a district the gazetteer does not know, a company, an NGO, a heritage item, an official) is drawn
at the point of the nearest place up its ``dm:locatedIn`` / ``dm:basedIn`` / ``dm:heritageOf`` /
``dm:holdsPosition`` links, and says so in its tooltip. Relations are arcs coloured by
kind and dashed by stage, with their evidence sentences. The basemap is Natural Earth's 1:50m countries
(public domain) from the ``world-atlas`` npm package (ISC), vendored in ``static/world-atlas/``.

Like the network page, every piece of data goes into one JSON block and the page script places text with
``textContent`` only; a Content-Security-Policy allows our one script and nothing is fetched.
"""

from __future__ import annotations

import functools
import html
import math
import os
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import networkx as nx
from pyoxigraph import NamedNode

from diplomap.graph.maps.projection import Filters, project
from diplomap.graph.maps.render import (
    CLASS_STYLE,
    PREDICATE_STYLE,
    STATUS_DASHES,
    _csp_hash,
    _safe_url,
    fill_template,
    script_json,
    static_text,
)
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.vocab import DM_NS, WGS84_NS

BASEMAP = "world-atlas/countries-50m.json"
MAX_HOPS = 6  # how far up locatedIn/basedIn chains a point is looked for

POINTS_QUERY = f"""PREFIX wgs: <{WGS84_NS}>
SELECT ?e ?lat ?long WHERE {{ ?e wgs:lat ?lat ; wgs:long ?long }}"""
PARENTS_QUERY = f"""PREFIX dm: <{DM_NS}>
SELECT DISTINCT ?e ?parent WHERE {{
  ?e dm:locatedIn|dm:basedIn|dm:heritageOf|dm:holdsPosition ?parent . FILTER(isIRI(?parent)) }}"""


@dataclass(frozen=True)
class GeoSummary:
    path: str | None
    nodes: int  # drawn
    edges: int
    located: int  # drawn at a point of their own
    unplaced: int  # entities of the projection with no point anywhere up their chain
    bytes: int


@dataclass(frozen=True)
class GeoPage:
    html: str
    summary: GeoSummary


def render_geo(store: GraphStore, output_path: str | os.PathLike, filters: Filters | None = None, *,
               title: str | None = None, network_href: str | None = None) -> GeoSummary:
    """Project the store, place it on the world map, and write one self-contained HTML file."""
    page = geo_page(store, project(store, filters), title=title, network_href=network_href)
    data = page.html.encode("utf-8")
    with open(output_path, "wb") as out:
        out.write(data)
    s = page.summary
    return GeoSummary(os.fspath(output_path), s.nodes, s.edges, s.located, s.unplaced, len(data))


def render_geo_html(store: GraphStore, filters: Filters | None = None, *, title: str | None = None,
                    network_href: str | None = None) -> str:
    """The page as a string (for a web server)."""
    return geo_page(store, project(store, filters), title=title, network_href=network_href).html


def linked_geo_html(store: GraphStore, filters: Filters | None, network_href: str | None) -> str:
    """The geographic page linking the network page (positional arguments, for the serve workers)."""
    return render_geo_html(store, filters, network_href=network_href)


def linked_network_html(store: GraphStore, filters: Filters | None, geo_href: str | None) -> str:
    """The network page linking the geographic page (positional arguments, for the serve workers)."""
    from diplomap.graph.maps.render import render_html  # noqa: PLC0415

    return render_html(store, filters, back_link="/", geo_href=geo_href)


def points(store: GraphStore) -> tuple[dict[str, tuple[float, float]], dict[str, list[str]]]:
    """Every entity's own (lat, long), and its parents (locatedIn / basedIn)."""
    own = {}
    for row in store.select(POINTS_QUERY):
        try:
            own[row["e"].value] = (float(row["lat"].value), float(row["long"].value))
        except (TypeError, ValueError):
            continue
    parents: dict[str, list[str]] = {}
    for row in store.select(PARENTS_QUERY):
        parents.setdefault(row["e"].value, []).append(row["parent"].value)
    for values in parents.values():
        values.sort()
    return own, parents


def place(iri: str, own: dict, parents: dict) -> tuple[tuple[float, float], str | None] | None:
    """(point, None) for an entity with its own point, (point, ancestor IRI) for one drawn at an ancestor's."""
    if iri in own:
        return own[iri], None
    frontier, seen = [iri], {iri}
    for _ in range(MAX_HOPS):
        upper = [p for node in frontier for p in parents.get(node, ()) if p not in seen]
        for parent in upper:
            if parent in own:
                return own[parent], parent
        seen.update(upper)
        frontier = upper
        if not frontier:
            break
    return None


def geo_page(store: GraphStore | None, graph: nx.MultiDiGraph, *, title: str | None = None,
             network_href: str | None = None, located: tuple[dict, dict] | None = None) -> GeoPage:
    """The page for a projection; ``located`` = (points, parents) as :func:`points` returns them, read
    from ``store`` when not given."""
    own, parents = located if located is not None else points(store)
    nodes, index, unplaced = [], {}, 0
    stacked: Counter = Counter()
    for iri in sorted(graph.nodes):
        found = place(iri, own, parents)
        if found is None:
            unplaced += 1
            continue
        (lat, long), at = found
        attrs = graph.nodes[iri]
        # Entities drawn at one point (a country and its companies) fan out around it.
        nth = stacked[(lat, long)]
        stacked[(lat, long)] += 1
        angle, radius = nth * 2.4, 0.35 * math.sqrt(nth)
        index[iri] = len(nodes)
        nodes.append({
            "id": len(nodes), "iri": iri, "label": attrs.get("label") or iri, "vi": attrs.get("label_vi"),
            "cls": attrs.get("cls", "Entity"), "country": attrs.get("country"),
            "lat": lat, "long": long,
            "x": round(long + radius * math.cos(angle), 4), "y": round(-(lat + radius * math.sin(angle)), 4),
            "at": (graph.nodes[at].get("label") if at in graph.nodes else None) or _label(store, at)
            if at else None,
        })
    edges = []
    for s, o, _key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        if s in index and o in index and s != o:
            edges.append({
                "id": f"e{len(edges)}", "from": index[s], "to": index[o], "p": attrs["predicate"],
                "status": attrs.get("status"), "date": attrs.get("date"), "confidence": attrs.get("confidence"),
                "amount": attrs.get("amount"), "currency": attrs.get("currency"), "role": attrs.get("role"),
                "evidence": [[e.sentence, e.title, e.date, _safe_url(e.url)] for e in attrs.get("evidence", [])],
            })
    classes = Counter(n["cls"] for n in nodes)
    predicates = Counter(e["p"] for e in edges)
    provinces = sorted(({"id": n["id"], "label": n["label"]} for n in nodes if n["cls"] == "Province"),
                       key=lambda p: p["label"])
    located = sum(1 for n in nodes if n["at"] is None)
    text = f"{len(nodes):,} entities on the map ({located:,} at their own point), {len(edges):,} relations"
    if unplaced:
        text += f"; {unplaced:,} entities have no known place and are not drawn"
    filters = graph.graph.get("filters")
    if filters and filters.describe():
        text += f". Filters: {filters.describe()}"
    data = {
        "title": title or "diplomap geographic map",
        "nodes": nodes, "edges": edges, "provinces": provinces,
        "classes": [{"name": c, "color": CLASS_STYLE.get(c, CLASS_STYLE["Entity"])[0], "count": classes[c]}
                    for c in CLASS_STYLE if classes[c]],
        "predicates": [{"name": p, "color": PREDICATE_STYLE.get(p, ("#999999", p))[0],
                        "label": PREDICATE_STYLE.get(p, ("#999999", p))[1], "count": predicates[p]}
                       for p in sorted(predicates, key=lambda p: list(PREDICATE_STYLE).index(p)
                                       if p in PREDICATE_STYLE else 99)],
        "dashes": STATUS_DASHES,
        "summary": text,
    }
    script = static_text("geo.js")
    parts = {
        "TITLE": html.escape(data["title"]),
        "SUMMARY": html.escape(text),
        "MAP_CSS": static_text("map.css"),
        "GEO_CSS": static_text("geo.css"),
        "GEO_JS": script,
        "SCRIPT_HASHES": _csp_hash(script),
        "DATA": script_json(data),
        "BASEMAP": _basemap(),
        "NETWORK_LINK": (f'<a id="dm-other-page" href="{html.escape(network_href, quote=True)}">Network map</a>'
                         if network_href else ""),
    }
    page = fill_template("geo.html", parts)
    summary = GeoSummary(None, len(nodes), len(edges), located, unplaced, len(page.encode()))
    return GeoPage(page, summary)


def _label(store: GraphStore | None, iri: str) -> str:
    if store is None:
        return iri.rsplit("/", 1)[-1]
    rows = store.select("SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 1",
                        bindings={"e": NamedNode(iri)})
    return next((row["l"].value for row in rows), iri.rsplit("/", 1)[-1])


@functools.lru_cache(maxsize=1)
def _basemap() -> str:
    """The vendored TopoJSON, made safe to sit inside a <script type="application/json"> element."""
    text = resources.files("diplomap.graph.maps").joinpath("static", BASEMAP).read_text("utf-8")
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


