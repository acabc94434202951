"""The ontology file: it parses, describes every term, and DM matches it."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from diplomap.ontology import resources
from diplomap.ontology.build_namespace import defined_terms, render, undefined_references
from diplomap.ontology.namespace import DM
from diplomap.ontology.ontology_graph import ontology_graph, shapes_graph
from diplomap.ontology.vocab import DM_NS, ONTOLOGY_IRI

VANN = "http://purl.org/vocab/vann/"
ONTOLOGY = URIRef(ONTOLOGY_IRI)


@pytest.mark.parametrize("name", ["diplomap.ttl", "shapes.ttl"])
def test_file_parses_alike_in_rdflib_and_pyoxigraph(name):
    text = resources.read_text(name)
    in_rdflib = Graph().parse(data=text, format="turtle")
    store = pyoxigraph.Store()
    store.load(text, format=pyoxigraph.RdfFormat.TURTLE)
    in_oxigraph = {
        (q.subject.value, q.predicate.value, q.object.value)
        for q in store
        if not isinstance(q.subject, pyoxigraph.BlankNode) and not isinstance(q.object, pyoxigraph.BlankNode)
    }
    from_rdflib = {
        (str(s), str(p), str(o)) for s, p, o in in_rdflib
        if isinstance(s, URIRef) and not isinstance(o, BNode)
    }
    assert len(in_rdflib) == len(store) > 100
    assert in_oxigraph == from_rdflib


def test_ontology_header_says_version_license_creator_and_prefix():
    graph = ontology_graph()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert graph.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert graph.value(ONTOLOGY, DCTERMS.license) == URIRef("https://www.apache.org/licenses/LICENSE-2.0")
    assert str(graph.value(ONTOLOGY, DCTERMS.creator)) == "diplomap developers"
    assert {t.language for t in graph.objects(ONTOLOGY, DCTERMS.title)} >= {"en", "vi"}
    assert len(str(graph.value(ONTOLOGY, DCTERMS.description))) > 100
    assert str(graph.value(ONTOLOGY, URIRef(VANN + "preferredNamespacePrefix"))) == "dm"
    assert str(graph.value(ONTOLOGY, URIRef(VANN + "preferredNamespaceUri"))) == DM_NS


def test_namespace_matches_the_ontology_in_both_directions():
    in_ttl = set(defined_terms(ontology_graph()))
    in_python = set(DM.__annotations__)
    assert in_python - in_ttl == set(), "DM has terms the ontology lacks"
    assert in_ttl - in_python == set(), "the ontology has terms DM lacks"
    contract = {"Province", "Document", "partnerOf", "cooperatesWith", "mentionedIn", "status",
                "amount", "currency", "evidence", "evidenceStart", "evidenceEnd", "extractedBy",
                "confidence", "contentHash", "textHash", "Proposed", "Active"}
    assert contract <= in_ttl


def test_namespace_file_is_what_the_generator_writes():
    assert resources.read_text("namespace.py") == render(ontology_graph())


def test_namespace_is_closed():
    assert DM.partnerOf == URIRef(DM_NS + "partnerOf")
    with pytest.raises(AttributeError):
        _ = DM.partnerof


def test_ontology_uses_no_undefined_dm_term():
    assert undefined_references(ontology_graph()) == set()


def test_generator_refuses_a_reference_to_an_undefined_term():
    graph = ontology_graph()
    graph.add((DM.partnerOf, DM.statementClass, URIRef(DM_NS + "Partnershp")))
    with pytest.raises(ValueError, match="Partnershp"):
        render(graph)


_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
          SKOS.ConceptScheme, SKOS.Concept)


def _texts(graph: Graph, term: URIRef, prop: URIRef, language: str) -> list[str]:
    return [str(o) for o in graph.objects(term, prop) if isinstance(o, Literal) and o.language == language]


@pytest.mark.parametrize("name", sorted(DM.__annotations__))
def test_every_term_is_typed_labelled_in_en_and_vi_commented_and_defined_by(name):
    graph = ontology_graph()
    term = URIRef(DM_NS + name)
    assert any((term, RDF.type, kind) in graph for kind in _KINDS), f"dm:{name} has no OWL/SKOS type"
    english = _texts(graph, term, RDFS.label, "en")
    vietnamese = _texts(graph, term, RDFS.label, "vi")
    assert len(english) == 1 and english[0].strip()
    assert len(vietnamese) == 1 and vietnamese[0].strip()
    assert vietnamese[0] != english[0], f"dm:{name}: the vi label is a copy of the en label"
    assert _texts(graph, term, RDFS.comment, "en") or _texts(graph, term, SKOS.definition, "en")
    assert graph.value(term, RDFS.isDefinedBy) == ONTOLOGY


def test_concepts_have_definition_notation_and_bilingual_preflabel():
    graph = ontology_graph()
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 8
    for concept in concepts:
        assert _texts(graph, concept, SKOS.definition, "en")
        assert graph.value(concept, SKOS.notation) is not None
        assert _texts(graph, concept, SKOS.prefLabel, "en") and _texts(graph, concept, SKOS.prefLabel, "vi")
        scheme = graph.value(concept, SKOS.inScheme)
        assert (scheme, SKOS.hasTopConcept, concept) in graph


def test_ontology_graph_returns_an_independent_copy_each_time():
    first = ontology_graph()
    first.remove((None, None, None))
    assert len(first) == 0
    assert len(ontology_graph()) > 600
    assert len(shapes_graph()) > 600
