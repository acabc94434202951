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
import math
import socket
import subprocess
import sys
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection

from diplomap.graph.serve.worker import Answer, Call, CallResult, Job  # noqa: F401 (re-exported)
from diplomap.ontology.errors import StoreError

START_TIMEOUT = 60.0
MAX_EXPENSIVE_REMEMBERED = 1024


class QueryTimeout(Exception):
    """The job ran past its limit. ``retry_after`` is set when the limit was the reserve
    worker's short one (the pool was busy), so trying again later may succeed."""

    def __init__(self, limit: float = 0.0, retry_after: int | None = None):
        super().__init__(limit)
        self.limit = limit
        self.retry_after = retry_after


class PoolBusy(Exception):
    """No worker came free in time; ``retry_after`` is an estimate in seconds."""

    def __init__(self, retry_after: int = 1):
        super().__init__(retry_after)
        self.retry_after = retry_after


class WorkerCrashed(Exception):
    pass


# --- the parent side -------------------------------------------------------------------------


class _Worker:
    """A worker is a plain ``python -m`` child talking over a socket pair.

    Not ``multiprocessing``: its spawn mode re-imports the parent's main script, which breaks
    for scripts without a ``__main__`` guard, and fork is unsafe in a threaded server.
    """

    def __init__(self, location: str | None, dump: bytes | None, generation: int):
        self.generation = generation
        self.lane = "general"
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "diplomap.graph.serve.worker", str(child.fileno()), location or ""],
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

    One worker (when there are two or more) is kept in reserve for short jobs: a job takes a
    general worker when one is idle, and the reserve worker only when none is; there it gets
    at most ``reserve_limit`` seconds. So runaway queries can hold every general worker, up to
    the time limit each, and short queries are still answered by the reserve; a long query that
    lands on the reserve is stopped early and told when to retry (``Retry-After``). A job that
    ran into a time limit once is remembered as expensive and from then on waits for a general
    worker only: a client repeating a runaway query cannot keep taking the reserve.

    A killed worker is replaced at once by a spare process started beforehand (then another
    spare is started in the background), so a kill does not leave its lane empty while a new
    process starts and warms up.
    """

    def __init__(self, size: int, location: str | None = None, dump_source=None,
                 reserve_limit: float = 2.0):
        if location is None and dump_source is None:
            raise ValueError("a query pool needs a store directory or a dump source")
        self.size = max(1, size)
        self.location = location
        self.reserve_limit = reserve_limit
        self._dump_source = dump_source
        self._dump: bytes | None = None
        self._generation = 0
        self._general: list[_Worker] = []
        self._reserve: list[_Worker] = []
        self._changed: asyncio.Condition | None = None
        self._threads = ThreadPoolExecutor(max_workers=self.size + 2, thread_name_prefix="diplomap-pool")
        self._all: set[_Worker] = set()
        self._busy_until: dict[_Worker, float] = {}  # running general jobs: their deadlines
        self._spare: _Worker | None = None
        self._spare_starting = False
        self.killed = 0
        # Jobs that ran into a time limit before: they are queued for general workers only,
        # never given the reserve (queueing by cost, learnt from what each job cost last time).
        self._expensive: OrderedDict[object, None] = OrderedDict()

    async def start(self) -> None:
        self._changed = asyncio.Condition()
        self._dump = self._dump_source() if self.location is None else None
        lanes = ["reserve" if self.size > 1 and k == 0 else "general" for k in range(self.size)]
        workers = await asyncio.gather(*(self._spawn(lane) for lane in lanes))
        for worker in workers:
            self._idle_list(worker).append(worker)
        asyncio.get_running_loop().create_task(self._refill_spare())

    def _idle_list(self, worker: _Worker) -> list[_Worker]:
        return self._reserve if worker.lane == "reserve" else self._general

    async def _spawn(self, lane: str) -> _Worker:
        def start() -> _Worker:
            worker = _Worker(self.location, self._dump, self._generation)
            worker.lane = lane
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
        asyncio.get_running_loop().create_task(self._replace(worker.lane))

    async def _refill_spare(self) -> None:
        if self._spare_starting or self._spare is not None:
            return
        self._spare_starting = True
        try:
            self._spare = await self._spawn("spare")
        except StoreError:
            pass
        finally:
            self._spare_starting = False

    async def _replace(self, lane: str) -> None:
        spare, self._spare = self._spare, None
        if spare is not None and spare.generation == self._generation and spare.alive():
            spare.lane = lane
            await self._give_back(spare)
            await self._refill_spare()
            return
        if spare is not None:
            self._all.discard(spare)
            spare.kill()
        asyncio.get_running_loop().create_task(self._refill_spare())
        try:
            worker = await self._spawn(lane)
        except StoreError:
            await asyncio.sleep(1.0)  # the store vanished or broke; try again later
            asyncio.get_running_loop().create_task(self._replace(lane))
            return
        await self._give_back(worker)

    async def _give_back(self, worker: _Worker) -> None:
        async with self._changed:
            self._idle_list(worker).append(worker)
            self._changed.notify()

    def _take(self, reserve: bool = True) -> _Worker | None:
        for idle in (self._general, self._reserve) if reserve else (self._general,):
            while idle:
                worker = idle.pop()
                if worker.generation == self._generation and worker.alive():
                    return worker
                self._discard(worker)
        return None

    def _general_lane(self) -> bool:
        return self.size > 1  # with one worker there is no reserve to keep

    def retry_after(self) -> int:
        """Seconds until the first running general job reaches its time limit (at least 1)."""
        if not self._busy_until:
            return 1
        return max(1, math.ceil(min(self._busy_until.values()) - time.monotonic()))

    async def _acquire(self, deadline: float, reserve: bool = True) -> _Worker:
        async with self._changed:
            while True:
                worker = self._take(reserve)
                if worker is not None:
                    return worker
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PoolBusy(self.retry_after())
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    raise PoolBusy(self.retry_after()) from None

    @staticmethod
    def _exchange(worker: _Worker, job, timeout: float):
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                raise QueryTimeout(timeout)
            return worker.conn.recv()
        except (EOFError, OSError):
            raise WorkerCrashed from None

    async def run(self, job: Job | Call, timeout: float):
        """Raise PoolBusy (no idle worker in time), QueryTimeout or WorkerCrashed."""
        deadline = time.monotonic() + timeout
        expensive = job in self._expensive
        worker = await self._acquire(deadline, reserve=not expensive or not self._general_lane())
        loop = asyncio.get_running_loop()
        remaining = max(0.0, deadline - time.monotonic())
        on_reserve = worker.lane == "reserve"
        if on_reserve:
            remaining = min(remaining, self.reserve_limit)
        else:
            self._busy_until[worker] = time.monotonic() + remaining
        healthy = False
        try:
            answer = await loop.run_in_executor(self._threads, self._exchange, worker, job, remaining)
            healthy = True
            return answer
        except QueryTimeout:
            self._expensive[job] = None
            while len(self._expensive) > MAX_EXPENSIVE_REMEMBERED:
                self._expensive.popitem(last=False)
            if on_reserve and remaining < timeout:
                raise QueryTimeout(remaining, self.retry_after()) from None
            raise
        finally:
            self._busy_until.pop(worker, None)
            # On timeout, crash or a cancelled request the worker may still be busy: kill it.
            if healthy and worker.generation == self._generation:
                await self._give_back(worker)
            else:
                if not healthy:
                    self.killed += 1
                self._discard(worker)

    @property
    def spare_ready(self) -> bool:
        return self._spare is not None

    @property
    def generation(self) -> int:
        """Goes up with every update, so caches of the data know they are stale."""
        return self._generation

    def recycle(self) -> None:
        """After an update: workers finish their current job and are replaced with fresh views."""
        if self.location is None:
            self._dump = self._dump_source()
        self._generation += 1
        for idle in (self._general, self._reserve):
            while idle:
                self._discard(idle.pop())

    def close(self) -> None:
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
