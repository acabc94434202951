"""Issue 12 items 8 and 11: ``diplomap build`` exits non-zero when inputs failed or nothing
could be read, and says how many; "triples added" counts what the store gained."""

from __future__ import annotations

import json

from click.testing import CliRunner
from pyoxigraph import Store

from diplomap.graph.cli.group import main
from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.store.registry import StoreSpec, open_store

GOOD = "Bac Ninh and Busan\n\nBac Ninh province signed an agreement with Busan city of South Korea in 2023.\n"
# The same partnership stated in two sentences: the direct edge is one quad in the store.
TWICE = ("Bac Ninh and Busan again\n\nBac Ninh province signed an agreement with Busan city of South "
         "Korea in 2023. Bac Ninh province signed an agreement with Busan city of South Korea last year.\n")


def build(*args):
    return CliRunner().invoke(main, ["build", *args])


def test_every_path_missing_exits_2_and_creates_no_store(tmp_path):
    store = tmp_path / "store"
    result = build(str(tmp_path / "nope"), str(tmp_path / "nada.txt"), "--store", str(store))
    assert result.exit_code == 2, result.output
    assert "no such file or directory" in result.output and "Traceback" not in result.output
    assert not store.exists()


def test_every_file_failing_exits_2_and_says_how_many(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = build(str(tmp_path / "in"), "--store", str(tmp_path / "store"))
    assert result.exit_code == 2, result.output
    assert "no document could be read" in result.output and "2 inputs skipped" in result.output


def test_some_files_failing_exits_1_and_loads_the_rest(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "lines.jsonl").write_text(json.dumps({"text": GOOD}) + "\n{broken\n")
    result = build(str(tmp_path / "in"), "--store", str(tmp_path / "store"))
    assert result.exit_code == 1, result.output
    assert "new: 2" in result.output and "2 inputs skipped and 0 documents failed" in result.output


def test_a_clean_build_exits_0(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    result = build(str(tmp_path / "in"), "--store", str(tmp_path / "store"))
    assert result.exit_code == 0, result.output
    assert build(str(tmp_path / "in"), "--store", str(tmp_path / "store")).exit_code == 0


def count_quads(location) -> int:
    store = Store.read_only(str(location))
    return sum(1 for _ in store)


def test_triples_added_is_what_the_store_gained(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "twice.txt").write_text(TWICE)
    spec = StoreSpec("oxigraph", str(tmp_path / "store"))
    with open_store(spec) as store:
        from diplomap.graph.ingest.reference import load_reference

        load_reference(store)
    before = count_quads(spec.location)
    with open_store(spec) as store:
        first = build_paths(store, [str(tmp_path / "in")])
    after = count_quads(spec.location)
    assert first.new == 1 and first.triples_added == after - before

    # A changed document replaces its graph: what it gained is what it did not hold before.
    (tmp_path / "in" / "twice.txt").write_text(TWICE + "Bac Giang welcomed investors from Japan.\n")
    old = set(Store.read_only(spec.location))
    with open_store(spec) as store:
        second = build_paths(store, [str(tmp_path / "in")])
    new = set(Store.read_only(spec.location))
    assert second.changed == 1 and second.triples_added == len(new - old)
