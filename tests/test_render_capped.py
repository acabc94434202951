"""A map of more entities than its cap: the entities are ranked before any statement is loaded.

The store is written by hand: a province stating partnerships with five foreign localities, two of
which also cooperate with each other, and one partnership stated in seven articles.
"""

from __future__ import annotations

import json
import re

from pyoxigraph import Literal, NamedNode, Quad

from diplomap.graph.maps.projection import project
from diplomap.graph.maps.render import graph_page, render_html
from diplomap.graph.maps.top import MAX_EVIDENCE, project_for_page
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.ontology.vocab import DM_NS

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ID = "https://w3id.org/diplomap/id/"
HUB = ID + "province/hub"
# The two best connected localities sort last, so a cap that took names in order would miss them.
TOP_A, TOP_B = ID + "foreign-locality/zz-a", ID + "foreign-locality/zz-b"
LOW = [ID + f"foreign-locality/aa-{i}" for i in range(3)]
DATA = re.compile(r'<script id="diplomap-data" type="application/json">(.*?)</script>', re.S)


def _quads() -> list[Quad]:
    out, n = [], 0

    def entity(iri, cls, label):
        out.extend([Quad(NamedNode(iri), NamedNode(RDF + "type"), NamedNode(DM_NS + cls)),
                    Quad(NamedNode(iri), NamedNode(RDFS + "label"), Literal(label))])

    def stated(s, p, o, year):
        nonlocal n
        n += 1
        doc, st = NamedNode(ID + f"doc/{n}"), NamedNode(ID + f"statement/{n}")
        for triple in [(st, NamedNode(RDF + "type"), NamedNode(RDF + "Statement")),
                       (st, NamedNode(RDF + "subject"), NamedNode(s)),
                       (st, NamedNode(RDF + "predicate"), NamedNode(DM_NS + p)),
                       (st, NamedNode(RDF + "object"), NamedNode(o)),
                       (st, NamedNode(DM_NS + "status"), NamedNode(DM_NS + "Signed")),
                       (st, NamedNode(DM_NS + "date"), Literal(str(year))),
                       (st, NamedNode(DM_NS + "evidence"), Literal(f"Sentence {n} of {year}.")),
                       (st, NamedNode(PROV + "wasDerivedFrom"), doc),
                       (doc, NamedNode(RDF + "type"), NamedNode(DM_NS + "Document")),
                       (doc, NamedNode(DCT + "title"), Literal(f"Article {n}")),
                       (doc, NamedNode(DCT + "date"), Literal(f"{year}-01-01")),
                       (NamedNode(s), NamedNode(DM_NS + p), NamedNode(o))]:
            out.append(Quad(*triple, doc))

    entity(HUB, "Province", "Hub")
    for iri in (TOP_A, TOP_B, *LOW):
        entity(iri, "ForeignLocality", iri.rsplit("/", 1)[-1])
        stated(HUB, "partnerOf", iri, 2015)
    for year in range(2016, 2022):  # the hub-A partnership, stated in six more articles
        stated(HUB, "partnerOf", TOP_A, year)
    stated(TOP_A, "cooperatesWith", TOP_B, 2020)
    return out


def _store():
    store = open_store(StoreSpec("memory"))
    store.add(_quads())
    return store


def test_capped_page_keeps_the_highest_ranked_entities_and_merges_parallel_relations():
    store = _store()
    data = json.loads(DATA.search(render_html(store, max_nodes=3)).group(1))
    assert sorted(n["iri"] for n in data["nodes"]) == sorted([HUB, TOP_A, TOP_B])
    summary = data["summary"]
    assert (summary["nodes"], summary["totalNodes"], summary["edges"], summary["totalEdges"]) == (3, 6, 3, 6)
    iri = {n["id"]: n["iri"] for n in data["nodes"]}
    partner = [e for e in data["edges"] if (iri[e["from"]], e["p"], iri[e["to"]]) == (HUB, "partnerOf", TOP_A)]
    assert len(partner) == 1  # seven statements, one edge
    edge = partner[0]
    assert edge["evidenceTotal"] == 7 and len(edge["evidence"]) == MAX_EVIDENCE
    assert [ev[2] for ev in edge["evidence"]] == [f"{y}-01-01" for y in range(2017, 2022)]  # the latest
    assert edge["status"] == "Signed" and edge["date"] == "2021"
    store.close()


def test_capped_projection_ranks_like_the_full_one():
    store = _store()
    full, capped = project(store), project_for_page(store, None, 3)
    assert set(full.nodes) == set(capped.nodes) and set(full.edges(keys=True)) == set(capped.edges(keys=True))
    kept = sorted(n["iri"] for n in json.loads(DATA.search(graph_page(full, max_nodes=3).html).group(1))["nodes"])
    assert kept == sorted([HUB, TOP_A, TOP_B])
    assert capped.edges[HUB, TOP_A, "partnerOf"]["statements"] == 7
    # Within the cap nothing changes: the full projection, every sentence.
    assert len(project_for_page(store, None, 6).edges[HUB, TOP_A, "partnerOf"]["evidence"]) == 7
    store.close()
