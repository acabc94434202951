"""``diplomap build --engine dask``: a real LocalCluster of 2 worker processes, real stores.

The Dask build must make the graph a ``--jobs 1`` build makes, skip unchanged documents by
their content hash, and fail cleanly (nothing stored lost) when the scheduler is unreachable.
"""

from __future__ import annotations

import importlib.util
import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import NamedNode, Store

from diplomap.graph.cli.group import main
from diplomap.ontology.iris import ONTOLOGY_GRAPH

REPO = Path(__file__).resolve().parents[1]

try:
    import dask.distributed  # noqa: F401
except ImportError:
    if os.environ.get("CI", "").lower() == "true":
        raise  # CI installs the test extra, which holds dask[distributed]
    pytest.skip("dask[distributed] is not installed (pip install -e '.[test]')", allow_module_level=True)


def generated_corpus(directory: Path, docs: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_extract", REPO / "bench" / "extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    directory.mkdir()
    module.make_corpus(str(directory), docs, seed=5)


def sorted_dump(path: Path) -> list[str]:
    """Sorted N-Quads of everything but the ontology (its blank nodes differ on every load)."""
    store = Store.read_only(str(path))
    ontology = NamedNode(ONTOLOGY_GRAPH)
    return sorted(f"{q} ." for q in store if q.graph_name != ontology)


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as running:
        yield running


def build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def test_dask_build_is_the_jobs_1_build_and_skips_what_is_unchanged(tmp_path, cluster):
    corpus = tmp_path / "corpus"
    generated_corpus(corpus, 45)
    one, dask = tmp_path / "one", tmp_path / "dask"
    assert build(str(corpus), "--store", str(one), "--jobs", "1").exit_code == 0

    scheduler = ["--engine", "dask", "--scheduler", cluster.scheduler_address, "--partition", "10",
                 "--shards", str(tmp_path / "shards")]
    first = build(str(corpus), "--store", str(dask), *scheduler)
    assert first.exit_code == 0, first.output
    assert "new: 45" in first.output
    assert sorted_dump(dask) == sorted_dump(one)
    assert os.listdir(tmp_path / "shards") == []  # loaded shards are removed

    again = build(str(corpus), "--store", str(dask), *scheduler)
    assert again.exit_code == 0, again.output
    assert "new: 0  changed: 0  re-extracted: 0  unchanged: 45" in again.output

    changed = sorted(corpus.iterdir())[3]
    changed.write_text(changed.read_text() + "\nBac Ninh signed an agreement with Busan in 2024.\n")
    for store in (one, dask):
        extra = scheduler if store == dask else []
        result = build(str(corpus), "--store", str(store), *extra)
        assert result.exit_code == 0 and "changed: 1" in result.output, result.output
    assert sorted_dump(dask) == sorted_dump(one)


def test_local_cluster_of_the_engine_itself(tmp_path):
    corpus = tmp_path / "corpus"
    generated_corpus(corpus, 6)
    result = build(str(corpus), "--store", str(tmp_path / "store"), "--engine", "dask", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "new: 6" in result.output


def test_unreachable_scheduler_is_a_clean_error_and_loses_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    generated_corpus(corpus, 3)
    store = tmp_path / "store"
    assert build(str(corpus), "--store", str(store)).exit_code == 0
    before = sorted_dump(store)
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (corpus / "more.txt").write_text("Bac Giang province signed an agreement with Busan in 2023.\n")
    for address in (f"tcp://127.0.0.1:{port}", "not a scheduler"):
        result = build(str(corpus), "--store", str(store), "--engine", "dask", "--scheduler", address)
        assert result.exit_code != 0
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and "Dask scheduler" in errors[0], result.output
    assert sorted_dump(store) == before


def test_scheduler_needs_the_dask_engine(tmp_path):
    result = build(str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "--engine dask" in result.output
