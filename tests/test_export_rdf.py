"""RDF exports: three independent parsers agree, output repeats byte for byte, hostile text survives."""

from __future__ import annotations

import io
import subprocess

import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from diplomap.graph.cli.group import main
from diplomap.graph.export.rdf import export_rdf
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.ontology.iris import ONTOLOGY_GRAPH, REFERENCE_GRAPH

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
OX_FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "trig": pyoxigraph.RdfFormat.TRIG,
              "nt": pyoxigraph.RdfFormat.N_TRIPLES, "nq": pyoxigraph.RdfFormat.N_QUADS,
              "jsonld": pyoxigraph.RdfFormat.JSON_LD}


def _rdflib_term(term):
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # rdflib tells "x" from "x"^^xsd:string; RDF 1.1 does not
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def expected_graph(quads, graphs=None) -> rdflib.Graph:
    """The union of the given graphs, built straight from the quads (not through any writer)."""
    graph = rdflib.Graph()
    for q in quads:
        if graphs is None or q.graph_name.value in graphs:
            graph.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    return graph


def exported(store, fmt, which="all") -> bytes:
    out = io.BytesIO()
    export_rdf(store, out, fmt, which)
    return out.getvalue()


def triple_set(quads) -> set[str]:
    return {str(q.triple) if isinstance(q, pyoxigraph.Quad) else str(q) for q in quads}


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nq", "jsonld"])
def test_rdflib_and_pyoxigraph_read_back_the_same_graph(small_store, small_quads, fmt):
    # rdflib is slow on the 22k reference triples: it checks the document graphs (where the
    # hostile text lives); pyoxigraph checks the whole export.
    documents = {q.graph_name.value for q in small_quads} - {ONTOLOGY_GRAPH, REFERENCE_GRAPH}
    data = exported(small_store, fmt, "documents")
    expected = expected_graph(small_quads, documents)
    by_rdflib = rdflib.Dataset()
    by_rdflib.parse(data=data, format=RDFLIB_FORMATS[fmt])
    union = rdflib.Graph()
    for s, p, o, _g in by_rdflib.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(union) == len(expected) > 250
    assert isomorphic(union, expected)
    assert isomorphic(expected_graph(pyoxigraph.parse(data, OX_FORMATS[fmt])), expected)
    everything = exported(small_store, fmt, "all")
    assert triple_set(pyoxigraph.parse(everything, OX_FORMATS[fmt])) == triple_set(small_quads)


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_quad_formats_keep_the_document_graphs(small_store, small_quads, fmt):
    data = exported(small_store, fmt)
    back = {(q.graph_name.value, str(q.triple)) for q in pyoxigraph.parse(data, OX_FORMATS[fmt])}
    assert back == {(q.graph_name.value, str(q.triple)) for q in small_quads}


def test_graph_selection(small_store, small_quads):
    reference = {ONTOLOGY_GRAPH, REFERENCE_GRAPH}
    documents = {q.graph_name.value for q in small_quads} - reference
    for which, graphs in (("reference", reference), ("documents", documents)):
        data = exported(small_store, "turtle", which)
        back = triple_set(pyoxigraph.parse(data, pyoxigraph.RdfFormat.TURTLE))
        assert back == triple_set(q for q in small_quads if q.graph_name.value in graphs), which


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt"])
def test_raptor_parses_the_export(small_store, tmp_path, rapper_path, fmt):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(exported(small_store, fmt))
    syntax = {"turtle": "turtle", "trig": "trig", "nt": "ntriples"}[fmt]
    run = subprocess.run([rapper_path, "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    count = len(triple_set(small_store.oxigraph)) if fmt != "trig" else len(list(small_store.oxigraph))
    assert f"returned {count} " in run.stderr


def test_turtle_is_readable_with_prefixes_and_language_tags(small_store):
    text = exported(small_store, "turtle").decode("utf-8")
    assert "@prefix dm: <https://w3id.org/diplomap/ontology#> ." in text
    assert "province:bac-ninh " in text
    assert '"Bắc Ninh"@vi' in text and '"Bac Ninh"@en' in text


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nq", "jsonld"])
def test_output_repeats_byte_for_byte_whatever_the_load_order(small_store, small_quads, fmt):
    first = exported(small_store, fmt)
    assert exported(small_store, fmt) == first
    reordered = open_store(StoreSpec("memory"))
    reordered.add(list(reversed(small_quads)))
    assert exported(reordered, fmt) == first


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nq", "jsonld"])
def test_hostile_text_round_trips_identically(small_store, hostile_text, fmt):
    data = exported(small_store, fmt, "documents")
    by_oxigraph = [q.object.value for q in pyoxigraph.parse(data, OX_FORMATS[fmt])
                   if isinstance(q.object, pyoxigraph.Literal)]
    for values in (set(by_oxigraph), set(_rdflib_quads(data, RDFLIB_FORMATS[fmt]))):
        assert hostile_text["label"] in values, fmt
        assert hostile_text["sentence"] in values, fmt


def _rdflib_quads(data, fmt):
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=fmt)
    return [str(o) for _s, _p, o, _g in dataset.quads((None, None, None, None)) if isinstance(o, rdflib.Literal)]


def test_cli_export_to_file_and_describe(small_store_dir, tmp_path):
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["export", "--store", small_store_dir, "--format", "turtle", "-o", str(out),
                                       "--describe", "--license", "https://creativecommons.org/licenses/by/4.0/"])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    datasets = list(graph.subjects(rdflib.RDF.type, void.Dataset))
    assert len(datasets) == 1
    assert (datasets[0], rdflib.DCTERMS.license, rdflib.URIRef("https://creativecommons.org/licenses/by/4.0/")) in graph
    assert (rdflib.URIRef("https://w3id.org/diplomap/id/province/bac-ninh"), rdflib.RDF.type, None) in graph
    again = tmp_path / "again.ttl"
    CliRunner().invoke(main, ["export", "--store", small_store_dir, "-o", str(again), "--describe",
                              "--license", "https://creativecommons.org/licenses/by/4.0/"])
    assert again.read_bytes() == out.read_bytes()


def test_cli_export_to_stdout(small_store_dir):
    result = CliRunner().invoke(main, ["export", "--store", small_store_dir, "--format", "nt", "--graph", "documents"])
    assert result.exit_code == 0
    lines = result.stdout_bytes.splitlines()
    assert lines == sorted(set(lines))
