"""Issue 12 items 9 (files written whole) and 10 (a new store appears whole): a kill -9 at the
worst moment leaves the old file, or no store, or a complete store; never a broken one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pyoxigraph import Store

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "Bac Ninh and Busan\n\nBac Ninh province signed an agreement with Busan city of South Korea in 2023.\n"


def cli(*args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "diplomap.graph.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def test_a_kill_as_the_store_appears_leaves_a_store_that_opens(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    store = tmp_path / "store"
    for attempt in range(3):
        child = cli("build", str(tmp_path / "in"), "--store", str(store))
        deadline = time.monotonic() + 60
        while not store.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.0005)
        child.send_signal(signal.SIGKILL)  # the moment the store folder shows up
        child.wait()
        assert store.exists(), f"attempt {attempt}: the build never created the store"
        Store.read_only(str(store))  # raises on a half-created store
        rerun = subprocess.run([sys.executable, "-m", "diplomap.graph.cli", "build", str(tmp_path / "in"),
                                "--store", str(store)], capture_output=True, text=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr
        assert "documents read: 1" in rerun.stdout
        leftovers = [p for p in os.listdir(tmp_path) if ".creating-" in p]
        assert leftovers == [] or attempt == 0
        import shutil

        shutil.rmtree(store)


def test_a_kill_during_export_keeps_the_old_file(tmp_path):
    # A store big enough that writing N-Triples takes a while.
    from pyoxigraph import Literal, NamedNode, Quad

    location = tmp_path / "store"
    big = Store(str(location))
    graph = NamedNode("https://w3id.org/diplomap/id/document/big")
    big.bulk_extend(Quad(NamedNode(f"https://example.org/s{i}"), NamedNode("https://example.org/p"),
                         Literal(f"value number {i} " * 4), graph) for i in range(400_000))
    big.flush()
    del big
    import gc

    gc.collect()
    target = tmp_path / "out.nt"
    target.write_text("OLD\n")
    child = cli("export", "--format", "nt", "-o", str(target), "--store", str(location))
    started = time.monotonic()
    # Kill once the export is writing (its temporary file, or the target itself, has grown).
    while child.poll() is None and time.monotonic() - started < 60:
        written = [p for p in tmp_path.iterdir() if p.name.startswith(".out.nt.")]
        if (written and written[0].stat().st_size > 0) or target.stat().st_size > 4:
            break
        time.sleep(0.005)
    assert child.poll() is None, "the export finished before it could be killed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert target.read_text() == "OLD\n"


CONTROL_SENTENCE = "Bac Ninh\x01 signed\x0b an agreement\x1b with Busan\ufffe in 2023\x00."
CONTROL_LABEL = "Busan\x07 City\x0c"


def control_store(location: Path) -> None:
    from diplomap.graph.store.registry import StoreSpec, open_store
    from diplomap.loaders.documents import Document
    from diplomap.loaders.emit import document_quads, entity_quads
    from diplomap.loaders.facts import Entity, Extraction, Fact

    province = Entity(type="Province", label="Bac Ninh", gazetteer_id="province/bac-ninh")
    busan = Entity(type="ForeignLocality", label=CONTROL_LABEL)
    fact = Fact("partnerOf", province.id, busan.id, CONTROL_SENTENCE, 0, len(CONTROL_SENTENCE),
                "test.partnerOf", 0.9, status="Signed", date="2023")
    extraction = Extraction(entities={e.id: e for e in (province, busan)}, facts=[fact])
    doc = Document.create("test/control", CONTROL_SENTENCE, title="Control\x02 characters")
    with open_store(StoreSpec("oxigraph", str(location))) as store:
        store.add(document_quads(doc, extraction) + list(entity_quads(extraction)))


def test_graphml_and_gexf_with_control_characters_round_trip(tmp_path):
    import networkx as nx
    from lxml import etree

    control_store(tmp_path / "store")
    expected = "Bac Ninh\ufffd signed\ufffd an agreement\ufffd with Busan\ufffd in 2023\ufffd."
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        target = tmp_path / f"out.{fmt}"
        done = subprocess.run([sys.executable, "-m", "diplomap.graph.cli", "export", "--format", fmt,
                               "-o", str(target), "--store", str(tmp_path / "store")],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (fmt, done.returncode, done.stderr[-500:])
        etree.parse(str(target))  # well-formed XML 1.0
        graph = read(str(target))
        evidence = [data.get("evidence") for _, _, data in graph.edges(data=True)]
        assert expected in evidence, (fmt, evidence)
        labels = {data.get("label") for _, data in graph.nodes(data=True)}
        assert "Busan\ufffd City\ufffd" in labels, (fmt, labels)
