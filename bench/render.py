"""Benchmark of the map pages: size, time to write, time to interactive in headless Chromium.

    python bench/render.py [--sizes 100,1000,2000,5000] [--chromium /usr/bin/chromium]

Synthetic graphs shaped like the real one: a few provinces as hubs, foreign localities,
corporations and NGOs around them, about two relations per entity, one evidence sentence
each. Each size is drawn twice: capped at the page's default (1,500 entities, the rest
left out) and in full. "Interactive" is the time from navigation start until vis-network
has drawn the first frame (``window.diplomapReadyAt``).
"""

from __future__ import annotations

import argparse
import pathlib
import random
import tempfile
import time

import networkx as nx

from diplomap.graph.maps.projection import Evidence
from diplomap.graph.maps.render import MAX_NODES, graph_page

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
KINDS = [("ForeignLocality", 0.55), ("Corporation", 0.2), ("NGO", 0.08), ("Country", 0.05),
         ("Person", 0.07), ("HeritageItem", 0.05)]
PREDICATE = {"ForeignLocality": "partnerOf", "Corporation": "investsIn", "NGO": "aidTo",
             "Country": "cooperatesWith", "Person": "visited", "HeritageItem": "heritageOf"}


def synthetic_graph(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    provinces = [f"p{i:03d}" for i in range(max(3, n // 40))]
    for p in provinces:
        g.add_node(p, label=f"Province {p}", label_vi=f"Tỉnh {p}", cls="Province", country="Vietnam")
    names = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    others = []
    for i in range(n - len(provinces)):
        cls = rng.choices(names, weights)[0]
        node = f"e{i:05d}"
        g.add_node(node, label=f"{cls} {i}", label_vi=None, cls=cls, country="Somewhere")
        others.append(node)
    for node in others:
        cls = g.nodes[node]["cls"]
        for _ in range(rng.choice((1, 1, 2, 3))):
            p = rng.choice(provinces)
            s, o = (p, node) if cls in ("ForeignLocality", "Country") else (node, p)
            pred = PREDICATE[cls]
            ev = Evidence(f"{g.nodes[s]['label']} and {g.nodes[o]['label']} agreed to work together "
                          f"on trade, education and culture in {2015 + rng.randrange(10)}.",
                          f"Article {rng.randrange(n)}", "2021-05-01", "https://example.org/a")
            g.add_edge(s, o, key=pred, predicate=pred, status=rng.choice((None, "Signed", "Proposed")),
                       date="2021", confidence=0.9, evidence=[ev])
    return g


def time_to_interactive(chromium: str, path: pathlib.Path) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_function("window.diplomapReady === true", timeout=120000)
        ready = page.evaluate("window.diplomapReadyAt")
        browser.close()
    return ready / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,2000,5000")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    out = pathlib.Path(tempfile.mkdtemp(prefix="diplomap-bench-"))
    print(f"{'entities':>8} {'relations':>9} {'drawn':>6} {'MB':>6} {'write s':>8} {'ready s':>8}")
    for n in (int(x) for x in args.sizes.split(",")):
        graph = synthetic_graph(n)
        caps = [MAX_NODES, None] if n > MAX_NODES else [MAX_NODES]
        for cap in caps:
            start = time.perf_counter()
            page = graph_page(graph, title=f"bench {n}", max_nodes=cap)
            path = out / f"map-{n}-{cap or 'all'}.html"
            path.write_text(page.html, encoding="utf-8")
            write = time.perf_counter() - start
            ready = time_to_interactive(args.chromium, path)
            print(f"{n:>8,} {graph.number_of_edges():>9,} {page.summary.nodes:>6,} "
                  f"{path.stat().st_size / 1e6:>6.2f} {write:>8.2f} {ready:>8.2f}", flush=True)
    print(f"pages in {out}")


if __name__ == "__main__":
    main()
