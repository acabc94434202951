"""``diplomap demo`` builds the sample corpus and prints the summary and stats."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.loaders.readers import read_documents

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def test_demo_builds_the_sample_corpus_and_writes_the_map(tmp_path):
    documents, _ = read_documents([str(CORPUS)])
    page = tmp_path / "map.html"
    result = CliRunner().invoke(main, ["demo", str(CORPUS), "--memory", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert f"documents read: {len(documents)}  new: {len(documents)}" in result.output
    assert f"documents{len(documents):>31}" in result.output
    html = page.read_text(encoding="utf-8")
    assert "Bac Ninh" in html and "Xaysomboun" in html
    assert f"map: {page}" in result.output
    geo = tmp_path / "diplomap-geo.html"  # the geographic page next to it, each linking the other
    assert f"geographic map: {geo}" in result.output
    assert 'id="dm-other-page" href="diplomap-geo.html"' in html
    assert 'id="dm-other-page" href="map.html"' in geo.read_text(encoding="utf-8")


def test_demo_without_a_corpus_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(main, ["demo", str(tmp_path / "missing"), "--memory"])
    assert result.exit_code != 0 and "no sample corpus" in result.output
    assert "Traceback" not in result.output
