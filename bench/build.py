"""Benchmark: ``diplomap build`` into the default on-disk store vs rdflib's in-memory Dataset.

For each corpus size (synthetic articles from bench/extract.py's generator):

1. full build, as ``diplomap build --jobs N`` does it: read, extract in N processes, write one
   named graph per document into an on-disk Oxigraph store (articles/s, triples/s);
2. the write side alone, on the same pre-extracted quads: the on-disk Oxigraph store (batched
   transactions) against rdflib's in-memory ``Dataset`` (one context per document), the
   baseline. rdflib runs only up to ``--baseline-max`` articles; larger sizes are
   extrapolated linearly from the largest measured size, and marked so.

Peak memory is the maximum resident set of this process and of its worker processes.

    python bench/build.py --sizes 1000 10000 --jobs 2
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import make_corpus  # noqa: E402  (bench/extract.py, the shared generator)

from diplomap.graph.ingest.pipeline import build, build_paths  # noqa: E402
from diplomap.graph.store.registry import StoreSpec, open_store  # noqa: E402
from diplomap.loaders.pipeline import document_rdf  # noqa: E402
from diplomap.loaders.readers import iter_documents  # noqa: E402


def peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def full_build(corpus: str, store_dir: str, jobs: int) -> tuple[float, int, int]:
    start = time.perf_counter()
    with open_store(StoreSpec("oxigraph", store_dir)) as store:
        summary = build_paths(store, [corpus], jobs=jobs)
    return time.perf_counter() - start, summary.new, summary.triples_added


def extracted(corpus: str) -> list[tuple]:
    """(document, its graph's quads, entity quads) for every article."""
    return [(doc, *document_rdf(doc)) for doc in iter_documents([corpus])]


def write_oxigraph(items, store_dir: str) -> float:
    """The build's own write path, with extraction already done."""
    ready = {doc.iri(): (quads, entity_quads) for doc, quads, entity_quads in items}
    start = time.perf_counter()
    with open_store(StoreSpec("oxigraph", store_dir)) as store:
        build(store, [doc for doc, _, _ in items], extractor=lambda doc, base: ready[doc.iri(base)])
    return time.perf_counter() - start


def write_rdflib(items) -> float:
    from rdflib import Dataset, Literal, URIRef

    def term(t):
        if hasattr(t, "datatype"):
            return Literal(t.value, lang=t.language, datatype=None if t.language else URIRef(t.datatype.value))
        return URIRef(t.value)

    start = time.perf_counter()
    dataset = Dataset()
    entities = dataset.graph(URIRef("https://w3id.org/diplomap/graph/entities"))
    for doc, quads, entity_quads in items:
        iri = doc.iri()
        dataset.remove_graph(URIRef(iri))  # replace semantics, as the build does
        graph = dataset.graph(URIRef(iri))
        for q in quads:
            graph.add((term(q.subject), term(q.predicate), term(q.object)))
        for q in entity_quads:
            entities.add((term(q.subject), term(q.predicate), term(q.object)))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline-max", type=int, default=10000,
                        help="largest corpus the rdflib baseline runs on; beyond it, extrapolate")
    args = parser.parse_args()
    baseline_rate = None  # triples/s of rdflib at the largest measured size
    print(f"{'articles':>9} {'build s':>8} {'art/s':>7} {'triples/s':>10} | {'write: oxigraph s':>17} "
          f"{'rdflib s':>9} {'ratio':>6} | {'peak MiB self/children':>22}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = f"{tmp}/corpus"
            Path(corpus).mkdir()
            make_corpus(corpus, size)
            seconds, documents, triples = full_build(corpus, f"{tmp}/store", args.jobs)
            items = extracted(corpus)
            write_quads = sum(len(q) + len(e) for _, q, e in items)
            ox_seconds = write_oxigraph(items, f"{tmp}/store-write")
            if size <= args.baseline_max:
                rdf_seconds = write_rdflib(items)
                baseline_rate = write_quads / rdf_seconds
                rdf_label = f"{rdf_seconds:9.1f}"
            else:
                rdf_seconds = write_quads / baseline_rate if baseline_rate else float("nan")
                rdf_label = f"~{rdf_seconds:8.1f}"
            own, children = peak_mib()
            print(f"{documents:>9} {seconds:8.1f} {documents / seconds:7.0f} {triples / seconds:10.0f} | "
                  f"{ox_seconds:17.1f} {rdf_label} {rdf_seconds / ox_seconds:6.1f} | {own:10.0f} / {children:<10.0f}",
                  flush=True)
    print("('~': rdflib time extrapolated from the largest size it ran on)")


if __name__ == "__main__":
    main()
