"""Generate a corpus of N articles for the scale benchmarks (100,000 by default).

The articles recombine the sentence templates and filler of ``bench/extract.py`` (written for
this project) with gazetteer names and invented persons and companies; nothing is copied from
real articles. Same ``--seed``, same corpus.

    python bench/corpus.py /tmp/corpus-100k --docs 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import make_corpus  # noqa: E402  (the shared generator)


def write_corpus(directory: str, docs: int, seed: int = 7) -> int:
    """Write ``docs`` articles as .txt files into ``directory`` (created); return the words."""
    os.makedirs(directory, exist_ok=True)
    return make_corpus(directory, docs, seed=seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    start = time.perf_counter()
    words = write_corpus(args.directory, args.docs, args.seed)
    print(f"wrote {args.docs:,} articles, {words:,} words, to {args.directory} "
          f"in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
