"""Shared test helpers."""

from __future__ import annotations

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_tool(name: str, hint: str) -> str:
    """Path of a system tool; skip visibly when missing, but fail under CI=true."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} not found ({hint})"
    if IN_CI:
        pytest.fail(message + " — CI must install it", pytrace=False)
    pytest.skip(message)


# The one line that installs every system tool the suite uses (what .ci/run does).
APT_LINE = "apt-get install -y chromium raptor2-utils virtuoso-opensource"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """After the run, list what was skipped and why, grouped by reason, with the apt-get line."""
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    by_reason: dict[str, list[str]] = {}
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        by_reason.setdefault(reason, []).append(report.nodeid)
    terminalreporter.section(f"{len(skipped)} skipped, by reason", sep="=", yellow=True)
    for reason, tests in sorted(by_reason.items(), key=lambda item: (-len(item[1]), item[0])):
        terminalreporter.line(f"{len(tests):>4}  {reason}")
        for nodeid in tests[:5]:
            terminalreporter.line(f"        {nodeid}")
        if len(tests) > 5:
            terminalreporter.line(f"        ... and {len(tests) - 5} more")
    if any(" not found (" in reason for reason in by_reason):
        terminalreporter.line(f"System tools missing: install them with `{APT_LINE}` "
                              "(as root), then run the suite again.")


@pytest.fixture
def chromium_path() -> str:
    return require_tool("chromium", "apt-get install chromium")


# --- Extraction on hand-written sentences: the rule tests (tests/test_rules_*.py) ----------------
# They run the whole extractor with a small sample gazetteer, and compare labels, not IRIs.

SAMPLE_GAZETTEER = os.path.join(os.path.dirname(__file__), "data", "extract", "gazetteer-sample.jsonl")


@pytest.fixture(scope="session")
def sample_config():
    """An ``ExtractorConfig`` over ``tests/data/extract/gazetteer-sample.jsonl``."""
    from diplomap.loaders.pipeline import ExtractorConfig
    from diplomap.ontology.gazetteer import parse_entries

    with open(SAMPLE_GAZETTEER, encoding="utf-8") as stream:
        return ExtractorConfig(entries=tuple(parse_entries(stream.read().splitlines())))


@pytest.fixture(scope="session")
def edges(sample_config):
    """``edges(text, predicate, date=None, config=None)``: (subject label, object label, fact) of
    every fact with ``predicate`` extracted from ``text`` (with the sample gazetteer by default)."""
    from diplomap.loaders.documents import Document
    from diplomap.loaders.pipeline import extract

    def edges(text, predicate, date=None, config=None):
        extraction = extract(Document.create("t", text, date=date), config or sample_config)
        label = {key: entity.label for key, entity in extraction.entities.items()}
        return [(label[f.subject], label[f.object], f) for f in extraction.facts if f.predicate == predicate]

    return edges


@pytest.fixture(scope="session")
def pairs(edges):
    """``pairs(text, predicate, date=None, config=None)``: the (subject label, object label) set of ``edges``."""

    def pairs(text, predicate, date=None, config=None):
        return {(s, o) for s, o, _ in edges(text, predicate, date, config)}

    return pairs


# ---------------------------------------------------------------------------
# A small hand-built store (issue 5), for query, export, validate, maps and serve tests.
# It covers every direct predicate, all four partnership stages, amounts in three
# currencies, a person with a role, a heritage item with its listing and recognising body,
# the 2025 merger (Bac Giang -> Bac Ninh), entities without a Wikidata link, and hostile
# text in a label and in evidence sentences.
# ---------------------------------------------------------------------------

HOSTILE_LABEL = 'Sao Mai "Star" \\ <Tech> """Co""" 😀 Công ty\nNorth'
HOSTILE_SENTENCE = ('Bắc Giang signed a "sister" deal with Xaysomboun in 2021 \\ <b>not html</b> '
                    '"""quoted""" 😀 — đối tác\nsecond line.')


def _build_small_corpus():
    from decimal import Decimal

    from diplomap.loaders.documents import Document
    from diplomap.loaders.facts import Entity, Extraction, Fact

    def known(gid, type_, label):
        return Entity(type=type_, label=label, gazetteer_id=gid)

    people = Entity(type="Person", label="Nguyen Van An", vi={"Nguyễn Văn An"})
    committee = Entity(type="GovernmentBody", label="Bac Ninh Provincial People's Committee")
    lakeshire = Entity(type="ForeignLocality", label="Lakeshire")
    hostile = Entity(type="Corporation", label=HOSTILE_LABEL, aliases={"Sao Mai <Star>"})
    e = {
        "bg": known("province/bac-giang", "Province", "Bac Giang"),
        "bn": known("province/bac-ninh", "Province", "Bac Ninh"),
        "xs": known("foreign-locality/xaysomboun", "ForeignLocality", "Xaysomboun"),
        "busan": known("foreign-locality/busan", "ForeignLocality", "Busan"),
        "gg": known("foreign-locality/gyeonggi", "ForeignLocality", "Gyeonggi"),
        "gunma": known("foreign-locality/gunma", "ForeignLocality", "Gunma"),
        "kr": known("country/south-korea", "Country", "South Korea"),
        "foxconn": known("corporation/foxconn", "Corporation", "Foxconn"),
        "samsung": known("corporation/samsung-electronics", "Corporation", "Samsung Electronics"),
        "canon": known("corporation/canon", "Corporation", "Canon"),
        "stc": known("ngo/save-the-children", "NGO", "Save the Children"),
        "koica": known("government-body/koica", "GovernmentBody", "KOICA"),
        "jica": known("government-body/jica", "GovernmentBody", "JICA"),
        "tpo": known("international-organization/tourism-promotion-organization-for-asia-pacific-cities",
                     "InternationalOrganization", "Tourism Promotion Organization for Asia Pacific Cities"),
        "unesco": known("international-organization/unesco", "InternationalOrganization", "UNESCO"),
        "quanho": known("heritage-item/quan-ho-bac-ninh-folk-songs", "HeritageItem", "Quan Ho Bac Ninh folk songs"),
        "person": people, "committee": committee, "lakeshire": lakeshire, "hostile": hostile,
    }
    e["bg"].vi.add("Bắc Giang")

    def document(identity, date, title, items):
        """items: (sentence, predicate, subject key, object key, qualifiers)."""
        text, facts, used = "", [], {}
        for sentence, predicate, s, o, qualifiers in items:
            start = len(text)
            text += sentence
            facts.append(Fact(predicate=predicate, subject=e[s].id, object=e[o].id, evidence=sentence,
                              start=start, end=start + len(sentence), rule=f"test.{predicate}",
                              confidence=0.9, **qualifiers))
            text += " "
            used[s], used[o] = e[s], e[o]
        doc = Document.create(identity, text, title=title, date=date, source="Test Gazette",
                              url=f"https://example.org/{identity}")
        return doc, Extraction(entities={x.id: x for x in used.values()}, facts=facts)

    usd = {"currency": "USD"}
    doc1 = document("news/bac-giang-2021", "2021-05-10", 'Bắc Giang & Xaysomboun: "friends" <2021>', [
        (HOSTILE_SENTENCE, "partnerOf", "bg", "xs", {"status": "Signed", "date": "2021"}),
        ("Bac Giang is negotiating a friendship agreement with Busan.", "partnerOf", "bg", "busan",
         {"status": "Negotiating"}),
        ("Foxconn put 1.5 billion USD into Bac Giang.", "investsIn", "foxconn", "bg",
         {"amount": Decimal("1500000000"), "date": "2021", **usd}),
        (f"{HOSTILE_LABEL} invested 30 billion dong in Bac Giang.", "investsIn", "hostile", "bg",
         {"amount": Decimal("30000000000"), "currency": "VND"}),
        (f"{HOSTILE_LABEL} comes from South Korea.", "basedIn", "hostile", "kr", {}),
        ("KOICA gave Bac Giang 500,000 USD in 2020.", "aidTo", "koica", "bg",
         {"amount": Decimal("500000"), "date": "2020", **usd}),
    ])
    doc2 = document("news/bac-ninh-2024", "2024-03-15", "Bac Ninh widens its partnerships", [
        ("Bac Ninh and Gyeonggi have been active partners since 2019.", "partnerOf", "bn", "gg",
         {"status": "Active", "date": "2019"}),
        ("Bac Ninh proposed a partnership to Gunma.", "partnerOf", "bn", "gunma",
         {"status": "Proposed", "date": "2024"}),
        ("Bac Ninh signed an agreement with Lakeshire on 1 March 2024.", "partnerOf", "bn", "lakeshire",
         {"status": "Signed", "date": "2024-03-01"}),
        ("Lakeshire lies in South Korea.", "locatedIn", "lakeshire", "kr", {}),
        ("Samsung Electronics invested 2.5 billion USD in Bac Ninh.", "investsIn", "samsung", "bn",
         {"amount": Decimal("2500000000"), "date": "2024", **usd}),
        ("Canon invested 50 billion yen in Bac Ninh.", "investsIn", "canon", "bn",
         {"amount": Decimal("50000000000"), "currency": "JPY"}),
        ("Save the Children gave Bac Ninh 200,000.50 USD.", "aidTo", "stc", "bn",
         {"amount": Decimal("200000.50"), "date": "2023", **usd}),
        ("Bac Ninh is a member of the Tourism Promotion Organization.", "memberOf", "bn", "tpo", {}),
        ("Quan Ho folk songs belong to Bac Ninh.", "heritageOf", "quanho", "bn",
         {"listing": "RepresentativeList", "date": "2009"}),
        ("UNESCO inscribed Quan Ho in 2009.", "recognizedBy", "quanho", "unesco",
         {"listing": "RepresentativeList", "date": "2009"}),
        ("Nguyễn Văn An, Chairman of the Bac Ninh Provincial People's Committee, spoke.", "holdsPosition",
         "person", "committee", {"role": "Chairman"}),
        ("Nguyen Van An visited Gyeonggi in March 2024.", "visited", "person", "gg", {"date": "2024-03"}),
        ("Bac Ninh cooperates with JICA on schools and clinics.", "cooperatesWith", "bn", "jica",
         {"fields": ("education", "health")}),
    ])
    return [doc1, doc2]


@pytest.fixture(scope="session")
def small_corpus():
    """The (Document, Extraction) pairs of the small store."""
    return _build_small_corpus()


def _quads_of(corpus) -> list:
    """Reference data plus each (document, extraction) written as the build writes it."""
    from diplomap.graph.ingest.reference import load_reference
    from diplomap.graph.store.registry import StoreSpec, open_store
    from diplomap.loaders.emit import document_quads, entity_quads

    store = open_store(StoreSpec("memory"))
    load_reference(store)
    for doc, extraction in corpus:
        store.replace_graph(doc.iri(), document_quads(doc, extraction))
        store.add(entity_quads(extraction))
    quads = list(store.oxigraph)
    store.close()
    return quads


def _memory_store_with(quads):
    """A fresh in-memory store holding ``quads``, for a fixture to ``yield from``; closed after."""
    from diplomap.graph.store.registry import StoreSpec, open_store

    store = open_store(StoreSpec("memory"))
    store.add(quads)
    yield store
    store.close()


@pytest.fixture(scope="session")
def small_quads(small_corpus):
    """Every quad of the small store: reference data + two documents."""
    return _quads_of(small_corpus)


@pytest.fixture
def small_store(small_quads):
    """A fresh in-memory GraphStore holding the small corpus (tests may change it)."""
    yield from _memory_store_with(small_quads)


@pytest.fixture
def small_store_dir(small_quads, tmp_path):
    """An on-disk Oxigraph store directory holding the small corpus, closed, for CLI tests."""
    from diplomap.graph.store.registry import StoreSpec, open_store

    path = tmp_path / "store"
    store = open_store(StoreSpec("oxigraph", str(path)))
    store.add(small_quads)
    store.close()
    return str(path)


@pytest.fixture
def rapper_path() -> str:
    return require_tool("rapper", "apt-get install raptor2-utils")


# --- SPARQL servers for the store tests (issue 4) ---------------------------------------------
# Session-scoped: each server starts once, on free ports bound to 127.0.0.1, and is stopped at
# the end. Tests share it, so they wipe diplomap's graphs first (see ``wipe_diplomap_graphs``).

VIRTUOSO_PASSWORD = "diplomap-test"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_http(url: str, process, seconds: float, log_path=None) -> None:
    import time

    import httpx

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:] if log_path else ""
            pytest.fail(f"server exited with {process.returncode} before answering {url}\n{tail}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"server did not answer {url} within {seconds:.0f} s")


def _stop(process) -> None:
    import subprocess

    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """Query URL of an ``oxigraph serve`` on a free port (writes: /update, /store)."""
    import subprocess

    tool = require_tool("oxigraph", "pip install oxigraph")
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = free_port()
    log_path = location.parent / "oxigraph-server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen([tool, "serve", "--location", str(location / "data"),
                                    "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=log)
    _wait_for_http(f"http://127.0.0.1:{port}/", process, 20, log_path)
    yield f"http://127.0.0.1:{port}/query"
    _stop(process)


def _virtuoso_ini(directory, sql_port: int, http_port: int) -> str:
    """The packaged virtuoso.ini, with its files, ports and allowed dirs moved to ``directory``."""
    import re

    template = "/etc/virtuoso-opensource-7/virtuoso.ini"
    if not os.path.exists(template):
        pytest.fail(f"{template} missing: is virtuoso-opensource installed completely?")
    with open(template, encoding="utf-8") as stream:
        text = stream.read()
    text = text.replace("/var/lib/virtuoso-opensource-7/db/", f"{directory}/")
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\b.*$", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\b.*$", f"ServerPort = 127.0.0.1:{http_port}", text)
    text = re.sub(r"(?m)^DirsAllowed\s*=.*$",
                  f"DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, {directory}", text)
    path = os.path.join(directory, "virtuoso.ini")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
    return path


@pytest.fixture(scope="session")
def virtuoso_instance(tmp_path_factory):
    """A private Virtuoso 7: ``url`` (query), ``user``, ``password``, ``sql`` (isql host:port) and
    ``directory`` (its files; in its DirsAllowed, so its bulk loader reads from there)."""
    import subprocess
    from types import SimpleNamespace

    tool = require_tool("virtuoso-t", "apt-get install virtuoso-opensource")
    directory = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = _virtuoso_ini(str(directory), sql_port, http_port)
    log_path = directory / "server.log"
    with open(log_path, "wb") as log:
        # First start only sets the dba password, then exits.
        subprocess.run([tool, "+configfile", ini, "+foreground", "+pwdold", "dba",
                        "+pwddba", VIRTUOSO_PASSWORD], cwd=directory, stdout=log, stderr=log,
                       timeout=120, check=True)
        process = subprocess.Popen([tool, "+configfile", ini, "+foreground"], cwd=directory,
                                   stdout=log, stderr=log)
    url = f"http://127.0.0.1:{http_port}/sparql"
    _wait_for_http(url, process, 90, log_path)
    yield SimpleNamespace(url=url, user="dba", password=VIRTUOSO_PASSWORD, sql=f"127.0.0.1:{sql_port}",
                          directory=str(directory))
    _stop(process)


@pytest.fixture(scope="session")
def virtuoso_server(virtuoso_instance):
    """(query URL, user, password) of a private Virtuoso 7; updates via Digest on /sparql-auth."""
    return virtuoso_instance.url, virtuoso_instance.user, virtuoso_instance.password


def wipe_diplomap_graphs(store) -> None:
    """Drop every graph diplomap writes (servers are shared by the tests; their own graphs stay)."""
    from diplomap.ontology.iris import DEFAULT_BASE, GRAPH_NS

    for graph in store.graph_names():
        if graph.startswith((GRAPH_NS, DEFAULT_BASE)):
            store.drop_graph(graph)


@pytest.fixture(scope="session")
def wipe_graphs():
    """``wipe_diplomap_graphs`` for tests (conftest is not importable under importlib mode)."""
    return wipe_diplomap_graphs


# --- A small store for the map and network tests (issue 6) ------------------------------------
# Six entities, five distinct edges: a partnership stated twice (Signed 2019, Active 2023), a
# parallel cooperation between the same pair, a proposed partnership, and hostile text
# (script and img tags, quotes) in entity names, a Vietnamese name, sentences, a title and a URL.

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
MAP_EVIL_CORP = f'Evil {XSS_SCRIPT} "Corp" \'Ltd\''
MAP_EVIL_TOWN = f"{XSS_IMG} 'Town\""
MAP_EVIL_SENTENCE = (f'{MAP_EVIL_CORP} invested in Bac Ninh {XSS_IMG} and said "hi" '
                     f"</script><!-- {XSS_SCRIPT}")


def _build_map_corpus():
    from diplomap.loaders.documents import Document
    from diplomap.loaders.facts import Entity, Extraction, Fact

    e = {
        "bn": Entity("Province", "Bac Ninh", gazetteer_id="province/bac-ninh", vi={"Bắc Ninh"}),
        "bg": Entity("Province", "Bac Giang", gazetteer_id="province/bac-giang"),
        "xs": Entity("ForeignLocality", "Xaysomboun", gazetteer_id="foreign-locality/xaysomboun"),
        "kana": Entity("ForeignLocality", "Kanagawa", gazetteer_id="foreign-locality/kanagawa"),
        "evil": Entity("Corporation", MAP_EVIL_CORP, vi={XSS_IMG}),
        "town": Entity("ForeignLocality", MAP_EVIL_TOWN),
    }

    def document(identity, date, title, url, items):
        text, facts, used = "", [], {}
        for sentence, predicate, s, o, qualifiers in items:
            start = len(text)
            text += sentence + " "
            facts.append(Fact(predicate, e[s].id, e[o].id, sentence, start, start + len(sentence),
                              f"test.{predicate}", qualifiers.pop("confidence", 0.9), **qualifiers))
            used[s], used[o] = e[s], e[o]
        doc = Document.create(identity, text, title=title, date=date, source="Map Test Desk", url=url)
        return doc, Extraction(entities={x.id: x for x in used.values()}, facts=facts)

    first = document("map/one", "2019-06-01", "Bac Ninh and Kanagawa sign up",
                     "https://example.org/map/one", [
        ("Bac Ninh signed a friendship agreement with Kanagawa in 2019.", "partnerOf", "bn", "kana",
         {"status": "Signed", "date": "2019"}),
        ("Bac Giang proposed a partnership to Xaysomboun in 2021.", "partnerOf", "bg", "xs",
         {"status": "Proposed", "date": "2021"}),
        (MAP_EVIL_SENTENCE, "investsIn", "evil", "bn", {"date": "2020"}),
    ])
    second = document("map/two", "2023-02-01", f"Ties {XSS_SCRIPT} deepen </title>",
                      "javascript:alert(1)", [
        ("Bac Ninh and Kanagawa are active partners in 2023.", "partnerOf", "bn", "kana",
         {"status": "Active", "date": "2023"}),
        ("Bac Ninh cooperates with Kanagawa on vocational training.", "cooperatesWith", "bn", "kana",
         {"date": "2023"}),
        (f"Bac Ninh is negotiating with {MAP_EVIL_TOWN} since 2018.", "partnerOf", "bn", "town",
         {"status": "Negotiating", "date": "2018", "confidence": 0.4}),
    ])
    return [first, second]


@pytest.fixture(scope="session")
def map_quads():
    """Every quad of the map test store: reference data + the two map test documents."""
    return _quads_of(_build_map_corpus())


@pytest.fixture
def map_store(map_quads):
    """A fresh in-memory store holding ``map_quads``."""
    yield from _memory_store_with(map_quads)


@pytest.fixture
def map_texts():
    """The hostile strings of ``map_store`` (conftest is not importable under importlib mode)."""
    return {"script": XSS_SCRIPT, "img": XSS_IMG, "corp": MAP_EVIL_CORP, "town": MAP_EVIL_TOWN,
            "sentence": MAP_EVIL_SENTENCE}


@pytest.fixture(scope="session")
def hostile_text() -> dict:
    """The hostile label and evidence sentence of the small store (tests cannot import conftest)."""
    return {"label": HOSTILE_LABEL, "sentence": HOSTILE_SENTENCE}


# ---------------------------------------------------------------------------
# The endpoint on the small sample store, shared by the browser and explorer page tests.
# ---------------------------------------------------------------------------

def serve_http_helpers():
    """The server helpers of test_serve_http (tests are not a package, so load it by path)."""
    import importlib.util
    import pathlib

    path = pathlib.Path(__file__).with_name("test_serve_http.py")
    spec = importlib.util.spec_from_file_location("serve_http_helpers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page_server():
    """``diplomap serve`` on the sample store, 5 s per request, 2 workers."""
    from diplomap.graph.serve.app import create_app

    helpers = serve_http_helpers()
    store = helpers.memory_store()
    running = helpers.RunningServer(create_app(store, timeout=5.0, workers=2))
    yield running
    running.stop()
    store.close()
