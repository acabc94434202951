"""Issue 12 item 7: an extractor upgrade is visible. Each document records the extractor's
version (a hash of rules, patterns and gazetteer); a build extracts again documents an older
extractor read, and ``build --force`` extracts everything again."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from diplomap.graph.cli.group import main
from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.store.registry import StoreSpec, open_store
from diplomap.loaders.extractor_version import extraction_sources, extractor_version, version_of

DM = "https://w3id.org/diplomap/ontology#"
ARTICLES = {
    "twinning.txt": "Bac Ninh and Busan\n\nBac Ninh province signed an agreement with Busan city of "
                    "South Korea in 2023.\n",
    "aid.txt": "Aid for Bac Giang\n\nPlan International provided aid worth 150,000 USD to Bac Giang "
               "province in 2022.\n",
}
STALE = "https://w3id.org/diplomap/id/stale-fact"


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def versions(path) -> set[str]:
    store = Store.read_only(str(path))
    return {r["v"].value for r in store.query(
        f"SELECT ?v WHERE {{ GRAPH ?d {{ ?d <{DM}extractorVersion> ?v }} }}")}


def stale_facts(path) -> int:
    store = Store.read_only(str(path))
    return sum(1 for _ in store.query(f"SELECT ?s WHERE {{ GRAPH ?d {{ ?s <{STALE}> ?o }} }}"))


def test_version_covers_rules_patterns_and_gazetteer():
    names = {name for name, _ in extraction_sources()}
    for needed in ("loaders/rules_partnership.py", "loaders/mention_patterns.py", "loaders/mentions.py",
                   "loaders/pipeline.py", "loaders/emit.py", "ontology/data/gazetteer.jsonl"):
        assert needed in names
    assert not any(name.startswith("loaders/read") for name in names)  # content hash covers readers
    current = extraction_sources()
    assert version_of(current) == extractor_version()
    changed = [(n, d + b"\n# one more rule" if n == "loaders/rules_aid.py" else d) for n, d in current]
    assert version_of(changed) != extractor_version()
    gazetteer = [(n, d + b"{}" if n.endswith("gazetteer.jsonl") else d) for n, d in current]
    assert version_of(gazetteer) != extractor_version()
    assert extractor_version().startswith("sha256:") and len(extractor_version()) == 7 + 64


@pytest.mark.parametrize("older", ["another version", "no version (built before versions)"])
def test_documents_of_an_older_extractor_are_extracted_again(corpus, tmp_path, older):
    spec = StoreSpec("oxigraph", str(tmp_path / "store"))
    with open_store(spec) as store:
        first = build_paths(store, [str(corpus)])
        assert first.new == len(ARTICLES)
        # What an older extractor left behind: another version (or none) and a fact the
        # current rules no longer find.
        old = "sha256:" + "0" * 64
        replacement = f'?d <{DM}extractorVersion> "{old}" .' if older.startswith("another") else ""
        store.update(f"""DELETE {{ GRAPH ?d {{ ?d <{DM}extractorVersion> ?v }} }}
                         INSERT {{ GRAPH ?d {{ {replacement} ?d <{STALE}> "stale" }} }}
                         WHERE {{ GRAPH ?d {{ ?d <{DM}extractorVersion> ?v }} }}""")
    assert stale_facts(spec.location) == len(ARTICLES)

    with open_store(spec) as store:
        again = build_paths(store, [str(corpus)])
    assert (again.unchanged, again.reextracted, again.changed, again.new) == (0, len(ARTICLES), 0, 0)
    assert stale_facts(spec.location) == 0
    assert versions(spec.location) == {extractor_version()}

    with open_store(spec) as store:
        third = build_paths(store, [str(corpus)])
    assert (third.unchanged, third.reextracted) == (len(ARTICLES), 0)


def test_build_force_extracts_everything_again(corpus, tmp_path):
    store = str(tmp_path / "store")
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(corpus), "--store", store])
    assert result.exit_code == 0, result.output
    assert f"new: {len(ARTICLES)}" in result.output and "re-extracted: 0" in result.output
    result = runner.invoke(main, ["build", str(corpus), "--store", store])
    assert f"unchanged: {len(ARTICLES)}" in result.output
    result = runner.invoke(main, ["build", str(corpus), "--store", store, "--force"])
    assert result.exit_code == 0, result.output
    assert f"re-extracted: {len(ARTICLES)}" in result.output and "unchanged: 0" in result.output
    assert versions(store) == {extractor_version()}
