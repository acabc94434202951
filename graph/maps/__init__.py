"""Entities and relations as a network: the networkx projection (``projection``), measures
on it (``analysis``), node positions (``layout``), self-contained HTML pages (``render``, with
``templates/map.html`` and ``static/map.*``) and finding an entity from what a user types
(``lookup``). May import ``diplomap.ontology`` and ``graph.store`` (and ``graph.query``);
package data is read with ``importlib.resources``.
"""
