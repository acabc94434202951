"""Counts that describe what a store holds (used by ``demo`` and ``stats``)."""

from __future__ import annotations

from diplomap.graph.store.base import GraphStore
from diplomap.ontology.iris import ENTITY_CLASSES

DM = "https://w3id.org/diplomap/ontology#"


def entities_per_class(store: GraphStore) -> dict[str, int]:
    """Distinct entities per contract class (every class listed, zero included)."""
    # the contract's classes only: grouping every rdf:type reads one per statement node too
    classes = " ".join(f"<{DM}{name}>" for name in ENTITY_CLASSES)
    rows = store.select(
        f"SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} ?e a ?c }} GROUP BY ?c"
    )
    found = {row["c"].value: int(row["n"].value) for row in rows}
    return {name: found.get(DM + name, 0) for name in ENTITY_CLASSES}
