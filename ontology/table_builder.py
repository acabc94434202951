"""The one command-line shape every generated table shares: ``python -m diplomap.ontology.build_X [--out FILE]``.

Each builder (gazetteer, coordinates, GeoNames places and divisions, Vietnamese units) builds its rows,
renders them, writes the packaged file (or ``--out``) and says on stderr what it wrote.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from diplomap.ontology import resources


def tsv_rows(rows: Iterable[tuple]) -> str:
    """Tab-separated lines, one per row."""
    return "".join("\t".join(str(value) for value in row) + "\n" for row in rows)


def run(argv: list[str] | None, description: str, packaged: str | Callable[[], Path], build: Callable[[], list],
        render: Callable[[list], str], summary: Callable[[list, Path], str]) -> int:
    """Parse ``--out``, build, render, write; ``packaged`` is the package data file the table replaces."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--out", type=Path, default=None, help="output file (default: the packaged table)")
    args = parser.parse_args(argv)
    out = args.out or (packaged() if callable(packaged) else Path(str(resources.path(packaged))))
    rows = build()
    out.write_text(render(rows), encoding="utf-8")
    print(summary(rows, out), file=sys.stderr)
    return 0
