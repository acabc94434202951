"""What goes into a store and what it then holds: the incremental build of documents into
one named graph each (``pipeline``), removing a document (``remove``), the reference data of
ontology and gazetteer (``reference``), and the counts behind ``diplomap stats`` (``stats``,
``counts``). The one part of ``diplomap.graph`` that drives ``diplomap.loaders`` (besides
``cli``); it may import ``diplomap.loaders``, ``diplomap.ontology`` and ``graph.store``.
"""
