"""The hand-written articles and their gold annotations agree with each other.

Checks the sample corpus (examples/corpus, gold in examples/gold) and the
generalisation set (tests/data/articles, gold in tests/data/articles/gold): every
evidence is a verbatim piece of its article, every relation end is an entity of the same
file, and types, predicates and statuses come from the vocabulary contract. The readers
here are deliberately tiny and independent of diplomap.loaders, so a loader bug cannot
hide a gold-file bug (or the other way round).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "examples" / "corpus"
CORPUS_GOLD = ROOT / "examples" / "gold"
ARTICLES = ROOT / "tests" / "data" / "articles"
ARTICLES_GOLD = ARTICLES / "gold"

TYPES = {
    "Province", "VietnamLocality", "ForeignLocality", "Country", "Corporation", "NGO",
    "InternationalOrganization", "GovernmentBody", "Person", "HeritageItem", "Event",
}
PREDICATES = {
    "partnerOf", "locatedIn", "investsIn", "basedIn", "aidTo", "memberOf", "heritageOf",
    "recognizedBy", "holdsPosition", "visited", "cooperatesWith",
}
PARTNER_STATUSES = {"proposed", "negotiating", "signed", "active"}
RELATION_KEYS = {"subject", "predicate", "object", "evidence", "status", "date", "amount", "role", "note"}
AMOUNT = re.compile(r"^\d[\d,]*(\.\d+)? (thousand |million |billion |trillion )?[A-Z]{3}$")
YEAR = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEADER_LINE = re.compile(r"^(title|date|source|url):\s*(.*)$")


def split_header(raw: str) -> tuple[dict, str]:
    """A .txt file: an optional block of `key: value` lines, a blank line, then the body."""
    head, sep, rest = raw.partition("\n\n")
    lines = head.strip().splitlines()
    if sep and lines and all(HEADER_LINE.match(line) for line in lines):
        return {m[1]: m[2] for m in map(HEADER_LINE.match, lines)}, rest
    return {}, raw


def split_front_matter(raw: str) -> tuple[str, str]:
    assert raw.startswith("---\n"), "Markdown sample must start with YAML front matter"
    front, _, body = raw[4:].partition("\n---\n")
    return front, body


def article_texts() -> dict[str, str]:
    """Stem (or JSONL id) -> the text evidence must come from, for the sample corpus."""
    texts: dict[str, str] = {}
    for path in sorted(CORPUS.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.name == "README.md":
            continue
        if path.suffix == ".txt":
            texts[path.stem] = split_header(raw)[1]
        elif path.suffix == ".md":
            texts[path.stem] = split_front_matter(raw)[1]
        elif path.suffix == ".html":
            article = raw[raw.index("<article>"): raw.index("</article>")]
            texts[path.stem] = html.unescape(re.sub(r"<[^>]+>", "", article))
        elif path.suffix == ".jsonl":
            for line in raw.splitlines():
                if line.strip():
                    row = json.loads(line)
                    texts[row["id"]] = row["text"]
    return texts


def words(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


def check_gold(gold: dict, text: str, where: str) -> None:
    assert set(gold) == {"entities", "relations"}, where
    names = [e["name"] for e in gold["entities"]]
    assert len(names) == len(set(names)), f"{where}: duplicate entity names"
    for e in gold["entities"]:
        assert set(e) == {"name", "type", "aliases", "country"}, f"{where}: {e}"
        assert e["type"] in TYPES, f"{where}: {e['name']} has type {e['type']}"
        assert isinstance(e["aliases"], list), f"{where}: {e['name']}"
        if e["type"] in {"Country", "Person"}:
            assert e["country"] is None, f"{where}: {e['name']} should have country null"
        # every entity is mentioned under its name or one of its aliases
        assert any(n in text for n in [e["name"], *e["aliases"]]), f"{where}: {e['name']} not in text"
    assert gold["relations"], f"{where}: no relations"
    for r in gold["relations"]:
        label = f"{where}: {r['subject']} {r['predicate']} {r['object']}"
        assert set(r) <= RELATION_KEYS and {"subject", "predicate", "object", "evidence"} <= set(r), label
        assert r["predicate"] in PREDICATES, label
        assert r["subject"] in names and r["object"] in names, label
        assert r["subject"] != r["object"], label
        assert r["evidence"] in text, f"{label}: evidence is not verbatim: {r['evidence']!r}"
        assert r["evidence"] == r["evidence"].strip() and r["evidence"][-1] in ".!?\"”", label
        if r["predicate"] == "partnerOf":
            assert r.get("status") in PARTNER_STATUSES, label
        if "amount" in r:
            assert AMOUNT.match(r["amount"]), f"{label}: amount {r['amount']!r}"
        if "date" in r:
            assert YEAR.match(r["date"]), f"{label}: date {r['date']!r}"


def test_every_sample_article_has_gold_and_every_gold_has_an_article():
    texts = article_texts()
    golds = {p.stem for p in CORPUS_GOLD.glob("*.json")}
    assert len(texts) >= 7
    assert golds == set(texts)


@pytest.mark.parametrize("gold_path", sorted(CORPUS_GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_corpus_gold_matches_its_article(gold_path):
    text = article_texts()[gold_path.stem]
    check_gold(json.loads(gold_path.read_text(encoding="utf-8")), text, gold_path.name)


def test_sample_corpus_covers_every_input_format():
    suffixes = [p.suffix for p in CORPUS.iterdir() if p.name != "README.md"]
    assert suffixes.count(".md") >= 2
    assert {".txt", ".html", ".jsonl"} <= set(suffixes)
    headerless = [
        p for p in CORPUS.glob("*.txt") if not split_header(p.read_text(encoding="utf-8"))[0]
    ]
    assert headerless, "one .txt sample must have no header (its first line is the title)"
    rows = [json.loads(x) for x in (CORPUS / "sample-briefs.jsonl").read_text().splitlines() if x]
    assert 2 <= len(rows) <= 3
    for row in rows:
        assert set(row) == {"id", "title", "date", "source", "url", "text"}
        assert ISO_DATE.match(row["date"]) and row["url"].startswith("https://example.org/diplomap/")


@pytest.mark.parametrize("stem", sorted(article_texts()))
def test_sample_articles_are_short_articles(stem):
    assert 150 <= words(article_texts()[stem]) <= 400, stem


def test_every_test_article_has_gold_and_every_gold_has_an_article():
    articles = {p.stem for p in ARTICLES.glob("*.txt")}
    golds = {p.stem for p in ARTICLES_GOLD.glob("*.json")}
    assert len(articles) >= 12
    assert articles == golds


@pytest.mark.parametrize("article", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.stem)
def test_test_article_header_and_gold(article):
    header, body = split_header(article.read_text(encoding="utf-8"))
    assert set(header) == {"title", "date", "source", "url"}, article.name
    assert ISO_DATE.match(header["date"]), article.name
    assert header["url"].startswith("https://example.org/diplomap/tests/")
    assert 120 <= words(body) <= 500, article.name
    gold = json.loads((ARTICLES_GOLD / f"{article.stem}.json").read_text(encoding="utf-8"))
    check_gold(gold, body, article.name)


def test_checker_rejects_broken_gold():
    """The checks above can fail: a paraphrased evidence and a dangling object are caught."""
    text = "Hai Phong signed an agreement with Niigata. It was a good day."
    good = {
        "entities": [
            {"name": "Hai Phong", "type": "Province", "aliases": [], "country": "Vietnam"},
            {"name": "Niigata", "type": "ForeignLocality", "aliases": [], "country": "Japan"},
        ],
        "relations": [{"subject": "Hai Phong", "predicate": "partnerOf", "object": "Niigata",
                       "status": "signed", "evidence": "Hai Phong signed an agreement with Niigata."}],
    }
    check_gold(good, text, "good")
    paraphrased = json.loads(json.dumps(good))
    paraphrased["relations"][0]["evidence"] = "Hai Phong inked an agreement with Niigata."
    with pytest.raises(AssertionError, match="not verbatim"):
        check_gold(paraphrased, text, "paraphrased")
    dangling = json.loads(json.dumps(good))
    dangling["relations"][0]["object"] = "Niigata Prefecture"
    with pytest.raises(AssertionError):
        check_gold(dangling, text, "dangling")
