"""The projection of a large store for one page: its most central entities, chosen first.

:func:`diplomap.graph.maps.projection.project` loads every statement with its evidence and
article; a page then keeps its ``max_nodes`` most central entities. On a store of 10^4 articles
two thirds of the time went into statements that were never drawn. Here the entities are ranked
first, from the distinct (subject, predicate, object) edges grouped in SPARQL (with the merger
edges: the same structure ``project`` builds, so PageRank picks the same entities), and the
statements are loaded only for edges between the kept entities, with at most
``MAX_EVIDENCE`` sentences per edge (the latest).

The graph returned has every entity and edge of the full projection (so the page can say what it
left out, by class); the entities left out carry only their class, their edges no details.
A store that fits the cap, or a filtered map, gets :func:`project` itself.
"""

from __future__ import annotations

import networkx as nx
from pyoxigraph import NamedNode

from diplomap.graph.maps import analysis
from diplomap.graph.maps.projection import (
    MERGER,
    PREFIXES,
    Evidence,
    Filters,
    _add_edges,
    _add_nodes,
    _local,
    _mergers,
    _pick_class,
    _Statement,
    _tail,
    _value,
    project,
)
from diplomap.graph.store.base import GraphStore

# Sentences kept per edge on a capped page (the tooltip says how many there were).
MAX_EVIDENCE = 5

# One row per distinct stated edge, with the number of statements behind it.
EDGES_QUERY = PREFIXES + """
SELECT ?s ?p ?o (COUNT(?st) AS ?n) WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(dm:)))
} GROUP BY ?s ?p ?o
"""

# The vocabulary classes of some resources (the entities left out are counted by class).
CLASSES_QUERY = PREFIXES + """
SELECT ?e ?cls WHERE { ?e a ?cls . FILTER(STRSTARTS(STR(?cls), STR(dm:))) }
"""

# Of each statement, all but its sentence and the article's title and address.
FACTS_QUERY = PREFIXES + """
SELECT ?st ?s ?p ?o ?status ?date ?confidence ?amount ?currency ?role ?doc ?docDate WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(dm:)))
  OPTIONAL { ?st dm:status ?status }
  OPTIONAL { ?st dm:date ?date }
  OPTIONAL { ?st dm:confidence ?confidence }
  OPTIONAL { ?st dm:amount ?amount OPTIONAL { ?st dm:currency ?currency } }
  OPTIONAL { ?st dm:role ?role }
  OPTIONAL { ?st prov:wasDerivedFrom ?doc OPTIONAL { ?doc dcterms:date ?docDate } }
}
"""

# The sentence of some statements, and its article.
EVIDENCE_QUERY = PREFIXES + """
SELECT ?st ?evidence ?title ?docDate ?url WHERE {
  ?st dm:evidence ?evidence .
  OPTIONAL { ?st prov:wasDerivedFrom ?doc
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:date ?docDate }
             OPTIONAL { ?doc dcterms:source ?url } }
}
"""

_KEPT = "{{ VALUES ?e {{ {values} }} }}"

KEPT_NODES_QUERY = PREFIXES + """
SELECT DISTINCT ?e ?cls ?label ?vi WHERE {{
  {kept}
  OPTIONAL {{
    {{ ?e a ?cls . FILTER(STRSTARTS(STR(?cls), STR(dm:))) }}
    UNION {{ ?e rdfs:label ?label }}
    UNION {{ ?e skos:altLabel ?vi . FILTER(langMatches(lang(?vi), "vi")) }}
  }}
}}
"""

KEPT_COUNTRIES_QUERY = PREFIXES + """
SELECT ?e ?country ?countryLabel WHERE {{
  {kept}
  ?e (dm:locatedIn|dm:basedIn)+ ?country .
  ?country a dm:Country .
  OPTIONAL {{ ?country rdfs:label ?countryLabel }}
}}
"""


def project_for_page(store: GraphStore, filters: Filters | None = None,
                     max_nodes: int | None = None) -> nx.MultiDiGraph:
    """The projection a page of at most ``max_nodes`` entities needs (see the module's note)."""
    filters = (filters or Filters()).normalised()
    if max_nodes is None or filters != Filters():
        return project(store, filters)
    counts = _edge_counts(store)
    mergers = _mergers(store)
    skeleton = nx.MultiDiGraph()
    for (s, p, o) in sorted(counts):
        skeleton.add_edge(s, o, key=p)
    for st in mergers:
        skeleton.add_edge(st.subject, st.object, key=MERGER)
    if skeleton.number_of_nodes() <= max_nodes:
        return project(store, filters)
    ranks = analysis.pagerank(skeleton)
    order = sorted(skeleton.nodes, key=lambda n: (-ranks.get(n, 0.0), n))
    kept = set(order[:max_nodes])

    graph = nx.MultiDiGraph()
    values = " ".join(str(NamedNode(n)) for n in sorted(kept))
    _add_nodes(graph, store, KEPT_NODES_QUERY.format(kept=_KEPT.format(values=values)),
               KEPT_COUNTRIES_QUERY.format(kept=_KEPT.format(values=values)))
    classes = _classes(store, sorted(n for n in skeleton.nodes if n not in graph))
    for n in sorted(skeleton.nodes):
        if n not in graph:
            graph.add_node(n, label=_tail(n), label_vi=None, names_vi=[],
                           cls=_pick_class(classes.get(n, set())) if n in classes else "Entity",
                           country=None, country_iri=None)
    statements = (_kept_statements(store, values, kept)
                  + [m for m in mergers if m.subject in kept and m.object in kept])
    _add_edges(graph, statements, max_evidence=MAX_EVIDENCE, counts=counts)
    for (s, p, o), n in sorted(counts.items()):
        if not graph.has_edge(s, o, key=p):
            graph.add_edge(s, o, key=p, predicate=p, statements=n, evidence=[])
    for st in mergers:
        if not graph.has_edge(st.subject, st.object, key=MERGER):
            graph.add_edge(st.subject, st.object, key=MERGER, predicate=MERGER, evidence=[],
                           source=st.source, date=st.date)
    graph.graph["filters"] = filters
    graph.graph["focus"] = None
    graph.graph["focus_label"] = None
    return graph


def _edge_counts(store: GraphStore) -> dict[tuple[str, str, str], int]:
    return {(row["s"].value, _local(row["p"].value), row["o"].value): int(row["n"].value)
            for row in store.select(EDGES_QUERY)}


def _classes(store: GraphStore, nodes: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for start in range(0, len(nodes), 5000):
        values = " ".join(str(NamedNode(n)) for n in nodes[start:start + 5000])
        for row in store.select(CLASSES_QUERY.replace("WHERE {", "WHERE { VALUES ?e { " + values + " }", 1)):
            out.setdefault(row["e"].value, set()).add(_local(row["cls"].value))
    return out


def _kept_statements(store: GraphStore, values: str, kept: set[str]) -> list[_Statement]:
    """The statements whose subject and object are both kept: every one with its stage, date,
    confidence, amount, role and article, but the sentence and article details only for the
    ``MAX_EVIDENCE`` latest of each edge (those are the rows that cost)."""
    by_node: dict[str, _Statement] = {}
    doc_dates: dict[str, str] = {}
    for row in store.select(FACTS_QUERY.replace("WHERE {", "WHERE {\n  VALUES ?s { " + values + " }", 1)):
        if row["o"].value not in kept or row["st"].value in by_node:
            continue
        confidence = _value(row.get("confidence"))
        by_node[row["st"].value] = _Statement(
            subject=row["s"].value, predicate=_local(row["p"].value), object=row["o"].value,
            status=_local(row["status"].value) if "status" in row else None,
            date=_value(row.get("date")), confidence=float(confidence) if confidence is not None else None,
            evidence=None, amount=_value(row.get("amount")), currency=_value(row.get("currency")),
            role=_value(row.get("role")), documents={row["doc"].value} if "doc" in row else set())
        doc_dates[row["st"].value] = _value(row.get("docDate")) or ""
    by_edge: dict[tuple[str, str, str], list[str]] = {}
    for node, st in by_node.items():
        by_edge.setdefault((st.subject, st.predicate, st.object), []).append(node)
    chosen = sorted(node for nodes in by_edge.values()
                    for node in sorted(nodes, key=lambda n: (doc_dates[n], n))[-MAX_EVIDENCE:])
    seen: set[str] = set()
    for start in range(0, len(chosen), 5000):
        block = " ".join(str(NamedNode(n)) for n in chosen[start:start + 5000])
        for row in store.select(EVIDENCE_QUERY.replace("WHERE {", "WHERE {\n  VALUES ?st { " + block + " }", 1)):
            node = row["st"].value
            if node in seen:  # a second title/url of the same statement: keep the first
                continue
            seen.add(node)
            by_node[node].evidence = Evidence(row["evidence"].value, _value(row.get("title")),
                                              _value(row.get("docDate")), _value(row.get("url")))
    return list(by_node.values())
