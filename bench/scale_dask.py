"""Benchmark: ``diplomap build --engine dask`` with 1 and 2 workers (and more, if given).

Generates ``--docs`` articles (bench/corpus.py; 100,000 is the issue's figure, which takes long
on 2 cores: pick what fits), then for each worker count starts a LocalCluster of that many
worker processes (one thread each), warms the workers up (each builds its gazetteer matcher
once) and builds the corpus into a fresh on-disk store. Prints wall time, articles/s, the
speed-up against the first worker count, and the seconds this process spent writing. With
``--local`` the same corpus is also built with ``--jobs 1``, the single-process baseline.

    python bench/scale_dask.py --docs 100000 --workers 1 2
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from diplomap.graph.ingest.dask_engine import build_dask  # noqa: E402
from diplomap.graph.ingest.extracted import warm_up  # noqa: E402
from diplomap.graph.ingest.pipeline import build_paths  # noqa: E402
from diplomap.graph.store.registry import StoreSpec, open_store  # noqa: E402


def dask_build(corpus: str, store_dir: str, workers: int) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, quads stored)."""
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        client.run(warm_up)
        start, cpu = time.perf_counter(), time.process_time()
        with open_store(StoreSpec("oxigraph", store_dir)) as store:
            summary = build_paths(store, [corpus], builder=build_dask, client=client)
        return time.perf_counter() - start, time.process_time() - cpu, summary.triples_added


def local_build(corpus: str, store_dir: str) -> float:
    warm_up()
    start = time.perf_counter()
    with open_store(StoreSpec("oxigraph", store_dir)) as store:
        build_paths(store, [corpus], jobs=1)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--local", action="store_true", help="also build with --jobs 1, no Dask")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        words = write_corpus(f"{tmp}/corpus", args.docs)
        print(f"corpus: {args.docs:,} articles, {words:,} words, generated in "
              f"{time.perf_counter() - start:.0f} s; machine: {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.1f}", flush=True)
        if args.local:
            seconds = local_build(f"{tmp}/corpus", f"{tmp}/local")
            print(f"--jobs 1 (no Dask): {seconds:.1f} s, {args.docs / seconds:.0f} articles/s", flush=True)
        first = None
        for workers in args.workers:
            wall, parent, quads = dask_build(f"{tmp}/corpus", f"{tmp}/dask-{workers}", workers)
            first = first or (workers, wall)
            print(f"dask, {workers} worker(s): {wall:.1f} s, {args.docs / wall:.0f} articles/s, "
                  f"{quads:,} quads; this process busy {parent:.1f} s; speed-up against "
                  f"{first[0]} worker(s): {first[1] / wall:.2f}x", flush=True)


if __name__ == "__main__":
    main()
