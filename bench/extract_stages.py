"""Benchmark: where extraction spends its time, stage by stage (CPU time, best of ``--repeat``).

Every stage function the pipeline calls is wrapped with a CPU-time counter; what is left is the
relation rules' sentence loop. Alongside, two floors measured on the same texts in the same run:
one Aho-Corasick pass of the gazetteer over the folded text, and ``re.findall(r"\\w+")``.

    python bench/extract_stages.py --docs 1000
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import make_corpus  # noqa: E402  (bench/extract.py, the shared generator)

import diplomap.loaders.pipeline as pipeline  # noqa: E402
from diplomap.loaders.readers import read_documents  # noqa: E402
from diplomap.loaders.text import fold  # noqa: E402

STAGES = ("body_end", "fold", "find_not_entities", "tokenize", "find_pattern_candidates", "find_cued_places",
          "find_apposed_agents", "extend_into_known_names", "select_longest", "classify_places",
          "type_by_date", "heritage_sites", "find_possessed_names", "persons_named_after_places",
          "find_person_candidates", "resolve", "add_nested_places", "RuleContext", "split_sentences",
          "merge_facts", "dateline", "find_geonames_places", "find_vn_units", "location_facts")


def _timed(name, function, spent):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        make_corpus(directory, args.docs)
        docs, _ = read_documents([directory])
    words = sum(len(doc.text.split()) for doc in docs)
    spent: collections.Counter = collections.Counter()
    for name in STAGES:
        setattr(pipeline, name, _timed(name, getattr(pipeline, name), spent))
    matcher = pipeline.DEFAULT_CONFIG.matcher()
    matcher.find = _timed("gazetteer look-up (matcher.find)", matcher.find, spent)
    pipeline.extract(docs[0])  # warm: gazetteer loaded, regexes compiled
    best_total, best = float("inf"), None
    for _ in range(args.repeat):
        spent.clear()
        start = time.process_time()
        for doc in docs:
            pipeline.extract(doc)
        total = time.process_time() - start
        best_total = min(best_total, total)
        best = dict(spent) if best is None else {k: min(v, spent[k]) for k, v in best.items()}
    print(f"{len(docs)} articles, {words:,} words; extraction CPU {best_total:.2f} s -> "
          f"{words / best_total:,.0f} words/s per core (best of {args.repeat})")
    for name, seconds in sorted(best.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.005:
            print(f"  {name:36s} {seconds:6.2f} s  {100 * seconds / best_total:5.1f} %")
    rest = best_total - sum(best.values())
    print(f"  {'relation rules (sentence loop), rest':36s} {rest:6.2f} s  {100 * rest / best_total:5.1f} %")
    texts = [doc.text for doc in docs]
    folded = [fold(text) for text in texts]
    automaton = matcher._automaton
    start = time.process_time()
    for text in folded:
        for _ in automaton.iter(text):
            pass
    scan = time.process_time() - start
    start = time.process_time()
    for text in texts:
        re.findall(r"\w+", text)
    words_only = time.process_time() - start
    print(f"floors: one Aho-Corasick pass {words / scan:,.0f} words/s ({best_total / scan:.0f}x faster than "
          f"extraction); re.findall(r'\\w+') {words / words_only:,.0f} words/s")


if __name__ == "__main__":
    main()
