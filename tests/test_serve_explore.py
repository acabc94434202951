"""Issue 14, the endpoint's pages: the CLI's predeclared prefixes on /sparql (listed on the query
page), one-line parse errors, prefixed names with links in wrapped result tables, a link back
from /map, the focus named by its label, a favicon."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest

pytestmark = pytest.mark.server

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
README_QUERY = "SELECT ?p ?l WHERE { ?p a dm:Person ; rdfs:label ?l }"
HOA_LAM = "https://w3id.org/diplomap/id/province/hoa-lam"



@pytest.fixture(scope="module")
def server(page_server):
    return page_server


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def test_sparql_accepts_the_predeclared_prefixes(client):
    response = client.get("/sparql", params={"query": README_QUERY},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    assert response.json()["head"]["vars"] == ["p", "l"]
    entity = client.get("/sparql", params={"query": "ASK { province:hoa-lam a dm:Province }"},
                        headers={"Accept": "application/sparql-results+json"})
    assert entity.status_code == 200 and entity.json()["boolean"] is True


def test_parse_errors_are_one_line_with_position(client):
    for query, words in (("SELECT ?x WHERE { ?x a nosuch:Thing }", "unknown prefix"),
                         ("SELECT ?x WHERE {\n  ?x ?p \n", "line")):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 400
        text = response.text.strip()
        assert "\n" not in text, text
        assert "line " in text and "column " in text and words in text
        assert "\\u{" not in text and "..=" not in text


def test_query_page_lists_the_prefixes(client):
    text = client.get("/").text
    assert 'id="prefixes"' in text
    assert "PREFIX dm: &lt;https://w3id.org/diplomap/ontology#&gt;" in text
    assert "PREFIX province: &lt;https://w3id.org/diplomap/id/province/&gt;" in text


def test_favicon_and_icon_link(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert client.get("/static/favicon.svg").status_code == 200
    assert 'rel="icon"' in client.get("/").text
    # the map page links nothing (it must work as a file); served, the browser's /favicon.ico is there


def test_map_links_back_and_names_its_focus(client):
    page = client.get("/map")
    assert '<a id="dm-back" href="/">' in page.text
    focused = client.get("/map?" + urlencode({"focus": HOA_LAM, "depth": 1})).text
    assert "within 1 hop of Hoa Lam" in focused
    assert f"of {HOA_LAM}" not in focused


@pytest.mark.browser
def test_result_tables_show_prefixed_names_with_links_and_wrap(chromium_path, server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url) else r.abort())
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(server.url + "/")
        tab.fill("#query", "SELECT ?s ?p ?o ?evidence WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; "
                           "rdf:object ?o ; dm:evidence ?evidence } ORDER BY ?s")
        tab.click("#run")
        tab.wait_for_selector("#results-table tbody tr")
        link = tab.locator("#results-table tbody td a").first
        text, href, title = link.text_content(), link.get_attribute("href"), link.get_attribute("title")
        assert ":" in text and not text.startswith("http"), text
        assert title.startswith("https://w3id.org/diplomap/") and href.startswith("/id/")
        predicates = tab.locator("#results-table tbody td:nth-child(2)").all_text_contents()
        assert all(p.startswith("dm:") for p in predicates), predicates
        width = tab.evaluate("document.getElementById('results-table').getBoundingClientRect().right")
        assert width <= 1400
        assert tab.evaluate("document.documentElement.scrollWidth") <= 1400
        browser.close()
    assert not errors, errors


def test_saved_query_parameters_are_bound_as_terms(client):
    answer = client.get("/saved/partners-of-province", params={"province": "Hòa Lâm"}).json()
    assert f"VALUES (?province) {{ (<{HOA_LAM}>) }}" in answer["query"]
    hostile = client.get("/saved/partners-of-province", params={"province": 'x" } DROP ALL #'})
    assert hostile.status_code == 400 and "DROP" not in hostile.json().get("query", "")
    unbound = client.get("/saved/partners-of-province").json()["query"]
    assert "VALUES" not in unbound


@pytest.mark.browser
def test_query_page_sets_saved_query_parameters_in_form_fields(chromium_path, server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url) else r.abort())
        tab = context.new_page()
        tab.goto(server.url + "/")
        tab.select_option("#examples", "partners-of-province")
        assert tab.locator("#params input[data-param='province']").count() == 1
        tab.click("#run")  # unbound: every province, each partnership once, province first
        tab.wait_for_selector("#results-table tbody tr")
        unbound = tab.locator("#results-table tbody td:first-child").all_text_contents()
        assert unbound and all(cell.startswith("province:") for cell in unbound), unbound
        tab.fill("#param-province", "Hoa Lam")
        tab.evaluate("document.getElementById('results').replaceChildren()")
        tab.click("#run")
        tab.wait_for_selector("#results-table tbody tr")
        rows = tab.locator("#results-table tbody td:first-child").all_text_contents()
        assert rows and set(rows) == {"province:hoa-lam"}
        browser.close()
