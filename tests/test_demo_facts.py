"""The facts a new user sees in the demo are the ones its articles state (issue 11, item 10)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.maps.projection import project
from diplomap.graph.store.base import StoreSpec
from diplomap.graph.store.registry import open_store
from diplomap.loaders.pipeline import extract
from diplomap.loaders.readers import read_documents

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def demo_extractions():
    documents, problems = read_documents([CORPUS])
    assert not problems
    return [extract(doc) for doc in documents]


def _partner_stages(extractions, partner):
    return {f.status for ex in extractions for f in ex.facts
            if f.predicate == "partnerOf" and ex.entities[f.object].label == partner}


def test_kanagawa_is_proposed_as_its_sentences_say(demo_extractions):
    assert _partner_stages(demo_extractions, "Kanagawa") == {"Proposed"}
    assert _partner_stages(demo_extractions, "Yaroslavl Oblast") == {"Negotiating"}


def test_a_historical_region_is_no_foreign_locality(demo_extractions):
    labels = {e.label for ex in demo_extractions for e in ex.entities.values()}
    assert "Kinh Bac" not in labels
    assert "Bac Ninh" in labels


def test_partnership_edges_carry_their_own_date_not_the_reporting_articles(tmp_path):
    store = open_store(StoreSpec("memory"))
    build_paths(store, [CORPUS])
    graph = project(store)
    dates = {(graph.nodes[s]["label"], graph.nodes[o]["label"]): d.get("date")
             for s, o, k, d in graph.edges(keys=True, data=True) if k == "partnerOf"}
    assert dates[("Bac Giang", "Xaysomboun")] == "2021"
    assert "2025-07-01" not in {str(d) for d in dates.values()}
    assert isinstance(graph, nx.MultiDiGraph)
