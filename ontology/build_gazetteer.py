"""Regenerate ``data/gazetteer.jsonl`` from pycountry and the curated tables in ``data/``.

    python -m diplomap.ontology.build_gazetteer [--out PATH]

The output is deterministic (entries sorted by id, fixed key order), so a rebuild with unchanged inputs is
byte-identical and a diff shows exactly what an input change did.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from diplomap.ontology import resources
from diplomap.ontology.gazetteer import GAZETTEER_FILE, Entry
from diplomap.ontology.gazetteer_curated import attach_reference_ids, curated
from diplomap.ontology.gazetteer_draft import Draft
from diplomap.ontology.gazetteer_places import countries, vn_provinces
from diplomap.ontology.gazetteer_subdivisions import subdivisions


def _index(groups: Iterable[list[Draft]]) -> dict[str, Draft]:
    """All drafts by id; two inputs producing one id is an input error, reported with both sources."""
    index: dict[str, Draft] = {}
    for group in groups:
        for draft in group:
            if draft.id in index:
                first = index[draft.id]
                raise ValueError(f"duplicate gazetteer id {draft.id}: {first.label!r} ({first.iso3166 or first.type})"
                                 f" and {draft.label!r} ({draft.iso3166 or draft.type})")
            index[draft.id] = draft
    return index


def build() -> list[Entry]:
    country_drafts = countries()
    province_drafts = vn_provinces()
    vn_names = [name for d in province_drafts for name in (d.label, *d.aliases, *d.vi)]
    country_ids = {d.country: d.id for d in country_drafts}
    index = _index([country_drafts, province_drafts, subdivisions(country_drafts, vn_names),
                    curated(country_ids)])
    attach_reference_ids(index)
    _check_links(index)
    return [index[key].freeze() for key in sorted(index)]


def _check_links(index: dict[str, Draft]) -> None:
    for draft in index.values():
        links = [draft.parent, draft.replaced_by, *draft.replaces, draft.extra.get("parent_organization")]
        missing = [link for link in links if link and link not in index]
        if missing:
            raise ValueError(f"gazetteer entry {draft.id} links to unknown ids {missing}")


def render(entries: list[Entry]) -> str:
    return "".join(json.dumps(e.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n" for e in entries)


def default_output() -> Path:
    return Path(str(resources.path(GAZETTEER_FILE)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="output file (default: the packaged gazetteer)")
    args = parser.parse_args(argv)
    out = args.out or default_output()
    entries = build()
    out.write_text(render(entries), encoding="utf-8")
    print(f"wrote {len(entries)} entries to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
