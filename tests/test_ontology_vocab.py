"""The plain-string constants of diplomap.ontology.vocab agree with the ontology and the shapes."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from diplomap.ontology import iris, vocab
from diplomap.ontology.build_namespace import main as build_namespace
from diplomap.ontology.namespace import DM
from diplomap.ontology.ontology_graph import ontology_graph, shapes_graph

DM_NS = vocab.DM_NS


def _local(term) -> str:
    assert str(term).startswith(DM_NS), term
    return str(term)[len(DM_NS):]


def _locals(terms) -> set[str]:
    return {_local(t) for t in terms}


def test_namespace_constant_is_the_dm_namespace():
    assert DM_NS == str(DM._NS) == "https://w3id.org/diplomap/ontology#"


def test_classes_are_the_disjoint_entity_classes_and_match_iri_minting():
    graph = ontology_graph()
    disjoint_sets = [
        _locals(Collection(graph, graph.value(node, OWL.members)))
        for node in graph.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    assert set(vocab.CLASSES) in disjoint_sets
    assert set(vocab.STATEMENT_CLASSES) in disjoint_sets
    assert len(vocab.CLASSES) == 12 and set(vocab.CLASSES) == set(iris.CLASS_SEGMENTS)


def test_abstract_classes_are_the_remaining_owl_classes():
    graph = ontology_graph()
    all_classes = _locals(c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef))
    assert set(vocab.ABSTRACT_CLASSES) == all_classes - set(vocab.CLASSES) - set(vocab.STATEMENT_CLASSES)


def test_statement_class_mapping_matches_both_annotations():
    graph = ontology_graph()
    by_annotation = {_local(p): _local(c) for p, c in graph.subject_objects(DM.statementClass)}
    inverse = {_local(p): _local(c) for c, p in graph.subject_objects(DM.statementFor)}
    assert by_annotation == inverse == vocab.STATEMENT_CLASS
    assert len(vocab.DIRECT_PROPERTIES) == 11
    for cls in vocab.STATEMENT_CLASSES:
        assert (URIRef(DM_NS + cls), RDFS.subClassOf, RDF.Statement) in graph


def test_direct_properties_are_object_properties_with_domain_and_range():
    graph = ontology_graph()
    for name in vocab.DIRECT_PROPERTIES:
        prop = URIRef(DM_NS + name)
        assert (prop, RDF.type, OWL.ObjectProperty) in graph
        assert graph.value(prop, RDFS.domain) is not None, name
        assert graph.value(prop, RDFS.range) is not None, name


def test_symmetric_properties():
    graph = ontology_graph()
    assert _locals(graph.subjects(RDF.type, OWL.SymmetricProperty)) == set(vocab.SYMMETRIC_PROPERTIES)


def test_replacement_properties_are_inverse_and_dated():
    graph = ontology_graph()
    assert (DM.replacedBy, OWL.inverseOf, DM.replaces) in graph
    assert graph.value(DM.replacedOn, RDFS.range) == URIRef("http://www.w3.org/2001/XMLSchema#date")


def test_qualifiers_are_defined_properties():
    graph = ontology_graph()
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
    for name in vocab.QUALIFIERS:
        assert any((URIRef(DM_NS + name), RDF.type, kind) in graph for kind in kinds), name


def _scheme(graph: Graph, scheme: str) -> dict[str, str]:
    """notation -> local name of the concepts in a scheme."""
    members = graph.subjects(SKOS.inScheme, URIRef(DM_NS + scheme))
    return {str(graph.value(c, SKOS.notation)): _local(c) for c in members}


def test_stages_and_listings_match_the_concept_schemes():
    graph = ontology_graph()
    assert _scheme(graph, vocab.STAGE_SCHEME) == vocab.STAGE_BY_NOTATION
    assert set(vocab.STAGE_BY_NOTATION.values()) == set(vocab.STAGES)
    assert _scheme(graph, vocab.LISTING_SCHEME) == vocab.LISTING_BY_NOTATION
    assert set(vocab.LISTING_BY_NOTATION.values()) == set(vocab.LISTINGS)


def _sh_in_lists(graph: Graph, path: URIRef) -> list[set[str]]:
    return [
        {_local(term) for term in Collection(graph, graph.value(shape, SH["in"]))}
        for shape in graph.subjects(SH.path, path)
        if graph.value(shape, SH["in"]) is not None
    ]


def test_shapes_use_the_same_lists_as_the_vocabulary():
    shapes = shapes_graph()
    assert _sh_in_lists(shapes, RDF.predicate) == [set(vocab.DIRECT_PROPERTIES)]
    assert _sh_in_lists(shapes, DM.status) == [set(vocab.STAGES)]
    assert _sh_in_lists(shapes, DM.listing) == [set(vocab.LISTINGS)] * 2
    targeted = _locals(o for o in shapes.objects(None, SH.targetClass) if str(o).startswith(DM_NS))
    assert targeted == set(vocab.CLASSES) | set(vocab.STATEMENT_CLASSES)


def test_build_namespace_writes_and_checks(tmp_path, capsys):
    target = tmp_path / "namespace.py"
    assert build_namespace([str(target)]) == 0
    source = target.read_text(encoding="utf-8")
    assert "do not edit" in source and "    partnerOf: URIRef" in source
    assert build_namespace([str(target), "--check"]) == 0
    target.write_text(source.replace("    partnerOf: URIRef", "    partnerof: URIRef"), encoding="utf-8")
    assert build_namespace([str(target), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err

