"""Coverage: how many places found in a corpus carry a point (``wgs:lat``/``wgs:long``).

Builds the given corpora into an in-memory store, as ``diplomap build`` does, then counts the
places (Province, VietnamLocality, ForeignLocality, Country) mentioned in a document and those with a
point in any graph (the gazetteer's, or the document's own for places the gazetteer does not know).
Lists the places without one, by class, and how many of them the geographic page still draws at the point of
a place they are said to lie in (hollow).

    python bench/geo_coverage.py ../shared/seeds ../shared/dev-news/corpus
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.maps.geo import place, points
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


def coverage(paths: list[str]) -> tuple[int, int, dict[str, list[str]], int]:
    """(places with a point, places, {class: labels of those without one}, those drawn at a parent's point)."""
    with open_store(StoreSpec("memory")) as store:
        build_paths(store, paths, jobs=1)
        rows = store.select(QUERY)
        own, parents = points(store)
    places: dict[str, tuple[str, str, bool]] = {}
    for row in rows:
        iri = row["e"].value
        kind = row["type"].value.rsplit("#", 1)[-1]
        label = row["label"].value if row.get("label") is not None else iri.rsplit("/", 1)[-1]
        has = row.get("lat") is not None or places.get(iri, ("", "", False))[2]
        places[iri] = (kind, label, has)
    missing: dict[str, list[str]] = defaultdict(list)
    at_parent = 0
    for iri, (kind, label, has) in places.items():
        if not has:
            drawn = place(iri, own, parents)
            at_parent += drawn is not None
            missing[kind].append(label + (f" (drawn at {drawn[1].rsplit('/', 1)[-1]})" if drawn else ""))
    located = sum(1 for _, _, has in places.values() if has)
    return located, len(places), {k: sorted(v) for k, v in sorted(missing.items())}, at_parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="corpus files or folders")
    parser.add_argument("--quiet", action="store_true", help="only the figure, not the missing places")
    args = parser.parse_args(argv)
    located, total, missing, at_parent = coverage(args.paths)
    share = located / total if total else 1.0
    print(f"places with coordinates: {located} / {total} ({share:.0%})")
    drawn = (located + at_parent) / total if total else 1.0
    print(f"places on the geographic map (own point or that of a place they lie in): {located + at_parent} / {total} "
          f"({drawn:.0%})")
    if not args.quiet:
        for kind, labels in missing.items():
            print(f"  without a point, {kind} ({len(labels)}): {'; '.join(labels)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
