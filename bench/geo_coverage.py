"""Coverage: how many places found in a corpus carry a point (``wgs:lat``/``wgs:long``).

Builds the given corpora into an in-memory store, as ``diplomap build`` does, then counts the
places (Province, VietnamLocality, ForeignLocality, Country) mentioned in a document and those with a
point in any graph (the gazetteer's, or the document's own for places the gazetteer does not know).
Lists the places without one, by class.

    python bench/geo_coverage.py ../shared/seeds ../shared/dev-news/corpus
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.store.registry import StoreSpec, open_store

PLACES = ("Province", "VietnamLocality", "ForeignLocality", "Country")
_TYPES = " ".join(f"dm:{name}" for name in PLACES)
QUERY = f"""
PREFIX dm: <https://w3id.org/diplomap/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#>
SELECT DISTINCT ?e ?type ?label ?lat WHERE {{
  GRAPH ?g {{ ?e dm:mentionedIn ?doc }}
  GRAPH ?t {{ ?e a ?type }}
  VALUES ?type {{ {_TYPES} }}
  OPTIONAL {{ GRAPH ?l {{ ?e rdfs:label ?label }} }}
  OPTIONAL {{ GRAPH ?p {{ ?e wgs:lat ?lat }} }}
}}"""


def coverage(paths: list[str]) -> tuple[int, int, dict[str, list[str]]]:
    """(places with a point, places, {class: labels of those without one})."""
    with open_store(StoreSpec("memory")) as store:
        build_paths(store, paths, jobs=1)
        rows = store.select(QUERY)
    places: dict[str, tuple[str, str, bool]] = {}
    for row in rows:
        iri = row["e"].value
        kind = row["type"].value.rsplit("#", 1)[-1]
        label = row["label"].value if row.get("label") is not None else iri.rsplit("/", 1)[-1]
        has = row.get("lat") is not None or places.get(iri, ("", "", False))[2]
        places[iri] = (kind, label, has)
    missing: dict[str, list[str]] = defaultdict(list)
    for kind, label, has in places.values():
        if not has:
            missing[kind].append(label)
    located = sum(1 for _, _, has in places.values() if has)
    return located, len(places), {k: sorted(v) for k, v in sorted(missing.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="corpus files or folders")
    parser.add_argument("--quiet", action="store_true", help="only the figure, not the missing places")
    args = parser.parse_args(argv)
    located, total, missing = coverage(args.paths)
    share = located / total if total else 1.0
    print(f"places with coordinates: {located} / {total} ({share:.0%})")
    if not args.quiet:
        for kind, labels in missing.items():
            print(f"  without a point, {kind} ({len(labels)}): {'; '.join(labels)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
