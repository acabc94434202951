"""Where the triples live: the ``GraphStore`` interface (``base``), its backends (``embedded``
Oxigraph on disk or in memory, ``endpoint`` for any SPARQL 1.1 server, with Virtuoso's bulk
loader in ``virtuoso_loader``), the ``registry`` that opens a backend by name, and safe binding of
query variables (``bindings``). Backends import only ``base``, ``bindings`` and their own helper
modules; only ``registry`` names the backends. Modules here may import
``diplomap.ontology``, never ``diplomap.loaders`` nor another part of ``diplomap.graph``.
"""
