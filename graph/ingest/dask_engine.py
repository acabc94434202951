"""``diplomap build --engine dask``: extraction as dask.distributed tasks, loading here.

The documents are read and checked against the store here, as in a single-process build
(``pipeline.Preparation``: content-hash skipping, repeated identities, same text). Those that
need extracting go out in partitions, one task each (``shards.extract_partition``); each task
writes an N-Quads shard. The shards are read back in input order and written by the same
``DocumentWriter`` as a local build, through the store's bulk loader — so the graph is the one a
``--jobs 1`` build makes (first labels included), and the same guarantees hold after a kill.

At most ``IN_FLIGHT_PER_WORKER`` partitions per worker are out at once: the input is never all
in the cluster's memory, and shards are deleted once loaded.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator

from diplomap.graph.ingest.extracted import Extracted, Extractor, default_extractor
from diplomap.graph.ingest.pipeline import BuildSummary, Preparation, version_of
from diplomap.graph.ingest.shards import extract_partition, read_shard
from diplomap.graph.ingest.writer import BULK_DOCUMENTS
from diplomap.graph.store.base import GraphStore, first_line
from diplomap.loaders.documents import Document
from diplomap.ontology.errors import InputError, StoreError
from diplomap.ontology.iris import DEFAULT_BASE

PARTITION_DOCUMENTS = 200
IN_FLIGHT_PER_WORKER = 3
CONNECT_TIMEOUT_S = 10


class DaskUnavailable(InputError):
    """The dask engine was asked for, but dask.distributed is not installed."""


def connect(scheduler: str | None = None, workers: int = 2):
    """A dask.distributed ``Client``: of the scheduler at ``scheduler``, or of a new local
    cluster of ``workers`` processes (closed with the client)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable("the dask engine needs dask.distributed: pip install 'diplomap[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {first_line(exc)}") from None
    # Quiet: the build's own summary is what a user reads.
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.ERROR)
    client = Client(cluster)
    client.close = _closing_cluster(client.close, cluster)
    return client


def _closing_cluster(close, cluster):
    def closing(*args, **kwargs):
        close(*args, **kwargs)
        cluster.close()

    return closing


def build_dask(
    store: GraphStore,
    documents: Iterable[Document],
    client,
    *,
    base: str = DEFAULT_BASE,
    partition: int = PARTITION_DOCUMENTS,
    shards: str | None = None,
    batch_documents: int = BULK_DOCUMENTS,
    progress: bool = False,
    force: bool = False,
    summary: BuildSummary | None = None,
    extractor: Extractor = default_extractor,
) -> BuildSummary:
    """Build ``documents`` into ``store``, extracting on the cluster of ``client``.

    ``shards`` is the directory for the shard files (a temporary one inside it is made and
    removed); with a remote scheduler it must be on a file system the workers and this machine
    share. ``partition`` is the number of documents per task.
    """
    summary = summary or BuildSummary()
    version = version_of(extractor)
    if shards:
        os.makedirs(shards, exist_ok=True)
    with Preparation(store, base, summary, documents, version, force) as ready:
        with tempfile.TemporaryDirectory(prefix="diplomap-shards-", dir=shards) as directory:
            tasks = _Tasks(client, directory, base, version, extractor)
            ready.write(tasks.run(ready.pending, partition), batch_documents, progress)
    return summary


class _Tasks:
    def __init__(self, client, directory: str, base: str, version: str | None, extractor: Extractor):
        self.client, self.directory = client, directory
        self.base, self.version, self.extractor = base, version, extractor
        workers = len(client.scheduler_info().get("workers", {})) or 1
        self.window = max(2, IN_FLIGHT_PER_WORKER * workers)

    def run(self, pending: Iterable[Document], partition: int) -> Iterator[Extracted]:
        """Extracted documents in input order, from ``partition``-sized tasks."""
        in_flight: deque = deque()
        for number, documents in enumerate(_partitions(pending, partition)):
            path = os.path.join(self.directory, f"part-{number:06d}.nq")
            future = self.client.submit(extract_partition, documents, self.base, self.version, path,
                                        self.extractor, pure=False)
            in_flight.append((future, path))
            if len(in_flight) >= self.window:
                yield from self._loaded(*in_flight.popleft())
        while in_flight:
            yield from self._loaded(*in_flight.popleft())

    def _loaded(self, future, path: str) -> Iterator[Extracted]:
        try:
            entries = future.result()
        except Exception as exc:  # a worker died or could not write: nothing of it is loaded
            raise StoreError(f"an extraction task failed ({type(exc).__name__}: {first_line(exc)}); "
                             "whole documents written so far stay, a rerun completes the build") from None
        yield from read_shard(path, entries)
        os.remove(path)


def _partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    part: list[Document] = []
    for doc in documents:
        part.append(doc)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part
