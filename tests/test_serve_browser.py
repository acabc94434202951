"""The served pages in headless Chromium: the query page runs a saved query and shows rows,
an entity page shows its relations, and nothing leaves the loopback server."""

from __future__ import annotations

import json

import httpx
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]



@pytest.fixture(scope="module")
def server(page_server):
    return page_server


@pytest.fixture
def page(chromium_path, server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
        context = browser.new_context()
        outside = []
        context.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(server.url)
                                             else (outside.append(route.request.url), route.abort())))
        tab = context.new_page()
        errors = []
        # Chromium logs every 4xx/5xx fetch as a console error; the error test expects a 400.
        tab.on("console", lambda msg: errors.append(msg.text)
               if msg.type == "error" and "status of 400" not in msg.text else None)
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        dialogs = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield tab
        assert not outside, f"requests left the server: {outside}"
        assert not dialogs, f"a script from the data ran: {dialogs}"
        assert not errors, f"console errors: {errors}"
        browser.close()


def _saved_query_with_rows(server) -> tuple[str, int]:
    """A saved query that returns rows on the test data, and how many the endpoint gives."""
    from diplomap.graph.query.saved import saved_queries

    queries = saved_queries()
    assert queries, "no saved queries in graph/query/queries"
    for name in sorted(queries):
        response = httpx.post(server.url + "/sparql", content=queries[name].text.encode(), timeout=30,
                              headers={"Content-Type": "application/sparql-query",
                                       "Accept": "application/sparql-results+json"})
        if response.status_code == 200 and "results" in response.json():
            count = len(response.json()["results"]["bindings"])
            if count:
                return name, count
    pytest.fail("no saved query returns rows on the test data")


def test_query_page_runs_a_saved_query(page, server):
    name, expected = _saved_query_with_rows(server)
    page.goto(server.url + "/")
    page.select_option("#examples", name)
    assert "SELECT" in page.input_value("#query").upper()
    page.click("#run")
    page.wait_for_selector("#results-table tbody tr")
    assert page.locator("#results-table tbody tr").count() == expected
    assert f"{expected} rows" in page.text_content("#status")


def test_query_page_escapes_values_from_the_store(page, server):
    page.goto(server.url + "/")
    page.fill("#query", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                        "SELECT ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label")
    page.click("#run")
    page.wait_for_selector("#results-table tbody tr")
    cells = page.locator("#results-table tbody td").all_text_contents()
    assert any("<script>alert(1)</script>" in c for c in cells)  # shown as text
    assert page.locator("#results-table script").count() == 0


def test_query_page_shows_errors(page, server):
    page.goto(server.url + "/")
    page.fill("#query", "SELECT ?x WHERE { ?x ?p }")
    page.click("#run")
    page.wait_for_selector("#results .error")
    assert "400" in page.text_content("#status")
    assert "line 1" in page.text_content("#results .error")


def test_entity_page_shows_its_relations(page, server):
    page.goto(server.url + "/id/province/hoa-lam")
    assert page.text_content("h1") == "Hoa Lam"
    items = page.locator("#relations > li").all_text_contents()
    assert len(items) == 3
    joined = "\n".join(items)
    assert "Nordhaven" in joined and "Clear Water Fund" in joined
    assert "<img src=x onerror=alert(1)>" in joined  # the evidence, as text
    page.click("#relations a:text('Nordhaven')")
    page.wait_for_url("**/id/foreign-locality/nordhaven")
    assert page.text_content("h1") == "Nordhaven"


def test_saved_queries_block_is_inert_json(server):
    text = httpx.get(server.url + "/").text
    block = text.split('<script id="saved-queries" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert isinstance(json.loads(block), list)
