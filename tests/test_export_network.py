"""GraphML, GEXF and CSV exports of the entity network, and the VoID/DCAT description."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
import rdflib
from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.graph.export.describe import DescriptionOptions, describe_dataset
from diplomap.graph.export.network import project, write_csv, write_gexf, write_graphml

ID = "https://w3id.org/diplomap/id/"
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
GEXF = "{http://www.gexf.net/1.2draft}"


def _bytes(writer, network) -> bytes:
    out = io.BytesIO()
    writer(network, out)
    return out.getvalue()


def test_graphml_holds_entities_and_labelled_edges(small_store, hostile_text):
    data = _bytes(write_graphml, project(small_store))
    graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    bac_ninh = graph.nodes[ID + "province/bac-ninh"]
    assert (bac_ninh["label"], bac_ninh["type"]) == ("Bac Ninh", "Province")
    assert graph.nodes[ID + "corporation/sao-mai-star-tech-co-cong-ty-north"]["label"] == hostile_text["label"]
    edges = graph.get_edge_data(ID + "province/bac-giang", ID + "foreign-locality/xaysomboun")
    [edge] = edges.values()
    assert (edge["predicate"], edge["status"], edge["date"]) == ("partnerOf", "Signed", "2021")
    assert edge["evidence"] == hostile_text["sentence"]
    predicates = {d["predicate"] for _, _, d in graph.edges(data=True)}
    assert predicates == {"partnerOf", "locatedIn", "investsIn", "basedIn", "aidTo", "memberOf", "heritageOf",
                          "recognizedBy", "holdsPosition", "visited", "cooperatesWith"}
    assert _bytes(write_graphml, project(small_store)) == data


def test_gexf_is_dynamic_with_dates_for_the_timeline(small_store):
    data = _bytes(write_gexf, project(small_store))
    root = ET.fromstring(data)
    graph = root.find(f"{GEXF}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    starts = {(e.get("source").rsplit("/", 1)[1], e.get("target").rsplit("/", 1)[1]): e.get("start")
              for e in root.iter(f"{GEXF}edge")}
    assert starts[("bac-ninh", "lakeshire")] == "2024-03-01"
    assert starts[("bac-giang", "xaysomboun")] == "2021-01-01"
    assert starts[("bac-giang", "busan")] is None  # no date stated: always present
    read = nx.read_gexf(io.BytesIO(data))
    assert read.nodes[ID + "province/bac-giang"]["label"] == "Bac Giang"
    assert _bytes(write_gexf, project(small_store)) == data


def test_csv_nodes_and_edges_with_evidence(small_store, hostile_text):
    nodes_out, edges_out = io.StringIO(), io.StringIO()
    write_csv(project(small_store), nodes_out, edges_out)
    nodes = list(csv.DictReader(io.StringIO(nodes_out.getvalue())))
    edges = list(csv.DictReader(io.StringIO(edges_out.getvalue())))
    by_id = {n["id"]: n for n in nodes}
    assert by_id[ID + "province/bac-ninh"]["wikidata"] == "http://www.wikidata.org/entity/Q33408"
    assert by_id[ID + "corporation/sao-mai-star-tech-co-cong-ty-north"]["label"] == hostile_text["label"]
    assert len(edges) == 19  # one row per statement in the two documents
    partner = next(e for e in edges if e["target"] == ID + "foreign-locality/xaysomboun")
    assert (partner["predicate"], partner["status"], partner["evidence"]) == ("partnerOf", "Signed", hostile_text["sentence"])
    canon = next(e for e in edges if e["source"] == ID + "corporation/canon")
    assert (canon["amount"], canon["currency"]) == ("50000000000", "JPY")


def test_cli_csv_to_directory_and_prefix(small_store_dir, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--store", small_store_dir, "--format", "csv", "-o", str(tmp_path / "d") + "/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d" / "nodes.csv").exists() and (tmp_path / "d" / "edges.csv").exists()
    result = runner.invoke(main, ["export", "--store", small_store_dir, "--format", "csv", "-o", str(tmp_path / "x-")])
    assert result.exit_code == 0
    assert (tmp_path / "x-edges.csv").read_bytes() == (tmp_path / "d" / "edges.csv").read_bytes()
    assert runner.invoke(main, ["export", "--store", small_store_dir, "--format", "csv"]).exit_code != 0


def test_cli_graphml_and_gexf(small_store_dir, small_corpus, tmp_path):
    entities = {e.id for _, extraction in small_corpus for e in extraction.entities.values()}
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        result = CliRunner().invoke(main, ["export", "--store", small_store_dir, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert {n.removeprefix(ID) for n in graph.nodes} == entities


def test_void_counts_match_the_store(small_store, small_quads):
    options = DescriptionOptions(license="https://creativecommons.org/licenses/by/4.0/", publisher="Test Team",
                                 sparql_endpoint="https://example.org/sparql", dump_url="https://example.org/d.{ext}")
    graph = rdflib.Graph()
    for q in describe_dataset(small_store, "all", options):
        graph.add(tuple(rdflib.URIRef(t.value) if type(t).__name__ == "NamedNode" else rdflib.Literal(
            t.value, lang=t.language, datatype=None if t.language else rdflib.URIRef(t.datatype.value)) for t in q.triple))
    [dataset] = graph.subjects(rdflib.RDF.type, VOID.Dataset)
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in graph
    triples = {str(q.triple) for q in small_quads}
    assert graph.value(dataset, VOID.triples).toPython() == len(triples)
    types = [q for q in small_quads if q.predicate.value.endswith("#type") and q.object.value.startswith(
        "https://w3id.org/diplomap/ontology#") and q.object.value.split("#")[1] not in ("Document",) and
        q.object.value.split("#")[1][0].isupper()]
    entity_classes = {"Province", "VietnamLocality", "ForeignLocality", "Country", "Corporation", "NGO",
                      "InternationalOrganization", "GovernmentBody", "Person", "HeritageItem", "Event"}
    entities = {q.subject.value for q in types if q.object.value.split("#")[1] in entity_classes}
    assert graph.value(dataset, VOID.entities).toPython() == len(entities)
    partitions = {graph.value(p, VOID["class"]): graph.value(p, VOID.entities).toPython()
                  for p in graph.objects(dataset, VOID.classPartition)}
    assert partitions[rdflib.URIRef("https://w3id.org/diplomap/ontology#Partnership")] == 5
    props = {graph.value(p, VOID.property): graph.value(p, VOID.triples).toPython()
             for p in graph.objects(dataset, VOID.propertyPartition)}
    assert props[rdflib.URIRef("https://w3id.org/diplomap/ontology#partnerOf")] == 5
    assert str(graph.value(dataset, VOID.sparqlEndpoint)) == "https://example.org/sparql"
    assert rdflib.URIRef("https://example.org/d.ttl") in set(graph.objects(dataset, VOID.dataDump))
    distributions = set(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 5
    assert {str(graph.value(d, DCAT.mediaType)).rsplit("/", 2)[-2:][1] for d in distributions} >= {"turtle", "trig"}
    period = graph.value(dataset, rdflib.DCTERMS.temporal)
    assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == ("2021-05-10", "2024-03-15")
    assert len(list(graph.objects(dataset, VOID.exampleResource))) == 3
    assert str(graph.value(dataset, rdflib.DCTERMS.publisher)) == "Test Team"
    # the gazetteer's coordinates come from GeoNames, Vietnamese units' from vietnamadminunits: licences credited
    sources = {str(graph.value(s, DCAT.landingPage)): str(graph.value(s, rdflib.DCTERMS.license))
               for s in graph.objects(dataset, rdflib.DCTERMS.source)}
    assert sources == {"https://www.geonames.org/": "https://creativecommons.org/licenses/by/4.0/",
                       "https://github.com/tranngocminhhieu/vietnamadminunits": "https://opensource.org/licenses/MIT"}
    rights = " ".join(str(r) for r in graph.objects(dataset, rdflib.DCTERMS.rights))
    assert "GeoNames" in rights and "vietnamadminunits" in rights


def test_cli_void_format(small_store_dir):
    result = CliRunner().invoke(main, ["export", "--store", small_store_dir, "--format", "void",
                                       "--base", "https://example.org/dm/"])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert (rdflib.URIRef("https://example.org/dm/dataset"), rdflib.RDF.type, VOID.Dataset) in graph
