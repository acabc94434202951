"""Benchmark: stream 1 M triples from an on-disk Oxigraph store to sorted Turtle.

    python bench/export.py [--triples 1000000] [--format turtle] [--keep DIR]

Generates statement-like data (IRIs, language-tagged labels, decimals, long evidence
strings) into a fresh on-disk store, then times ``export_rdf`` and reports peak memory
(ru_maxrss) before and during the export. Target: under 10 s for 1 M triples.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from pyoxigraph import Literal, NamedNode, Quad

from diplomap.graph.export.rdf import export_rdf
from diplomap.graph.store.registry import StoreSpec, open_store

ID = "https://w3id.org/diplomap/id/"
DM = "https://w3id.org/diplomap/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def generate(count: int):
    """About ``count`` quads: 10 per statement, spread over 1,000 document graphs."""
    for i in range(count // 10):
        graph = NamedNode(f"{ID}document/doc-{i % 1000}")
        st = NamedNode(f"{ID}statement/{i:012x}")
        s = NamedNode(f"{ID}province/p-{i % 63}")
        o = NamedNode(f"{ID}foreign-locality/f-{i % 5000}")
        yield Quad(st, TYPE, NamedNode(DM + "Partnership"), graph)
        yield Quad(st, NamedNode(DM + "status"), NamedNode(DM + "Signed"), graph)
        yield Quad(s, NamedNode(DM + "partnerOf"), o, graph)
        yield Quad(st, NamedNode(DM + "evidence"), Literal(
            f"Province {i % 63} signed an agreement with locality {i % 5000} — \"sentence\" number {i}."), graph)
        yield Quad(st, NamedNode(DM + "amount"), Literal(f"{i * 1000}.5", datatype=NamedNode(XSD + "decimal")), graph)
        yield Quad(st, NamedNode(DM + "evidenceStart"), Literal(str(i), datatype=NamedNode(XSD + "nonNegativeInteger")), graph)
        yield Quad(st, NamedNode(DM + "evidenceEnd"), Literal(str(i + 80), datatype=NamedNode(XSD + "nonNegativeInteger")), graph)
        yield Quad(st, NamedNode(DM + "extractedBy"), Literal("partnership.signed"), graph)
        yield Quad(o, LABEL, Literal(f"Locality {i % 5000} ({i})", language="en"), graph)
        yield Quad(o, LABEL, Literal(f"Địa phương {i}", language="vi"), graph)


def max_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, not inherited over exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_only(store_dir: str, fmt: str, out_path: str) -> None:
    """Runs in its own process, so its peak memory is the export's alone."""
    store = open_store(StoreSpec("oxigraph", store_dir, read_only=True))
    rss_open = max_rss_mb()
    started = time.perf_counter()
    with open(out_path, "wb") as out:
        stats = export_rdf(store, out, fmt)
    took = time.perf_counter() - started
    size = os.path.getsize(out_path) / 1e6
    print(f"export {fmt}: {stats.statements} statements, {size:.0f} MB in {took:.1f} s "
          f"({stats.statements / took / 1e3:.0f} k/s); peak RSS {max_rss_mb():.0f} MB "
          f"(after opening the store {rss_open:.0f} MB)")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--format", default="turtle")
    parser.add_argument("--keep", help="keep the store and output in this directory")
    parser.add_argument("--export-from", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_from:
        export_only(args.export_from, args.format, os.path.join(os.path.dirname(args.export_from), "export.out"))
        return
    work = args.keep or tempfile.mkdtemp(prefix="diplomap-bench-")
    try:
        started = time.perf_counter()
        store = open_store(StoreSpec("oxigraph", f"{work}/store"))
        store.oxigraph.bulk_extend(generate(args.triples))
        count = len(store.oxigraph)
        store.close()
        print(f"store: {count} quads in {time.perf_counter() - started:.1f} s (os.getloadavg {os.getloadavg()[0]:.1f})")
        for _ in range(2):  # the second run reads a warm page cache
            subprocess.run([sys.executable, __file__, "--export-from", f"{work}/store", "--format", args.format],
                           check=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
