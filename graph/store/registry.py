"""Backends by name: ``open_store`` turns a :class:`StoreSpec` into an open :class:`GraphStore`.

The registry is the only module that knows the backends; they know only the interface
(``base``). A new backend is a module here implementing ``GraphStore`` and one entry in
``BACKENDS``. ``StoreSpec`` is re-exported so callers need one import to open a store.
"""

from __future__ import annotations

from collections.abc import Callable

from diplomap.graph.store.base import GraphStore, StoreSpec
from diplomap.ontology.errors import StoreError

__all__ = ["BACKENDS", "StoreSpec", "open_store"]


def _embedded(spec: StoreSpec) -> GraphStore:
    from diplomap.graph.store.embedded import OxigraphStore

    return OxigraphStore(spec)


def _endpoint(spec: StoreSpec) -> GraphStore:
    # Imported here: httpx is only needed by those who use an endpoint.
    import os

    from diplomap.graph.store.endpoint import PASSWORD_ENV, USER_ENV, EndpointStore

    loader = None
    if spec.virtuoso_loader:
        from diplomap.graph.store.virtuoso_loader import VirtuosoLoader

        loader = VirtuosoLoader(*spec.virtuoso_loader, os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV))
    return EndpointStore(spec, loader)


BACKENDS: dict[str, Callable[[StoreSpec], GraphStore]] = {
    "oxigraph": _embedded, "memory": _embedded, "endpoint": _endpoint,
}


def open_store(spec: StoreSpec | None = None) -> GraphStore:
    """Open the store a spec names (the default: embedded Oxigraph at ./diplomap-store)."""
    spec = spec or StoreSpec.default()
    try:
        backend = BACKENDS[spec.kind]
    except KeyError:
        raise StoreError(f"unknown store kind {spec.kind!r}; known: {', '.join(BACKENDS)}") from None
    return backend(spec)
