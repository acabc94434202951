"""The VoID/DCAT description served at ``/.well-known/void``.

The description itself is ``diplomap.graph.export.describe`` (the one ``export --format void``
writes); the server only names its own SPARQL endpoint in it.
"""

from __future__ import annotations

from pyoxigraph import Triple

from diplomap.graph.export.describe import DescriptionOptions, describe_dataset
from diplomap.graph.store.base import GraphStore


def void_triples(store: GraphStore, base: str, endpoint: str) -> list[Triple]:
    options = DescriptionOptions(base=base, sparql_endpoint=endpoint)
    return [quad.triple for quad in describe_dataset(store, "all", options)]
