"""Issue 14: the 2025 merger (Bac Giang into Bac Ninh) is an edge kind of its own, dated, that
``path``, ``analyze``, the maps and the saved queries follow."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.graph.maps.projection import Filters, project

BAC_GIANG = "https://w3id.org/diplomap/id/province/bac-giang"
BAC_NINH = "https://w3id.org/diplomap/id/province/bac-ninh"


def run(store, *args):
    return CliRunner().invoke(main, [*args, "--store", store], catch_exceptions=False)


def test_projection_has_a_dated_merger_edge(small_store):
    graph = project(small_store)
    data = graph.get_edge_data(BAC_GIANG, BAC_NINH, key="replacedBy")
    assert data is not None and data["date"] == "2025-07-01"
    assert "merger" in data["source"] and data["evidence"] == []
    # Only units some article mentions bring their successor: the other 28 mergers stay out.
    assert sum(1 for *_, k in graph.edges(keys=True) if k == "replacedBy") == 1
    only = project(small_store, Filters(predicates=("replacedBy",)))
    assert sorted(only.nodes) == [BAC_GIANG, BAC_NINH]
    assert not project(small_store, Filters(predicates=("partnerOf",))).has_edge(BAC_GIANG, BAC_NINH)


def test_path_follows_the_merger(small_store_dir):
    result = run(small_store_dir, "path", "Bac Giang", "Samsung Electronics")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "1. Bac Giang — Bac Ninh"
    assert "replacedBy" in lines[1] and "2025-07-01" in lines[1]
    assert "merger" in lines[2]
    assert "Samsung Electronics" in result.output
    result = run(small_store_dir, "path", "Bac Giang", "Bac Ninh", "--format", "json")
    hop = json.loads(result.output)[0]
    assert hop["relations"][0]["predicate"] == "replacedBy"
    assert hop["relations"][0]["date"] == "2025-07-01"


def test_analyze_and_render_see_the_merger(small_store_dir, tmp_path):
    result = run(small_store_dir, "analyze", "--predicates", "replacedBy", "--format", "json")
    report = json.loads(result.output)
    assert (report["nodes"], report["edges"]) == (2, 1)
    assert [[m["label"] for m in c] for c in report["communities"]] in (
        [["Bac Ninh", "Bac Giang"]], [["Bac Giang", "Bac Ninh"]])
    out = tmp_path / "m.html"
    result = run(small_store_dir, "render", "-o", str(out), "--predicates", "replacedBy")
    assert result.exit_code == 0, result.output
    assert "2 entities, 1 relations" in result.output
    assert '"label":"merged into"' in out.read_text()


def test_saved_partners_unbound_lists_each_partnership_once(small_store_dir):
    from importlib import resources

    text = resources.files("diplomap.graph.query").joinpath("queries/partners-of-province.rq").read_text()
    result = run(small_store_dir, "query", text, "--format", "csv")  # as the query page runs it unbound
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))[1:]
    provinces = {row[0] for row in rows}
    assert provinces == {BAC_GIANG, BAC_NINH}, provinces
    assert len(rows) == 5  # Xaysomboun, Busan, Gyeonggi, Gunma, Lakeshire


def test_saved_query_follows_the_merger(small_store_dir):
    result = run(small_store_dir, "query", "--saved", "partners-with-predecessors",
                 "--param", "province=Bac Ninh", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Xaysomboun" in result.output and "Gyeonggi" in result.output
