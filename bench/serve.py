"""Load test of ``diplomap serve``: N concurrent clients for S seconds, mixing the saved queries.

    python bench/serve.py [--clients 50] [--seconds 30] [--store DIR] [--workers N] [--runaway K]

Without --store it builds the sample corpus (examples/corpus) into a temporary store. The
server runs as a separate process (``diplomap serve``) on a free loopback port, so the
clients do not share its interpreter; it is stopped at the end. Prints throughput, p50/p99
latency and the error count, overall and per query.

``--runaway K`` adds K more clients that send a query that never ends (a 5-way cross join)
again and again for the whole run: the figures then show whether the short queries keep
being answered while runaway queries hold workers (each runaway answer is a 503).
"""

from __future__ import annotations

import argparse
import http.client
import os
import pathlib
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict

import httpx

ROOT = pathlib.Path(__file__).resolve().parent.parent
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"
# Parameters of the saved queries, as a user would fill them in (names, resolved in the store).
PARAMS = {"entity": "Bac Ninh", "province": "Bac Ninh", "subject": "Bac Giang", "object": "Xaysomboun"}
RUNAWAY = """SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o
  FILTER(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l), STR(?o)) = "never") }"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_sample(directory: str) -> str:
    from diplomap.graph.ingest.pipeline import build_paths
    from diplomap.graph.store.registry import StoreSpec, open_store

    location = os.path.join(directory, "store")
    with open_store(StoreSpec("oxigraph", location)) as store:
        summary = build_paths(store, [str(ROOT / "examples" / "corpus")])
    print(f"built the sample corpus: {summary}", file=sys.stderr)
    return location


def with_values(text: str, terms: dict) -> str:
    """The query with its parameters fixed by a VALUES block at the start of its WHERE clause.

    Terms are written in N-Triples syntax by pyoxigraph, so no text is pasted in unescaped.
    """
    if not terms:
        return text
    match = re.search(r"WHERE\s*\{", text, re.IGNORECASE)
    if match is None:
        raise ValueError("no WHERE clause to bind parameters in")
    names = " ".join("?" + name for name in terms)
    values = " ".join(str(term) for term in terms.values())
    return f"{text[:match.end()]}\n  VALUES ({names}) {{ ({values}) }}{text[match.end():]}"


def bench_queries(location: str) -> list[tuple[str, str]]:
    """Every saved query, parameters bound to entities of the store."""
    from diplomap.graph.query.saved import bind_params, saved_queries
    from diplomap.graph.store.registry import StoreSpec, open_store
    from diplomap.ontology.errors import DiplomapError

    out = []
    with open_store(StoreSpec("oxigraph", location)) as store:  # closed before the server opens it
        for query in sorted(saved_queries().values(), key=lambda q: q.name):
            try:
                terms = bind_params(store, query, {p.name: PARAMS[p.name] for p in query.params})
            except (DiplomapError, KeyError) as exc:
                print(f"skipping {query.name}: cannot bind its parameters ({exc})", file=sys.stderr)
                continue
            out.append((query.name, with_values(query.text, terms)))
    return out


def start_server(location: str, port: int, workers: int | None, timeout: float,
                 cache: bool) -> subprocess.Popen:
    command = [sys.executable, "-m", "diplomap.graph.cli", "serve", "--store", location,
               "--port", str(port), "--timeout", str(timeout)]
    if not cache:
        command += ["--cache-size", "0"]
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"}).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def client(port: int, queries: list[tuple[str, str]], offset: int, stop_at: float,
           samples: dict[str, list[float]], errors: dict[str, list[str]]) -> None:
    """One client: a keep-alive connection sending saved queries in turn until ``stop_at``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/sparql-query", "Accept": ACCEPT}
    i = offset
    try:
        while time.monotonic() < stop_at:
            name, text = queries[i % len(queries)]
            i += 1
            started = time.perf_counter()
            try:
                connection.request("POST", "/sparql", body=text.encode(), headers=headers)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:
                errors[name].append(f"{exc.__class__.__name__}: {exc}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            elapsed = time.perf_counter() - started
            if response.status == 200:
                samples[name].append(elapsed)
            else:
                errors[name].append(f"{response.status}: {body[:120]!r}")
    finally:
        connection.close()


def load(port: int, queries: list[tuple[str, str]], clients: int, seconds: float, runaway: int = 0):
    """``clients`` threads (httpx's async client measured itself, not the server: 85 q/s), and
    ``runaway`` threads sending the never-ending query (recorded under "(runaway)")."""
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    started = time.monotonic()
    stop_at = started + seconds
    threads = [threading.Thread(target=client, args=(port, [("(runaway)", RUNAWAY)], 0, stop_at,
                                                      samples, errors)) for _ in range(runaway)]
    for thread in threads:  # the runaway queries first, so that they hold workers from the start
        thread.start()
    if runaway:
        time.sleep(0.5)
    threads += [threading.Thread(target=client, args=(port, queries, k, stop_at, samples, errors))
                for k in range(clients)]
    for thread in threads[runaway:]:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, errors, time.monotonic() - started


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def report(samples, errors, elapsed: float, clients: int) -> None:
    every = [v for name, values in samples.items() if name != "(runaway)" for v in values]
    failed = sum(len(v) for name, v in errors.items() if name != "(runaway)")
    print(f"{clients} clients, {elapsed:.1f} s: {len(every)} answers, {failed} errors, "
          f"{len(every) / elapsed:.0f} queries/s, p50 {percentile(every, 50) * 1000:.1f} ms, "
          f"p99 {percentile(every, 99) * 1000:.1f} ms, max {max(every, default=float('nan')) * 1000:.0f} ms"
          " (short queries)")
    print(f"{'query':<30}{'n':>7}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for name in sorted(set(samples) | set(errors)):
        values = samples.get(name, [])
        print(f"{name:<30}{len(values):>7}{percentile(values, 50) * 1000:>9.1f}"
              f"{percentile(values, 99) * 1000:>9.1f}{len(errors.get(name, [])):>8}")
    for name, messages in sorted(errors.items()):
        print(f"  {name}: {messages[0]}")
    if "(runaway)" in errors:
        kinds = defaultdict(int)
        for message in errors["(runaway)"]:
            kinds[message.split(":")[0] + (" (retry later)" if "try again later" in message else "")] += 1
        print("runaway answers:", ", ".join(f"{k} x{n}" for k, n in sorted(kinds.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--store", help="an existing store directory (default: build the sample corpus)")
    parser.add_argument("--workers", type=int, help="query worker processes of the server")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--runaway", type=int, default=0,
                        help="clients sending a never-ending query all the time (default 0)")
    parser.add_argument("--no-cache", action="store_true",
                        help="run every query in a worker (the server's answer cache off)")
    args = parser.parse_args()
    if not 1 <= args.clients <= 500 or not 0 < args.seconds <= 600:
        parser.error("--clients must be 1-500 and --seconds 0-600")

    with tempfile.TemporaryDirectory(prefix="diplomap-bench-") as tmp:
        location = args.store or build_sample(tmp)
        queries = bench_queries(location)
        port = free_port()
        server = start_server(location, port, args.workers, args.timeout, not args.no_cache)
        try:
            samples, errors, elapsed = load(port, queries, args.clients, args.seconds, args.runaway)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    print("answer cache:", "off" if args.no_cache else "on",
          f"; runaway clients: {args.runaway}" if args.runaway else "")
    report(samples, errors, elapsed, args.clients)
    return 1 if any(v for name, v in errors.items() if name != "(runaway)") else 0


if __name__ == "__main__":
    sys.exit(main())
