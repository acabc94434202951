"""Built benchmark stores, cached in a temporary folder keyed by size (shared by the bench scripts).

``store_for(n, reuse=True)`` builds ``n`` synthetic articles (bench/extract.py's generator) into
an on-disk Oxigraph store once and hands back its folder; later runs with ``reuse`` open it again.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import make_corpus  # noqa: E402  (the shared generator)

from diplomap.graph.ingest.pipeline import build_paths  # noqa: E402
from diplomap.graph.store.registry import StoreSpec, open_store  # noqa: E402

CACHE = os.path.join(tempfile.gettempdir(), "diplomap-bench-stores")


def store_for(docs: int, reuse: bool = True, jobs: int = 1) -> str:
    """The folder of a store built from ``docs`` generated articles (built now unless cached)."""
    folder = os.path.join(CACHE, f"{docs}")
    done = os.path.join(folder, "BUILT")
    store_dir = os.path.join(folder, "store")
    if reuse and os.path.exists(done):
        return store_dir
    shutil.rmtree(folder, ignore_errors=True)
    corpus = os.path.join(folder, "corpus")
    os.makedirs(corpus)
    make_corpus(corpus, docs)
    start = time.perf_counter()
    with open_store(StoreSpec("oxigraph", store_dir)) as store:
        build_paths(store, [corpus], jobs=jobs)
    print(f"built {docs} articles in {time.perf_counter() - start:.1f} s into {store_dir}", file=sys.stderr)
    open(done, "w").close()
    return store_dir


if __name__ == "__main__":
    for size in map(int, sys.argv[1:] or ["1000", "10000"]):
        print(store_for(size))
