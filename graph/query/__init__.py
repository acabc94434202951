"""Reading a store with SPARQL: running read-only queries and writing their results
(``execute``), the lexical guard every query passes first (``guard``), the saved queries with
their parameters (``saved``, files in ``queries/*.rq``), terminal tables (``table``) and the
prefixes used for readable output (``prefixes``). May import ``diplomap.ontology`` and
``graph.store``; package data is read with ``importlib.resources``.
"""
