"""``diplomap serve`` over real HTTP: uvicorn on a free loopback port, real clients.

The store is filled by hand (Documents + Extractions -> loaders.emit quads), including an
entity and a sentence that carry HTML/JS payloads, so the pages' escaping is tested too.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import socket
import threading
import time
from decimal import Decimal
from urllib.parse import quote, urlencode

import httpx
import pytest
import uvicorn
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from diplomap.graph.serve.app import create_app
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.loaders.documents import Document
from diplomap.loaders.emit import document_quads, entity_quads
from diplomap.loaders.facts import Entity, Extraction, Fact

pytestmark = pytest.mark.server

BASE = "https://w3id.org/diplomap/id/"
DM = "https://w3id.org/diplomap/ontology#"
XSS_NAME = 'Evil <script>alert(1)</script> "Quoted" Co'
XSS_SENTENCE = 'Evil Co said <img src=x onerror=alert(1)> it would invest in Hoa Lam & "more".'
PREFIXES = """PREFIX dm: <https://w3id.org/diplomap/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
PARTNERS = PREFIXES + """SELECT ?a ?b ?status WHERE {
  ?st a dm:Partnership ; rdf:subject ?s ; rdf:object ?o ; dm:status ?status .
  ?s rdfs:label ?a . ?o rdfs:label ?b } ORDER BY ?a ?b"""
# Never ends on any store with a few dozen triples: a 5-way cross join whose filter needs
# every variable, so Oxigraph cannot push it down or drop it (a plain FILTER(false) it can).
RUNAWAY = """SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o
  FILTER(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l), STR(?o)) = "never") }"""


def _entity(cls: str, label: str, vi: str | None = None) -> Entity:
    return Entity(type=cls, label=label, vi={vi} if vi else set())


def sample_quads() -> list:
    """Two hand-written articles: a partnership, an investment (by the hostile company), aid."""
    hoa_lam = _entity("Province", "Hoa Lam", "Hòa Lâm")
    ostrava = _entity("ForeignLocality", "Nordhaven")
    evil = _entity("Corporation", XSS_NAME)
    ngo = _entity("NGO", "Clear Water Fund")
    text1 = "Hoa Lam signed a friendship agreement with Nordhaven in 2021. " + XSS_SENTENCE
    doc1 = Document.create("test/one", text1, title="Hoa Lam <b>news</b>", date="2022-03-01",
                           source="Test Press", url="https://example.org/one")
    s2 = text1.index("Evil")
    ex1 = Extraction(
        entities={x.id: x for x in (hoa_lam, ostrava, evil)},
        facts=[
            Fact("partnerOf", hoa_lam.id, ostrava.id, text1[:s2].strip(), 0, s2 - 1,
                 "partnership.signed", 0.9, status="Signed", date="2021"),
            Fact("investsIn", evil.id, hoa_lam.id, XSS_SENTENCE, s2, len(text1), "investment.plain", 0.8,
                 amount=Decimal("2500000"), currency="USD"),
        ])
    text2 = "The Clear Water Fund gave aid to Hoa Lam for clean water."
    doc2 = Document.create("test/two", text2, title="Aid for Hoa Lam", date="2023")
    ex2 = Extraction(entities={x.id: x for x in (hoa_lam, ngo)},
                     facts=[Fact("aidTo", ngo.id, hoa_lam.id, text2, 0, len(text2), "aid.plain", 0.7)])
    quads = []
    for doc, ex in ((doc1, ex1), (doc2, ex2)):
        quads += document_quads(doc, ex, BASE)
        quads += entity_quads(ex, BASE)
    return quads


def memory_store():
    store = open_store(StoreSpec("memory"))
    store.add(sample_quads())
    return store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RunningServer:
    """uvicorn serving ``app`` in a background thread until ``stop``."""

    def __init__(self, app):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.02)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def server():
    store = memory_store()
    # Pages run under the time limit too: 3 s leaves room for a map on a loaded machine.
    running = RunningServer(create_app(store, timeout=3.0, max_rows=50, workers=2))
    yield running
    running.stop()
    store.close()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def raw_get(server, path: str) -> int:
    """GET with the path exactly as given (httpx and browsers would normalise '..')."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


# --- the protocol ----------------------------------------------------------------------------


def _rows(body: bytes) -> list[dict]:
    return json.loads(body)["results"]["bindings"]


def test_get_post_form_and_post_query_give_the_same_rows(client):
    accept = {"Accept": "application/sparql-results+json"}
    by_get = client.get("/sparql", params={"query": PARTNERS}, headers=accept)
    by_form = client.post("/sparql", data={"query": PARTNERS}, headers=accept)
    by_body = client.post("/sparql", content=PARTNERS.encode(),
                          headers={**accept, "Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("application/sparql-results+json")
    rows = _rows(by_get.content)
    assert [(r["a"]["value"], r["b"]["value"], r["status"]["value"]) for r in rows] == [
        ("Hoa Lam", "Nordhaven", DM + "Signed")]
    assert _rows(by_form.content) == rows == _rows(by_body.content)


@pytest.mark.parametrize("accept,expected,fmt", [
    ("application/sparql-results+json", "application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", "text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", "text/tab-separated-values", QueryResultsFormat.TSV),
    ("text/html;q=0.5, text/csv;q=0.9, */*;q=0.1", "text/csv", QueryResultsFormat.CSV),
])
def test_select_results_in_each_format(client, accept, expected, fmt):
    query = PREFIXES + 'SELECT ?e ?label WHERE { ?e a dm:Corporation ; rdfs:label ?label }'
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected
    if fmt == QueryResultsFormat.CSV:  # lossy, so pyoxigraph does not read it back
        labels = [row["label"] for row in csv.DictReader(io.StringIO(response.text))]
    else:
        labels = [row["label"].value for row in parse_query_results(response.content, format=fmt)]
    # The hostile label comes back exactly.
    assert labels == [XSS_NAME]


def test_ask_and_construct_formats(client):
    ask = client.get("/sparql", params={"query": PREFIXES + "ASK { ?x a dm:NGO }"},
                     headers={"Accept": "application/sparql-results+xml"})
    assert ask.status_code == 200
    assert bool(parse_query_results(ask.content, format=QueryResultsFormat.XML)) is True
    construct = PREFIXES + "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a dm:Province ; rdfs:label ?l }"
    for accept, fmt in (("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES),
                        ("application/ld+json", RdfFormat.JSON_LD)):
        response = client.get("/sparql", params={"query": construct}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == accept
        triples = list(parse(response.content, format=fmt))
        assert [t.object.value for t in triples] == ["Hoa Lam"]


def test_malformed_query_gives_400_with_the_parser_position(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert response.status_code == 400
    assert "line 1" in response.text and "column" in response.text


def test_unsupported_accept_gives_406(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"},
                          headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/csv" in response.text
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                       headers={"Accept": "text/csv"})
    assert graph.status_code == 406


def test_other_methods_give_405(client):
    for method in ("PUT", "DELETE", "PATCH"):
        response = client.request(method, "/sparql", params={"query": "ASK {}"})
        assert response.status_code == 405
        assert "GET" in response.headers["allow"]


def test_post_with_an_unknown_content_type_gives_415(client):
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_updates_are_refused_on_a_read_only_server(client):
    update = 'INSERT DATA { <http://example.org/a> <http://example.org/b> "c" }'
    as_form = client.post("/sparql", data={"update": update})
    as_body = client.post("/sparql", content=update.encode(),
                          headers={"Content-Type": "application/sparql-update"})
    as_query = client.get("/sparql", params={"query": update})
    assert [r.status_code for r in (as_form, as_body, as_query)] == [403, 403, 403]
    check = client.get("/sparql", params={"query": "ASK { <http://example.org/a> ?p ?o }"})
    assert json.loads(check.content)["boolean"] is False


def test_service_is_refused(client):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 403
    assert "SERVICE" in response.text
    # ... but the word inside a string is not a SERVICE clause.
    ok = client.get("/sparql", params={"query": 'SELECT * WHERE { BIND("SERVICE <x> {}" AS ?s) }'})
    assert ok.status_code == 200


def test_row_cap_cuts_results_and_says_so(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(_rows(response.content)) == 50
    assert response.headers["x-sparql-maxrows"] == "50"
    small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert "x-sparql-maxrows" not in small.headers


# --- hostile input: each a clean error, and the server stays up -----------------------------


def _still_serving(client):
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert response.status_code == 200 and json.loads(response.content)["boolean"] is True


def test_runaway_query_is_stopped_with_503_while_others_are_served(client, server):
    results = {}

    def run_slow():
        started = time.monotonic()
        results["slow"] = client.get("/sparql", params={"query": RUNAWAY})
        results["slow_seconds"] = time.monotonic() - started

    slow = threading.Thread(target=run_slow)
    slow.start()
    time.sleep(0.3)
    started = time.monotonic()
    quick = client.get("/sparql", params={"query": PARTNERS})
    quick_seconds = time.monotonic() - started
    slow.join(30)
    assert quick.status_code == 200 and quick_seconds < 1.5
    assert results["slow"].status_code == 503
    assert "time limit" in results["slow"].text
    assert results["slow_seconds"] < 5
    _still_serving(client)


def test_oversize_query_is_refused(client, server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (101 * 1024)
    by_body = client.post("/sparql", content=big.encode(),
                          headers={"Content-Type": "application/sparql-query"})
    by_form = client.post("/sparql", data={"query": big})
    assert by_body.status_code == 413 and by_form.status_code == 413
    huge = client.post("/sparql", content=b"x" * (400 * 1024),
                       headers={"Content-Type": "application/sparql-query"})
    assert huge.status_code == 413
    # httpx refuses such a URL itself: send it raw. uvicorn's request-line limit answers first.
    assert raw_get(server, "/sparql?" + urlencode({"query": big})) in (400, 413, 414)
    _still_serving(client)


def test_deep_nesting_is_a_clean_400(client):
    # 10,000 levels crash Oxigraph's parser (SIGSEGV): it must never reach it in-process.
    deep = "SELECT * WHERE " + "{" * 10000 + "}" * 10000
    response = client.post("/sparql", content=deep.encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400
    assert "nested" in response.text
    _still_serving(client)


def test_paths_with_dot_segments_are_not_found(client, server):
    for path in ("/static/../serve.py", "/static/%2e%2e/serve.py", "/id/../../etc/passwd",
                 "/static/..%2Fserve_pool.py", "/id/%2E%2E/x"):
        assert raw_get(server, path) in (400, 404), path
    assert client.get("/static/serve-query.js").status_code == 200
    _still_serving(client)


# --- real clients ----------------------------------------------------------------------------


def test_sparqlwrapper_in_each_format(server):
    from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

    endpoint = SPARQLWrapper(server.url + "/sparql")
    endpoint.setQuery(PARTNERS)
    endpoint.setReturnFormat(JSON)
    rows = endpoint.query().convert()["results"]["bindings"]
    assert rows[0]["b"]["value"] == "Nordhaven"
    endpoint.setReturnFormat(XML)
    document = endpoint.query().convert()  # an xml.dom.minidom document
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")][:2] == ["Hoa Lam", "Nordhaven"]
    for fmt in (CSV, TSV):
        endpoint.setReturnFormat(fmt)
        assert b"Nordhaven" in endpoint.query().convert()
    endpoint.setMethod("POST")
    endpoint.setQuery(PREFIXES + "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a dm:NGO ; rdfs:label ?l }")
    endpoint.setReturnFormat(TURTLE)
    assert b"Clear Water Fund" in endpoint.query().convert()


def test_rdflib_sparqlstore(server):
    from rdflib import Graph, Literal, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.url + "/sparql"))
    rows = list(graph.query(PARTNERS))
    assert [(str(r.a), str(r.b)) for r in rows] == [("Hoa Lam", "Nordhaven")]
    province = URIRef(BASE + "province/hoa-lam")
    labels = set(graph.objects(province, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    assert labels == {Literal("Hoa Lam", lang="en")}
    assert graph.query(PREFIXES + "ASK { ?x a dm:Corporation }").askAnswer is True


# --- pages -----------------------------------------------------------------------------------


def test_query_page_lists_saved_queries_and_loads_offline(client):
    from diplomap.graph.query.saved import saved_queries

    response = client.get("/")
    assert response.status_code == 200
    assert 'id="saved-queries"' in response.text
    payload = response.text.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    names = [item["name"] for item in json.loads(payload)]
    assert names == sorted(saved_queries())
    assert "http://" not in response.text.split("<main>")[0].replace("http://www.w3.org", "")


def test_entity_page_shows_relations_evidence_and_escapes(client):
    response = client.get("/id/province/hoa-lam", headers={"Accept": "text/html"})
    assert response.status_code == 200
    text = response.text
    assert "<h1>Hoa Lam</h1>" in text
    assert "Nordhaven" in text and "partnerOf" in text and "Signed" in text
    assert "Clear Water Fund" in text and "aidTo" in text
    assert "Hòa Lâm" in text
    # Evidence and sources, escaped.
    assert "&lt;img src=x onerror=alert(1)&gt;" in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "<script>alert" not in text
    assert "Hoa Lam &lt;b&gt;news&lt;/b&gt;" in text
    assert 'href="https://example.org/one"' in text
    assert "/map?focus=" in text


def test_entity_as_rdf_by_accept(client):
    iri = BASE + "province/hoa-lam"
    for accept, fmt in (("text/turtle", RdfFormat.TURTLE), ("application/ld+json", RdfFormat.JSON_LD),
                        ("application/n-triples", RdfFormat.N_TRIPLES)):
        response = client.get("/id/province/hoa-lam", headers={"Accept": accept})
        assert response.status_code == 200, accept
        assert response.headers["content-type"].split(";")[0] == accept
        triples = list(parse(response.content, format=fmt))
        subjects = {t.subject.value for t in triples}
        assert iri in subjects
        # Statement nodes about the entity come along, with their evidence.
        evidence = [t.object.value for t in triples if t.predicate.value == DM + "evidence"]
        assert XSS_SENTENCE in evidence and len(evidence) == 3


def test_unknown_entity_is_404_and_odd_accept_is_406(client):
    assert client.get("/id/province/nowhere", headers={"Accept": "text/html"}).status_code == 404
    assert client.get("/id/province/nowhere", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/province/hoa-lam", headers={"Accept": "image/png"}).status_code == 406
    for odd in ("/id/a%20b", "/id/%3Cscript%3E", '/id/x%22y'):
        assert client.get(odd).status_code == 404, odd


def test_void_description(client, server):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    triples = list(parse(response.content, format=RdfFormat.TURTLE))
    endpoints = {t.object.value for t in triples if t.predicate.value == "http://rdfs.org/ns/void#sparqlEndpoint"}
    assert endpoints == {server.url + "/sparql"}
    assert any(t.predicate.value == "http://rdfs.org/ns/void#triples" for t in triples)


def test_map_page(client):
    response = client.get("/map", params={"focus": "Hoa Lam", "depth": "1"})
    assert response.status_code == 200, response.text[:300]
    assert "Nordhaven" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert client.get("/map", params={"depth": "many"}).status_code == 400
    assert client.get("/map", params={"status": "Married"}).status_code == 400
    assert client.get("/map", params={"focus": "Atlantis"}).status_code == 404
    aid_only = client.get("/map", params={"predicates": "aidTo"})
    assert aid_only.status_code == 200
    assert "Clear Water Fund" in aid_only.text and "Nordhaven" not in aid_only.text


def test_geo_page_and_the_links_between_the_two_maps(client):
    geo = client.get("/geo", params={"predicates": "aidTo"})
    assert geo.status_code == 200 and "connect-src 'none'" in geo.headers["content-security-policy"]
    assert 'id="diplomap-basemap"' in geo.text and 'href="/map?predicates=aidTo"' in geo.text
    assert 'href="/geo?predicates=aidTo"' in client.get("/map", params={"predicates": "aidTo"}).text
    assert client.get("/geo", params={"focus": "Atlantis"}).status_code == 404
    assert client.get("/geo", params={"depth": "many"}).status_code == 400


# --- on-disk store and updates ---------------------------------------------------------------


def test_on_disk_store_with_token_protected_updates(tmp_path):
    location = str(tmp_path / "store")
    with open_store(StoreSpec("oxigraph", location)) as store:
        store.add(sample_quads())
    app = create_app(StoreSpec("oxigraph", location), allow_update=True, token="s3cret", workers=1)
    running = RunningServer(app)
    try:
        url = running.url + "/sparql"
        update = 'INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> "c" } }'
        ask = {"query": 'ASK { <http://example.org/a> <http://example.org/b> "c" }'}
        assert httpx.post(url, data={"update": update}).status_code == 403
        assert httpx.post(url, data={"update": update},
                          headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert json.loads(httpx.get(url, params=ask).content)["boolean"] is False
        done = httpx.post(url, data={"update": update}, headers={"Authorization": "Bearer s3cret"})
        assert done.status_code == 204, done.text
        # The workers were recycled, so queries see the update.
        assert json.loads(httpx.get(url, params=ask, timeout=30).content)["boolean"] is True
        rows = _rows(httpx.get(url, params={"query": PARTNERS}).content)
        assert rows[0]["b"]["value"] == "Nordhaven"
    finally:
        running.stop()


def test_allow_update_without_a_token_refuses_to_start():
    from diplomap.ontology.errors import StoreError

    with pytest.raises(StoreError, match="token"):
        create_app(memory_store(), allow_update=True, token=None)


def test_cors_origin(tmp_path):
    app = create_app(memory_store(), cors_origins=("https://portal.example",), workers=1)
    running = RunningServer(app)
    try:
        query = "?" + urlencode({"query": "ASK {}"}, quote_via=quote)
        allowed = httpx.get(running.url + "/sparql" + query, headers={"Origin": "https://portal.example"})
        other = httpx.get(running.url + "/sparql" + query, headers={"Origin": "https://evil.example"})
        assert allowed.headers.get("access-control-allow-origin") == "https://portal.example"
        assert "access-control-allow-origin" not in other.headers
    finally:
        running.stop()
