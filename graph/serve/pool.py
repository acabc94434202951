"""Query workers the server can kill: the only way to stop a runaway Oxigraph query.

A query running inside Oxigraph cannot be interrupted (a thread stuck in ``next()`` on a
cross join with ``FILTER(false)`` never returns, and some inputs crash the process), so every
user query runs in a separate worker process. When the time limit passes, the server kills
that worker, answers 503 and starts a fresh one; the other workers keep serving.

Each worker holds its own view of the data:
- on-disk store: the worker opens it read-only (RocksDB needs no lock for that, so several
  workers and a writer can share the directory); a read-only store sees the data as it was
  when opened, so the pool is recycled after an update;
- in-memory store: a process cannot share it, so each worker loads a copy (an N-Quads dump
  sent at start, and again after an update). Fine for tests and small graphs; serve an
  on-disk store for large ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection

from diplomap.ontology.errors import StoreError

START_TIMEOUT = 60.0


@dataclass(frozen=True)
class Job:
    query: str
    media_type: str  # already negotiated by the caller for the expected query form
    max_rows: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes
    truncated: bool = False


class QueryTimeout(Exception):
    pass


class PoolBusy(Exception):
    pass


class WorkerCrashed(Exception):
    pass


# --- the worker process ----------------------------------------------------------------------


def _open_worker_store(conn, location: str | None):
    from pyoxigraph import RdfFormat, Store

    if location is not None:
        return Store.read_only(location)
    store = Store()
    dump = conn.recv_bytes()
    if dump:
        store.load(dump, format=RdfFormat.N_QUADS)
    return store


def _run(store, job: Job) -> Answer:
    from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions

    from diplomap.graph.query.execute import parse_error_message
    from diplomap.graph.serve.formats import write_boolean, write_graph, write_rows

    options = {"use_default_graph_as_union": not job.default_graphs}
    if job.default_graphs:
        options["default_graph"] = [NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **options)
        if isinstance(result, QueryBoolean):
            return Answer(200, job.media_type, write_boolean(result, job.media_type))
        truncated = False
        if isinstance(result, QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) == job.max_rows:
                    truncated = True
                    break
                rows.append([solution[name] for name in names])
            return Answer(200, job.media_type, write_rows(names, rows, job.media_type), truncated)
        triples = []
        for triple in result:
            if len(triples) == job.max_rows:
                truncated = True
                break
            triples.append(triple)
        return Answer(200, job.media_type, write_graph(triples, job.media_type), truncated)
    except SyntaxError as exc:
        return Answer(400, "text/plain", parse_error_message(exc, job.query).encode())
    except KeyError as exc:  # a media type that does not fit the query form
        return Answer(406, "text/plain", f"no {exc} serialisation for this kind of query".encode())
    except (OSError, ValueError, RuntimeError) as exc:
        return Answer(400, "text/plain", f"query failed: {exc}".encode())


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when the server dies, even mid-query."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere a worker ends when its pipe closes, after its current query


def worker_main(conn, location: str | None) -> None:
    """Entry point of a worker process: open the store, then answer jobs until the pipe closes."""
    _die_with_parent()
    try:
        store = _open_worker_store(conn, location)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which refuses to start
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_run(store, job))


# --- the parent side -------------------------------------------------------------------------


class _Worker:
    """A worker is a plain ``python -m`` child talking over a socket pair.

    Not ``multiprocessing``: its spawn mode re-imports the parent's main script, which breaks
    for scripts without a ``__main__`` guard, and fork is unsafe in a threaded server.
    """

    def __init__(self, location: str | None, dump: bytes | None, generation: int):
        self.generation = generation
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "diplomap.graph.serve.pool", str(child.fileno()), location or ""],
                pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL)
        finally:
            child.close()
        self.conn = Connection(parent.detach())
        if location is None:
            self.conn.send_bytes(dump or b"")

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self, timeout: float) -> None:
        try:
            if not self.conn.poll(timeout):
                raise StoreError(f"query worker did not start within {timeout:.0f} s")
            state, detail = self.conn.recv()
        except (EOFError, OSError):
            state, detail = "failed", f"exit code {self.process.poll()}"
        except StoreError:
            self.kill()
            raise
        if state != "ready":
            self.kill()
            raise StoreError(f"query worker could not open the store: {detail}")

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(5)
        with contextlib.suppress(Exception):
            self.conn.close()


class QueryPool:
    """``size`` worker processes; :meth:`run` gives one job to an idle worker under a deadline.

    ``location`` is an on-disk store directory, or None for copies of ``dump_source()``.
    """

    def __init__(self, size: int, location: str | None = None, dump_source=None):
        if location is None and dump_source is None:
            raise ValueError("a query pool needs a store directory or a dump source")
        self.size = max(1, size)
        self.location = location
        self._dump_source = dump_source
        self._dump: bytes | None = None
        self._generation = 0
        self._idle: asyncio.Queue | None = None
        self._threads = ThreadPoolExecutor(max_workers=self.size + 2, thread_name_prefix="diplomap-pool")
        self._all: set[_Worker] = set()
        self.killed = 0

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        self._dump = self._dump_source() if self.location is None else None
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    async def _spawn(self) -> _Worker:
        def start() -> _Worker:
            worker = _Worker(self.location, self._dump, self._generation)
            self._all.add(worker)
            try:
                worker.wait_ready(START_TIMEOUT)
            except Exception:
                self._all.discard(worker)
                raise
            return worker

        return await asyncio.get_running_loop().run_in_executor(self._threads, start)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker and start its replacement in the background."""
        self._all.discard(worker)
        worker.kill()
        asyncio.get_running_loop().create_task(self._replace())

    async def _replace(self) -> None:
        try:
            worker = await self._spawn()
        except StoreError:
            await asyncio.sleep(1.0)  # the store vanished or broke; try again later
            asyncio.get_running_loop().create_task(self._replace())
            return
        self._idle.put_nowait(worker)

    async def _acquire(self, deadline: float) -> _Worker:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise PoolBusy
            try:
                worker = await asyncio.wait_for(self._idle.get(), remaining)
            except TimeoutError:
                raise PoolBusy from None
            if worker.generation == self._generation and worker.alive():
                return worker
            self._discard(worker)

    @staticmethod
    def _exchange(worker: _Worker, job: Job, timeout: float) -> Answer:
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                raise QueryTimeout
            return worker.conn.recv()
        except (EOFError, OSError):
            raise WorkerCrashed from None

    async def run(self, job: Job, timeout: float) -> Answer:
        """Raise PoolBusy (no idle worker in time), QueryTimeout or WorkerCrashed."""
        deadline = time.monotonic() + timeout
        worker = await self._acquire(deadline)
        loop = asyncio.get_running_loop()
        remaining = max(0.0, deadline - time.monotonic())
        healthy = False
        try:
            answer = await loop.run_in_executor(self._threads, self._exchange, worker, job, remaining)
            healthy = True
            return answer
        finally:
            # On timeout, crash or a cancelled request the worker may still be busy: kill it.
            if healthy and worker.generation == self._generation:
                self._idle.put_nowait(worker)
            else:
                if not healthy:
                    self.killed += 1
                self._discard(worker)

    @property
    def generation(self) -> int:
        """Goes up with every update, so caches of the data know they are stale."""
        return self._generation

    def recycle(self) -> None:
        """After an update: workers finish their current job and are replaced with fresh views."""
        if self.location is None:
            self._dump = self._dump_source()
        self._generation += 1
        while not self._idle.empty():
            self._discard(self._idle.get_nowait())

    def close(self) -> None:
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


if __name__ == "__main__":
    # Run the imported module's function, so that pickled answers name diplomap.graph.serve.pool.
    from diplomap.graph.serve import pool

    pool.worker_main(Connection(int(sys.argv[1])), sys.argv[2] or None)
