"""Saved queries rewritten for speed (issue 16) answer what their plain forms answer.

The plain forms are kept in ``tests/data/queries-before``; each saved query with a file there runs
next to it on the sample corpus with the test articles (built into an on-disk store) and on the
small store, with the same parameters, and must return the same rows (as a multiset: the order
is checked by the tests of each query).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from diplomap.graph.ingest.pipeline import build_paths
from diplomap.graph.query.saved import bind_params, saved_query
from diplomap.graph.store.registry import StoreSpec, open_store

HERE = Path(__file__).parent
BEFORE = HERE / "data" / "queries-before"
CORPORA = [HERE.parent / "examples" / "corpus", HERE / "data" / "articles"]
REWRITTEN = sorted(p.stem for p in BEFORE.glob("*.rq"))
PERIODS = [{"from": "", "to": ""}, {"from": "2019", "to": "2024"}]


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("rewrites") / "store")
    with open_store(StoreSpec("oxigraph", path)) as store:
        build_paths(store, [str(c) for c in CORPORA])
    store = open_store(StoreSpec("oxigraph", path, read_only=True))
    yield store
    store.close()


def _parameter_sets(name: str) -> list[dict[str, str]]:
    query = saved_query(name)
    names = {p.name for p in query.params}
    if not names:
        return [{}]
    if {"from", "to", "merged"} <= names:
        return [{"province": "Bắc Ninh", "merged": merged, **period}
                for merged in ("true", "false") for period in PERIODS]
    return [{"province": "Bắc Ninh"}]


def _rows(rows: list[dict]) -> Counter:
    return Counter(tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows)


def test_every_rewritten_query_is_a_saved_query():
    assert REWRITTEN
    for name in REWRITTEN:
        saved_query(name)


@pytest.mark.parametrize("name", REWRITTEN)
def test_rewritten_query_answers_as_before(name, corpus_store, small_store):
    before = (BEFORE / f"{name}.rq").read_text(encoding="utf-8")
    query = saved_query(name)
    answered = 0
    for store in (corpus_store, small_store):
        for params in _parameter_sets(name):
            bindings = bind_params(store, query, params)
            now, then = store.select(query.text, bindings), store.select(before, bindings)
            assert _rows(now) == _rows(then), (name, params)
            answered += len(now)
    assert answered, f"{name}: no rows anywhere, so nothing was compared"
