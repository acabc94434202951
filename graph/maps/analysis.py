"""Measures on the projection: who is central, which groups form, how two entities connect.

Centrality and communities are computed on the undirected view: a relation's direction
(who invests in whom, who partners whom) is a wording choice of the vocabulary, not a
flow, and "who is tied to whom" is what an officer asks. Results are deterministic:
sampling and community detection use fixed seeds, ties are broken by IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from diplomap.graph.maps.projection import Evidence
from diplomap.ontology.errors import InputError

SEED = 42
EXACT_BETWEENNESS_UP_TO = 500  # nodes; above, betweenness samples this many sources
BETWEENNESS_SAMPLES = 500


@dataclass(frozen=True)
class Ranked:
    iri: str
    label: str
    cls: str
    score: float


@dataclass
class Analysis:
    nodes: int
    edges: int
    degree: list[Ranked]
    betweenness: list[Ranked]
    pagerank: list[Ranked]
    communities: list[list[Ranked]]  # members ranked by PageRank, largest community first
    partner_countries: dict[str, dict[str, list[str]]]  # province label -> country -> partners
    betweenness_sampled: bool = False


@dataclass(frozen=True)
class Relation:
    predicate: str
    source: str  # IRI the edge starts at (direction as stated)
    target: str
    status: str | None
    date: str | None
    evidence: list[Evidence] = field(default_factory=list)
    source_note: str | None = None  # where a relation with no article behind it comes from


@dataclass(frozen=True)
class Hop:
    source: str
    source_label: str
    target: str
    target_label: str
    relations: list[Relation]  # every stated relation between the two, in either direction


def simple_undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One edge per linked pair, weighted by how many relations link them."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for s, o in sorted(graph.edges()):
        if s == o:
            continue
        if simple.has_edge(s, o):
            simple[s][o]["weight"] += 1
        else:
            simple.add_edge(s, o, weight=1)
    return simple


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    simple = simple_undirected(graph)
    if simple.number_of_nodes() == 0:
        return {}
    return nx.pagerank(simple, weight="weight")


def betweenness(graph: nx.MultiDiGraph) -> tuple[dict[str, float], bool]:
    """Betweenness centrality; sampled (fixed seed) above ``EXACT_BETWEENNESS_UP_TO`` nodes."""
    simple = simple_undirected(graph)
    n = simple.number_of_nodes()
    if n > EXACT_BETWEENNESS_UP_TO:
        return nx.betweenness_centrality(simple, k=min(BETWEENNESS_SAMPLES, n), seed=SEED), True
    return nx.betweenness_centrality(simple), False


def communities(graph: nx.MultiDiGraph) -> list[set[str]]:
    simple = simple_undirected(graph)
    if simple.number_of_edges() == 0:
        return [{n} for n in simple]
    found = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def partner_countries(graph: nx.MultiDiGraph) -> dict[str, dict[str, list[str]]]:
    """For each province: the countries of its partner localities, with those partners."""
    out: dict[str, dict[str, set[str]]] = {}
    for s, o, data in graph.edges(data=True):
        if data["predicate"] != "partnerOf":
            continue
        for province, partner in ((s, o), (o, s)):  # partnerOf is symmetric
            if graph.nodes[province]["cls"] != "Province":
                continue
            other = graph.nodes[partner]
            if other["cls"] in ("Province", "VietnamLocality"):
                continue
            country = other.get("country") or "(country unknown)"
            name = graph.nodes[province]["label"]
            out.setdefault(name, {}).setdefault(country, set()).add(other["label"])
    return {p: {c: sorted(out[p][c]) for c in sorted(out[p])} for p in sorted(out)}


def analyze(graph: nx.MultiDiGraph, top: int = 10) -> Analysis:
    """Rankings (top ``top`` each), communities and partner countries of a projection."""
    ranks = pagerank(graph)
    between, sampled = betweenness(graph)
    degree = {n: float(d) for n, d in graph.degree()}
    return Analysis(
        nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
        degree=_ranked(graph, degree, top), betweenness=_ranked(graph, between, top),
        pagerank=_ranked(graph, ranks, top),
        communities=[_ranked(graph, {n: ranks.get(n, 0.0) for n in c}, len(c))
                     for c in communities(graph)],
        partner_countries=partner_countries(graph), betweenness_sampled=sampled,
    )


def _ranked(graph: nx.MultiDiGraph, scores: dict[str, float], top: int) -> list[Ranked]:
    order = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
    return [Ranked(n, graph.nodes[n]["label"], graph.nodes[n]["cls"], score) for n, score in order]


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[Hop]:
    """The shortest chain of relations from ``source`` to ``target``, ignoring direction.

    Each hop lists every relation between its two entities with its evidence. Among
    several shortest chains the result is stable (neighbours are visited in IRI order).
    """
    for end in (source, target):
        if end not in graph:
            raise InputError(f"{end} has no relations in the graph (or the filters removed them)")
    simple = simple_undirected(graph)
    try:
        nodes = nx.shortest_path(simple, source, target)
    except nx.NetworkXNoPath:
        raise InputError(f"no chain of relations links {graph.nodes[source]['label']} "
                         f"and {graph.nodes[target]['label']}") from None
    hops = []
    for a, b in zip(nodes, nodes[1:], strict=False):
        relations = []
        for s, o in ((a, b), (b, a)):
            for data in graph.get_edge_data(s, o, default={}).values():
                relations.append(Relation(data["predicate"], s, o, data.get("status"),
                                          data.get("date"), list(data.get("evidence", [])),
                                          data.get("source")))
        relations.sort(key=lambda r: (r.predicate, r.source))
        hops.append(Hop(a, graph.nodes[a]["label"], b, graph.nodes[b]["label"], relations))
    return hops
