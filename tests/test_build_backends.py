"""build -> stats -> rebuild -> change one file -> rebuild -> remove, on every store backend.

The same test runs on the in-memory store, an on-disk Oxigraph store, an Oxigraph server and
a private Virtuoso 7; each backend must give the same answers as a fresh in-memory build.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, Store

from diplomap.graph.cli.group import main
from diplomap.graph.ingest.pipeline import build_paths, typed_entities
from diplomap.graph.ingest.remove import remove_document
from diplomap.graph.ingest.stats import collect
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.loaders.emit import ENTITIES_GRAPH
from diplomap.loaders.pipeline import document_rdf
from diplomap.loaders.readers import read_documents
from diplomap.ontology.iris import DEFAULT_BASE, ONTOLOGY_GRAPH
from diplomap.ontology.vocab import DM_NS

pytestmark = pytest.mark.server

# Written for these tests; names come from the gazetteer so the extractor finds them.
ARTICLES = {
    "twinning.txt": (
        "Bac Ninh and Busan sign a twinning deal\n\n"
        "Bac Ninh province signed a memorandum of understanding on friendly cooperation with Busan "
        "city of South Korea in 2023. The two sides agreed to exchange delegations every year."
    ),
    "investors.txt": (
        "Korean investors expand in Bac Ninh\n\n"
        "Hanwha Techwin has invested US$200 million in a new factory in Bac Ninh province. "
        "Chairman Nguyen Van Khai said Bac Ninh welcomed investors from South Korea."
    ),
    "aid.txt": (
        "Aid for flood recovery in Bac Giang\n\n"
        "Plan International provided aid worth 150,000 USD to Bac Giang province in 2022 "
        "to rebuild schools after the floods."
    ),
    "heritage.txt": (
        "Folk songs abroad\n\n"
        "Quan Ho Bac Ninh folk songs are recognised by UNESCO as Representative Intangible "
        "Cultural Heritage of Humanity. Bac Ninh promotes them in Japan."
    ),
    "partners.txt": (
        "Bac Giang seeks partners in Laos\n\n"
        "Bac Giang province is negotiating a cooperation agreement with Champasak province of Laos. "
        "Hanwha Techwin also visited Bac Giang in May 2024."
    ),
}
CHANGED = ("aid.txt", " World Vision International also provided aid to Bac Giang province in 2023.")
BACKENDS = ["memory", "oxigraph", "oxigraph-server", "virtuoso"]


@pytest.fixture(params=BACKENDS)
def store_spec(request, tmp_path, monkeypatch, wipe_graphs) -> StoreSpec:
    if request.param == "memory":
        return StoreSpec("memory")
    if request.param == "oxigraph":
        return StoreSpec("oxigraph", str(tmp_path / "store"))
    if request.param == "oxigraph-server":
        spec = StoreSpec("endpoint", request.getfixturevalue("oxigraph_server"))
    else:
        url, user, password = request.getfixturevalue("virtuoso_server")
        monkeypatch.setenv("DIPLOMAP_ENDPOINT_USER", user)
        monkeypatch.setenv("DIPLOMAP_ENDPOINT_PASSWORD", password)
        spec = StoreSpec("endpoint", url)
    with open_store(spec) as store:
        wipe_graphs(store)
    return spec


@pytest.fixture
def corpus(tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    for name, text in ARTICLES.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def data_dump(store) -> list[str]:
    """Sorted N-Quads of everything diplomap wrote except the ontology (it has blank nodes)."""
    return stored_form(q for q in store.quads() if q.graph_name.value != ONTOLOGY_GRAPH
                       and q.graph_name.value.startswith(("https://w3id.org/diplomap/", DEFAULT_BASE)))


def graph_dump(store, graph: str) -> list[str]:
    return stored_form(store.quads(graph))


VIRTUOSO_GEOMETRY = "http://www.openlinksw.com/schemas/virtrdf#Geometry"
WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"


def _from_virtuoso(quad):
    """Virtuoso 7 stores a geo:wktLiteral as its own virtrdf:Geometry, in single precision
    ("POINT(69.1723 34.5281)" comes back as "POINT(69.172302246094 34.528099060059)"): read it back
    as the WKT point it was, with the 4 decimals the gazetteer writes."""
    obj = quad.object
    if not isinstance(obj, Literal) or obj.datatype.value != VIRTUOSO_GEOMETRY:
        return quad
    numbers = re.findall(r"-?\d+(?:\.\d+)?", obj.value)
    point = "POINT(" + " ".join(f"{float(n):.4f}" for n in numbers) + ")"
    return Quad(quad.subject, quad.predicate, Literal(point, datatype=NamedNode(WKT)), quad.graph_name)


def stored_form(quads) -> list[str]:
    """Sorted N-Quads of ``quads`` as an embedded Oxigraph gives them back, so backends compare
    equal: Oxigraph 0.5 stores xsd:nonNegativeInteger as xsd:integer, Virtuoso keeps it."""
    store = Store()
    store.extend(_from_virtuoso(q) for q in quads)
    return sorted(f"{q} ." for q in store)


def fresh_memory_answers(corpus) -> tuple:
    with open_store(StoreSpec("memory")) as store:
        build_paths(store, [str(corpus)])
        return collect(store), data_dump(store)


def test_build_rebuild_change_remove(store_spec, corpus):
    documents, problems = read_documents([str(corpus)])
    assert not problems and len(documents) == len(ARTICLES)
    expected_doc_quads = {d.iri(): document_rdf(d)[0] for d in documents}

    with open_store(store_spec) as store:
        first = build_paths(store, [str(corpus)])
        assert (first.read, first.new, first.unchanged, first.failed) == (len(ARTICLES), len(ARTICLES), 0, 0)
        stats = collect(store)
        assert stats.documents == len(ARTICLES)
        assert stats.triples["documents"] == sum(len(set(q)) for q in expected_doc_quads.values())
        for iri, quads in expected_doc_quads.items():
            assert graph_dump(store, iri) == stored_form(quads)
        # Same answers as a fresh in-memory build.
        reference_stats, reference_dump = fresh_memory_answers(corpus)
        assert stats == reference_stats
        dump = data_dump(store)
        assert dump == reference_dump

        again = build_paths(store, [str(corpus)])
        assert (again.new, again.changed, again.unchanged, again.triples_added) == (0, 0, len(ARTICLES), 0)
        assert data_dump(store) == dump

        name, extra = CHANGED
        (corpus / name).write_text(ARTICLES[name] + extra, encoding="utf-8")
        changed_doc = next(d for d in read_documents([str(corpus)])[0] if d.identity == name)
        third = build_paths(store, [str(corpus)])
        assert (third.new, third.changed, third.unchanged) == (0, 1, len(ARTICLES) - 1)
        assert collect(store).documents == len(ARTICLES)
        assert graph_dump(store, changed_doc.iri()) == stored_form(document_rdf(changed_doc)[0])
        others = [iri for iri in expected_doc_quads if iri != changed_doc.iri()]
        for iri in others:
            assert graph_dump(store, iri) == stored_form(expected_doc_quads[iri])
        assert data_dump(store) == fresh_memory_answers(corpus)[1]

        removal = remove_document(store, name)
        assert removal.document == changed_doc.iri()
        assert collect(store).documents == len(ARTICLES) - 1
        assert not store.ask("ASK { ?e ?p ?doc }", {"doc": NamedNode(changed_doc.iri())})
        (corpus / name).unlink()
        assert data_dump(store) == fresh_memory_answers(corpus)[1]


def test_entities_are_typed_once_and_orphans_go(store_spec, corpus):
    with open_store(store_spec) as store:
        build_paths(store, [str(corpus)])
        typed = typed_entities(store)
        assert typed, "the corpus names entities the gazetteer does not know (a person)"
        rows = store.select(
            f"SELECT ?e (COUNT(?c) AS ?types) (COUNT(?l) AS ?labels) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{"
            " { ?e a ?c } UNION { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } } } GROUP BY ?e")
        assert {r["e"].value for r in rows} == typed
        assert all(int(r["types"].value) == 1 and int(r["labels"].value) == 1 for r in rows)
        for name in ARTICLES:
            remove_document(store, name)
        assert collect(store).documents == 0
        assert typed_entities(store) == set()
        assert not store.ask(f"ASK {{ ?e <{DM_NS}mentionedIn> ?d }}")


def test_cli_build_stats_remove(store_spec, corpus, monkeypatch):
    if store_spec.kind == "memory":
        pytest.skip("an in-memory store does not outlive one command")
    runner = CliRunner()
    option = ["--store", store_spec.location] if store_spec.kind == "oxigraph" else ["--endpoint", store_spec.location]
    result = runner.invoke(main, ["build", str(corpus), *option])
    assert result.exit_code == 0, result.output
    assert f"new: {len(ARTICLES)}" in result.output
    result = runner.invoke(main, ["stats", "--format", "json", *option])
    assert result.exit_code == 0, result.output
    assert f'"documents": {len(ARTICLES)}' in result.output
    result = runner.invoke(main, ["build", str(corpus), *option])
    assert f"unchanged: {len(ARTICLES)}" in result.output
    result = runner.invoke(main, ["remove", "twinning.txt", *option])
    assert result.exit_code == 0 and "removed" in result.output, result.output
    result = runner.invoke(main, ["remove", "twinning.txt", *option])
    assert result.exit_code != 0 and "no document" in result.output and "Traceback" not in result.output
