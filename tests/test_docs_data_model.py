"""docs/data-model.md stays true: its query, run on the built sample corpus, returns its example row."""

from __future__ import annotations

import re
from pathlib import Path

from pyoxigraph import NamedNode

from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.store.registry import StoreSpec, open_store

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "data-model.md"


def _block(text: str, language: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", text, re.S)
    assert blocks, f"no {language} block in {PAGE.name}"
    return blocks[-1]


def test_the_page_query_returns_the_example_row():
    page = PAGE.read_text(encoding="utf-8")
    with open_store(StoreSpec("memory")) as store:
        build_paths(store, [str(ROOT / "examples" / "corpus")])
        rows = store.select(_block(page, "sparql"))
    found = [(r["via"].value.rsplit("/", 1)[-1], r["partner"].value, r["stage"].value.rsplit("#", 1)[-1],
              r["date"].value if "date" in r else None, r["evidence"].value) for r in rows]
    assert ("bac-giang", "Xaysomboun", "Signed", "2021",
            "Before the merger, Bac Giang had signed an agreement on cooperation with Xaysomboun, "
            "a province of Laos, in 2021, running to 2025.") in found


def test_the_page_turtle_is_what_the_store_holds():
    """The statement shown on the page has the IRI, offsets and evidence the build produces."""
    page = PAGE.read_text(encoding="utf-8")
    turtle = [b for b in re.findall(r"```turtle\n(.*?)```", page, re.S) if "statement:" in b][0]
    statement = re.search(r"statement:(\w+)", turtle)[1]
    start = int(re.search(r"dm:evidenceStart (\d+)", turtle)[1])
    end = int(re.search(r"dm:evidenceEnd (\d+)", turtle)[1])
    with open_store(StoreSpec("memory")) as store:
        build_paths(store, [str(ROOT / "examples" / "corpus")])
        rows = store.select(
            "SELECT ?s ?e WHERE { ?st <https://w3id.org/diplomap/ontology#evidenceStart> ?s ; "
            "<https://w3id.org/diplomap/ontology#evidenceEnd> ?e }",
            {"st": NamedNode(f"https://w3id.org/diplomap/id/statement/{statement}")})
    assert rows and (int(rows[0]["s"].value), int(rows[0]["e"].value)) == (start, end)
