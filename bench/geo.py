"""Benchmark of the geographic map page: size, time to write, time to interactive in headless Chromium.

    python bench/geo.py [--sizes 100,500,2000,5000] [--chromium /usr/bin/chromium]

The synthetic graphs of bench/render.py (provinces as hubs, partners, investors, NGOs around them), each
entity placed at a random point (provinces in Vietnam, the rest anywhere on land latitudes). "Interactive"
is the time from navigation start until the basemap, every arc and every point are in the page
(``window.diplomapGeoReadyAt``); "zoom" is the time of one zoom step that resizes every point.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from render import LAUNCH_ARGS, synthetic_graph  # noqa: E402

from diplomap.graph.maps.geo import geo_page  # noqa: E402


def synthetic_points(graph, seed: int = 11) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    return {n: (rng.uniform(9, 23), rng.uniform(103, 109)) if cls == "Province"
            else (rng.uniform(-40, 65), rng.uniform(-120, 150)) for n, cls in graph.nodes(data="cls")}


def in_chromium(chromium: str, path: pathlib.Path) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_function("window.diplomapGeo && window.diplomapGeo.ready === true", timeout=120000)
        ready = page.evaluate("window.diplomapGeoReadyAt")
        zoom = page.evaluate("""() => { const t = performance.now(); window.diplomapGeo.zoomVietnam();
            document.body.getBoundingClientRect(); return performance.now() - t; }""")
        browser.close()
    return ready / 1000, zoom / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500,2000,5000")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    out = pathlib.Path(tempfile.mkdtemp(prefix="diplomap-geo-bench-"))
    print(f"{'places':>7} {'relations':>9} {'MB':>6} {'write s':>8} {'ready s':>8} {'zoom s':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        graph = synthetic_graph(size)
        located = (synthetic_points(graph), {})
        start = time.perf_counter()
        page = geo_page(None, graph, located=located)
        path = out / f"geo-{size}.html"
        path.write_text(page.html, encoding="utf-8")
        written = time.perf_counter() - start
        ready, zoom = in_chromium(args.chromium, path)
        print(f"{size:>7,} {page.summary.edges:>9,} {page.summary.bytes / 1e6:>6.2f} {written:>8.2f} "
              f"{ready:>8.2f} {zoom:>7.3f}")


if __name__ == "__main__":
    main()
