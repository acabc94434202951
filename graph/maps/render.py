"""Relationship maps: one self-contained HTML page (vis-network, no network access needed).

The page is our own template (graph/maps/templates/map.html) with pyvis's bundled vis-network
9.1.2 inlined, as pyvis does with ``cdn_resources='in_line'`` — but without pyvis's
template, which links Bootstrap from a CDN, and without ``Network.add_edge``, whose
duplicate check is quadratic. All data goes into the page as one JSON document in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and the
page script builds every label, tooltip and legend with ``textContent``: article text is
never parsed as HTML.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import networkx as nx

from diplomap.graph.maps import analysis
from diplomap.graph.maps.layout import positions
from diplomap.graph.maps.projection import Filters
from diplomap.graph.maps.top import project_for_page
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.vocab import STAGES

MAX_NODES = 1500
# Edge labels cost vis-network a text measurement per edge and frame: 3,900 labelled edges
# took 2.6 s to draw, unlabelled 0.15 s. Larger maps name relations by colour and tooltip.
EDGE_LABELS_UP_TO = 500
VIS_VERSION = "vis-9.1.2"
_SAFE_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S+")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")

# Colour and vis shape per class; every shape here draws its label below the node.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Province": ("#d62728", "star"),
    "VietnamLocality": ("#ff7f0e", "triangle"),
    "ForeignLocality": ("#1f77b4", "dot"),
    "Country": ("#17becf", "diamond"),
    "Corporation": ("#9467bd", "square"),
    "NGO": ("#2ca02c", "triangleDown"),
    "InternationalOrganization": ("#8c564b", "hexagon"),
    "GovernmentBody": ("#7f7f7f", "square"),
    "Person": ("#e377c2", "dot"),
    "HeritageItem": ("#bcbd22", "star"),
    "Event": ("#aec7e8", "diamond"),
    "Entity": ("#c7c7c7", "dot"),
}
# How the entity panel titles a group of relations: (as subject, as object).
GROUP_TITLES: dict[str, tuple[str, str]] = {
    "partnerOf": ("Partners", "Partners"),
    "locatedIn": ("Located in", "Places within"),
    "investsIn": ("Invests in", "Investors"),
    "basedIn": ("Based in", "Home of"),
    "aidTo": ("Gives aid to", "Aid from"),
    "memberOf": ("Member of", "Members"),
    "heritageOf": ("Heritage of", "Heritage"),
    "recognizedBy": ("Recognized by", "Recognizes"),
    "holdsPosition": ("Posts", "Officials"),
    "visited": ("Visited", "Visitors"),
    "cooperatesWith": ("Cooperates with", "Cooperates with"),
    "replacedBy": ("Merged into", "Merged from"),
}
PREDICATE_STYLE: dict[str, tuple[str, str]] = {
    "partnerOf": ("#d62728", "partner of"),
    "locatedIn": ("#aaaaaa", "located in"),
    "investsIn": ("#9467bd", "invests in"),
    "basedIn": ("#c5b0d5", "based in"),
    "aidTo": ("#2ca02c", "aid to"),
    "memberOf": ("#8c564b", "member of"),
    "heritageOf": ("#bcbd22", "heritage of"),
    "recognizedBy": ("#dbdb8d", "recognized by"),
    "holdsPosition": ("#e377c2", "holds position"),
    "visited": ("#ff7f0e", "visited"),
    "cooperatesWith": ("#1f77b4", "cooperates with"),
    "replacedBy": ("#555555", "merged into"),
}
# Partnerships not (yet) signed are drawn dashed.
STATUS_DASHES: dict[str, list[int]] = {"Proposed": [8, 6], "Negotiating": [2, 5]}


@dataclass(frozen=True)
class RenderSummary:
    path: str | None
    nodes: int  # drawn
    edges: int
    total_nodes: int  # in the projection, before keeping the most central
    total_edges: int
    bytes: int

    @property
    def omitted_nodes(self) -> int:
        return self.total_nodes - self.nodes

    @property
    def omitted_edges(self) -> int:
        return self.total_edges - self.edges


@dataclass(frozen=True)
class Page:
    html: str
    summary: RenderSummary


def render_map(store: GraphStore, output_path: str | os.PathLike, filters: Filters | None = None,
               *, title: str | None = None, size_by: str = "pagerank",
               max_nodes: int = MAX_NODES, geo_href: str | None = None) -> RenderSummary:
    """Project the store, draw it, and write one self-contained HTML file."""
    graph = project_for_page(store, filters, max_nodes)
    page = graph_page(graph, title=title, size_by=size_by, max_nodes=max_nodes, geo_href=geo_href)
    data = page.html.encode("utf-8")
    with open(output_path, "wb") as out:
        out.write(data)
    s = page.summary
    return RenderSummary(os.fspath(output_path), s.nodes, s.edges, s.total_nodes, s.total_edges, len(data))


def render_html(store: GraphStore, filters: Filters | None = None, *, title: str | None = None,
                size_by: str = "pagerank", max_nodes: int = MAX_NODES, back_link: str | None = None,
                geo_href: str | None = None) -> str:
    """The page as a string (for a web server); ``back_link`` puts a link to it in the header,
    ``geo_href`` one to the geographic page."""
    return graph_page(project_for_page(store, filters, max_nodes), title=title, size_by=size_by, max_nodes=max_nodes,
                      back_link=back_link, geo_href=geo_href).html


def render_served_html(store: GraphStore, filters: Filters | None = None) -> str:
    """The page ``diplomap serve`` answers at /map: with a link back to the query page."""
    return render_html(store, filters, back_link="/")


def graph_page(graph: nx.MultiDiGraph, *, title: str | None = None, size_by: str = "pagerank",
               max_nodes: int = MAX_NODES, back_link: str | None = None, geo_href: str | None = None) -> Page:
    """The page for a projection (see :func:`diplomap.graph.network.project`); ``geo_href`` links the
    geographic page."""
    if size_by not in ("pagerank", "degree"):
        raise ValueError(f"size_by must be 'pagerank' or 'degree', not {size_by!r}")
    ranks = analysis.pagerank(graph)
    kept = _most_central(graph, ranks, max_nodes)
    shown = graph.subgraph(kept)
    filters = graph.graph.get("filters")
    data = page_data(shown, graph, ranks if size_by == "pagerank" else dict(graph.degree()),
                     title=title or "diplomap relationship map",
                     filters=filters.describe(graph.graph.get("focus_label")) if filters else "")
    vis_js, map_js = _asset(f"{VIS_VERSION}/vis-network.min.js"), static_text("map.js")
    parts = {
        "TITLE": html.escape(data["title"]),
        "BACK": (f'<a id="dm-back" href="{html.escape(back_link)}">← query page</a>'
                 if back_link and back_link.startswith("/") else ""),
        "SUMMARY": html.escape(data["summary"]["text"]),
        "VIS_CSS": _asset(f"{VIS_VERSION}/vis-network.css"),
        "MAP_CSS": static_text("map.css"),
        "VIS_JS": vis_js,
        "MAP_JS": map_js,
        # Only our two scripts may run: an injected <script> or onerror= would be refused
        # by the browser even if some text escaped escaping.
        "SCRIPT_HASHES": " ".join(_csp_hash(js) for js in (vis_js, map_js)),
        "DATA": script_json(data),
        "GEO_LINK": (f'<a id="dm-other-page" href="{html.escape(geo_href, quote=True)}">Geographic map</a>'
                     if geo_href else ""),
    }
    text = fill_template("map.html", parts)
    summary = RenderSummary(None, shown.number_of_nodes(), shown.number_of_edges(),
                            graph.number_of_nodes(), graph.number_of_edges(), len(text.encode()))
    return Page(text, summary)


def _most_central(graph: nx.MultiDiGraph, ranks: dict[str, float], max_nodes: int) -> list[str]:
    nodes = sorted(graph.nodes)
    if max_nodes is None or len(nodes) <= max_nodes:
        return nodes
    focus = graph.graph.get("focus")
    order = sorted(nodes, key=lambda n: (n != focus, -ranks.get(n, 0.0), n))
    return sorted(order[:max_nodes])


def page_data(shown: nx.MultiDiGraph, full: nx.MultiDiGraph, size: dict, *, title: str,
              filters: str) -> dict:
    """Everything the page script needs, as plain JSON-able values."""
    nodes = sorted(shown.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    xy = positions(_ordered(shown, nodes))
    top = max((size.get(n, 0) for n in nodes), default=0) or 1
    node_items = []
    for n in nodes:
        attrs = shown.nodes[n]
        x, y = xy[n]
        node_items.append({
            "id": index[n], "iri": n, "label": attrs.get("label") or n,
            "vi": attrs.get("label_vi"), "cls": attrs.get("cls", "Entity"),
            "country": attrs.get("country"), "x": x, "y": y,
            "size": round(10 + 22 * math.sqrt(size.get(n, 0) / top), 1),
        })
    edge_items = []
    pair_count: dict[tuple[str, str], int] = {}
    for s, o, _key, attrs in sorted(shown.edges(keys=True, data=True), key=lambda e: e[:3]):
        pair = (min(s, o), max(s, o))
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        edge_items.append({
            "id": f"e{len(edge_items)}", "from": index[s], "to": index[o], "p": attrs["predicate"],
            "status": attrs.get("status"), "date": attrs.get("date"),
            "confidence": attrs.get("confidence"), "amount": attrs.get("amount"),
            "currency": attrs.get("currency"), "role": attrs.get("role"), "nth": nth,
            "evidence": [[e.sentence, e.title, e.date, _safe_url(e.url)] for e in attrs.get("evidence", [])],
        })
        if attrs.get("evidence_total", 0) > len(attrs.get("evidence", [])):  # capped on a large map
            edge_items[-1]["evidenceTotal"] = attrs["evidence_total"]
    for item in edge_items:  # parallel edges bend by their rank in the pair, so they stay apart
        pair = (min(nodes[item["from"]], nodes[item["to"]]), max(nodes[item["from"]], nodes[item["to"]]))
        item["pairSize"] = pair_count[pair]
    classes = sorted({item["cls"] for item in node_items}, key=lambda c: list(CLASS_STYLE).index(c)
                     if c in CLASS_STYLE else 99)
    predicates = sorted({item["p"] for item in edge_items}, key=lambda p: list(PREDICATE_STYLE).index(p)
                        if p in PREDICATE_STYLE else 99)
    class_counts = Counter(item["cls"] for item in node_items)
    predicate_counts = Counter(item["p"] for item in edge_items)
    stage_counts = Counter(item["status"] for item in edge_items if item["status"])
    years = sorted(int(item["date"][:4]) for item in edge_items
                   if item["date"] and item["date"][:4].isdigit())
    focus = full.graph.get("focus")
    return {
        "title": title,
        "nodes": node_items,
        "edges": edge_items,
        "classes": [{"name": c, "color": CLASS_STYLE.get(c, CLASS_STYLE["Entity"])[0],
                     "shape": CLASS_STYLE.get(c, CLASS_STYLE["Entity"])[1],
                     "count": class_counts[c]} for c in classes],
        "predicates": [{"name": p, "color": PREDICATE_STYLE.get(p, ("#999999", p))[0],
                        "label": PREDICATE_STYLE.get(p, ("#999999", p))[1],
                        "groups": list(GROUP_TITLES.get(p, (p, p))),
                        "count": predicate_counts[p]} for p in predicates],
        "stages": [{"name": stage, "count": stage_counts[stage],
                    "style": {"Proposed": "dashed", "Negotiating": "dotted"}.get(stage, "solid")}
                   for stage in reversed(STAGES) if stage_counts[stage]],
        "years": {"min": years[0] if years else None, "max": years[-1] if years else None,
                  "undated": sum(1 for item in edge_items if not item["date"])},
        "focus": index.get(focus) if focus else None,
        "dashes": STATUS_DASHES,
        "edgeLabels": len(edge_items) <= EDGE_LABELS_UP_TO,
        "summary": _summary(shown, full, filters),
    }


def _ordered(graph: nx.MultiDiGraph, nodes: list[str]) -> nx.Graph:
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)
    ordered.add_edges_from(sorted((s, o) for s, o in graph.edges()))
    return ordered


def _summary(shown: nx.MultiDiGraph, full: nx.MultiDiGraph, filters: str) -> dict:
    n, e = shown.number_of_nodes(), shown.number_of_edges()
    total_n, total_e = full.number_of_nodes(), full.number_of_edges()
    text = f"{n:,} entities, {e:,} relations"
    left_out: dict[str, int] = {}
    if n < total_n:
        for node, cls in full.nodes(data="cls"):
            if node not in shown:
                left_out[cls] = left_out.get(cls, 0) + 1
        by_class = ", ".join(f"{cls} {count:,}" for cls, count in sorted(left_out.items(), key=lambda c: -c[1]))
        text = (f"Showing the {n:,} most central of {total_n:,} entities (by PageRank) and {e:,} of "
                f"{total_e:,} relations. Left out: {total_n - n:,} entities ({by_class}) and "
                f"{total_e - e:,} relations; narrow the map with --focus, --types or --country to see them.")
    if filters:
        text += f" Filters: {filters}."
    return {"text": text, "nodes": n, "edges": e, "totalNodes": total_n, "totalEdges": total_e,
            "omittedByClass": left_out}


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _safe_url(url: str | None) -> str | None:
    return url if url and _SAFE_URL.match(url) else None


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: no ``</script>``, ``<!--`` or ``]]>``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def fill_template(name: str, parts: dict[str, str]) -> str:
    """A page template with its ``{{PLACEHOLDER}}``s filled in one pass (so text inside the data can
    never be taken for a placeholder); ``{{SEARCH}}`` is the entity search both map pages share."""
    maps = resources.files("diplomap.graph.maps")
    parts = {"SEARCH": maps.joinpath("templates/search.html").read_text("utf-8").rstrip("\n"), **parts}
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], maps.joinpath("templates", name).read_text("utf-8"))


def static_text(name: str) -> str:
    return resources.files("diplomap.graph.maps").joinpath("static", name).read_text("utf-8")


def _asset(name: str) -> str:
    """A file of pyvis's inline vis-network bundle, without its source-map comment."""
    text = resources.files("pyvis").joinpath("templates/lib", name).read_text("utf-8")
    text = _SOURCE_MAP.sub("", text)
    if "</script" in text.lower() or "</style" in text.lower():  # would end the inline element
        raise RuntimeError(f"pyvis asset {name} cannot be inlined")
    return text
