"""The gazetteer as RDF: parses, one English label per entity, links as the vocabulary contract says."""

from __future__ import annotations

import re
import time
from collections import Counter

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, parse, serialize

from diplomap.ontology import gazetteer, resources
from diplomap.ontology.gazetteer_rdf import LABEL, gazetteer_quads
from diplomap.ontology.iris import DEFAULT_BASE, ONTOLOGY_NS, REFERENCE_GRAPH

DM = ONTOLOGY_NS


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    store.extend(gazetteer_quads())
    return store


def _ask(store: Store, query: str) -> bool:
    # gazetteer ids contain "/", which SPARQL prefixed names do not allow: expand id:... by hand
    query = re.sub(r"\bid:([a-z0-9/-]+)", lambda m: f"<{DEFAULT_BASE}{m.group(1)}>", query)
    return bool(store.query(f"PREFIX dm: <{DM}> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                            f"PREFIX owl: <http://www.w3.org/2002/07/owl#> "
                            f"PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
                            f"ASK {{ GRAPH <{REFERENCE_GRAPH}> {{ {query} }} }}"))


def test_quads_round_trip_through_nquads():
    quads = gazetteer_quads()
    text = serialize(quads, format=RdfFormat.N_QUADS)
    assert sorted(map(str, parse(text, format=RdfFormat.N_QUADS))) == sorted(map(str, quads))
    assert {q.graph_name for q in quads} == {NamedNode(REFERENCE_GRAPH)}


def test_every_entity_has_exactly_one_english_label():
    labels = Counter(q.subject for q in gazetteer_quads() if q.predicate == LABEL)
    assert len(labels) == len(gazetteer.load())
    assert set(labels.values()) == {1}
    assert {q.object.language for q in gazetteer_quads() if q.predicate == LABEL} == {"en"}


def test_contract_links(store):
    assert _ask(store, "id:province/bac-giang dm:replacedBy id:province/bac-ninh ; "
                       "dm:replacedOn '2025-07-01'^^xsd:date ; a dm:Province .")
    assert _ask(store, "id:province/bac-ninh dm:replaces id:province/bac-giang ; "
                       "owl:sameAs <http://www.wikidata.org/entity/Q33408> ; "
                       "<http://purl.org/dc/terms/identifier> 'VN-56' ; skos:altLabel 'Bắc Ninh'@vi .")
    assert _ask(store, "id:foreign-locality/xaysomboun dm:locatedIn id:country/laos .")
    assert _ask(store, "id:corporation/amkor-technology dm:basedIn id:country/united-states .")
    assert _ask(store, "id:heritage-item/ca-tru dm:listing dm:UrgentSafeguardingList .")
    assert _ask(store, "id:vietnam-locality/dai-phuc-ward skos:closeMatch <https://sws.geonames.org/9871587/> .")
    assert not _ask(store, "?s dm:mentionedIn ?o .")


def test_other_base_and_graph():
    quads = gazetteer_quads(base="http://example.org/x/", graph=NamedNode("http://example.org/g"))
    assert all(q.subject.value.startswith("http://example.org/x/") for q in quads)
    assert {q.graph_name.value for q in quads} == {"http://example.org/g"}


def test_quads_are_cached_and_fast():
    gazetteer_quads(base="http://example.org/timing/")
    start = time.perf_counter()
    gazetteer_quads(base="http://example.org/timing/")
    assert time.perf_counter() - start < 0.5


def test_gazetteer_conforms_to_the_shapes():
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    data = rdflib.Graph()
    data.parse(data=serialize([q.triple for q in gazetteer_quads()], format=RdfFormat.N_TRIPLES), format="nt")
    ontology = rdflib.Graph().parse(data=resources.ontology_ttl(), format="turtle")
    shapes = rdflib.Graph().parse(data=resources.shapes_ttl(), format="turtle")
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
                                                 inference="none", allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = list(results.subjects(sh.resultSeverity, sh.Violation))
    assert violations == [], results.serialize(format="turtle")[:3000]
