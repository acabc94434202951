"""A killed build, locked or unwritable stores, unreachable endpoints, wrong credentials."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, Store

from diplomap.graph.cli.group import main
from diplomap.graph.ingest.pipeline import build
from diplomap.graph.ingest.stats import collect
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.loaders.documents import Document
from diplomap.loaders.emit import ENTITIES_GRAPH
from diplomap.ontology.iris import DEFAULT_BASE, ONTOLOGY_GRAPH

REPO = Path(__file__).resolve().parents[1]
DM = "https://w3id.org/diplomap/ontology#"
SMALL = "Bac Ninh province signed an agreement with Busan city of South Korea in 2023.\n"


def generated_corpus(directory: Path, docs: int) -> None:
    """Varied synthetic articles from the extraction benchmark's generator."""
    spec = importlib.util.spec_from_file_location("bench_extract", REPO / "bench" / "extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_corpus(str(directory), docs, seed=11)


def sorted_dump(path: Path) -> tuple[int, list[str]]:
    """(quads in the ontology graph, sorted N-Quads of the rest): the ontology's blank
    nodes get fresh labels on every load, the rest must match exactly."""
    store = Store.read_only(str(path))
    ontology = NamedNode(ONTOLOGY_GRAPH)
    return (sum(1 for _ in store.quads_for_pattern(None, None, None, ontology)),
            sorted(f"{q} ." for q in store if q.graph_name != ontology))


def documents_in(path: Path) -> int:
    store = Store.read_only(str(path))
    rows = store.query(f"SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH ?d {{ ?d a <{DM}Document> }} }}")
    return int(next(iter(rows))["n"].value)


def run_build(corpus: Path, store: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "diplomap.graph.cli", "build", str(corpus), "--store", str(store),
         "--batch", "10", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=corpus.parent)


@pytest.mark.slow
def test_killed_build_leaves_a_readable_store_and_a_rerun_completes_it(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    generated_corpus(corpus, 300)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    done = run_build(corpus, clean)
    assert done.wait(timeout=300) == 0, done.stderr.read().decode()
    assert documents_in(clean) == 300

    process = run_build(corpus, killed)
    deadline = time.monotonic() + 120
    loaded = 0
    while time.monotonic() < deadline and process.poll() is None:
        if (killed / "CURRENT").exists():
            try:
                loaded = documents_in(killed)
            except (OSError, RuntimeError):  # the store is still being created
                loaded = 0
            if loaded >= 30:
                break
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    partial = documents_in(killed)  # readable after a kill -9
    assert 30 <= partial < 300
    with open_store(StoreSpec("oxigraph", str(killed))) as store:
        # Every stored document graph is whole: its hash is there, so it has all its triples.
        assert collect(store).documents == partial
    rerun = run_build(corpus, killed)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert f"unchanged: {partial}" in out.decode()
    assert sorted_dump(killed) == sorted_dump(clean)


def test_jobs_give_the_same_graph_as_one_process(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    generated_corpus(corpus, 40)
    one, two = tmp_path / "one", tmp_path / "two"
    runner = CliRunner()
    for store, jobs in ((one, "1"), (two, "2")):
        result = runner.invoke(main, ["build", str(corpus), "--store", str(store), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        assert "new: 40" in result.output
    assert sorted_dump(one) == sorted_dump(two)


def hand_made(doc: Document, base: str):
    """An extractor for hand-made documents: names the corporation given in the text."""
    from diplomap.loaders.emit import document_quads, entity_quads
    from diplomap.loaders.facts import Entity, Extraction, Mention

    label = doc.text.split(":", 1)[1].strip()
    entity = Entity("Corporation", label, mentions=[Mention(0, len(label), label)])
    extraction = Extraction(entities={entity.id: entity})
    return document_quads(doc, extraction, base), list(entity_quads(extraction, base))


def test_same_entity_in_two_documents_is_one_iri_with_both_mentions():
    docs = [Document.create("one", "Company: Zentaro Holdings"),
            Document.create("two", "Company: ZENTARO HOLDINGS")]
    with open_store(StoreSpec("memory")) as store:
        summary = build(store, docs, extractor=hand_made)
        assert (summary.new, summary.entities_new) == (2, 1)
        rows = store.select(f"SELECT ?e ?d WHERE {{ ?e <{DM}mentionedIn> ?d }}")
        assert {r["e"].value for r in rows} == {DEFAULT_BASE + "corporation/zentaro-holdings"}
        assert {r["d"].value for r in rows} == {d.iri() for d in docs}
        labels = store.select("SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                              {"e": NamedNode(DEFAULT_BASE + "corporation/zentaro-holdings")})
        assert [r["l"] for r in labels] == [Literal("Zentaro Holdings", language="en")]  # first wins

        from diplomap.graph.ingest.remove import remove_document

        remove_document(store, "one")
        rows = store.select(f"SELECT ?d WHERE {{ ?e <{DM}mentionedIn> ?d }}")
        assert [r["d"].value for r in rows] == [docs[1].iri()]
        assert store.quads(ENTITIES_GRAPH)  # still mentioned by "two": keeps type and label
        remove_document(store, docs[1].iri())
        assert store.quads(ENTITIES_GRAPH) == []


def test_same_text_under_two_identities_is_loaded_and_reported():
    docs = [Document.create("a", "Company: Same Text"), Document.create("b", "Company: Same Text")]
    with open_store(StoreSpec("memory")) as store:
        summary = build(store, docs, extractor=hand_made)
        assert summary.new == 2
        assert summary.duplicates == [("b", docs[0].iri())]
        assert any("same text" in line for line in summary.lines())


def test_a_failing_document_is_counted_and_leaves_no_graph():
    def flaky(doc, base):
        if doc.identity == "bad":
            raise RuntimeError("boom")
        return hand_made(doc, base)

    docs = [Document.create("good", "Company: Fine Co"), Document.create("bad", "Company: Broken Co")]
    with open_store(StoreSpec("memory")) as store:
        summary = build(store, docs, extractor=flaky)
        assert (summary.new, summary.failed) == (1, 1)
        assert any("boom" in p for p in summary.problems)
        assert docs[1].iri() not in store.graph_names()
        assert docs[0].iri() in store.graph_names()


# -- bad input: one clean line, non-zero exit, nothing half-written -----------------------------

def assert_clean_error(result, *words: str) -> None:
    assert result.exit_code != 0
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1, result.output
    for word in words:
        assert word in error_lines[0], result.output


@pytest.fixture
def small_corpus_dir(tmp_path):
    directory = tmp_path / "in"
    directory.mkdir()
    (directory / "one.txt").write_text(SMALL, encoding="utf-8")
    return directory


def test_store_under_a_file_is_a_clean_error(tmp_path, small_corpus_dir):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["build", str(small_corpus_dir), "--store", str(blocker / "store")])
    assert_clean_error(result, "cannot open")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only directory")
def test_unwritable_store_directory_is_a_clean_error(tmp_path, small_corpus_dir):
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        result = CliRunner().invoke(main, ["build", str(small_corpus_dir), "--store", str(parent / "store")])
    finally:
        parent.chmod(0o700)
    assert_clean_error(result, "cannot open")


def test_locked_store_is_a_clean_error(tmp_path, small_corpus_dir):
    path = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()",
         str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"open"
        result = CliRunner().invoke(main, ["build", str(small_corpus_dir), "--store", str(path)])
        assert_clean_error(result, "another process")
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)
    assert documents_in(path) == 0  # nothing was written while it was locked


def test_unreachable_endpoint_is_a_clean_error(small_corpus_dir):
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = CliRunner().invoke(main, ["build", str(small_corpus_dir), "--endpoint", f"http://127.0.0.1:{port}/query"])
    assert_clean_error(result, "cannot reach endpoint")


@pytest.mark.server
def test_wrong_credentials_are_a_clean_error_and_write_nothing(virtuoso_server, small_corpus_dir,
                                                               monkeypatch, wipe_graphs):
    url, user, password = virtuoso_server
    monkeypatch.setenv("DIPLOMAP_ENDPOINT_USER", user)
    monkeypatch.setenv("DIPLOMAP_ENDPOINT_PASSWORD", password)
    with open_store(StoreSpec("endpoint", url)) as store:
        wipe_graphs(store)
    monkeypatch.setenv("DIPLOMAP_ENDPOINT_PASSWORD", password + "-wrong")
    result = CliRunner().invoke(main, ["build", str(small_corpus_dir), "--endpoint", url])
    assert_clean_error(result, "401")
    monkeypatch.setenv("DIPLOMAP_ENDPOINT_PASSWORD", password)
    with open_store(StoreSpec("endpoint", url)) as store:
        assert not [g for g in store.graph_names() if g.startswith(DEFAULT_BASE)]


@pytest.mark.server
def test_bound_text_cannot_change_an_endpoint_query(oxigraph_server, wipe_graphs):
    nasty = Literal('x" } } ; DROP ALL ; SELECT * { ?s ?p "', language="en")
    graph = DEFAULT_BASE + "document/nasty"
    with open_store(StoreSpec("endpoint", oxigraph_server)) as store:
        wipe_graphs(store)
        store.replace_graph(graph, [Quad(NamedNode(graph), NamedNode(DM + "note"), nasty)])
        rows = store.select("SELECT ?s WHERE { ?s ?p ?o }", {"o": nasty})
        assert [r["s"].value for r in rows] == [graph]
        assert store.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"o": nasty, "g": NamedNode(graph)})
        assert len(store.quads(graph)) == 1
        wipe_graphs(store)


def test_a_graph_left_without_its_hash_is_dropped_and_rewritten(tmp_path):
    """What a kill between the bulk write and the commit marker leaves behind."""
    docs = [Document.create("one", "Company: Halfway Works")]
    stray = DEFAULT_BASE + "document/stray-0000000000"
    with open_store(StoreSpec("oxigraph", str(tmp_path / "store"))) as store:
        doc_quads, _ = hand_made(docs[0], DEFAULT_BASE)
        store.bulk_add([q for q in doc_quads if q.predicate.value != DM + "contentHash"][:3])
        store.bulk_add([Quad(NamedNode(stray), NamedNode(DM + "note"), Literal("x"), NamedNode(stray))])
        summary = build(store, docs, extractor=hand_made)
        assert summary.new == 1
        assert stray not in store.graph_names()
        assert sorted(map(str, store.quads(docs[0].iri()))) == sorted({str(q) for q in doc_quads})
