"""The RDF of extracted documents (document graph + entities graph + the gazetteer entries
they use) conforms to the SHACL shapes."""

import os
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, serialize

from diplomap.loaders.documents import Document
from diplomap.loaders.pipeline import document_rdf, extract
from diplomap.ontology import resources

ARTICLE = """Ha Tinh deepens ties with Lao and Japanese partners
10:00 05/03/2023

Last year, Ha Tinh signed a cooperation agreement with Savannakhet province in Laos in the fields of trade and education.
Mr. Tran Van Hung, Director of the provincial Department of Foreign Affairs, said Japanese investors, namely Aeon and Sojitz, have invested 300 million USD in the province.
Plan International of the United States provided aid worth 20,000 USD to Ha Tinh in 2022.
Vi and Giam folk songs are recognised by UNESCO as the Representative Intangible Cultural Heritage of Humanity.
Hung visited Japan's Gifu in March 2023.
"""
SEEDS = Path(os.environ.get("DIPLOMAP_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))
ARTICLES = Path(__file__).parent / "data" / "articles"


def _shapes_text():
    return resources.shapes_ttl()


def _validate(*docs: Document) -> None:
    import pyshacl
    from pyoxigraph import Triple

    from diplomap.ontology.gazetteer import by_id
    from diplomap.ontology.gazetteer_rdf import entry_triples

    triples = []
    used = set()
    for doc in docs:
        doc_quads, entity_quads = document_rdf(doc)
        triples += [(q.subject, q.predicate, q.object) for q in doc_quads + entity_quads]
        used |= {e.gazetteer_id for e in extract(doc).entities.values() if e.gazetteer_id}
    entries = by_id()
    for entry_id in sorted(used):
        triples.extend(entry_triples(entries[entry_id]))
    data = serialize([Triple(*t) for t in triples], format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")
    shapes = rdflib.Graph().parse(data=_shapes_text(), format="turtle")
    ontology = rdflib.Graph().parse(data=resources.ontology_ttl(), format="turtle")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology,
                                         inference="none", allow_warnings=True)
    assert conforms, text[:3000]


def test_hand_written_article_conforms():
    _validate(Document.create("shacl-test", ARTICLE, title="Ha Tinh deepens ties", date="2023-03-05"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
def test_seed_article_conforms(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    _validate(Document.create(name, text, title=text.splitlines()[0]))


@pytest.mark.skipif(not any(ARTICLES.glob("*.txt")), reason="no test articles yet")
def test_test_articles_conform_together():
    from diplomap.loaders.readers import read_documents

    documents, problems = read_documents([ARTICLES])
    assert documents and not problems
    _validate(*documents)


def test_broken_statement_is_caught():
    """The check can fail: a partnership without its stage violates the shapes."""
    import dataclasses

    import pyshacl
    from pyoxigraph import Triple

    doc = Document.create("bad", "Ha Tinh signed an agreement with Savannakhet province of Laos.")
    extraction = extract(doc)
    extraction.facts = [dataclasses.replace(f, status=None) for f in extraction.facts]
    from diplomap.loaders.emit import document_quads

    quads = document_quads(doc, extraction)
    data = serialize([Triple(q.subject, q.predicate, q.object) for q in quads], format=RdfFormat.N_TRIPLES)
    graph = rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")
    shapes = rdflib.Graph().parse(data=_shapes_text(), format="turtle")
    conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert not conforms
