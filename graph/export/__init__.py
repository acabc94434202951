"""What leaves the store as files: deterministic RDF dumps (``rdf``), entity networks for
GraphML, GEXF and CSV (``network``), the VoID/DCAT description (``describe``) and SHACL
validation against the ontology's shapes (``validate``). May import ``diplomap.ontology``,
``graph.store`` and ``graph.query``.
"""
