"""Layouts of components too big for networkx's spring layout (the grid force layout)."""

from __future__ import annotations

import networkx as nx

from diplomap.graph.maps.layout import SPRING_UP_TO, positions


def test_big_component_gets_distinct_repeatable_positions():
    graph = nx.barabasi_albert_graph(SPRING_UP_TO + 100, 2, seed=1)
    first, again = positions(graph), positions(graph)
    assert first == again
    assert set(first) == set(graph.nodes)
    assert len(set(first.values())) == graph.number_of_nodes()  # no two nodes on one spot
