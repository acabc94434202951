"""Foreign first-level subdivisions (ISO 3166-2, from pycountry) named the way English news names them.

pycountry gives local transliterations ("Yaroslavskaya oblast'", "Gyeongsangbuk-do"); the rules in
``subdivision-rules.tsv`` turn them into news forms and aliases, and ``subdivision-names.tsv`` corrects single
codes. Names that are ordinary words, very short, or shared with a country, a Vietnamese province or another
subdivision are kept as reference data with ``match = False``: matching them in text would mostly be wrong.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pycountry

from diplomap.ontology.gazetteer_draft import Draft
from diplomap.ontology.gazetteer_tsv import read_table, split_list
from diplomap.ontology.iris import entity_path, fold

MIN_MATCH_LETTERS = 4
_BRACKETED = re.compile(r"\s*\[([^\]]*)\]")
_PARENTHESIS = re.compile(r"\s*\(([^)]*)\)")
_ISO_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


@dataclass(frozen=True)
class Rule:
    country: str
    type: str
    pattern: re.Pattern[str]
    label: str
    aliases: tuple[str, ...]

    def fits(self, country: str, kind: str, name: str) -> re.Match[str] | None:
        if self.country not in ("*", country) or self.type not in ("*", kind):
            return None
        return self.pattern.fullmatch(name)


def _rules() -> list[Rule]:
    return [Rule(row["country"], row["type"], re.compile(row["pattern"]), row["label"],
                 tuple(split_list(row["aliases"])))
            for row in read_table("subdivision-rules.tsv")]


def _clean(name: str) -> tuple[str, list[str]]:
    """Drop ``[alternative]`` and ``(qualifier)`` parts of a pycountry name; return them as extra aliases."""
    extras = [name]
    for pattern in (_BRACKETED, _PARENTHESIS):
        for inner in pattern.findall(name):
            inner = _ISO_CODE.sub("", inner).strip(" ,")
            if inner and inner[0].isupper():
                extras.append(inner)
        name = pattern.sub("", name)
    return " ".join(name.split()), extras


def _uninvert(name: str) -> tuple[str, list[str]]:
    """``Madrid, Comunidad de`` -> (``Madrid``, [``Comunidad de Madrid``])."""
    head, sep, tail = name.partition(", ")
    if not sep or "," in tail:
        return name, []
    return head, [f"{tail} {head}"]


def _named(rules: list[Rule], country: str, kind: str, name: str) -> tuple[str, list[str], list[str]]:
    """(label, aliases the rule derived, aliases taken from pycountry's own name)."""
    cleaned, extras = _clean(name)
    for rule in rules:
        candidate, inverted = (cleaned, []) if rule.country != "*" else _uninvert(cleaned)
        found = rule.fits(country, kind, candidate)
        if found:
            fields = {**found.groupdict(), "name": candidate}
            label = rule.label.format(**fields)
            aliases = [template.format(**fields) for template in rule.aliases]
            return label, [*aliases, *inverted], extras
    raise ValueError(f"subdivision-rules.tsv: no rule for {country} {kind} {name!r}")


def subdivisions(countries: list[Draft], vn_names: list[str]) -> list[Draft]:
    """Every first-level subdivision outside Viet Nam, ``dm:locatedIn`` its country."""
    rules = _rules()
    suffixes = [(row["suffix"], split_list(row["aliases"])) for row in read_table("subdivision-suffixes.tsv")]
    overrides = {row["code"]: row for row in read_table("subdivision-names.tsv")}
    country_ids = {c.country: c.id for c in countries}
    drafts = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code or sub.country_code == "VN":
            continue
        label, aliases, extras = _named(rules, sub.country_code, sub.type, sub.name)
        override = overrides.pop(sub.code, {})
        if override.get("label"):
            # the rule's forms were built on a stem the correction replaces: derive them from the new label
            aliases = _suffix_forms(suffixes, override["label"])
            label = override["label"]
        aliases += extras
        draft = Draft(type="ForeignLocality", label=label, country=sub.country_code,
                      parent=country_ids[sub.country_code], iso3166=sub.code)
        draft.add_aliases(split_list(override.get("aliases", "")))
        draft.add_aliases([a for a in aliases if len(_letters(a)) >= MIN_MATCH_LETTERS])
        draft.add_vi(split_list(override.get("vi", "")))
        draft.extra["subdivision_type"] = sub.type
        if override.get("match") == "false":
            draft.match = False
        drafts.append(draft)
    if overrides:
        raise ValueError(f"subdivision-names.tsv: codes not first-level subdivisions: {sorted(overrides)}")
    _split_same_country_homonyms(drafts)
    _mark_ambiguous(drafts, countries, vn_names)
    _disambiguate(drafts)
    return drafts


def _suffix_forms(suffixes: list[tuple[str, list[str]]], label: str) -> list[str]:
    for suffix, templates in suffixes:
        if label.endswith(" " + suffix):
            stem = label.removesuffix(" " + suffix)
            return [template.format(stem=stem) for template in templates]
    return []


def _letters(name: str) -> str:
    return "".join(ch for ch in fold(name) if ch.isalpha())


def _mark_ambiguous(drafts: list[Draft], countries: list[Draft], vn_names: list[str]) -> None:
    common_words = {fold(row["name"]) for row in read_table("ambiguous-names.tsv")}
    country_names = {fold(name) for c in countries for name in (c.label, *c.aliases)}
    vn = {fold(name) for name in vn_names}
    for draft in drafts:
        name = fold(draft.label)
        reason = None
        if len(_letters(draft.label)) < MIN_MATCH_LETTERS:
            reason = "short"
        elif name in common_words or set(name.split()) <= common_words:
            reason = "common word"
        elif name in country_names:
            reason = "country name"
        elif name in vn:
            reason = "Vietnamese province name"
        if reason:
            draft.match = False
            draft.extra["no_match_reason"] = reason


def _split_same_country_homonyms(drafts: list[Draft]) -> None:
    """Two units of one country with one name (a city and the district around it) get their type in the label."""
    by_key: dict[tuple[str, str], list[Draft]] = defaultdict(list)
    for draft in drafts:
        by_key[(draft.country, draft.id)].append(draft)
    for same in by_key.values():
        if len(same) < 2:
            continue
        for draft in same:
            kind = draft.extra["subdivision_type"]
            if not draft.label.endswith(kind):
                draft.aliases.insert(0, draft.label)
                draft.label = f"{draft.label} {kind}"
                draft.id = entity_path(draft.type, draft.label)


def _disambiguate(drafts: list[Draft]) -> None:
    """Subdivisions of different countries with one label get ``<label> <alpha-2>`` ids and match=False."""
    by_id: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts:
        by_id[draft.id].append(draft)
    clashes = [[d.iso3166 for d in same] for same in by_id.values()
               if len({d.country for d in same}) < len(same)]
    if clashes:
        raise ValueError(f"subdivisions of one country share an id (fix subdivision-names.tsv): {clashes}")
    for same in by_id.values():
        if len(same) < 2:
            continue
        for draft in same:
            draft.id = entity_path(draft.type, f"{draft.label} {draft.country}")
            draft.extra["disambiguated"] = True
            draft.match = False
            draft.extra.setdefault("no_match_reason", "label shared by subdivisions of several countries")
