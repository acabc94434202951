"""Hand-curated gazetteer entities (curated.tsv) and the verified identifiers of reference-ids.tsv."""

from __future__ import annotations

from diplomap.ontology.gazetteer_draft import Draft
from diplomap.ontology.gazetteer_tsv import read_table, split_list
from diplomap.ontology.iris import entity_path

AGENT_TYPES = frozenset({"Corporation", "NGO", "InternationalOrganization", "GovernmentBody"})
LISTINGS = frozenset({"RepresentativeList", "UrgentSafeguardingList", "Nominated", "NationalHeritage"})


def curated(country_ids: dict[str, str]) -> list[Draft]:
    """Entities of curated.tsv; an agent with a home country is based in that country unless a parent is given."""
    drafts = []
    for number, row in enumerate(read_table("curated.tsv"), 2):
        where = f"curated.tsv row {number} ({row['label']})"
        country = row["country"] or None
        if country and country not in country_ids:
            raise ValueError(f"{where}: unknown country code {country!r}")
        draft = Draft(type=row["type"], label=row["label"], country=country)
        draft.add_aliases(split_list(row["aliases"]))
        draft.add_vi(split_list(row["vi"]))
        draft.parent = row["parent"] or (country_ids[country] if country and row["type"] in AGENT_TYPES else None)
        if row["parent_org"]:
            draft.extra["parent_organization"] = row["parent_org"]
        if row["listing"]:
            if row["listing"] not in LISTINGS:
                raise ValueError(f"{where}: unknown listing {row['listing']!r}")
            draft.listing = row["listing"]
        if row["note"]:
            draft.extra["note"] = row["note"]
        drafts.append(draft)
    return drafts


def attach_reference_ids(drafts: dict[str, Draft]) -> None:
    """Copy the verified identifiers onto their entries; a row naming no entry, or an ISO code that
    disagrees with pycountry, is an error rather than a silent skip."""
    for row in read_table("reference-ids.tsv"):
        key = entity_path(row["type"], row["label"])
        draft = drafts.get(key)
        if draft is None:
            raise ValueError(f"reference-ids.tsv: no gazetteer entry {key}")
        if row["iso3166"] and row["iso3166"] != draft.iso3166:
            raise ValueError(f"reference-ids.tsv: {key} ISO {row['iso3166']} but pycountry gives {draft.iso3166}")
        if row["wikidata"]:
            if not row["wikidata"].startswith("Q") or not row["wikidata"][1:].isdigit():
                raise ValueError(f"reference-ids.tsv: {key}: malformed QID {row['wikidata']!r}")
            draft.wikidata = row["wikidata"]
        if row["geonames"]:
            if row["geonames_link"] not in ("sameAs", "closeMatch"):
                raise ValueError(f"reference-ids.tsv: {key}: geonames_link must be sameAs or closeMatch")
            draft.geonames = row["geonames"]
            draft.extra["geonames_link"] = row["geonames_link"]
        if row["unesco"]:
            draft.unesco = row["unesco"]
            draft.extra["unesco_element"] = row["unesco_element"]
        draft.extra["id_trust"] = row["trust"]
