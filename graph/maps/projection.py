"""The networkx projection of the graph: entities as nodes, stated relations as edges.

Only relations that some document states (a direct edge with a statement node) become
edges; the gazetteer's own ``locatedIn``/``basedIn`` links are used to find each node's
country but are not drawn, or every map would show 3,500 foreign localities.

One edge per (subject, predicate, object): the statements behind it are folded into its
attributes (most advanced stage, latest date, highest confidence, every evidence sentence).
Two different predicates between the same pair stay two edges (the MultiDiGraph key is the
predicate). Filters on status, year and confidence apply to statements, before folding.

The 2025 merger of provinces is the one edge kind taken from the reference data: a
province that some document mentions and that was merged into another (``dm:replacedBy``)
gets a ``replacedBy`` edge to its successor, dated with ``dm:replacedOn`` — so "Bac Giang"
in a 2021 article and "Bac Ninh" in a 2024 one are one hop apart, as they are on the ground.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx

from diplomap.graph.maps.lookup import resolve_entity
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import InputError
from diplomap.ontology.iris import ENTITY_CLASSES
from diplomap.ontology.vocab import DIRECT_PROPERTIES, DM_NS, STAGES

PREFIXES = f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dm: <{DM_NS}>
"""

STATEMENTS_QUERY = PREFIXES + """
SELECT ?st ?s ?p ?o ?status ?date ?confidence ?evidence ?doc ?title ?docDate ?url
       ?amount ?currency ?role WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(dm:)))
  OPTIONAL { ?st dm:status ?status }
  OPTIONAL { ?st dm:date ?date }
  OPTIONAL { ?st dm:confidence ?confidence }
  OPTIONAL { ?st dm:evidence ?evidence }
  OPTIONAL { ?st dm:amount ?amount OPTIONAL { ?st dm:currency ?currency } }
  OPTIONAL { ?st dm:role ?role }
  OPTIONAL { ?st prov:wasDerivedFrom ?doc
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:date ?docDate }
             OPTIONAL { ?doc dcterms:source ?url } }
}
"""

# The entities some statement links, found from the entities (a typed one has a class of the
# contract) rather than from every statement: the statement nodes outnumber them 25 to 1, and a
# sub-select over them was evaluated again for every row it was joined with.
_CLASSES = " ".join(f"dm:{name}" for name in ENTITY_CLASSES)
LINKED = f"""{{ SELECT DISTINCT ?x WHERE {{
      VALUES ?cls {{ {_CLASSES} }} ?x a ?cls .
      FILTER (EXISTS {{ ?st rdf:subject ?x }} || EXISTS {{ ?st rdf:object ?x }}) }} }}"""

# Administrative units that some statement links and that were merged into another one.
MERGERS_QUERY = PREFIXES + """
SELECT ?old ?new ?date WHERE {
  { SELECT DISTINCT ?old ?new WHERE { ?old dm:replacedBy ?new } }
  FILTER (EXISTS { ?st rdf:subject ?old } || EXISTS { ?st rdf:object ?old })
  OPTIONAL { ?old dm:replacedOn ?date }
}
"""

# Class, English label and Vietnamese names of every entity some statement links (and of
# the units they were merged into).
NODES_QUERY = PREFIXES + f"""
SELECT DISTINCT ?e ?cls ?label ?vi WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ {LINKED} {{ BIND(?x AS ?e) }} UNION {{ ?x dm:replacedBy ?e }} }} }}
  # one row per class, label or name (three OPTIONALs made a row of every combination)
  OPTIONAL {{
    {{ ?e a ?cls . FILTER(STRSTARTS(STR(?cls), STR(dm:))) }}
    UNION {{ ?e rdfs:label ?label }}
    UNION {{ ?e skos:altLabel ?vi . FILTER(langMatches(lang(?vi), "vi")) }}
  }}
}}
"""

# The country each of those entities lies in or comes from, through any chain of links.
COUNTRIES_QUERY = PREFIXES + f"""
SELECT ?e ?country ?countryLabel WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ {LINKED} {{ BIND(?x AS ?e) }} UNION {{ ?x dm:replacedBy ?e }} }} }}
  ?e (dm:locatedIn|dm:basedIn)+ ?country .
  ?country a dm:Country .
  OPTIONAL {{ ?country rdfs:label ?countryLabel }}
}}
"""

COUNTRY_LABEL_QUERY = PREFIXES + "SELECT ?label WHERE { ?c rdfs:label ?label }"

# The merger edge: not one of the contract's direct edges, but one the maps and paths follow.
MERGER = "replacedBy"
MAP_PREDICATES = (*DIRECT_PROPERTIES, MERGER)
REFERENCE_SOURCE = "reference data (gazetteer): the 1 July 2025 merger of provinces"

_STAGE_RANK = {stage: rank for rank, stage in enumerate(STAGES)}


class Evidence(NamedTuple):
    """One sentence that states a relation, and the article it is in."""

    sentence: str
    title: str | None
    date: str | None
    url: str | None


@dataclass(frozen=True)
class Filters:
    """What part of the graph to project. Empty collections mean "no restriction".

    ``focus`` and ``country`` accept an IRI or any spelling of a label or alias.
    ``statuses``, ``since`` and ``min_confidence`` select statements; ``types`` selects
    nodes; ``country`` keeps relations with an end in (or being) that country; ``focus``
    keeps what lies within ``depth`` hops of the focus, in either direction.
    """

    focus: str | None = None
    depth: int = 2
    types: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    country: str | None = None
    since: int | None = None
    min_confidence: float | None = None

    def normalised(self) -> Filters:
        """The same filters with vocabulary names in their canonical case; unknown names raise."""
        return Filters(
            focus=self.focus, depth=self.depth,
            types=_canonical(self.types, ENTITY_CLASSES, "type"),
            predicates=_canonical(self.predicates, MAP_PREDICATES, "predicate"),
            statuses=_canonical(self.statuses, STAGES, "status"),
            country=self.country, since=self.since, min_confidence=self.min_confidence,
        )

    def describe(self, focus_label: str | None = None) -> str:
        """One line for page headers and messages; empty when nothing is filtered. The focus is
        named by ``focus_label`` when given (its label rather than an IRI)."""
        parts = []
        if self.focus:
            hops = "1 hop" if self.depth == 1 else f"{self.depth} hops"
            parts.append(f"within {hops} of {focus_label or self.focus}")
        for name, values in (("types", self.types), ("predicates", self.predicates),
                             ("status", self.statuses)):
            if values:
                parts.append(f"{name} {', '.join(values)}")
        if self.country:
            parts.append(f"country {self.country}")
        if self.since is not None:
            parts.append(f"since {self.since}")
        if self.min_confidence is not None:
            parts.append(f"confidence ≥ {self.min_confidence:g}")
        return "; ".join(parts)


def _canonical(values, known, what) -> tuple[str, ...]:
    by_fold = {name.lower(): name for name in known}
    out = []
    for value in values:
        name = by_fold.get(value.strip().lower())
        if name is None:
            raise InputError(f"unknown {what} {value!r}; known: {', '.join(known)}")
        out.append(name)
    return tuple(dict.fromkeys(out))


@dataclass
class _Statement:
    subject: str
    predicate: str
    object: str
    status: str | None
    date: str | None
    confidence: float | None
    evidence: Evidence | None
    amount: str | None = None
    currency: str | None = None
    role: str | None = None
    documents: set[str] = field(default_factory=set)
    source: str | None = None  # where a relation no document states comes from


def project(store: GraphStore, filters: Filters | None = None) -> nx.MultiDiGraph:
    """Entities linked by stated relations, as a MultiDiGraph (keys are predicate names).

    Node attributes: ``label``, ``label_vi``, ``cls``, ``country`` (English label),
    ``country_iri``. Edge attributes: ``predicate``, ``status``, ``date``, ``confidence``,
    ``evidence`` (list of :class:`Evidence`), ``statements``, ``amount``, ``currency``, ``role``,
    ``source`` (for the merger edge, which comes from reference data rather than an article).
    Nodes and edges are inserted in sorted order, so the same store gives the same graph.
    """
    filters = (filters or Filters()).normalised()
    statements = [st for st in _statements(store) + _mergers(store) if _keeps_statement(st, filters)]
    graph = nx.MultiDiGraph()
    _add_nodes(graph, store)
    _add_edges(graph, statements)
    if filters.types:
        graph.remove_nodes_from([n for n, cls in graph.nodes(data="cls") if cls not in filters.types])
    if filters.country:
        _keep_country(graph, resolve_entity(store, filters.country, classes=("Country",)))
    focus = resolve_entity(store, filters.focus) if filters.focus else None
    if focus is not None:
        if focus not in graph:
            raise InputError(f"{filters.focus} has no relations left after the filters")
        near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), focus,
                                                     cutoff=max(filters.depth, 0))
        graph.remove_nodes_from([n for n in list(graph) if n not in near])
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0 and n != focus])
    graph.graph["filters"] = filters
    graph.graph["focus"] = focus
    graph.graph["focus_label"] = graph.nodes[focus]["label"] if focus in graph else None
    return graph


def _statements(store: GraphStore, query: str = STATEMENTS_QUERY) -> list[_Statement]:
    by_node: dict[str, _Statement] = {}
    for row in store.select(query):
        key = row["st"].value
        if key in by_node:  # a second title/url/role of the same statement: keep the first
            continue
        # the fact's own date only: a 2025 article reporting a 2021 signing does not date it 2025
        # (the article's date stays with the evidence)
        date = _value(row.get("date"))
        sentence = _value(row.get("evidence"))
        evidence = None
        if sentence:
            evidence = Evidence(sentence, _value(row.get("title")), _value(row.get("docDate")),
                                _value(row.get("url")))
        confidence = _value(row.get("confidence"))
        by_node[key] = _Statement(
            subject=row["s"].value, predicate=_local(row["p"].value), object=row["o"].value,
            status=_local(row["status"].value) if "status" in row else None,
            date=date, confidence=float(confidence) if confidence is not None else None,
            evidence=evidence, amount=_value(row.get("amount")),
            currency=_value(row.get("currency")), role=_value(row.get("role")),
            documents={row["doc"].value} if "doc" in row else set(),
        )
    return sorted(by_node.values(), key=lambda s: (s.subject, s.predicate, s.object,
                                                   s.date or "", s.evidence or ()))


def _mergers(store: GraphStore) -> list[_Statement]:
    """One ``replacedBy`` pseudo-statement per merged unit that some document links."""
    out = []
    for row in store.select(MERGERS_QUERY):
        out.append(_Statement(subject=row["old"].value, predicate=MERGER, object=row["new"].value,
                              status=None, date=_value(row.get("date")), confidence=None,
                              evidence=None, source=REFERENCE_SOURCE))
    return sorted(out, key=lambda s: (s.subject, s.object))


def _keeps_statement(st: _Statement, filters: Filters) -> bool:
    if filters.predicates and st.predicate not in filters.predicates:
        return False
    if filters.statuses and st.status not in filters.statuses:
        return False
    if filters.since is not None and (st.date is None or int(st.date[:4]) < filters.since):
        return False
    # A statement without a confidence was entered by hand: it passes any threshold.
    return not (filters.min_confidence is not None and st.confidence is not None
                and st.confidence < filters.min_confidence)


def _add_nodes(graph: nx.MultiDiGraph, store: GraphStore, nodes_query: str = NODES_QUERY,
               countries_query: str = COUNTRIES_QUERY) -> None:
    info: dict[str, dict] = {}
    for row in store.select(nodes_query):
        iri = row["e"].value
        node = info.setdefault(iri, {"cls": set(), "label": set(), "vi": set()})
        if "cls" in row:
            node["cls"].add(_local(row["cls"].value))
        if "label" in row:
            node["label"].add(row["label"].value)
        if "vi" in row:
            node["vi"].add(row["vi"].value)
    countries: dict[str, list[tuple[str, str]]] = {}
    for row in store.select(countries_query):
        label = _value(row.get("countryLabel")) or _tail(row["country"].value)
        countries.setdefault(row["e"].value, []).append((row["country"].value, label))
    for iri in sorted(info):
        node = info[iri]
        cls = _pick_class(node["cls"])
        vi = sorted(node["vi"], key=lambda name: (len(name), name))
        label = min(node["label"], key=lambda name: (len(name), name)) if node["label"] else _tail(iri)
        country_iri, country = min(countries.get(iri, [(None, None)]), key=lambda c: (c[0] or ""))
        if cls == "Country":
            country_iri, country = iri, label
        graph.add_node(iri, label=label, label_vi=vi[0] if vi else None, names_vi=vi, cls=cls,
                       country=country, country_iri=country_iri)


def _pick_class(classes: set[str]) -> str:
    """The contract gives every entity one class; if a store holds more, take the first listed."""
    for name in ENTITY_CLASSES:
        if name in classes:
            return name
    return "Document" if "Document" in classes else "Entity"


def _add_edges(graph: nx.MultiDiGraph, statements: list[_Statement], max_evidence: int | None = None,
               counts: dict[tuple[str, str, str], int] | None = None) -> None:
    """One edge per (subject, predicate, object). With ``max_evidence``, an edge keeps its latest
    sentences only and ``evidence_total`` says how many there were; ``counts`` gives the number of
    statements when ``statements`` holds only some of them."""
    grouped: dict[tuple[str, str, str], list[_Statement]] = {}
    for st in statements:
        grouped.setdefault((st.subject, st.predicate, st.object), []).append(st)
    for (s, p, o), group in grouped.items():
        for end in (s, o):
            if end not in graph:  # linked but never typed or labelled: still a node
                graph.add_node(end, label=_tail(end), label_vi=None, names_vi=[], cls="Entity",
                               country=None, country_iri=None)
        stages = [st.status for st in group if st.status]
        dates = sorted(st.date for st in group if st.date)
        confidences = [st.confidence for st in group if st.confidence is not None]
        evidence = sorted({st.evidence for st in group if st.evidence},
                          key=lambda e: (e.date or "", e.title or "", e.sentence))
        evidence_total = len(evidence)
        if max_evidence is not None and len(group) > max_evidence:  # some came without their sentence
            evidence_total = max(evidence_total, len(group))
        if max_evidence is not None and evidence_total > max_evidence:
            evidence = evidence[-max_evidence:]
        amounts = [(float(st.amount), st.amount, st.currency) for st in group if st.amount]
        amount = max(amounts) if amounts else None
        roles = sorted({st.role for st in group if st.role})
        graph.add_edge(
            s, o, key=p, predicate=p,
            status=max(stages, key=lambda x: _STAGE_RANK.get(x, -1)) if stages else None,
            date=dates[-1] if dates else None,
            confidence=max(confidences) if confidences else None,
            evidence=evidence, evidence_total=evidence_total,
            statements=(counts or {}).get((s, p, o), len(group)),
            documents=sorted(set().union(*(st.documents for st in group))),
            amount=amount[1] if amount else None, currency=amount[2] if amount else None,
            role="; ".join(roles) or None,
            source=next((st.source for st in group if st.source), None),
        )


def _keep_country(graph: nx.MultiDiGraph, country: str) -> None:
    inside = {n for n, data in graph.nodes(data=True) if country in (n, data.get("country_iri"))}
    drop = [(s, o, k) for s, o, k in graph.edges(keys=True) if s not in inside and o not in inside]
    graph.remove_edges_from(drop)


def _value(term) -> str | None:
    return term.value if term is not None else None


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]
