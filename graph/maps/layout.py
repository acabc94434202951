"""Node positions computed once, in Python, so the page can draw with physics off.

Small graphs use networkx's spring layout. Above ``SPRING_UP_TO`` nodes networkx's layouts
take seconds to tens of seconds (spring 6.8 s, ForceAtlas2 13 s at 1,500 nodes), so large
graphs use Fruchterman-Reingold with the grid variant of its repulsion: a node is pushed
only by nodes within three ideal edge lengths (found with a k-d tree), which is linear in
practice (1,500 nodes: under 1 s). Both are seeded: same graph, same positions.
"""

from __future__ import annotations

import networkx as nx
import numpy as np

SEED = 42
SPRING_UP_TO = 300
EDGE_PX = 150.0  # median edge length on the page; leaves room for labels
ITERATIONS = 60


def positions(graph: nx.Graph, seed: int = SEED, edge_px: float = EDGE_PX) -> dict:
    """``{node: (x, y)}`` in page pixels, rounded so the same graph gives the same bytes.

    Each connected component is laid out on its own and scaled so its median edge is
    ``edge_px`` long; components are then packed in rows, largest first (one layout of
    everything lets small components fly to the rim and squeezes the big one).
    ``graph`` is read in its own node order; give it a deterministic one.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    order = {node: i for i, node in enumerate(nodes)}
    undirected = nx.Graph()
    undirected.add_nodes_from(nodes)
    undirected.add_edges_from((s, o) for s, o in graph.edges() if s != o)
    components = sorted((sorted(c, key=order.__getitem__) for c in nx.connected_components(undirected)),
                        key=lambda c: (-len(c), order[c[0]]))
    boxes = []
    for members in components:
        part = nx.Graph()
        part.add_nodes_from(members)
        part.add_edges_from(sorted(undirected.subgraph(members).edges(),
                                   key=lambda e: (order[e[0]], order[e[1]])))
        coords = _scaled(_component_layout(part, seed), part, edge_px)
        coords -= coords.min(axis=0)
        boxes.append((members, coords))
    return _pack(boxes, margin=edge_px)


def _component_layout(part: nx.Graph, seed: int) -> np.ndarray:
    members = list(part.nodes)
    n = len(members)
    if n == 1:
        return np.zeros((1, 2))
    if n <= SPRING_UP_TO:
        raw = nx.spring_layout(part, seed=seed)
        return np.array([raw[node] for node in members], dtype=float)
    index = {node: i for i, node in enumerate(members)}
    pairs = np.array([(index[s], index[o]) for s, o in part.edges()], dtype=np.int64).reshape(-1, 2)
    return grid_fruchterman_reingold(n, pairs[:, 0], pairs[:, 1], seed=seed)


def _scaled(coords: np.ndarray, part: nx.Graph, edge_px: float) -> np.ndarray:
    """``coords`` stretched so the component's median edge is ``edge_px`` long."""
    if len(coords) < 2:
        return coords
    index = {node: i for i, node in enumerate(part.nodes)}
    ends = np.array([(index[s], index[o]) for s, o in part.edges()], dtype=np.int64)
    lengths = np.linalg.norm(coords[ends[:, 0]] - coords[ends[:, 1]], axis=1)
    median = float(np.median(lengths)) or 1.0
    return coords * (edge_px / median)


def _pack(boxes: list[tuple[list, np.ndarray]], margin: float) -> dict:
    """Shelf packing: components left to right in rows about as wide as the whole is tall."""
    sizes = [coords.max(axis=0) + margin for _, coords in boxes]
    area = sum(float(w * h) for w, h in sizes)
    row_width = max(float(sizes[0][0]), np.sqrt(area) * 1.2)
    out = {}
    x = y = row_height = 0.0
    for (members, coords), (w, h) in zip(boxes, sizes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (cx, cy) in zip(members, coords, strict=True):
            out[node] = (round(float(cx + x), 1), round(float(cy + y), 1))
        x += float(w)
        row_height = max(row_height, float(h))
    return out


def grid_fruchterman_reingold(n: int, ei: np.ndarray, ej: np.ndarray, seed: int = SEED,
                              iterations: int = ITERATIONS) -> np.ndarray:
    """Positions in about the unit square for ``n`` nodes and edges ``ei[k] -- ej[k]``."""
    from scipy.spatial import cKDTree  # only big maps need it; keeps `diplomap --help` fast

    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    k = 1.0 / np.sqrt(n)  # the ideal edge length in the unit square
    step = 0.1
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        near = cKDTree(pos).query_pairs(3 * k, output_type="ndarray")
        if len(near):
            d = pos[near[:, 0]] - pos[near[:, 1]]
            dist2 = np.maximum((d * d).sum(axis=1), (0.01 * k) ** 2)
            push = d * (k * k / dist2)[:, None]
            disp += _sum_by(near[:, 0], push, n) - _sum_by(near[:, 1], push, n)
        if len(ei):
            d = pos[ei] - pos[ej]
            pull = d * (np.sqrt((d * d).sum(axis=1)) / k)[:, None]
            disp += _sum_by(ej, pull, n) - _sum_by(ei, pull, n)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-12)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    return pos


def _sum_by(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    # bincount is ~10x faster than np.add.at for scattering forces onto nodes.
    return np.stack([np.bincount(index, values[:, 0], n), np.bincount(index, values[:, 1], n)], axis=1)
