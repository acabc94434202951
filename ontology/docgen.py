"""Generate the ontology documentation in docs/ontology/ from diplomap.ttl and shapes.ttl.

    python -m diplomap.ontology.docgen [OUTDIR]           # rewrite (default docs/ontology)
    python -m diplomap.ontology.docgen --check [OUTDIR]   # exit 1 when the files are stale

Our own generator rather than pyLODE: no extra dependency, Markdown that GitHub renders
(with a Mermaid diagram), and bytes that depend only on the ontology, so a test can
tell when someone changed the TTL and forgot to regenerate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph

from diplomap.ontology import docgen_diagram, docgen_index, docgen_shapes
from diplomap.ontology.docgen_terms import collect
from diplomap.ontology.ontology_graph import ontology_graph, shapes_graph

DEFAULT_OUTDIR = "docs/ontology"
COMMAND = "python -m diplomap.ontology.docgen"


def render(ontology: Graph | None = None, shapes: Graph | None = None) -> dict[str, str]:
    """File name -> content of every generated file (the shipped ontology when not given)."""
    ontology = ontology_graph() if ontology is None else ontology
    shapes = shapes_graph() if shapes is None else shapes
    terms = collect(ontology)
    diagram = docgen_diagram.render(ontology, terms)
    return {
        "diagram.mmd": diagram,
        "index.md": docgen_index.render(ontology, terms, diagram),
        "shapes.md": docgen_shapes.render(shapes),
    }


def write(outdir: str | Path, files: dict[str, str] | None = None) -> list[Path]:
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in sorted((files or render()).items()):
        path = outdir / name
        path.write_text(content, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def stale(outdir: str | Path, files: dict[str, str] | None = None) -> list[str]:
    """Names of the generated files that are missing from ``outdir`` or differ from it."""
    outdir = Path(outdir)
    differing = []
    for name, content in sorted((files or render()).items()):
        path = outdir / name
        if not path.is_file() or path.read_bytes() != content.encode("utf-8"):
            differing.append(name)
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", default=DEFAULT_OUTDIR)
    parser.add_argument("--check", action="store_true", help="exit 1 when the files are not current")
    args = parser.parse_args(argv)
    if args.check:
        differing = stale(args.outdir)
        if differing:
            print(f"stale in {args.outdir}: {', '.join(differing)}; run `{COMMAND} {args.outdir}`",
                  file=sys.stderr)
            return 1
        return 0
    for path in write(args.outdir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
