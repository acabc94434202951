"""The graph: store, ingest, query, export, maps, serving and the ``diplomap`` command.

One subpackage per concern, layered so imports point one way (``tests/test_layout.py``
checks it): ``store`` <- ``query`` <- ``export``; ``store`` <- ``ingest``; ``store`` <- ``maps``;
``serve`` uses ``store``, ``query``, ``export`` and ``maps``; ``cli`` may use them all. No
module lives directly here, and the package ``__init__`` files import nothing.
"""
