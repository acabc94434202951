"""The map page as a file: self-contained, escaped, deterministic, trimmed when too big."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.graph.maps.projection import Filters
from diplomap.graph.maps.render import graph_page, render_html, render_map
from diplomap.graph.store.registry import StoreSpec, open_store

DATA = re.compile(r'<script id="diplomap-data" type="application/json">(.*?)</script>', re.S)


def page_data(html: str) -> dict:
    return json.loads(DATA.search(html).group(1))


class Tags(HTMLParser):
    """Every element a browser would create from the markup (script bodies are raw text)."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_page_loads_nothing_from_the_network(map_store):
    html = render_html(map_store)
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", html, re.I)
    assert "sourceMappingURL" not in html
    # The Content-Security-Policy forbids any fetch as a second line of defence.
    assert "default-src 'none'" in html
    scripts = [attrs for tag, attrs in Tags(html).tags if tag == "script"]
    assert scripts == [{"id": "diplomap-data", "type": "application/json"}, {}, {}]


def test_hostile_text_never_appears_as_markup(map_store, map_texts):
    html = render_html(map_store, title=f"Map {map_texts['script']}")
    for needle in (map_texts["script"], "<img", "<!--", "onerror=alert(1)>"):
        assert needle not in html, needle
    tags = Tags(html).tags
    assert [t for t, _ in tags].count("script") == 3 and [t for t, _ in tags].count("title") == 1
    assert "img" not in {t for t, _ in tags}
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert "<title>Map &lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    data = page_data(html)  # the text itself is kept, exactly
    labels = {n["label"] for n in data["nodes"]}
    assert {map_texts["corp"], map_texts["town"]} <= labels
    assert map_texts["img"] in {n["vi"] for n in data["nodes"]}
    sentences = {ev[0] for e in data["edges"] for ev in e["evidence"]}
    assert map_texts["sentence"] in sentences


def test_only_web_urls_become_links(map_store):
    urls = {ev[3] for e in page_data(render_html(map_store))["edges"] for ev in e["evidence"]}
    assert urls == {"https://example.org/map/one", None}  # "javascript:alert(1)" was dropped


def test_page_data_nodes_edges_styles(map_store):
    data = page_data(render_html(map_store))
    assert len(data["nodes"]) == 6 and len(data["edges"]) == 6  # five stated + the 2025 merger
    assert len({e["id"] for e in data["edges"]}) == 6
    assert [e["date"] for e in data["edges"] if e["p"] == "replacedBy"] == ["2025-07-01"]
    by_label = {n["label"]: n for n in data["nodes"]}
    bn, kana = by_label["Bac Ninh"]["id"], by_label["Kanagawa"]["id"]
    pair = [e for e in data["edges"] if {e["from"], e["to"]} == {bn, kana}]
    assert sorted(e["p"] for e in pair) == ["cooperatesWith", "partnerOf"]
    assert {e["pairSize"] for e in pair} == {2} and {e["nth"] for e in pair} == {0, 1}
    proposed = next(e for e in data["edges"] if e["status"] == "Proposed")
    assert data["dashes"]["Proposed"] and "Signed" not in data["dashes"]
    assert proposed["p"] == "partnerOf"
    assert by_label["Bac Ninh"]["size"] == max(n["size"] for n in data["nodes"])
    assert by_label["Bac Ninh"]["vi"] == "Bắc Ninh"
    assert {c["name"] for c in data["classes"]} == {"Province", "ForeignLocality", "Corporation"}


def test_same_input_same_bytes(map_store, tmp_path):
    render_map(map_store, tmp_path / "a.html")
    render_map(map_store, tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_render_map_summary_and_filters(map_store, tmp_path):
    summary = render_map(map_store, tmp_path / "m.html", Filters(focus="Bắc Giang", depth=1))
    assert (summary.nodes, summary.edges, summary.omitted_nodes) == (3, 2, 0)  # Xaysomboun, Bac Ninh
    assert summary.bytes == (tmp_path / "m.html").stat().st_size
    assert "within 1 hop of Bac Giang" in page_data((tmp_path / "m.html").read_text())["summary"]["text"]


def star_graph(leaves: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("hub", label="Hub", cls="Province")
    for i in range(leaves):
        g.add_node(f"leaf{i:03d}", label=f"Leaf {i}", cls="ForeignLocality")
        g.add_edge("hub", f"leaf{i:03d}", key="partnerOf", predicate="partnerOf", evidence=[])
    return g


def test_large_graphs_keep_the_most_central_and_say_what_is_left_out():
    page = graph_page(star_graph(59), max_nodes=20)
    data = page_data(page.html)
    assert (page.summary.nodes, page.summary.total_nodes, page.summary.omitted_nodes) == (20, 60, 40)
    assert "hub" in {n["iri"] for n in data["nodes"]}
    assert "Showing the 20 most central of 60 entities" in data["summary"]["text"]
    assert "ForeignLocality 40" in data["summary"]["text"]
    assert "Showing the 20 most central" in page.html  # also in the static header


def test_layout_keeps_nodes_apart():
    data = page_data(graph_page(star_graph(400)).html)  # above the spring-layout size
    xy = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(xy) == 401


def _store_dir(map_quads, tmp_path) -> str:
    path = str(tmp_path / "store")
    store = open_store(StoreSpec("oxigraph", path))
    store.add(map_quads)
    store.close()
    return path


def test_cli_render_analyze_path(map_quads, tmp_path):
    store = _store_dir(map_quads, tmp_path)
    runner = CliRunner()
    out = tmp_path / "map.html"
    result = runner.invoke(main, ["render", "--store", store, "-o", str(out), "--predicates", "partnerOf",
                                  "--status", "Signed,Active,Proposed"])
    assert result.exit_code == 0, result.output
    assert "4 entities, 2 relations" in result.output
    assert len(page_data(out.read_text())["edges"]) == 2

    result = runner.invoke(main, ["analyze", "--store", store, "--format", "json", "--top", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["degree"][0]["label"] == "Bac Ninh" and len(report["pagerank"]) == 2
    assert report["partner_countries"]["Bac Ninh"]["Japan"] == ["Kanagawa"]

    result = runner.invoke(main, ["path", "--store", store, "kanagawa", "Bắc Giang", "--predicates", "partnerOf"])
    assert result.exit_code != 0 and "no chain of relations" in result.output
    result = runner.invoke(main, ["path", "--store", store, "kanagawa", "Bắc Giang"])  # via the 2025 merger
    assert result.exit_code == 0 and "replacedBy" in result.output, result.output
    result = runner.invoke(main, ["path", "--store", store, "kanagawa", "bac ninh", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("hop,from,predicate,to")
    assert len(lines) == 1 + 3  # partnerOf (two sentences) + cooperatesWith


def test_cli_unknown_entity_lists_closest(map_quads, tmp_path):
    result = CliRunner().invoke(main, ["render", "--store", _store_dir(map_quads, tmp_path),
                                       "-o", str(tmp_path / "m.html"), "--focus", "Kanagwa"])
    assert result.exit_code == 1
    assert "no entity named 'Kanagwa'" in result.output and "Kanagawa (ForeignLocality)" in result.output
    assert "Traceback" not in result.output
