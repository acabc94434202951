"""In-document resolution: candidates -> entities with canonical names.

- pattern hits whose name the gazetteer knows become the gazetteer entity
  ("Kanagawa province" -> Kanagawa Prefecture);
- places found by a head word get their class from the head and the name's shape;
- canonical names drop legal suffixes and heads, so "Samsung Electronics Vietnam Co., Ltd."
  and "Samsung Electronics Vietnam", or "Amkor group" and "Amkor", are one entity;
- provincial bodies are named after their province ("the provincial Department of External
  Relations" -> "Bac Giang Department of External Relations");
- an abbreviation in brackets becomes an alias, and later uses of it mentions;
- a person's given name ("Cuong", "Mr. Cuong") refers back to the full name.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from diplomap.loaders.facts import Entity, Mention
from diplomap.loaders.mentions import Candidate, GazetteerMatcher, strip_accents
from diplomap.loaders.name_tokens import COMMON, VN_SURNAMES
from diplomap.loaders.names_places import _ALWAYS_FOREIGN, _FIRST_LEVEL
from diplomap.loaders.text import fold, name_key
from diplomap.ontology.iris import entity_path

_LEGAL = re.compile(
    r"(?:[\s,]+(?:co\.?,?\s*ltd\.?|company\s+limited|joint\s+stock\s+company|jsc|corporation|"
    r"corp\.?|group|inc\.?|llc|ltd\.?|limited|holdings|plc|company|co\.?))+\s*$", re.I)
_PEOPLE_COMMITTEE = re.compile(r"people[’']?s?\s+committee", re.I)
_PEOPLE_COUNCIL = re.compile(r"people[’']?s?\s+council", re.I)
_PROVINCIAL_BODY = re.compile(
    r"^(?:department|people's committee|people's council|party committee|"
    r"provincial|party executive committee|public administration|fatherland front)", re.I)


def strip_legal_suffix(name: str) -> str:
    """"Hanwha Techwin company" -> "Hanwha Techwin"; "Thinh Vuong Co. Ltd" -> "Thinh Vuong"."""
    stripped = _LEGAL.sub("", name).strip(" ,")
    return stripped or name


def has_vietnamese_diacritics(text: str) -> bool:
    return fold(text) != text.lower() and strip_accents(text) != text


@dataclass
class Resolved:
    """The entities of one document and, for each kept candidate, its entity id."""

    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[tuple[Candidate, str]] = field(default_factory=list)  # (candidate, entity id)
    main_province: str | None = None


def classify_places(cands: list[Candidate], matcher: GazetteerMatcher, text: str) -> list[Candidate]:
    """Give every "Place" candidate a class, or the gazetteer entity its name belongs to."""
    for cand in cands:
        if cand.type == "Place":
            _classify_place(cand, matcher, text)
            if cand.type is None:
                continue
        elif cand.gazetteer_id is None:
            lookup_types = {cand.type}
            name = strip_legal_suffix(cand.name) if cand.type == "Corporation" else cand.name
            entry = matcher.lookup(cand.text, lookup_types) or matcher.lookup(name, lookup_types)
            if entry is None and cand.type == "HeritageItem":
                core = heritage_core(cand.name)
                entry = matcher.lookup(core, lookup_types) or matcher.lookup(
                    f"{core} {cand.name.split()[-1]}", lookup_types)
            if entry is not None:
                cand.gazetteer_id = entry.id
                cand.name = entry.label
                cand.country = cand.country or matcher.country_id(entry)
    return [c for c in cands if c.type is not None]


def heritage_core(name: str) -> str:
    """"Quan Ho folk song area" -> "Quan Ho": the capitalised words that name the item."""
    words = name.split()
    core = []
    for word in words:
        if not word[:1].isupper():
            break
        core.append(word)
    return " ".join(core) or name


def _classify_place(cand: Candidate, matcher: GazetteerMatcher, text: str) -> None:
    head = cand.extra.get("head", "")
    name = cand.name
    whole = matcher.lookup(cand.text)
    if whole is not None and whole.type in {"Province", "VietnamLocality", "ForeignLocality"}:
        _attach(cand, whole, matcher)
        return
    if head == "city":
        entry = matcher.lookup(name, {"Province", "ForeignLocality", "VietnamLocality"})
        if entry is not None and (entry.type == "ForeignLocality"
                                  or any("city" in n.lower() for n in entry.names())):
            _attach(cand, entry, matcher)
            return
    elif head in _FIRST_LEVEL:
        entry = matcher.lookup(name, {"Province", "ForeignLocality"})
        if entry is not None:
            _attach(cand, entry, matcher)
            return
    else:
        entry = matcher.lookup(name, {"VietnamLocality", "ForeignLocality"})
        if entry is not None:
            _attach(cand, entry, matcher)
            return
    foreign_country = _country_next_to(cand, matcher, text)
    if head == "region" and cand.extra.get("vietnamese") and not foreign_country:
        cand.type = None  # "the old Kinh Bac region", "the Tay Bac region": a region, not an entity
        return
    vietnamese = cand.extra.get("vietnamese") and head not in _ALWAYS_FOREIGN
    if foreign_country and foreign_country != "country/vietnam":
        vietnamese = False
    if vietnamese:
        cand.type = "Province" if head == "province" else "VietnamLocality"
        cand.name = name if head == "province" else f"{name} {head.title()}"
    else:
        cand.type = "ForeignLocality"
        cand.country = foreign_country
    if cand.type == "Province":
        cand.name = name


def _attach(cand: Candidate, entry, matcher: GazetteerMatcher) -> None:
    cand.gazetteer_id = entry.id
    cand.type = entry.type
    cand.name = entry.label
    cand.country = matcher.country_id(entry)


_COUNTRY_AFTER = re.compile(r"\s*(?:\(|,\s*|\s+(?:in|of)\s+(?:the\s+)?)([^()\n,.;]{2,40})")
_COUNTRY_BEFORE = re.compile(r"([\w .-]{2,30}?)[’']s\s*$")


def _country_next_to(cand: Candidate, matcher: GazetteerMatcher, text: str) -> str | None:
    after = _COUNTRY_AFTER.match(text, cand.end, min(len(text), cand.end + 50))
    if after:
        for hit in matcher.find(after.group(1)):
            if hit.type == "Country" and hit.start == 0:
                return hit.gazetteer_id
    before = _COUNTRY_BEFORE.search(text, max(0, cand.start - 32), cand.start)
    if before:
        for hit in matcher.find(before.group(1)):
            if hit.type == "Country" and hit.end == len(before.group(1)):
                return hit.gazetteer_id
    return None


def canonical_name(cand: Candidate) -> str:
    name = cand.name.strip()
    if cand.type == "Corporation":
        return strip_legal_suffix(name)
    if cand.type == "Person":
        return re.sub(r"^(?:mr|mrs|ms|miss|madam|dr|prof)\.?\s+", "", name, flags=re.I)
    if cand.type == "VietnamLocality":
        name = re.sub(r"\b(zone|park|cluster)s\b", r"\1", name, flags=re.I)
        words = name.split()
        return " ".join(w if w[:1].isupper() or not w.isalpha() else w.title() for w in words)
    if cand.type == "GovernmentBody":
        name = _PEOPLE_COMMITTEE.sub("People's Committee", name)
        name = _PEOPLE_COUNCIL.sub("People's Council", name)
        return re.sub(r"^the\s+", "", name, flags=re.I)
    return name


def resolve(text: str, cands: list[Candidate], matcher: GazetteerMatcher,
            title_end: int = 0) -> Resolved:
    """Group the kept candidates into entities."""
    result = Resolved()
    result.main_province = _main_province(cands, title_end)
    main_label = None
    if result.main_province:
        entry = matcher.entries.get(result.main_province)
        main_label = entry.label if entry else None
    previous = None
    for cand in cands:
        _qualify_body(cand, cands, text, main_label, matcher, _province_in_front(previous, cand, text))
        previous = cand
    _bracketed_known_names(text, cands)
    by_key: dict[tuple[str, str], str] = {}
    for cand in cands:
        if cand.gazetteer_id:
            entity_id = cand.gazetteer_id
            if entity_id not in result.entities:
                entry = matcher.entries[entity_id]
                result.entities[entity_id] = Entity(entry.type, entry.label, gazetteer_id=entity_id,
                                                    country=matcher.country_id(entry))
        else:
            label = canonical_name(cand)
            try:
                key = (cand.type, name_key(label))
                entity_id = by_key.get(key) or entity_path(cand.type, label)
            except ValueError:
                continue
            by_key.setdefault(key, entity_id)
            if entity_id not in result.entities:
                result.entities[entity_id] = Entity(cand.type, label, country=cand.country)
        entity = result.entities[entity_id]
        if entity.country is None and cand.country:
            entity.country = cand.country
        _add_mention(entity, cand)
        result.mentions.append((cand, entity_id))
    _abbreviations(text, result)
    _given_names(text, result)
    return result


def _bracketed_known_names(text: str, cands: list[Candidate]) -> None:
    """"Japan International Cooperation Agency (JICA)", "31th Southeast Asian Games (SEA Games
    31)": a found name followed by a known name of the same class in brackets is that entity."""
    for cand, nxt in zip(cands, cands[1:], strict=False):
        if cand.type != nxt.type or text[cand.end:nxt.start].strip() != "(":
            continue
        if nxt.gazetteer_id and not cand.gazetteer_id:
            cand.gazetteer_id, cand.name, cand.country = nxt.gazetteer_id, nxt.name, nxt.country
        elif cand.gazetteer_id and not nxt.gazetteer_id:
            nxt.gazetteer_id, nxt.name, nxt.country = cand.gazetteer_id, cand.name, cand.country


def _add_mention(entity: Entity, cand: Candidate) -> None:
    entity.mentions.append(Mention(cand.start, cand.end, cand.text))
    surface = cand.text.strip()
    if has_vietnamese_diacritics(surface):
        entity.vi.add(surface)
    elif surface != entity.label:
        entity.aliases.add(surface)


def _main_province(cands: list[Candidate], title_end: int) -> str | None:
    counts: Counter[str] = Counter()
    for cand in cands:
        if cand.type == "Province" and cand.gazetteer_id:
            counts[cand.gazetteer_id] += 3 if cand.start < title_end else 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _province_in_front(previous: Candidate | None, cand: Candidate, text: str) -> str | None:
    """"Ben Tre provincial People's Committee": the province named right before a body."""
    if previous is None or previous.type != "Province" or cand.type != "GovernmentBody":
        return None
    if text[previous.end:cand.start] not in (" ", "\u00a0") or not previous.gazetteer_id:
        return None
    return previous.name


def _qualify_body(cand: Candidate, cands: list[Candidate], text: str, main_label: str | None,
                  matcher: GazetteerMatcher, in_front: str | None = None) -> None:
    """Provincial bodies get their province's name in front of theirs."""
    if cand.type != "GovernmentBody" or cand.gazetteer_id:
        return
    name = canonical_name(cand)
    province = None
    city = False  # a centrally-run city's bodies are the city's: "Ho Chi Minh City People's Committee"
    tokens = name.split()
    # "Bac Ninh Department of ...", "Bac Ninh’s People Committee": a province in front
    for size in (4, 3, 2, 1):  # "Ho Chi Minh City People's Committee": the longest province name first
        head = " ".join(tokens[:size]).rstrip("’'s").rstrip("’'")
        entry = matcher.lookup(head, {"Province"}) if len(tokens) > size else None
        if entry is not None:
            province = entry.label
            rest = " ".join(tokens[size:])
            name = rest
            city = entry.extra.get("kind") == "centrally-run city"
            break
    if province is None:
        after = re.match(r"^\s+of\s+([A-Z][\w ]{2,30}?)(?=[\s,.;)]|$)", text[cand.end:cand.end + 40])
        if after:
            entry = matcher.lookup(after.group(1), {"Province"})
            if entry is not None:
                province = entry.label
    provincial = re.match(r"^(provincial|municipal)\s+", name, re.I)
    if province is None and in_front and provincial:
        province = in_front
    if province is None and (provincial or _PROVINCIAL_BODY.match(name)) and main_label:
        if _PROVINCIAL_BODY.match(name):
            province = main_label
    if province is None:
        return
    if provincial:
        name = name[provincial.end():]
    if city and not provincial:
        pass
    elif re.match(r"^(people's (committee|council)|party committee|party executive committee)$", name, re.I):
        name = "Provincial " + name
    elif not name.lower().startswith(("department", "provincial")):
        name = "Provincial " + name if provincial else name
    cand.name = f"{province} {name}"


_ABBREVIATION = re.compile(r"\s*\(([A-Z][\w .&-]{0,18}?)\)")


def _abbreviations(text: str, result: Resolved) -> None:
    """"Worldwide Orphans Foundation (WWO)": WWO is an alias; later "WWO" is a mention."""
    found: dict[str, str] = {}
    for cand, entity_id in list(result.mentions):
        if cand.type in {"Person", "Country", "Province", "VietnamLocality", "ForeignLocality"}:
            continue
        match = _ABBREVIATION.match(text, cand.end, min(len(text), cand.end + 24))
        if not match:
            continue
        abbr = match.group(1).strip()
        if sum(c.isupper() for c in abbr) < 2 or abbr.lower() in COMMON:
            continue
        if any(c.start >= cand.end and c.start < cand.end + match.end() for c, _ in result.mentions
               if c is not cand):
            continue  # "(Republic of Korea)" is a mention of its own, not an abbreviation
        entity = result.entities[entity_id]
        entity.aliases.add(abbr)
        entity.aliases.add(text[cand.start:cand.end + match.end() - match.start()].strip())
        found.setdefault(abbr, entity_id)
    if not found:
        return
    covered = [(m.start, m.end) for e in result.entities.values() for m in e.mentions]
    for abbr, entity_id in found.items():
        for match in re.finditer(rf"(?<![\w(]){re.escape(abbr)}(?![\w)])", text):
            if any(s <= match.start() < e for s, e in covered):
                continue
            result.entities[entity_id].mentions.append(Mention(match.start(), match.end(), abbr))
            result.mentions.append((Candidate(match.start(), match.end(), abbr,
                                              result.entities[entity_id].type, abbr,
                                              "abbreviation"), entity_id))


@functools.lru_cache(maxsize=1024)
def _given_name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?(" + "|".join(map(re.escape, names)) + r")\b")


def _given_names(text: str, result: Resolved) -> None:
    """"Cuong said": the given name of a person named in full earlier in the document."""
    given: dict[str, list[str]] = {}
    for entity_id, entity in result.entities.items():
        if entity.type == "Person" and len(entity.label.split()) >= 2:
            words = entity.label.split()
            given.setdefault(words[-1], []).append(entity_id)
            # Lao, Cambodian and Thai officials are called by the first word of their name ("Vanxay said")
            if words[0].lower() not in VN_SURNAMES and "-" not in words[-1]:
                given.setdefault(words[0], []).append(entity_id)
    given = {name: ids for name, ids in given.items() if len(ids) == 1 and name.lower() not in COMMON}
    if not given:
        return
    covered = [(m.start, m.end) for e in result.entities.values() for m in e.mentions]
    pattern = _given_name_pattern(tuple(sorted(given)))
    for match in pattern.finditer(text):
        if any(s <= match.start(1) < e for s, e in covered):
            continue
        nxt = text[match.end():match.end() + 2]
        if nxt[:1] == " " and nxt[1:2].isupper():
            continue  # part of a longer capitalised name
        prev = text[max(0, match.start() - 2):match.start()]
        if prev.endswith(" ") and prev[:1].isupper():
            continue
        entity_id = given[match.group(1)][0]
        entity = result.entities[entity_id]
        entity.mentions.append(Mention(match.start(), match.end(), match.group()))
        entity.aliases.add(match.group())
        result.mentions.append((Candidate(match.start(), match.end(), match.group(), "Person",
                                          match.group(), "person.given-name"), entity_id))

