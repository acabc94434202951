"""What goes into a store and what it then holds: the incremental build of documents into
one named graph each (``pipeline``: extraction handing back N-Quads bytes in ``extracted``,
written by ``writer``; on a Dask cluster through N-Quads ``shards`` in ``dask_engine``),
removing a document (``remove``), the reference data of ontology and gazetteer (``reference``), and the counts behind ``diplomap stats`` (``stats``,
``counts``). The one part of ``diplomap.graph`` that drives ``diplomap.loaders`` (besides
``cli``); it may import ``diplomap.loaders``, ``diplomap.ontology`` and ``graph.store``.
"""
