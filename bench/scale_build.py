"""Benchmark: the build on one machine against its floors, every ratio from this one run.

On a generated corpus (bench/corpus.py, recombining our own sample sentences):

1. ``--jobs 1`` against ``--jobs N``: full builds (read, extract, write) into fresh stores;
2. the write path alone (extraction done beforehand): ``build`` into a fresh on-disk store
   against ``pyoxigraph.Store.bulk_load`` of the very quads that build stored, in time, store
   size and number of files;
3. an unchanged rebuild (nothing to extract) against reading and hashing the inputs alone.

    python bench/scale_build.py --docs 10000 --jobs 2
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from diplomap.graph.ingest.extracted import default_extractor, extract_one  # noqa: E402
from diplomap.graph.ingest.pipeline import (  # noqa: E402
    BuildSummary,
    Preparation,
    build_paths,
    version_of,
)
from diplomap.graph.store.registry import StoreSpec, open_store  # noqa: E402
from diplomap.loaders.readers import iter_documents  # noqa: E402
from diplomap.ontology.iris import DEFAULT_BASE  # noqa: E402


def disk(path: str) -> tuple[float, int]:
    """(MB, files) of a store directory."""
    files = [os.path.join(path, name) for name in os.listdir(path)]
    return sum(os.path.getsize(f) for f in files if os.path.isfile(f)) / 1e6, len(files)


def timed_build(corpus: str, store_dir: str, jobs: int):
    """(wall seconds, CPU seconds of this process, summary): with workers, this process only
    reads, hands out documents and writes."""
    start, cpu = time.perf_counter(), time.process_time()
    with open_store(StoreSpec("oxigraph", store_dir)) as store:
        summary = build_paths(store, [corpus], jobs=jobs)
    return time.perf_counter() - start, time.process_time() - cpu, summary


def _extract(doc):
    return doc, extract_one(doc, version=version_of(default_extractor))


def write_path(items, store_dir: str) -> float:
    """The build with extraction (and its serialization, done by the workers) already done."""
    start = time.perf_counter()
    with open_store(StoreSpec("oxigraph", store_dir)) as store:
        summary = BuildSummary()
        with Preparation(store, DEFAULT_BASE, summary, [doc for doc, _ in items],
                         version_of(default_extractor), False) as ready:
            done = dict(items)
            ready.write(done[doc] for doc in ready.pending)
    return time.perf_counter() - start


def bulk_load_of(store_dir: str, target: str) -> tuple[float, int]:
    """Seconds to bulk-load what ``store_dir`` holds into a fresh store, and how many quads."""
    from pyoxigraph import RdfFormat, Store

    source = Store.read_only(store_dir)
    data = source.dump(format=RdfFormat.N_QUADS)
    quads = len(source)
    del source
    gc.collect()
    start = time.perf_counter()
    fresh = Store(target)
    fresh.bulk_load(data, format=RdfFormat.N_QUADS)
    fresh.flush()
    seconds = time.perf_counter() - start
    del fresh
    gc.collect()
    return seconds, quads


def read_and_hash(corpus: str) -> float:
    start = time.perf_counter()
    for doc in iter_documents([corpus]):
        doc.iri(), doc.content_hash, doc.text_hash
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = f"{tmp}/corpus"
        words = write_corpus(corpus, args.docs)
        print(f"corpus: {args.docs:,} articles, {words:,} words; machine: {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)

        one, _, summary = timed_build(corpus, f"{tmp}/jobs1", 1)
        many, parent, _ = timed_build(corpus, f"{tmp}/jobs{args.jobs}", args.jobs)
        print(f"full build, --jobs 1: {one:.1f} s ({summary.new / one:.0f} articles/s); "
              f"--jobs {args.jobs}: {many:.1f} s -> speed-up {one / many:.2f}x "
              f"(the parent process busy {parent:.1f} s of them)", flush=True)

        rebuild, _, again = timed_build(corpus, f"{tmp}/jobs1", 1)
        floor = read_and_hash(corpus)
        print(f"unchanged rebuild: {rebuild:.2f} s ({again.unchanged:,} unchanged); reading and "
              f"hashing the inputs alone: {floor:.2f} s -> {rebuild / floor:.2f}x", flush=True)

        with Pool(args.jobs) as pool:
            items = pool.map(_extract, iter_documents([corpus]), chunksize=16)
        written = write_path(items, f"{tmp}/write")
        bulk, quads = bulk_load_of(f"{tmp}/write", f"{tmp}/bulk")
        (built_mb, built_files), (bulk_mb, bulk_files) = disk(f"{tmp}/write"), disk(f"{tmp}/bulk")
        print(f"write path ({quads:,} quads, extraction done beforehand): build {written:.1f} s, "
              f"Store.bulk_load of the same quads {bulk:.1f} s -> {written / bulk:.2f}x", flush=True)
        print(f"store size: build {built_mb:.0f} MB in {built_files} files, bulk load {bulk_mb:.0f} MB "
              f"in {bulk_files} files -> {built_mb / bulk_mb:.2f}x", flush=True)


if __name__ == "__main__":
    main()
