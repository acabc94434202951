"""Issue 14, the network map in headless Chromium: the entity panel (relations grouped by kind,
with evidence and article links), readable labels, entities hidden when no relation of theirs is
visible, the year range and the stage filter.

With DIPLOMAP_UPDATE_SCREENSHOTS=1 the sample-corpus test also rewrites the README's pictures
(docs/sample-map.png, docs/map-entity-panel.png, docs/map-year-filter.png).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from diplomap.graph.maps.render import render_map

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def tab(chromium_path):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        chromium.close()
    assert not errors, errors


def open_map(tab, store, tmp_path, **kwargs):
    path = tmp_path / "map.html"
    render_map(store, path, **kwargs)
    tab.goto(path.resolve().as_uri())
    tab.wait_for_function("window.diplomapReady === true", timeout=20000)
    tab.wait_for_timeout(200)


def visible(tab):
    """(labels of visible nodes, [predicate, status, date] of visible edges)."""
    return tab.evaluate("""() => { const d = window.diplomapNetwork;
        const byId = Object.fromEntries(d.data.edges.map(e => [e.id, e]));
        return [d.nodeView.getIds().map(id => d.data.nodes[id].label).sort(),
                d.edgeView.getIds().map(id => [byId[id].p, byId[id].status, byId[id].date])]; }""")


def set_years(tab, first, last):
    tab.evaluate("""([a, b]) => {
        for (const [id, v] of [["dm-year-from", a], ["dm-year-to", b]]) {
            const box = document.getElementById(id); box.value = v;
            box.dispatchEvent(new Event("input", {bubbles: true}));
        } }""", [first, last])


def test_entity_panel_groups_relations_with_evidence_and_links(tab, small_store, tmp_path):
    open_map(tab, small_store, tmp_path)
    tab.evaluate("window.diplomapNetwork.find('Bắc Ninh')")
    details = tab.locator("#dm-details")
    assert details.locator("h3").text_content() == "Bac Ninh"
    headings = [h.split()[0] for h in details.locator("h4 .dm-group-title").all_text_contents()]
    for kind in ("Partners", "Investors", "Aid", "Heritage", "Merged"):
        assert kind in headings, headings
    partners = details.locator('.dm-group[data-predicate="partnerOf"] .dm-rel')
    rows = [" ".join(r.locator(".dm-rel-head > *").all_text_contents()) for r in partners.all()]
    # most advanced stage first, each with its date
    assert [r.split()[0] for r in rows] == ["Gyeonggi", "Lakeshire", "Gunma"], rows
    assert "Active" in rows[0] and "2019" in rows[0]
    assert "Signed" in rows[1] and "2024-03-01" in rows[1]
    assert "Proposed" in rows[2]
    first = partners.first
    assert "active partners since 2019" in first.locator("q").text_content()
    assert first.locator("a").get_attribute("href") == "https://example.org/news/bac-ninh-2024"
    investors = details.locator('.dm-group[data-predicate="investsIn"]').text_content()
    assert "Samsung Electronics" in investors and "2,500,000,000 USD" in investors
    aid = details.locator('.dm-group[data-predicate="aidTo"]').text_content()
    assert "Save the Children" in aid and "200,000.5 USD" in aid
    merged = details.locator('.dm-group[data-predicate="replacedBy"]').text_content()
    assert "Bac Giang" in merged and "2025-07-01" in merged
    # a partner's name opens that partner's panel
    partners.first.locator("button").click()
    assert details.locator("h3").text_content() == "Gyeonggi"


def test_labels_are_readable_apart_and_inside_at_the_default_zoom(tab, sample_store, tmp_path):
    open_map(tab, sample_store, tmp_path)
    labels = tab.evaluate("window.diplomapNetwork.labels()")
    size = tab.locator("#dm-network").bounding_box()
    nodes = [b for b in labels if not b.get("edge")]
    assert len(nodes) >= 8
    assert all(b["px"] >= 12 for b in labels)
    for b in labels:
        assert b["x0"] >= 0 and b["y0"] >= 0 and b["x1"] <= size["width"] and b["y1"] <= size["height"], b
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not (a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]), (a, b)
    # the most central entity is labelled; what is drawn matches what was placed
    top = tab.evaluate("""() => { const d = window.diplomapNetwork.data;
        return d.nodes.reduce((a, n) => n.size > a.size ? n : a).id; }""")
    assert top in {b["id"] for b in nodes}
    drawn = tab.evaluate("""() => window.diplomapNetwork.nodes.get()
        .filter(n => n.label.trim()).map(n => [n.id, n.font.size * window.diplomapNetwork.network.getScale()])""")
    assert sorted(i for i, _ in drawn) == sorted(b["id"] for b in nodes)
    assert all(px >= 11.9 for _, px in drawn)
    # zooming in reveals more labels
    tab.evaluate("""() => { const n = window.diplomapNetwork.network;
        n.moveTo({scale: n.getScale() * 2.5, animation: false}); n.emit("zoom", {}); }""")
    tab.wait_for_timeout(400)
    assert len(tab.evaluate("window.diplomapNetwork.labels()")) != len(labels)


def test_entities_without_a_visible_relation_are_hidden(tab, small_store, tmp_path):
    open_map(tab, small_store, tmp_path)
    for box in tab.locator("#dm-predicates input").all():
        if box.get_attribute("data-name") != "partnerOf":
            box.uncheck()
    nodes, edges = visible(tab)
    assert {p for p, *_ in edges} == {"partnerOf"}
    assert nodes == sorted(["Bac Giang", "Bac Ninh", "Busan", "Gunma", "Gyeonggi", "Lakeshire", "Xaysomboun"])


def test_year_range_filters_relations_and_counts_the_undated(tab, small_store, tmp_path):
    open_map(tab, small_store, tmp_path)
    data = tab.evaluate("window.diplomapNetwork.data")
    undated = sum(1 for e in data["edges"] if not e["date"])
    assert data["years"] == {"min": 2009, "max": 2025, "undated": undated} and undated > 0
    assert tab.text_content("#dm-undated-count") == str(undated)
    set_years(tab, 2024, 2024)
    tab.uncheck("#dm-undated")
    nodes, edges = visible(tab)
    assert edges and all(date.startswith("2024") for *_, date in edges)
    assert "Gunma" in nodes and "Bac Giang" not in nodes
    assert ["partnerOf", "Active", "2019"] not in edges  # Gyeonggi stays, for a visit in 2024-03
    note = tab.text_content("#dm-year-note")
    assert "2024–2024" in note and f"{undated} relations have no date (hidden)" in note
    tab.check("#dm-undated")
    assert len(visible(tab)[1]) == len(edges) + sum(1 for e in data["edges"] if not e["date"])


def test_stage_legend_is_a_filter(tab, small_store, tmp_path):
    open_map(tab, small_store, tmp_path)
    names = tab.evaluate("[...document.querySelectorAll('#dm-stages input')].map(b => b.dataset.name)")
    assert names == ["Active", "Signed", "Negotiating", "Proposed"]
    tab.uncheck('#dm-stages input[data-name="Proposed"]')
    tab.uncheck('#dm-stages input[data-name="Negotiating"]')
    nodes, edges = visible(tab)
    assert not [e for e in edges if e[1] in ("Proposed", "Negotiating")]
    assert "Gunma" not in nodes and "Busan" not in nodes and "Gyeonggi" in nodes


@pytest.fixture
def sample_store():
    from diplomap.graph.ingest.pipeline import build_paths
    from diplomap.graph.store.registry import StoreSpec, open_store

    store = open_store(StoreSpec("memory"))
    build_paths(store, [str(ROOT / "examples" / "corpus")])
    yield store
    store.close()


def test_readme_screenshots(tab, sample_store, tmp_path):
    """The README's pictures: the map, Bac Ninh's panel, the year filter in use."""
    folder = ROOT / "docs" if os.environ.get("DIPLOMAP_UPDATE_SCREENSHOTS") == "1" else tmp_path
    open_map(tab, sample_store, tmp_path, title="diplomap — sample corpus")
    tab.screenshot(path=str(folder / "sample-map.png"))
    tab.evaluate("window.diplomapNetwork.find('Bac Ninh')")
    tab.wait_for_timeout(300)
    assert "Partners" in tab.text_content("#dm-details")
    tab.screenshot(path=str(folder / "map-entity-panel.png"))
    tab.evaluate("window.diplomapNetwork.network.unselectAll(); window.diplomapNetwork.fit()")
    set_years(tab, 2021, 2022)
    tab.uncheck("#dm-undated")
    tab.evaluate("window.diplomapNetwork.fit()")
    tab.wait_for_timeout(300)
    assert "2021–2022" in tab.text_content("#dm-year-note")
    tab.screenshot(path=str(folder / "map-year-filter.png"))
    for name in ("sample-map.png", "map-entity-panel.png", "map-year-filter.png"):
        assert (folder / name).stat().st_size > 20_000
