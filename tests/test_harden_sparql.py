"""Issue 12 items 1, 3, 4, 12, 13: no server-side requests, no parser crash, every route under the
time limit, safe headers on every response, a killable ``diplomap query``, and short queries
answered while runaway ones run. Real servers (uvicorn, a local HTTP listener standing in for a
remote SPARQL endpoint), a real on-disk store, the real CLI."""

from __future__ import annotations

import http.server
import json
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.graph.serve.app import create_app


def _serve_helpers():
    """The uvicorn runner and the hand-filled store of test_serve_http.py."""
    import importlib.util
    import pathlib

    spec = importlib.util.spec_from_file_location(
        "serve_http_helpers", pathlib.Path(__file__).with_name("test_serve_http.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_helpers = _serve_helpers()
RUNAWAY, RunningServer, memory_store = _helpers.RUNAWAY, _helpers.RunningServer, _helpers.memory_store

pytestmark = pytest.mark.server


class RemoteEndpoint:
    """A stand-in for the remote endpoint a SERVICE clause names: it answers one row and
    counts every request it gets."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self._answer()

            def do_POST(self):
                self.rfile.read(int(self.headers.get("content-length") or 0))
                self._answer()

            def _answer(self):
                hits.append(self.path)
                body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
                    {"x": {"type": "literal", "value": "FROM-THE-REMOTE"}}]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


@pytest.fixture(scope="module")
def remote():
    endpoint = RemoteEndpoint()
    yield endpoint
    endpoint.close()


def service_queries(url: str) -> dict[str, str]:
    """Queries that call ``url`` by SERVICE, hidden in every way the probe found or tried."""
    call = f"SERVICE <{url}> {{ ?x ?p ?o }}"
    return {
        "probe: backslash-u in an IRI before #": f"SELECT ?x WHERE {{ BIND(<http://x/\\u0041#> AS ?z) {call} }}",
        "backslash-U": f"SELECT ?x WHERE {{ BIND(<http://x/\\U00000041#> AS ?z) {call} }}",
        "escaped quotes around it": f'SELECT ?x WHERE {{ BIND("\\u0022" AS ?a) {call} BIND("\\u0022" AS ?b) }}',
        "double escape": f'SELECT ?x WHERE {{ BIND("\\u005Cu0022" AS ?a) {call} BIND("\\u005Cu0022" AS ?b) }}',
        "after a comment line": f"# a comment {{ <\nSELECT ?x WHERE {{ {call} }}",
        "string holding #": f'SELECT ?x WHERE {{ BIND("a # b" AS ?z) {call} }}',
        "long string holding #": f"SELECT ?x WHERE {{ BIND('''a # b''' AS ?z) {call} }}",
        "lower case, SILENT": f"select ?x where {{ service silent <{url}> {{ ?x ?p ?o }} }}",
        "in a subquery": f"SELECT ?x WHERE {{ {{ SELECT ?x WHERE {{ {call} }} }} }}",
        "in EXISTS": f"SELECT * WHERE {{ BIND(1 AS ?one) FILTER EXISTS {{ {call} }} }}",
        "in NOT EXISTS in OPTIONAL": f"SELECT * WHERE {{ OPTIONAL {{ BIND(1 AS ?y) FILTER NOT EXISTS {{ {call} }} }} }}",
        "in UNION and MINUS": f"SELECT * WHERE {{ {{ BIND(1 AS ?y) }} UNION {{ {call} }} MINUS {{ {call} }} }}",
        "in GRAPH": f"SELECT * WHERE {{ GRAPH ?g {{ {call} }} }}",
        "in ASK": f"ASK {{ {call} }}",
        "in CONSTRUCT": f"CONSTRUCT {{ ?x ?p ?o }} WHERE {{ {call} }}",
        "prefixed IRI": f"PREFIX r: <{url.rsplit('/', 1)[0]}/> SELECT ?x WHERE {{ SERVICE r:sparql {{ ?x ?p ?o }} }}",
    }


def deep_behind_the_trick(levels: int = 10_000) -> str:
    return ("SELECT * WHERE { BIND(<http://x/\\u0041#> AS ?z) "
            + "{ " * levels + "?s ?p ?o" + " }" * levels + " }")


def flat_patterns(count: int = 20_000) -> str:
    return "SELECT * WHERE { " + " ".join(f"?s <p:{i}> ?o ." for i in range(count)) + " }"


# --- item 1 on the CLI ----------------------------------------------------------------------


def cli(*args):
    return CliRunner().invoke(main, list(args))


def test_cli_never_calls_a_service_without_allow_service(small_store_dir, remote):
    for name, query in service_queries(remote.url).items():
        result = cli("query", query, "--format", "csv", "--store", small_store_dir)
        assert "Traceback" not in result.output and "FROM-THE-REMOTE" not in result.output, name
        if "escape" not in name:  # the escape tricks read as a harmless string once expanded
            assert result.exit_code != 0, (name, result.output)
    assert remote.hits == []


def test_cli_names_service_as_the_reason(small_store_dir, remote):
    result = cli("query", service_queries(remote.url)["in EXISTS"], "--store", small_store_dir)
    assert result.exit_code != 0 and "--allow-service" in result.output
    assert remote.hits == []


def test_cli_harmless_look_alikes_still_run(small_store_dir):
    for query in ('SELECT ?s WHERE { BIND("SERVICE <http://x> { }" AS ?s) }',
                  "SELECT ?s WHERE { BIND(<http://x/#SERVICE> AS ?s) } # SERVICE <http://x> { }",
                  "SELECT ?s WHERE { BIND(<http://x/\\u0041#> AS ?s) }"):
        result = cli("query", query, "--format", "csv", "--store", small_store_dir)
        assert result.exit_code == 0, (query, result.output)
    result = cli("query", "SELECT ?s WHERE { BIND(<http://x/\\u0041#> AS ?s) }", "--format", "csv",
                 "--store", small_store_dir)
    assert result.stdout.splitlines() == ["s", "http://x/A#"]


def test_cli_deep_nesting_behind_the_trick_is_a_clean_error(small_store_dir):
    # A real process: before the fix Oxigraph's parser crashed it (SIGSEGV, rc 139).
    done = subprocess.run([sys.executable, "-m", "diplomap.graph.cli", "query", deep_behind_the_trick(),
                           "--store", small_store_dir], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert "nested" in done.stderr and "Traceback" not in done.stderr


def run_cli(*args) -> subprocess.CompletedProcess:
    """The CLI in a real process: before the fix these inputs crashed it (SIGSEGV)."""
    return subprocess.run([sys.executable, "-m", "diplomap.graph.cli", *args], capture_output=True,
                          text=True, timeout=300)


def test_cli_twenty_thousand_flat_patterns_is_a_clean_error(small_store_dir, tmp_path):
    (tmp_path / "flat.rq").write_text(flat_patterns())  # too long for one command-line argument
    done = run_cli("query", "-f", str(tmp_path / "flat.rq"), "--store", small_store_dir)
    assert done.returncode == 1 and "Traceback" not in done.stderr, (done.returncode, done.stderr[-300:])
    assert "larger than" in done.stderr or "nested" in done.stderr
    smaller = "SELECT * WHERE { " + " ".join(f"?s <p:{i}> ?o ." for i in range(6000)) + " }"
    done = run_cli("query", smaller, "--format", "csv", "--store", small_store_dir)
    assert "Traceback" not in done.stderr, done.stderr[-300:]
    assert (done.returncode, done.stdout) == (0, "s,o\n") or (done.returncode == 1 and "nested" in done.stderr)


# --- item 12: diplomap query --timeout, Ctrl-C -------------------------------------------------


def test_cli_query_timeout_stops_a_runaway_query(small_store_dir):
    started = time.monotonic()
    result = cli("query", RUNAWAY, "--timeout", "1", "--store", small_store_dir)
    assert time.monotonic() - started < 10
    assert result.exit_code == 1 and "time limit" in result.output and "Traceback" not in result.output


def test_cli_query_stops_on_ctrl_c(small_store_dir):
    child = subprocess.Popen([sys.executable, "-m", "diplomap.graph.cli", "query", RUNAWAY,
                              "--store", small_store_dir], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        time.sleep(3)  # well inside the query
        assert child.poll() is None
        started = time.monotonic()
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=15)
        assert time.monotonic() - started < 5
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130 and "interrupted" in err and "Traceback" not in err


# --- item 1 on the endpoint; item 4 ----------------------------------------------------------


@pytest.fixture(scope="module")
def server():
    running = RunningServer(create_app(memory_store(), timeout=4.0, max_rows=50, workers=2))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def _still_serving(client):
    response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert response.status_code == 200 and json.loads(response.content)["boolean"] is True


def test_endpoint_never_calls_a_service(client, remote):
    for name, query in service_queries(remote.url).items():
        response = client.post("/sparql", content=query.encode(),
                               headers={"Content-Type": "application/sparql-query"})
        assert "FROM-THE-REMOTE" not in response.text, name
        if "escape" not in name:
            assert response.status_code in (400, 403), (name, response.status_code, response.text)
    assert remote.hits == []
    response = client.get("/sparql", params={"query": service_queries(remote.url)["in a subquery"]})
    assert response.status_code == 403 and "SERVICE" in response.text
    _still_serving(client)


def test_endpoint_deep_nesting_behind_the_trick_and_flat_patterns(client):
    deep = client.post("/sparql", content=deep_behind_the_trick().encode(),
                       headers={"Content-Type": "application/sparql-query"})
    assert deep.status_code == 400 and "nested" in deep.text
    flat = client.post("/sparql", content=flat_patterns().encode(),
                       headers={"Content-Type": "application/sparql-query"})
    assert flat.status_code in (400, 413)
    _still_serving(client)


def test_every_response_says_nosniff_and_has_a_csp(client, server):
    responses = [
        client.get("/no/such/page/<script>alert(1)</script>"),
        client.get("/sparql", params={"query": "SELECT <script>"}),
        client.get("/sparql"),
        client.get("/id/province/<b>nothing</b>", headers={"Accept": "text/turtle"}),
        client.get("/id/province/nothing"),
        client.get("/static/serve-query.js"),
        client.get("/"),
        client.get("/map", params={"depth": "99"}),
        client.get("/.well-known/void"),
        client.get("/sparql", params={"query": "ASK {}"}),
        client.put("/sparql"),
    ]
    for response in responses:
        where = (response.request.url, response.status_code)
        assert response.headers.get("x-content-type-options") == "nosniff", where
        assert response.headers.get("content-security-policy"), where
    assert "default-src 'none'" in responses[0].headers["content-security-policy"]


# --- item 3: every route under the time limit, and cancelled when the client leaves ---------


def dense_store():
    """600 places in a ring of partnerships with chords: /map at depth 6 draws all of them."""
    from diplomap.loaders.documents import Document
    from diplomap.loaders.emit import document_quads, entity_quads
    from diplomap.loaders.facts import Entity, Extraction, Fact

    places = [Entity(type="ForeignLocality", label=f"Place {i}") for i in range(600)]
    sentence = "The places signed an agreement."
    facts = [Fact("partnerOf", places[i].id, places[j % 600].id, sentence, 0, len(sentence),
                  "test.partnerOf", 0.9, status="Signed")
             for i in range(600) for j in (i + 1, i + 7, i + 31)]
    extraction = Extraction(entities={p.id: p for p in places}, facts=facts)
    doc = Document.create("test/dense", sentence, title="Dense")
    store = memory_store()
    store.add(document_quads(doc, extraction) + list(entity_quads(extraction)))
    return store


def test_map_and_pages_run_under_the_time_limit():
    running = RunningServer(create_app(dense_store(), timeout=0.5, max_rows=50, workers=2))
    try:
        with httpx.Client(base_url=running.url, timeout=60) as c:
            started = time.monotonic()
            response = c.get("/map", params={"focus": "Place 1", "depth": "6"})
            elapsed = time.monotonic() - started
            assert response.status_code == 503 and "time limit" in response.text, response.text[:300]
            assert elapsed < 3
            assert response.headers["x-content-type-options"] == "nosniff"
            time.sleep(2)  # the killed worker is replaced
            assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    finally:
        running.stop()


def test_a_page_is_cancelled_when_the_client_leaves():
    app = create_app(dense_store(), timeout=60, max_rows=50, workers=2)
    running = RunningServer(app)
    try:
        pool = app.state.diplomap.pool
        with pytest.raises(httpx.TimeoutException), httpx.Client(base_url=running.url, timeout=0.5) as c:
            c.get("/map", params={"focus": "Place 1", "depth": "6"})
        deadline = time.monotonic() + 5
        while pool.killed == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool.killed == 1  # its worker was killed, not left rendering for nobody
    finally:
        running.stop()


# --- item 13: short queries are answered while runaway queries run ------------------------------


def test_short_queries_are_answered_under_runaway_queries():
    app = create_app(memory_store(), timeout=6.0, max_rows=50, workers=2, cache_size=0)
    running = RunningServer(app)
    try:
        pool = app.state.diplomap.pool
        deadline = time.monotonic() + 60
        while not pool.spare_ready and time.monotonic() < deadline:  # a server that has settled
            time.sleep(0.1)
        results: dict[str, httpx.Response] = {}

        def runaway(name):
            with httpx.Client(base_url=running.url, timeout=60) as c:
                results[name] = c.get("/sparql", params={"query": RUNAWAY})

        threads = [threading.Thread(target=runaway, args=(f"runaway-{k}",)) for k in range(2)]
        for thread in threads:
            thread.start()
            time.sleep(0.3)
        latencies = []
        with httpx.Client(base_url=running.url, timeout=60) as c:
            for k in range(8):
                started = time.monotonic()
                response = c.get("/sparql", params={"query": f"ASK {{ ?s ?p {k} }}"})
                latencies.append(time.monotonic() - started)
                assert response.status_code == 200, response.text
                time.sleep(0.2)
        for thread in threads:
            thread.join(30)
        # At worst a short query waits while the reserve worker stops the second runaway one.
        assert max(latencies) < pool.reserve_limit + 2, latencies
        statuses = sorted(r.status_code for r in results.values())
        assert statuses == [503, 503]
        early = [r for r in results.values() if "retry-after" in r.headers]
        assert early and all(int(r.headers["retry-after"]) >= 1 for r in early)
    finally:
        running.stop()
