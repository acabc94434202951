"""``--engine dask`` into SPARQL servers: Oxigraph server (its bulk loader, one streamed request)
and Virtuoso 7 (its bulk loader, ld_dir/rdf_loader_run through isql). Each must hold what a
``--jobs 1`` build into the embedded store holds, and skip unchanged documents on a rerun."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.graph.store.registry import StoreSpec, open_store

pytestmark = pytest.mark.server

try:
    import dask.distributed  # noqa: F401
except ImportError:
    if os.environ.get("CI", "").lower() == "true":
        raise  # CI installs the test extra, which holds dask[distributed]
    pytest.skip("dask[distributed] is not installed (pip install -e '.[test]')", allow_module_level=True)

HERE = Path(__file__).resolve().parent


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


backends = _module("build_backends_helpers", HERE / "test_build_backends.py")


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as running:
        yield running


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("servers") / "corpus"
    directory.mkdir()
    _module("bench_extract", HERE.parent / "bench" / "extract.py").make_corpus(str(directory), 25, seed=3)
    return directory


@pytest.fixture(scope="module")
def expected(corpus, tmp_path_factory):
    """What a --jobs 1 build into the embedded store holds."""
    store = tmp_path_factory.mktemp("expected") / "store"
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    with open_store(StoreSpec("oxigraph", str(store))) as opened:
        return backends.data_dump(opened)


def build_twice(corpus, cluster, store_args, spec, wipe_graphs, expected):
    with open_store(spec) as store:
        wipe_graphs(store)
    args = ["build", str(corpus), *store_args, "--engine", "dask", "--scheduler", cluster.scheduler_address,
            "--partition", "7"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "new: 25" in first.output
    with open_store(spec) as store:
        assert backends.data_dump(store) == expected
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and "unchanged: 25" in again.output, again.output
    with open_store(spec) as store:
        wipe_graphs(store)


def test_dask_build_into_oxigraph_server(corpus, cluster, oxigraph_server, wipe_graphs, expected):
    build_twice(corpus, cluster, ["--endpoint", oxigraph_server], StoreSpec("endpoint", oxigraph_server),
                wipe_graphs, expected)


def test_dask_build_into_virtuoso_through_its_bulk_loader(corpus, cluster, virtuoso_instance, wipe_graphs,
                                                         expected, monkeypatch):
    monkeypatch.setenv("DIPLOMAP_ENDPOINT_USER", virtuoso_instance.user)
    monkeypatch.setenv("DIPLOMAP_ENDPOINT_PASSWORD", virtuoso_instance.password)
    load_dir = os.path.join(virtuoso_instance.directory, "load")
    build_twice(corpus, cluster, ["--endpoint", virtuoso_instance.url, "--virtuoso-isql", virtuoso_instance.sql,
                                  "--virtuoso-load-dir", load_dir],
                StoreSpec("endpoint", virtuoso_instance.url), wipe_graphs, expected)
    assert os.listdir(load_dir) == []  # loaded files are removed


def test_virtuoso_loader_that_cannot_connect_is_a_clean_error(tmp_path, virtuoso_instance, monkeypatch,
                                                               wipe_graphs):
    import socket

    monkeypatch.setenv("DIPLOMAP_ENDPOINT_USER", virtuoso_instance.user)
    monkeypatch.setenv("DIPLOMAP_ENDPOINT_PASSWORD", virtuoso_instance.password)
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "one.txt").write_text("Bac Ninh province signed an agreement with Busan city of South Korea in 2023.\n")
    with open_store(StoreSpec("endpoint", virtuoso_instance.url)) as store:
        wipe_graphs(store)
    with socket.socket() as sock:  # an SQL port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = CliRunner().invoke(main, ["build", str(corpus), "--endpoint", virtuoso_instance.url,
                                       "--virtuoso-isql", f"127.0.0.1:{port}",
                                       "--virtuoso-load-dir", os.path.join(virtuoso_instance.directory, "load")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "isql" in errors[0], result.output
    with open_store(StoreSpec("endpoint", virtuoso_instance.url)) as store:
        # No document is visible: its marker is written only after its load.
        assert not store.select("SELECT ?d WHERE { ?d a <https://w3id.org/diplomap/ontology#Document> }")
        wipe_graphs(store)
