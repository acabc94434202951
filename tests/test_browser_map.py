"""The map pages in headless Chromium: offline, counts, search, tooltips, no script from the data."""

from __future__ import annotations

import pytest

from diplomap.graph.maps.projection import project
from diplomap.graph.maps.render import render_map

pytestmark = pytest.mark.browser

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


class Session:
    """One browser tab that records what must not happen: requests out, dialogs, errors."""

    def __init__(self, context, tab):
        self.context, self.tab = context, tab
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def open(self, path):
        self.tab.goto(path.resolve().as_uri())
        self.tab.wait_for_function("window.diplomapReady === true", timeout=20000)

    def hover_edge(self, edge_id: str) -> None:
        """Put the mouse on the middle of a straight edge, as a user would."""
        point = self.tab.evaluate("""(id) => {
            const {network, edges} = window.diplomapNetwork;
            const e = edges.get(id);
            const p = network.getPositions([e.from, e.to]);
            return network.canvasToDOM({x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2});
        }""", edge_id)
        box = self.tab.locator("#dm-network").bounding_box()
        self.tab.mouse.move(box["x"] + point["x"] - 5, box["y"] + point["y"] - 5)
        self.tab.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=3)
        self.tab.wait_for_selector("#dm-tooltip:not([hidden])", timeout=5000)


@pytest.fixture
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        tab = context.new_page()
        session = Session(context, tab)

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                session.outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        tab.on("dialog", lambda d: (session.dialogs.append(d.message), d.dismiss()))
        tab.on("console", lambda m: session.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda exc: session.errors.append(str(exc)))
        yield session
        chromium.close()
    assert not session.outside, f"requests left the page: {session.outside}"
    assert not session.dialogs, f"a script from the data ran: {session.dialogs}"
    assert not session.errors, f"console errors: {session.errors}"


@pytest.fixture
def sample_store():
    """The sample corpus of examples/, extracted and loaded as ``diplomap build`` does."""
    import pathlib

    from diplomap.graph.ingest.pipeline import build_paths
    from diplomap.graph.store.registry import StoreSpec, open_store

    corpus = pathlib.Path(__file__).resolve().parents[1] / "examples" / "corpus"
    store = open_store(StoreSpec("memory"))
    build_paths(store, [str(corpus)])
    yield store
    store.close()


def test_sample_map_offline_counts_search_tooltip(browser, sample_store, tmp_path):
    graph = project(sample_store)
    assert graph.number_of_edges() > 10  # the sample corpus really was extracted
    page_path = tmp_path / "sample-map.html"
    render_map(sample_store, page_path, title="Sample corpus")
    browser.open(page_path)
    tab = browser.tab
    counts = tab.evaluate("""() => { const d = window.diplomapNetwork;
        return [d.nodes.length, d.edges.length, d.nodeView.length, d.edgeView.length]; }""")
    n, e = graph.number_of_nodes(), graph.number_of_edges()
    assert counts == [n, e, n, e]

    # Search in another spelling: the node is selected, centred and described.
    tab.fill("#dm-search", "bắc giang")
    tab.press("#dm-search", "Enter")
    selected = tab.evaluate("window.diplomapNetwork.network.getSelectedNodes()")
    labels = tab.evaluate("(ids) => ids.map(id => window.diplomapNetwork.nodes.get(id).label)", selected)
    assert labels == ["Bac Giang"]
    assert tab.text_content("#dm-search-result") == "Bac Giang"
    assert tab.text_content("#dm-details h3") == "Bac Giang"
    centre = tab.evaluate("""(id) => { const n = window.diplomapNetwork.network;
        const v = n.getViewPosition(), p = n.getPositions([id])[id];
        return Math.hypot(v.x - p.x, v.y - p.y); }""", selected[0])
    assert centre < 1

    # Hovering a relation shows its evidence sentence and article.
    tab.evaluate("window.diplomapNetwork.network.fit()")
    edge = tab.evaluate("""() => window.diplomapNetwork.data.edges
        .filter(e => e.pairSize === 1 && e.evidence.length).map(e => e.id)[0]""")
    expected = tab.evaluate("(id) => window.diplomapNetwork.data.edges.find(e => e.id === id).evidence[0]", edge)
    browser.hover_edge(edge)
    tooltip = tab.text_content("#dm-tooltip")
    assert expected[0] in tooltip and expected[1] in tooltip

    # Filters hide a class and a predicate through the DataViews.
    tab.uncheck('#dm-classes input[data-name="Person"]')
    tab.uncheck('#dm-predicates input[data-name="partnerOf"]')
    kept = [(s, o) for s, o, p in graph.edges(data="predicate") if p != "partnerOf"
            and "Person" not in (graph.nodes[s]["cls"], graph.nodes[o]["cls"])]
    visible = tab.evaluate("[window.diplomapNetwork.nodeView.length, window.diplomapNetwork.edgeView.length]")
    # entities left without a visible relation are hidden too (the searched one stays pinned)
    ends = {n for pair in kept for n in pair}
    assert visible[0] == len(ends | {"https://w3id.org/diplomap/id/province/bac-giang"})
    assert visible[1] == len(kept)
    tab.check('#dm-classes input[data-name="Person"]')
    tab.check('#dm-predicates input[data-name="partnerOf"]')
    tab.screenshot(path=str(tmp_path / "sample-map.png"))
    assert (tmp_path / "sample-map.png").stat().st_size > 10_000


def test_hostile_text_shows_literally_and_never_runs(browser, map_store, map_texts, tmp_path):
    page_path = tmp_path / "hostile.html"
    render_map(map_store, page_path, title=f"Map {map_texts['script']}")
    browser.open(page_path)
    tab = browser.tab
    assert tab.title() == f"Map {map_texts['script']}"
    assert tab.evaluate("document.querySelectorAll('img').length") == 0
    assert tab.evaluate("document.scripts.length") == 3

    tab.fill("#dm-search", "evil")
    tab.press("#dm-search", "Enter")
    assert tab.text_content("#dm-details h3") == map_texts["corp"]
    assert map_texts["img"] in tab.text_content("#dm-details dl")  # its Vietnamese name

    edge = tab.evaluate("() => window.diplomapNetwork.data.edges.find(e => e.p === 'investsIn').id")
    tab.evaluate("window.diplomapNetwork.network.fit()")
    browser.hover_edge(edge)
    assert map_texts["sentence"] in tab.text_content("#dm-tooltip")
    # The document with a javascript: URL gives its title as text, not a link.
    links = tab.evaluate("() => [...document.querySelectorAll('a')].map(a => a.href)")
    assert all(link.startswith("https://") for link in links)
    assert tab.evaluate("document.querySelectorAll('img').length") == 0
