"""``diplomap report``: the province dossier a Department of Foreign Affairs files every year.
The period and the 2025 merger (``period``), the facts gathered from the saved
``report-*.rq`` queries with their footnotes (``collect``), the same rows as plain tables for pandas (``tables``), charts and the small network map
drawn as inline SVG (``svg``), headings in English and Vietnamese (``text``), the one
self-contained HTML page (``page``, with ``templates/report.html`` and ``report.css``) and
the PDF through headless Chromium (``pdf``), and ``write``, the one call the CLI makes. May import ``diplomap.ontology`` and
``graph.store``, ``graph.query`` and ``graph.maps``; package data is read with
``importlib.resources``.
"""
