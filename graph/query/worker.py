"""``diplomap query`` in a child process that can be killed: a time limit, and Ctrl-C that works.

A query inside Oxigraph cannot be interrupted from Python (a cross join runs in Rust and never
looks at signals), so the command runs it in a child: the child opens the store read-only,
reads and checks the query (``guard``), runs it and writes the result to its stdout; the parent
relays that output and waits. When ``timeout`` seconds pass, or on Ctrl-C, the parent kills the
child and says so. The child ignores SIGINT itself, so the terminal's Ctrl-C reaches only the
parent, which does the killing: no traceback from the child.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import BinaryIO

from diplomap.graph.store.base import StoreSpec
from diplomap.ontology.errors import DiplomapError, QueryError

ERROR_EXIT = 3  # the child reports a clean error on stderr and exits with this code
CHUNK = 1 << 16


@dataclass(frozen=True)
class QueryJob:
    spec: StoreSpec
    text: str | None  # the query, or None for a saved one
    saved: str | None
    values: dict
    fmt: str | None
    is_tty: bool
    allow_service: bool
    base: str


class QueryInterrupted(DiplomapError):
    """Ctrl-C: the query was stopped."""


def run_query_job(job: QueryJob, out: BinaryIO, timeout: float | None) -> None:
    """Run ``job`` in a child process, relaying its output to ``out``; raise QueryError on a
    timeout or a failure, QueryInterrupted on Ctrl-C."""
    payload = json.dumps({**dataclasses.asdict(job), "spec": dataclasses.asdict(job.spec)}).encode()
    child = subprocess.Popen([sys.executable, "-m", "diplomap.graph.query.worker"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors: list[bytes] = []
    relay_failed: list[BaseException] = []

    def relay_stdout() -> None:
        try:
            while chunk := child.stdout.read1(CHUNK):
                out.write(chunk)
            out.flush()
        except BaseException as exc:  # noqa: BLE001 - a closed pipe (| head): stop the child
            relay_failed.append(exc)
            _kill(child)

    def relay_stderr() -> None:
        errors.append(child.stderr.read())

    threads = [threading.Thread(target=relay_stdout, daemon=True),
               threading.Thread(target=relay_stderr, daemon=True)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    try:
        with contextlib.suppress(BrokenPipeError):
            child.stdin.write(payload)
            child.stdin.close()
        child.wait(timeout if timeout and timeout > 0 else None)
    except subprocess.TimeoutExpired:
        _kill(child)
        _join(threads)
        raise QueryError(f"query stopped: it ran longer than the {timeout:g} s time limit "
                         "(--timeout); narrow it down or add a LIMIT") from None
    except KeyboardInterrupt:
        _kill(child)
        _join(threads)
        raise QueryInterrupted(f"query interrupted after {time.monotonic() - started:.1f} s") from None
    _join(threads)
    if relay_failed:
        raise relay_failed[0]
    message = b"".join(errors).decode("utf-8", "replace").strip()
    if child.returncode == ERROR_EXIT:
        raise QueryError(message or "query failed")
    if child.returncode != 0:
        cause = (f"signal {-child.returncode}" if child.returncode < 0 else f"exit code {child.returncode}")
        raise QueryError(f"the query process died ({cause})" + (f": {message[-500:]}" if message else ""))


def _kill(child: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        child.kill()
    with contextlib.suppress(Exception):
        child.wait(5)


def _join(threads) -> None:
    for thread in threads:
        thread.join(5)


def child_main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
    job_data = json.loads(sys.stdin.buffer.read())
    job = QueryJob(**{**job_data, "spec": StoreSpec(**job_data["spec"])})
    out = sys.stdout.buffer
    try:
        _run(job, out)
        out.flush()
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except DiplomapError as exc:
        sys.stderr.write(str(exc))
        return ERROR_EXIT
    except (OSError, ValueError) as exc:
        sys.stderr.write(str(exc) or exc.__class__.__name__)
        return ERROR_EXIT
    return 0


def _run(job: QueryJob, out: BinaryIO) -> None:
    from diplomap.graph.query.execute import default_format, run_query, write_result
    from diplomap.graph.query.prefixes import prefixes
    from diplomap.graph.query.saved import bind_params, saved_query
    from diplomap.graph.store.registry import open_store

    with open_store(job.spec) as store:
        text, bindings = job.text, None
        if job.saved:
            chosen = saved_query(job.saved)
            text = chosen.text
            bindings = bind_params(store, chosen, job.values, job.base)
        result = run_query(store, text, bindings, allow_service=job.allow_service)
        chosen_format = job.fmt or default_format(result, job.is_tty)
        write_result(result, out, chosen_format, prefixes(job.base))


if __name__ == "__main__":
    sys.exit(child_main())
