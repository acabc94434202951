"""``diplomap serve``: the Starlette app with its SPARQL 1.1 endpoint (``app``), the pages
(``pages``, with ``templates/serve-*.html`` and ``static/serve-*``), entity views and
dereferencing (``entity``), content negotiation and wire formats (``formats``), the
killable query worker processes (``pool``) and the served VoID (``void``). May import
``diplomap.ontology`` and ``graph.store``, ``graph.query``, ``graph.export``, ``graph.maps``.
"""
