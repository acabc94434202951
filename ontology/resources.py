"""Package data of the ontology, read through importlib.resources (works from a wheel too)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

_PACKAGE = "diplomap.ontology"


def path(name: str) -> Traversable:
    """A file shipped in ``ontology/`` (e.g. ``diplomap.ttl``, ``data/gazetteer.jsonl``)."""
    node = resources.files(_PACKAGE)
    for part in name.split("/"):
        node = node / part
    return node


def read_text(name: str) -> str:
    return path(name).read_text(encoding="utf-8")


def ontology_ttl() -> str:
    return read_text("diplomap.ttl")


def shapes_ttl() -> str:
    return read_text("shapes.ttl")
