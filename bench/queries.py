"""Benchmark: every saved query and every internal query at two store sizes, and how each grows.

    python bench/queries.py [--sizes 1000 10000] [--runs 3] [--timeout 120] [--rebuild] [--only NAME ...]

Builds (or reuses, see bench/stores.py) stores of generated articles, then times each query in a
child process (killed at ``--timeout``; the store opened read-only), the median of ``--runs``.
For the largest size against the smallest it prints the growth of the time next to the growth
of the answer (rows): a query that grows no faster than its answer has a ratio near 1 or below.
Saved queries with parameters run both ways the code binds them: the library's ``store.select``
and the CLI's ``run_query``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stores import store_for  # noqa: E402

from diplomap.graph.store.registry import StoreSpec, open_store  # noqa: E402

PROVINCE = "https://w3id.org/diplomap/id/province/bac-ninh"
PARAMS = {
    "partners-of-province": {"province": PROVINCE},
    "partners-with-predecessors": {"province": PROVINCE},
    "investors-of-province": {"province": PROVINCE},
    "entity-facts": {"entity": PROVINCE},
    "documents-mentioning": {"entity": PROVINCE},
    "edge-evidence": {"subject": PROVINCE, "object": "https://w3id.org/diplomap/id/country/south-korea"},
}
REPORT = {"province": PROVINCE, "from": "", "to": "", "merged": "true"}


def _saved(name: str, via: str):
    def run(store):
        from diplomap.graph.query.execute import run_query
        from diplomap.graph.query.saved import bind_params, saved_query

        query = saved_query(name)
        params = PARAMS.get(name, REPORT if name.startswith("report-") else {})
        bindings = bind_params(store, query, params)
        if via == "cli":
            return sum(1 for _ in run_query(store, query.text, bindings).solutions)
        return len(store.select(query.text, bindings))
    return run


def _select(module: str, attribute: str, bindings=None):
    def run(store):
        import importlib

        from pyoxigraph import Literal, NamedNode

        sparql = getattr(importlib.import_module(module), attribute)
        terms = {k: (NamedNode(v) if v.startswith("http") else Literal(v)) for k, v in (bindings or {}).items()}
        return len(store.select(sparql, terms or None))
    return run


def _call(module: str, attribute: str, *args):
    def run(store):
        import importlib

        result = getattr(importlib.import_module(module), attribute)(store, *args)
        return len(result) if hasattr(result, "__len__") else 1
    return run


def jobs(only: list[str]) -> dict[str, object]:
    from diplomap.graph.query.saved import saved_queries

    found = {}
    for name, query in saved_queries().items():
        found[name] = _saved(name, "library")
        if query.params:
            found[name + " (cli)"] = _saved(name, "cli")
    found.update({
        "maps: entity names (lookup)": _select("diplomap.graph.maps.lookup", "NAMES_QUERY"),
        "maps: resolve 'bac ninh'": _call("diplomap.graph.maps.lookup", "resolve_entity", "bac ninh"),
        "maps: statements": _select("diplomap.graph.maps.projection", "STATEMENTS_QUERY"),
        "maps: mergers": _select("diplomap.graph.maps.projection", "MERGERS_QUERY"),
        "maps: nodes": _select("diplomap.graph.maps.projection", "NODES_QUERY"),
        "maps: countries": _select("diplomap.graph.maps.projection", "COUNTRIES_QUERY"),
        "maps: points (geo)": _select("diplomap.graph.maps.geo", "POINTS_QUERY"),
        "maps: parents (geo)": _select("diplomap.graph.maps.geo", "PARENTS_QUERY"),
        "query: label look-up": _call("diplomap.graph.query.saved", "resolve_label", "Bắc Ninh", "Province"),
        "report: mergers": _select("diplomap.graph.report.collect", "_MERGERS", {"province": PROVINCE}),
        "report: documents": _select("diplomap.graph.report.collect", "_DOCUMENTS"),
        "report: label": _select("diplomap.graph.report.collect", "_LABEL", {"entity": PROVINCE}),
        "report: whole dossier": _report,
        "stats: collect": _call("diplomap.graph.ingest.stats", "collect"),
        "stats: entities per class": _call("diplomap.graph.ingest.counts", "entities_per_class"),
        "maps: render page (1,500 entities)": _render,
        "export: network edges": _select("diplomap.graph.export.network", "_EDGES"),
        "export: network nodes": _select("diplomap.graph.export.network", "_NODES"),
    })
    if only:
        found = {k: v for k, v in found.items() if any(o in k for o in only)}
    return found


def _render(store):
    from diplomap.graph.maps.render import render_html

    return len(render_html(store).encode("utf-8"))  # "rows": the page's bytes


def _report(store):
    from diplomap.graph.report.collect import collect
    from diplomap.graph.report.period import Period

    dossier = collect(store, "Bac Ninh", Period(2022, 2023))  # a period: the year-before comparison runs too
    return sum(len(rows) for rows in dossier.sections.values())


def _child(store_dir: str, name: str, runs: int, queue) -> None:
    job = jobs([])[name]
    store = open_store(StoreSpec("oxigraph", store_dir, read_only=True))
    for _ in range(runs):
        start = time.perf_counter()
        rows = job(store)
        queue.put((time.perf_counter() - start, rows))


def measure(store_dir: str, name: str, runs: int, timeout: float) -> tuple[float | None, int | None]:
    """(median seconds, rows), or (None, None) when the first run passed ``timeout``."""
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_child, args=(store_dir, name, runs, queue))
    child.start()
    times, rows = [], None
    deadline = time.monotonic() + timeout
    while len(times) < runs:
        try:
            took, rows = queue.get(timeout=max(deadline - time.monotonic(), 0.01))
        except Exception:  # noqa: BLE001 - queue.Empty: past the deadline
            break
        times.append(took)
        if took * (runs - len(times)) > deadline - time.monotonic():
            break  # the remaining runs would not fit
    if child.is_alive():
        child.kill()
    child.join()
    return (statistics.median(times), rows) if times else (None, None)


def _fmt(seconds: float | None, timeout: float) -> str:
    if seconds is None:
        return f"> {timeout:.0f} s"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--rebuild", action="store_true", help="build the stores again (else reuse them)")
    parser.add_argument("--only", nargs="*", default=[], help="queries whose name contains one of these")
    args = parser.parse_args()
    stores = {size: store_for(size, reuse=not args.rebuild) for size in args.sizes}
    names = list(jobs(args.only))
    small, large = min(args.sizes), max(args.sizes)
    header = "".join(f"{f'{size} articles':>24}" for size in args.sizes)
    print(f"{'query':<44}{header}   time growth / answer growth")
    over = []
    for name in names:
        found = {size: measure(stores[size], name, args.runs, args.timeout) for size in args.sizes}
        cells = "".join(f"{_fmt(t, args.timeout) + ' (' + ('?' if rows is None else str(rows)) + ' rows)':>24}"
                        for t, rows in found.values())
        (t0, r0), (t1, r1) = found[small], found[large]
        growth = ""
        if t0 and t1 and r0 is not None and r1 is not None:
            growth = f"{t1 / t0:7.1f}x / {(r1 or 1) / (r0 or 1):.1f}x"
        elif t1 is None:
            growth = "    (timed out)"
        if t1 is None or t1 >= 1:
            over.append(name)
        print(f"{name:<44}{cells}   {growth}", flush=True)
    print(f"\n{len(names) - len(over)} of {len(names)} under 1 s at {large} articles"
          + (f"; over: {', '.join(over)}" if over else ""))


if __name__ == "__main__":
    main()
