"""The geographic map page: built without a browser, then drawn in headless Chromium (offline, points
where the places are, arcs with evidence, filters, search and zoom, no console error)."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from diplomap.graph.maps.geo import geo_page, render_geo
from diplomap.graph.maps.projection import project
from diplomap.graph.maps.render import render_map

CORPUS = pathlib.Path(__file__).resolve().parents[1] / "examples" / "corpus"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def sample_store():
    from diplomap.graph.ingest.pipeline import build_paths
    from diplomap.graph.store.registry import StoreSpec, open_store

    store = open_store(StoreSpec("memory"))
    build_paths(store, [str(CORPUS)])
    yield store
    store.close()


def _data(page_html: str) -> dict:
    match = re.search(r'<script id="diplomap-data" type="application/json">(.*?)</script>', page_html, re.S)
    return json.loads(match.group(1))


def test_page_places_provinces_and_partners_at_their_points(sample_store):
    page = geo_page(sample_store, project(sample_store), network_href="network.html")
    data = _data(page.html)
    by_label = {n["label"]: n for n in data["nodes"]}
    bac_giang = by_label["Bac Giang"]
    assert bac_giang["at"] is None and 21.0 < bac_giang["lat"] < 21.5 and 106.0 < bac_giang["long"] < 106.5
    assert (bac_giang["x"], bac_giang["y"]) == (bac_giang["long"], -bac_giang["lat"])  # first at its point
    assert "Bac Giang" in {p["label"] for p in data["provinces"]}
    partners = [e for e in data["edges"] if e["p"] == "partnerOf"]
    assert partners and all(e["evidence"] for e in partners)
    assert '<a id="dm-other-page" href="network.html">' in page.html
    assert "http://" not in re.sub(r'"(https?://[^"]*)"', "", page.html.split("<script")[0])
    assert page.summary.nodes == len(data["nodes"]) and page.summary.located >= len(data["provinces"])


def test_entities_without_a_point_are_drawn_at_their_place_or_counted(sample_store):
    graph = project(sample_store)
    data = _data(geo_page(sample_store, graph).html)
    drawn = {n["iri"] for n in data["nodes"]}
    approx = [n for n in data["nodes"] if n["at"]]
    assert all(isinstance(n["at"], str) and n["at"] for n in approx)
    summary = geo_page(sample_store, graph).summary
    assert summary.unplaced == graph.number_of_nodes() - len(drawn)


def test_cli_render_geo_and_linked_network_page(sample_store, tmp_path):
    geo = render_geo(sample_store, tmp_path / "geo.html", network_href="map.html")
    assert geo.bytes > 100_000  # the basemap is inlined
    render_map(sample_store, tmp_path / "map.html", geo_href="geo.html")
    assert '<a id="dm-other-page" href="geo.html">' in (tmp_path / "map.html").read_text("utf-8")


@pytest.mark.browser
def test_geo_page_in_chromium(chromium_path, sample_store, tmp_path):
    from playwright.sync_api import sync_playwright

    page_path = tmp_path / "geo.html"
    render_geo(sample_store, page_path, title="Sample corpus on the map", network_href="map.html")
    outside, errors = [], []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        tab = context.new_page()
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                      else (outside.append(r.request.url), r.abort()))
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(page_path.resolve().as_uri())
        tab.wait_for_function("window.diplomapGeo && window.diplomapGeo.ready === true", timeout=20000)
        geo = tab.evaluate("""() => { const g = window.diplomapGeo;
            return [g.data.nodes.length, g.data.edges.length, g.visiblePoints(), g.visibleArcs(), g.countries]; }""")
        assert geo[0] == geo[2] and geo[1] == geo[3] and geo[0] > 5 and geo[4] > 200

        # Zoomed to Vietnam, Bac Giang's point lies on screen where its longitude and latitude say.
        tab.click("#dm-zoom-vietnam")
        box = tab.locator('#dm-points circle[data-iri$="/province/bac-giang"]').bounding_box()
        svg = tab.locator("#dm-geo").bounding_box()
        view = tab.evaluate("window.diplomapGeo.view()")
        unit = min(svg["width"] / view["w"], svg["height"] / view["h"])
        long = view["x"] + (box["x"] + box["width"] / 2 - svg["x"] - (svg["width"] - view["w"] * unit) / 2) / unit
        lat = -(view["y"] + (box["y"] + box["height"] / 2 - svg["y"] - (svg["height"] - view["h"] * unit) / 2) / unit)
        assert abs(long - 106.2) < 0.3 and abs(lat - 21.3) < 0.3, (long, lat)

        # Hovering a partnership arc's point shows the place; the search zooms to a partner abroad.
        tab.hover('#dm-points circle[data-iri$="/province/bac-giang"]', force=True)
        assert "Bac Giang" in tab.text_content("#dm-tooltip")
        tab.fill("#dm-search", "xaysomboun")
        tab.press("#dm-search", "Enter")
        assert tab.text_content("#dm-details h3") == "Xaysomboun"

        # The province menu zooms close; filters hide points and arcs.
        tab.select_option("#dm-zoom-province", label="Bac Ninh")
        assert tab.evaluate("window.diplomapGeo.view().w") < 10
        tab.uncheck('#dm-predicates input[data-name="partnerOf"]')
        partner_arcs = tab.evaluate("window.diplomapGeo.data.edges.filter(e => e.p === 'partnerOf').length")
        assert tab.evaluate("window.diplomapGeo.visibleArcs()") == geo[1] - partner_arcs
        tab.click("#dm-zoom-world")
        tab.screenshot(path=str(tmp_path / "geo.png"))
        chromium.close()
    assert (tmp_path / "geo.png").stat().st_size > 10_000
    assert not outside, f"requests left the page: {outside}"
    assert not errors, f"console errors: {errors}"
