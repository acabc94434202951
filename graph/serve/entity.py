"""What an entity page shows, and the triples an entity IRI dereferences to.

The entity is always bound as an RDF term (never pasted into the query text).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Triple

from diplomap.graph.store.base import GraphStore

DM = "https://w3id.org/diplomap/ontology#"

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dm: <https://w3id.org/diplomap/ontology#>
"""

EXISTS_QUERY = "ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }"

ABOUT_QUERY = PREFIXES + """SELECT ?e ?p ?o ?oLabel WHERE {
  ?e ?p ?o .
  OPTIONAL { { ?o rdfs:label ?oLabel FILTER(LANG(?oLabel) = "en" || LANG(?oLabel) = "") }
             UNION { ?o dcterms:title ?oLabel } }
}"""

# Every statement node that has the entity at either end, with the document it came from.
RELATIONS_QUERY = PREFIXES + """SELECT ?e ?st ?s ?p ?o ?other ?otherLabel ?status ?date ?amount ?currency
       ?role ?listing ?confidence ?evidence ?doc ?title ?docDate ?url ?rule WHERE {
  { ?st rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?other . BIND(?e AS ?s) BIND(?other AS ?o) }
  UNION
  { ?st rdf:object ?e ; rdf:predicate ?p ; rdf:subject ?other . BIND(?other AS ?s) BIND(?e AS ?o) }
  OPTIONAL { ?other rdfs:label ?otherLabel FILTER(LANG(?otherLabel) = "en" || LANG(?otherLabel) = "") }
  OPTIONAL { ?st dm:status ?status }
  OPTIONAL { ?st dm:date ?date }
  OPTIONAL { ?st dm:amount ?amount }
  OPTIONAL { ?st dm:currency ?currency }
  OPTIONAL { ?st dm:role ?role }
  OPTIONAL { ?st dm:listing ?listing }
  OPTIONAL { ?st dm:confidence ?confidence }
  OPTIONAL { ?st dm:evidence ?evidence }
  OPTIONAL { ?st dm:extractedBy ?rule }
  OPTIONAL { ?st prov:wasDerivedFrom ?doc .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:date ?docDate }
             OPTIONAL { ?doc dcterms:source ?url } }
}
ORDER BY ?p ?otherLabel ?other ?docDate ?st"""

# CBD-ish: what the entity says, edges pointing at it, and the statement nodes about it.
DESCRIBE_QUERY = PREFIXES + """CONSTRUCT { ?e ?p ?o . ?x ?q ?e . ?st ?sp ?so . } WHERE {
  { ?e ?p ?o }
  UNION { ?x ?q ?e FILTER(?q != rdf:subject && ?q != rdf:object) FILTER NOT EXISTS { ?x a rdf:Statement } }
  UNION { ?st rdf:subject|rdf:object ?e ; a rdf:Statement ; ?sp ?so }
}"""


@dataclass
class Relation:
    """One statement node: the edge, its qualifiers and its source."""

    statement: str
    predicate: str  # local name (partnerOf ...)
    outgoing: bool  # the entity is the subject
    other: str
    other_label: str | None
    qualifiers: dict[str, str] = field(default_factory=dict)
    evidence: str | None = None
    document: str | None = None
    title: str | None = None
    doc_date: str | None = None
    url: str | None = None


@dataclass
class EntityView:
    iri: str
    labels: list[tuple[str, str]]  # (text, language)
    alt_labels: list[tuple[str, str]]
    classes: list[str]
    identifiers: list[str]
    same_as: list[str]
    mentioned_in: list[tuple[str, str | None]]  # (document IRI, its title)
    other: list[tuple[str, str, str | None]]  # remaining (predicate IRI, value, its label)
    relations: list[Relation]

    @property
    def label(self) -> str:
        for text, lang in self.labels:
            if lang == "en":
                return text
        return self.labels[0][0] if self.labels else self.iri.rsplit("/", 1)[-1]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(term) -> str | None:
    return None if term is None else term.value


def entity_exists(store: GraphStore, iri: str) -> bool:
    return store.ask(EXISTS_QUERY, {"e": NamedNode(iri)})


def entity_view(store: GraphStore, iri: str) -> EntityView | None:
    node = NamedNode(iri)
    rows = store.select(ABOUT_QUERY, {"e": node})
    if not rows and not entity_exists(store, iri):
        return None
    view = EntityView(iri, [], [], [], [], [], [], [], relations(store, iri))
    seen = set()
    for row in rows:
        p, o = row["p"].value, row["o"]
        key = (p, str(o))
        if key in seen:  # the same triple in several named graphs
            continue
        seen.add(key)
        lang = getattr(o, "language", None) or ""
        if p.endswith("rdf-syntax-ns#type"):
            view.classes.append(o.value)
        elif p.endswith("rdf-schema#label"):
            view.labels.append((o.value, lang))
        elif p.endswith("core#altLabel"):
            view.alt_labels.append((o.value, lang))
        elif p == "http://purl.org/dc/terms/identifier":
            view.identifiers.append(o.value)
        elif p == "http://www.w3.org/2002/07/owl#sameAs":
            view.same_as.append(o.value)
        elif p.endswith("ontology#mentionedIn"):
            view.mentioned_in.append((o.value, _text(row.get("oLabel"))))
        elif not p.endswith(("#contentHash", "#textHash")):
            view.other.append((p, o.value, _text(row.get("oLabel"))))
    # Direct edges that have a statement node are shown with their evidence, not twice.
    stated = {(DM + rel.predicate, rel.other) for rel in view.relations if rel.outgoing}
    view.other = sorted(fact for fact in view.other if fact[:2] not in stated)
    view.mentioned_in = sorted(set(view.mentioned_in), key=lambda d: (d[1] or d[0], d[0]))
    view.classes.sort()
    view.alt_labels.sort()
    return view


_QUALIFIERS = ("status", "listing", "date", "amount", "currency", "role", "confidence", "rule")


def relations(store: GraphStore, iri: str) -> list[Relation]:
    out = []
    for row in store.select(RELATIONS_QUERY, {"e": NamedNode(iri)}):
        qualifiers = {}
        for name in _QUALIFIERS:
            value = row.get(name)
            if value is not None:
                qualifiers[name] = _local(value.value) if name in ("status", "listing") else value.value
        out.append(Relation(
            statement=row["st"].value, predicate=_local(row["p"].value),
            outgoing=row["s"].value == iri, other=row["other"].value,
            other_label=_text(row.get("otherLabel")), qualifiers=qualifiers,
            evidence=_text(row.get("evidence")), document=_text(row.get("doc")),
            title=_text(row.get("title")), doc_date=_text(row.get("docDate")), url=_text(row.get("url")),
        ))
    return out


def entity_triples(store: GraphStore, iri: str) -> list[Triple]:
    return list(dict.fromkeys(store.construct(DESCRIBE_QUERY, {"e": NamedNode(iri)})))
