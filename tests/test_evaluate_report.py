"""diplomap evaluate: scoring from the emitted RDF, matching rules, CLI, bad paths."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplomap.graph.cli.group import main
from diplomap.loaders.evaluation import evaluate, normalise
from diplomap.ontology.errors import InputError

ARTICLE = """Ha Tinh and Savannakhet sign friendship pact

Ha Tinh signed a friendship agreement with Savannakhet province of Laos on Monday.
Mr. Tran Van Hung, Director of the Ha Tinh Department of Foreign Affairs, attended.
"""
GOLD = {
    "entities": [
        {"name": "Ha Tinh", "type": "Province", "aliases": ["Hà Tĩnh"]},
        {"name": "Savannakhet", "type": "ForeignLocality", "aliases": ["Savannakhet province"]},
        {"name": "Laos", "type": "Country", "aliases": []},
        {"name": "Tran Van Hung", "type": "Person", "aliases": []},
        {"name": "Ha Tinh Department of Foreign Affairs", "type": "GovernmentBody", "aliases": []},
        {"name": "Lao Cai", "type": "Province", "aliases": []},
    ],
    "relations": [
        {"subject": "Savannakhet", "predicate": "partnerOf", "object": "Ha Tinh", "status": "signed"},
        {"subject": "Savannakhet", "predicate": "locatedIn", "object": "Laos"},
        {"subject": "Tran Van Hung", "predicate": "holdsPosition",
         "object": "Ha Tinh Department of Foreign Affairs"},
        {"subject": "Lao Cai", "predicate": "visited", "object": "Laos"},
    ],
}


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus" / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "corpus" / "no-gold.txt").write_text("Other\n\nJapan signed nothing.\n", encoding="utf-8")
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return tmp_path


def test_normalise_ignores_case_diacritics_and_generic_words():
    assert normalise("Hà Tĩnh Province") == normalise("ha tinh") == "ha tinh"
    assert normalise("Samsung Electronics Vietnam Co., Ltd.") == "samsung electronics vietnam"
    assert normalise("the Amkor Group") == "amkor"


def test_scores_symmetric_partnership_and_counts_misses(corpus):
    report = evaluate(corpus / "gold", [corpus / "corpus"])
    assert report.documents == 2 and report.scored_documents == ["a1"]
    assert report.entities.gold == 6 and report.entities.found_gold == 5  # Lao Cai is not in the text
    assert report.relations.gold == 4 and report.relations.found_gold == 3
    assert report.predicates["partnerOf"].found_gold == 1  # gold is written object-first
    assert (report.status_correct, report.status_total) == (1, 1)
    assert any(m["kind"] == "missed relation" and "Lao Cai" in m["what"] for m in report.misses)
    assert report.entities.precision == 1.0


def test_wrong_type_is_not_a_match(corpus):
    gold = dict(GOLD, entities=[dict(e, type="Country") if e["name"] == "Savannakhet" else e
                                for e in GOLD["entities"]])
    (corpus / "gold" / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    report = evaluate(corpus / "gold", [corpus / "corpus"])
    assert report.entity_types["ForeignLocality"].correct_extracted == 0


def test_cli_prints_table_and_json(corpus):
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "--gold", str(corpus / "gold"), str(corpus / "corpus")])
    assert result.exit_code == 0, result.output
    assert "entities" in result.output and "partnership status accuracy" in result.output
    result = runner.invoke(main, ["evaluate", "--gold", str(corpus / "gold"), str(corpus / "corpus"),
                                  "--json", "--misses"])
    data = json.loads(result.output)
    assert data["relations"]["gold"] == 4 and data["misses"]


def test_cli_bad_paths_give_clean_errors(corpus):
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "--gold", str(corpus / "nope"), str(corpus / "corpus")])
    assert result.exit_code != 0 and "gold directory not found" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["evaluate", "--gold", str(corpus / "gold"), str(corpus / "missing")])
    assert result.exit_code != 0 and "corpus path not found" in result.output


def test_broken_gold_file_is_an_input_error(corpus):
    (corpus / "gold" / "a1.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        evaluate(corpus / "gold", [corpus / "corpus"])


SEEDS = Path(os.environ.get("DIPLOMAP_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))
SEED_GOLD = Path(os.environ.get("DIPLOMAP_SEED_GOLD", Path(__file__).resolve().parents[2] / "shared" / "gold"))


@pytest.mark.skipif(not (SEEDS.is_dir() and SEED_GOLD.is_dir()), reason="seed articles not available")
def test_seed_targets_hold():
    report = evaluate(SEED_GOLD, [SEEDS])
    assert report.entities.f1 >= 0.90
    assert report.relations.f1 >= 0.80
