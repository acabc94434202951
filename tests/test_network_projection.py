"""The networkx projection, its filters, entity lookup and the analysis on top of it."""

from __future__ import annotations

import pytest

from diplomap.graph.maps import analysis
from diplomap.graph.maps.lookup import UnknownEntity, resolve_entity
from diplomap.graph.maps.projection import Filters, project
from diplomap.ontology.errors import InputError

ID = "https://w3id.org/diplomap/id/"
BN, BG, XS, KANA = (ID + "province/bac-ninh", ID + "province/bac-giang",
                    ID + "foreign-locality/xaysomboun", ID + "foreign-locality/kanagawa")


def test_projection_nodes_edges_and_attributes(map_store, map_texts):
    g = project(map_store)
    assert g.number_of_nodes() == 6
    assert g.number_of_edges() == 6  # five stated relations + Bac Giang merged into Bac Ninh
    bn = g.nodes[BN]
    assert (bn["label"], bn["label_vi"], bn["cls"], bn["country"]) == ("Bac Ninh", "Bắc Ninh", "Province", "Vietnam")
    assert g.nodes[KANA]["country"] == "Japan"
    corp = next(n for n, d in g.nodes(data=True) if d["cls"] == "Corporation")
    assert g.nodes[corp]["label"] == map_texts["corp"]
    # The partnership stated twice is one edge: latest stage, latest date, both sentences.
    edge = g.edges[BN, KANA, "partnerOf"]
    assert edge["status"] == "Active" and edge["date"] == "2023" and edge["statements"] == 2
    assert [e.date for e in edge["evidence"]] == ["2019-06-01", "2023-02-01"]
    first = edge["evidence"][0]
    assert first.title == "Bac Ninh and Kanagawa sign up" and first.url == "https://example.org/map/one"
    assert "Kanagawa in 2019" in first.sentence
    # A different relation between the same pair stays a separate edge.
    assert set(g[BN][KANA]) == {"partnerOf", "cooperatesWith"}


def test_projection_is_deterministic(map_store):
    a, b = project(map_store), project(map_store)
    assert list(a.nodes) == list(b.nodes) == sorted(a.nodes)
    assert list(a.edges(keys=True)) == list(b.edges(keys=True))


@pytest.mark.parametrize(("filters", "edges"), [
    (Filters(statuses=("proposed",)), {(BG, XS, "partnerOf")}),
    (Filters(predicates=("cooperatesWith",)), {(BN, KANA, "cooperatesWith")}),
    (Filters(since=2022), {(BN, KANA, "partnerOf"), (BN, KANA, "cooperatesWith"),
                           (BG, BN, "replacedBy")}),  # the merger is dated 2025-07-01
    (Filters(country="japan"), {(BN, KANA, "partnerOf"), (BN, KANA, "cooperatesWith")}),
    (Filters(country="LA"), {(BG, XS, "partnerOf")}),  # an ISO code names a country too
    (Filters(types=("Province", "ForeignLocality"), min_confidence=0.5),
     {(BN, KANA, "partnerOf"), (BN, KANA, "cooperatesWith"), (BG, XS, "partnerOf"), (BG, BN, "replacedBy")}),
    (Filters(focus="bac giang", depth=1), {(BG, XS, "partnerOf"), (BG, BN, "replacedBy")}),
])
def test_filters(map_store, filters, edges):
    g = project(map_store, filters)
    assert set(g.edges(keys=True)) == edges
    assert set(g.nodes) == {n for e in edges for n in e[:2]}


def test_since_keeps_the_statements_of_those_years_only(map_store):
    edge = project(map_store, Filters(since=2022)).edges[BN, KANA, "partnerOf"]
    assert edge["statements"] == 1 and edge["status"] == "Active"


def test_unknown_filter_values_are_refused(map_store):
    with pytest.raises(InputError, match="unknown status 'signd'"):
        project(map_store, Filters(statuses=("signd",)))
    with pytest.raises(InputError, match="unknown predicate"):
        project(map_store, Filters(predicates=("likes",)))


@pytest.mark.parametrize("spelling", ["Bắc Ninh", "bac ninh", "BAC-NINH", "  Bac  Ninh ", BN, "province/bac-ninh"])
def test_lookup_accepts_any_spelling(map_store, spelling):
    assert resolve_entity(map_store, spelling) == BN


def test_lookup_of_an_unknown_name_lists_close_matches(map_store):
    with pytest.raises(UnknownEntity) as info:
        resolve_entity(map_store, "Bac Nihn")
    assert "no entity named 'Bac Nihn'" in str(info.value)
    assert "Bac Ninh (Province)" in str(info.value)


def test_lookup_restricted_to_a_class(map_store):
    with pytest.raises(UnknownEntity):
        resolve_entity(map_store, "Bac Ninh", classes=("Country",))
    assert resolve_entity(map_store, "Japan", classes=("Country",)) == ID + "country/japan"


def test_analysis_rankings_communities_partner_countries(map_store):
    g = project(map_store)
    result = analysis.analyze(g, top=3)
    assert result.degree[0].iri == BN and result.degree[0].score == 5  # with the merger edge
    assert result.pagerank[0].iri == BN
    assert result.betweenness[0].iri == BN and not result.betweenness_sampled
    assert sum(len(c) for c in result.communities) == 6
    assert any({m.iri for m in c} == {BG, XS} for c in result.communities)
    assert result.partner_countries["Bac Ninh"]["Japan"] == ["Kanagawa"]
    assert result.partner_countries["Bac Giang"] == {"Laos": ["Xaysomboun"]}
    assert analysis.analyze(g, top=3) == result  # seeded: same input, same answer


def test_shortest_path_with_evidence_per_hop(map_store):
    g = project(map_store)
    corp = next(n for n, d in g.nodes(data=True) if d["cls"] == "Corporation")
    hops = analysis.shortest_path(g, KANA, corp)
    assert [(h.source, h.target) for h in hops] == [(KANA, BN), (BN, corp)]
    first = hops[0]
    assert {r.predicate for r in first.relations} == {"partnerOf", "cooperatesWith"}
    assert all(r.source == BN for r in first.relations)  # stated direction is kept
    assert any("vocational training" in e.sentence for r in first.relations for e in r.evidence)
    with pytest.raises(InputError, match="no chain"):
        analysis.shortest_path(project(map_store, Filters(predicates=("partnerOf", "investsIn"))), KANA, XS)


def test_betweenness_is_sampled_on_large_graphs():
    import networkx as nx

    g = nx.MultiDiGraph()
    for i in range(600):
        g.add_node(f"n{i:04d}", label=f"n{i}", cls="Entity")
    for i in range(599):
        g.add_edge(f"n{i:04d}", f"n{i + 1:04d}", key="cooperatesWith", predicate="cooperatesWith")
    scores, sampled = analysis.betweenness(g)
    assert sampled
    assert max(scores, key=scores.get) in {f"n{i:04d}" for i in range(250, 350)}
    assert analysis.betweenness(g)[0] == scores
