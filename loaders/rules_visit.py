"""visited: a person, organisation or province delegation went to a place or organisation.

"X visited Y", "X paid a working visit to Y", "X toured Y", "sending delegations to work in
Y and Z" (the province, when it is the actor), "Y received a delegation from X" (X visited Y).
The visitor is the person(s) before the verb in the clause, else the organisation or
province there, else "the province". Plans ("will visit", "plans to visit") are not visits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.demonyms import DEMONYMS
from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import (
    ANAPHOR,
    NEGATION,
    ORGANISATIONS,
    PLACES,
    RuleContext,
    SentenceView,
    chain_after,
    needs,
)
from diplomap.loaders.rules_position import TITLE

# The visit verbs, each behind the lower-case words it needs: one big alternation would be
# tried at every position of every sentence.
_VISIT_PARTS = tuple((gates, re.compile(r"\b(?:" + pattern + r")\s*", re.I)) for gates, pattern in (
    (("visited", "toured", "inspected"), r"visited|toured|inspected"),
    (("paid", "paying", "pays"), r"(?:paid|paying|pays)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}visit\s+to"),
    (("made",), r"made\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:trip|visit)\s+to"),
    (("arrived",), r"arrived\s+in"),
    (("travel",), r"travell?ed\s+to"),
    (("went", "came"), r"went\s+to|came\s+to"),
    (("delegation",), r"(?:sent|sending|led|leading|headed|heading)\s+(?:\w+\s+){0,3}delegations?\s+"
                      r"(?:of\s+[^,.;:]{1,60}?\s+)?to\s+(?:work\s+in\s+|visit\s+)?"),
    (("worked", "working"), r"(?:delegations?|leaders)\s+(?:\w+\s+){0,3}(?:worked|working)\s+in"),
    (("visit", "trip", "tour"), r"(?:during|on|in|after|at\s+the\s+end\s+of|part\s+of)\s+(?:a|an|his|her|their|its|the)\s+"
                                r"(?:[\w-]+\s+){0,3}(?:visit|trip|tour)\s+to"),
    (("visit", "trip", "tour"), r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+on\s+(?:a|an)\s+"
                                r"(?:[\w-]+\s+){0,3}(?:visit|trip|tour)\s+to"),
    # "was in the northern province of Hai Duong for a working visit"
    (("visit", "trip"), r"(?:was|were|is|are)\s+in(?=\s+(?:the\s+)?[^.;]{0,60}?\s+for\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}"
                        r"(?:visit|trip)\b)"),
    (("visiting",), r"visiting(?=\s+(?:the\s+)?(?-i:[A-Z]))"
                    r"(?!\s+(?:the\s+)?(?:delegation|guests?|team|officials?|leaders?)\b)"),
))


def visit_verbs(text: str) -> list[re.Match[str]]:
    """The visit verbs of a sentence, in text order, not overlapping."""
    low = text.lower()
    found = []
    for gates, pattern in _VISIT_PARTS:
        if any(gate in low for gate in gates):
            found.extend(pattern.finditer(text))
    if len(found) > 1:
        found.sort(key=lambda m: (m.start(), -m.end()))
        kept = []
        for match in found:
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        found = kept
    return found


_NOT_YET = re.compile(r"\b(?:will|would|plans?|planning|to|expected|scheduled|going|intends?|"
                      r"(?-i:may)|might|shall)\s+(?:\w+\s+)?$", re.I)  # not the month "May 2"
_RECEIVED = re.compile(r"\b(?:received|welcomed|hosted)\s+(?:a\s+|the\s+)?(?:\w+\s+){0,2}"
                       r"delegations?\s+(?:from|of|led\s+by)\s+(?:the\s+)?"
                       # "received Belarusian Ambassador X", "welcomed Vice Governor of Y X"
                       rf"|\b(?:received|welcomed|hosted)\s+(?:the\s+)?(?:(?-i:[A-Z][a-z]+)\s+)?(?:{TITLE})\s+"
                       r"(?:(?:of|to)\s+(?:the\s+)?(?:[\w-]+\s+){1,4}?)?", re.I)
TARGETS = tuple(PLACES | ORGANISATIONS)
VISITORS_ORG = ("GovernmentBody", "Corporation", "NGO", "InternationalOrganization", "Province",
                "Country", "ForeignLocality")


_RECEPTION_WORDS = ("receiv", "welcom", "hosted")
_VISIT_WORDS = ("visit", "tour", "inspect", "trip", "arriv", "travel", "went", "came", "delegation", "leaders")


@needs("Province", "VietnamLocality", "ForeignLocality", "Country", "Corporation", "NGO",
       "InternationalOrganization", "GovernmentBody", "Person", words=_VISIT_WORDS)
def visit_by_verb(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if not view.of_type(*TARGETS) and not _TO_THE_PROVINCE.search(view.text) and not (
            _TO_THE_CITY.search(view.text) and ctx.main_is_city()):
        return
    for verb in visit_verbs(view.text):
        start = view.sentence.start + verb.start()
        end = view.sentence.start + verb.end()
        if _NOT_YET.search(view.text[:verb.start()][-30:]) or NEGATION.search(view.text[max(0, verb.start() - 20):verb.start()]):
            continue
        clause = next(((s, e) for s, e in view.clauses() if s <= start < e), (view.sentence.start, view.sentence.end))
        visitors = _visitors(ctx, view, clause, start, end)
        after = [r for r in view.refs if r.start >= end and r.start < clause[1] and r.type in TARGETS
                 and not view.in_parentheses(r)]
        if after and (re.fullmatch(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,5}?(?:at\s+|of\s+|in\s+)?(?:the\s+)?",
                                   view.between(end, after[0])) or _SITES_IN.fullmatch(view.between(end, after[0]))):
            targets = chain_after(view, after[0], TARGETS)
        elif ctx.main_province and (_TO_THE_PROVINCE.match(view.text, verb.end()) or (
                _TO_THE_CITY.match(view.text, verb.end()) and ctx.main_is_city())):
            targets = [None]  # "... a four-day visit to the province"
        else:
            continue
        if targets[0] is not None and _PLANNED_AFTER.match(view.after(targets[-1], 40)):
            continue  # "a trip to Moscow planned for next spring"
        passive = _passive_visitors(view, targets[-1], ctx) if targets[0] is not None else []
        visitors = passive or visitors
        if not visitors:
            continue
        for target in targets:
            target = target.entity if target is not None else ctx.main_province
            for visitor in visitors:
                fact = ctx.fact("visited", visitor, target, view, "visit.verb", 0.75,
                                date=ctx.date(view))
                if fact:
                    yield fact


# "visited a number of farming and processing firms in the Central Highlands province of Lam Dong"
_SITES_IN = re.compile(r"\s*(?:a\s+number\s+of\s+|several\s+|many\s+|some\s+)?(?:[\w-]+\s+){0,6}?"
                       r"(?:firms|companies|factories|farms|sites|projects|facilities|schools|parks|zones|villages)\s+"
                       r"in\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:(?:province|city|district)\s+of\s+)?", re.I)
_PLANNED_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}(?:planned|scheduled|expected|proposed)\b", re.I)
_TO_THE_PROVINCE = re.compile(r"(?:the|this)\s+(?:province|locality)\b(?![’']s)", re.I)
# "on a working trip to the city": the article's city, when it is a centrally-run city and the only one named
_TO_THE_CITY = re.compile(r"(?:the|this)\s+city\b(?![’']s)", re.I)
_WHO = re.compile(r"\bwho\b", re.I)
_DELEGATION_AFTER = re.compile(r"^\s+delegation\b", re.I)
# "a delegation of the northern province of Ninh Binh", "a delegation from the Lao Embassy"
_DELEGATION_FROM = re.compile(r"\bdelegations?\s+(?:from|of)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?"
                              r"(?:province|city|prefecture|state|department|region)\s+of\s+(?:the\s+)?)?$", re.I)


def _visitors(ctx: RuleContext, view: SentenceView, clause: tuple[int, int], start: int,
              end: int) -> list[str]:
    """Who went: the person(s) before the verb (only the last one when a "who" clause
    follows it), a province whose delegation it was, a body a delegation came from."""
    before = [r for r in view.refs if clause[0] <= r.start and r.end <= start]
    persons = [r for r in before if r.type == "Person"]
    visitors: list[str] = []
    # "X led a delegation of the Korean Embassy on a visit to ...": the owner may sit inside the verb phrase
    owners = [r.entity for r in view.refs if clause[0] <= r.start and r.end <= end and r.type in VISITORS_ORG
              and _DELEGATION_FROM.search(view.before(r, 60))]
    unit = _UNIT_DELEGATION.search(view.text, view.local(clause[0]), view.local(end))
    if not owners and unit:
        owners = _unit_named_before(ctx, unit.group(1), view.sentence.start + unit.start())
    if owners:
        # "A delegation of the Lao National Assembly, headed by its Vice President X, visited":
        # the delegation's owner is the visitor, not the person at its head
        visitors = owners
    elif persons:
        if _WHO.search(view.between(persons[-1], start)):
            persons = persons[-1:]
        visitors = [r.entity for r in persons]
    else:
        orgs = [r for r in before if r.type in VISITORS_ORG and not view.in_parentheses(r)]
        if orgs:
            visitors = [orgs[-1].entity]
        elif ANAPHOR.search(view.text[view.local(clause[0]):view.local(start)]) and ctx.main_province:
            visitors = [ctx.main_province]
        else:
            lead = view.text[view.local(clause[0]):view.local(start)]
            visitors = _national_delegation(ctx, lead) or _delegation_told_before(ctx, view, lead)
    # "led the Tay Ninh delegation to ...": the province the delegation came from went too
    inside = [r for r in view.refs if start <= r.start and r.end <= end and r.type == "Province"
              and _DELEGATION_AFTER.match(view.after(r, 20))]
    if visitors:
        visitors += [r.entity for r in inside]
    return list(dict.fromkeys(visitors))


# "Regent of Badung X, who is leading a delegation of the regency to ...", "… from the city": the unit the
# article named last with that head word owns the delegation (the conventions' visitor)
_UNIT_DELEGATION = re.compile(r"\bdelegations?\s+(?:of\s+[^,.;]{1,50}?\s+)?(?:of|from)\s+the\s+(district|county|city|"
                              r"regency|prefecture|town|ward|commune|municipality)\b(?!\s+of\b)", re.I)


def _unit_named_before(ctx: RuleContext, unit: str, before: int) -> list[str]:
    suffix = " " + unit.lower()
    found = ctx.named_last_before(before, lambda entity, mention: entity.type in ("ForeignLocality", "VietnamLocality")
                                  and mention.text.lower().endswith(suffix))
    return [found] if found else []


# "The delegation also visited ...", "the Lao delegation toured ...": the delegation the article told of
_THE_DELEGATION = re.compile(r"\b(?:the|this|their|his|her)\s+(?:[A-Z][a-z]+\s+)?delegation\b(?!\s+(?:of|from)\b)", re.I)
_DELEGATION_WINDOW = 2500  # characters back to the visit that introduced the delegation


def _delegation_told_before(ctx: RuleContext, view: SentenceView, lead: str) -> list[str]:
    if not _THE_DELEGATION.search(lead):
        return []
    start = view.sentence.start
    earlier = [(at, visitor) for at, visitor in ctx.delegations if start - _DELEGATION_WINDOW <= at < start]
    if not earlier:
        return []
    last = max(at for at, _ in earlier)
    return list(dict.fromkeys(visitor for at, visitor in earlier if at == last))


_NATIONAL_DELEGATION = re.compile(
    r"\bdelegations?\s+(?:of|from)\s+(?:the\s+)?(?:\d+\s+|some\s+|several\s+|many\s+)?([A-Z][a-z]+)\s+"
    r"(?:businesses|companies|firms|enterprises|investors|officials|experts|entrepreneurs)\b")


def _national_delegation(ctx: RuleContext, lead: str) -> list[str]:
    """"a delegation of 20 Japanese businesses visited ...": unnamed firms of a country, so the
    country visited (the annotation conventions)."""
    match = _NATIONAL_DELEGATION.search(lead)
    if not match:
        return []
    name = DEMONYMS.get(match.group(1).lower()) or DEMONYMS.get(match.group(1))
    country = ctx.country_named(name) if name else None
    return [country] if country else []


_BY_DELEGATION = re.compile(r"^\s*(?:on\s+[^,;]{1,30}?\s+)?(?:by|of)\s+(?:a|an|the)\s+$", re.I)
_LED_BY = re.compile(rf"^\s+delegation\s*,?\s*(?:led|headed)\s+by\s+(?:{TITLE}\s+)?$", re.I)


_BY_DELEGATION_FROM = re.compile(r"^\s*(?:on\s+[^,;]{1,30}?\s+)?by\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?delegations?\s+"
                                 r"(?:from|of)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?(?:province|city)\s+of\s+)?", re.I)
_FOREIGN_ANAPHOR = re.compile(r"^\s*(?:on\s+[^,;]{1,30}?\s+)?by\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?delegations?\s+"
                              r"(?:from|of)\s+the\s+(?-i:[A-Z][a-z]+)\s+(?:province|locality)\b", re.I)


def _passive_visitors(view: SentenceView, target, ctx: RuleContext | None = None) -> list[str]:
    """"a working visit to Houaphanh by a Thanh Hoa delegation led by Trinh Xuan Hoach", "a visit to
    Kon Tum by a delegation from Ratanakiri", "... by a delegation from the Lao province"."""
    later = [r for r in view.refs if r.start >= target.end]
    if later and _BY_DELEGATION_FROM.fullmatch(view.between(target, later[0])):
        return [later[0].entity]
    if ctx is not None and _FOREIGN_ANAPHOR.match(view.after(target, 120)):
        foreign = [r for r in view.refs if r.type == "ForeignLocality" and r.end <= target.start]
        if foreign:
            return [foreign[-1].entity]
    if not later or not _BY_DELEGATION.match(view.between(target, later[0])):
        return []
    group = later[0]
    if not _DELEGATION_AFTER.match(view.after(group, 20)):
        return []
    visitors = [group.entity]
    if len(later) > 1 and later[1].type == "Person" and _LED_BY.match(view.between(group, later[1])):
        visitors.append(later[1].entity)
    return visitors


@needs("Province", "VietnamLocality", "ForeignLocality", "Country", "Corporation", "NGO", "InternationalOrganization", "GovernmentBody", "Person", words=_RECEPTION_WORDS)
def visit_by_reception(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Bac Ninh received a delegation from Kanagawa": Kanagawa visited Bac Ninh."""
    if not view.refs:
        return
    for match in _RECEIVED.finditer(view.text):
        end = view.sentence.start + match.end()
        guests = [r for r in view.refs if r.start >= end and r.type in TARGETS + ("Person",)]
        if not guests or guests[0].start - end > 3:
            continue
        named = [r.entity for r in view.of_type("Province")]
        hosts = named and ctx.vn_side(view) or _body_provinces(ctx, view, view.sentence.start + match.start()) or \
            ctx.vn_side(view, fallback=True)
        for guest in chain_after(view, guests[0], TARGETS + ("Person",)):
            for host in hosts:
                fact = ctx.fact("visited", guest.entity, host, view, "visit.reception", 0.7,
                                date=ctx.date(view))
                if fact:
                    yield fact


def _body_provinces(ctx: RuleContext, view: SentenceView, before: int) -> list[str]:
    """"Chairman of the Son La Provincial People's Committee X received ...": the host is the
    province whose body's officer received the guest."""
    found = []
    for ref in view.of_type("GovernmentBody"):
        if ref.end > before:
            continue
        label = ctx.entities[ref.entity].label
        entry = ctx.matcher.lookup(label.split(" Provincial ")[0], {"Province"}) if " Provincial " in label else None
        if entry is not None:
            found.append(entry.id)
    return found[-1:]


# "during the visit of Vice Governor of Savannakhet Phoxay Sayasone": a visit to the article's province
_VISIT_OF = re.compile(r"\b(?:during|on|amid|throughout)\s+(?:the|a|an|his|her)\s+(?:[\w-]+\s+){0,2}?"
                       r"visit\s+(?:of|by)\s+", re.I)


@needs("Person", words=("visit of", "visit by"))
def visit_of_person(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if ctx.main_province is None or view.negated:
        return
    for match in _VISIT_OF.finditer(view.text):
        after = view.sentence.start + match.end()
        person = next((r for r in view.refs if r.start >= after), None)
        # the visitor is the first person after "visit of", past the posts and places before the name
        persons = [r for r in view.refs if r.start >= after and r.type == "Person"]
        if not persons or person is None or persons[0].start - after > 90:
            continue
        if re.search(r"\bto\s+(?:the\s+)?$", view.between(after, persons[0])):
            continue
        others = [r for r in view.of_type("Province") if r.entity != ctx.main_province]
        if others:
            continue
        fact = ctx.fact("visited", persons[0].entity, ctx.main_province, view, "visit.visit-of", 0.6,
                        date=ctx.date(view))
        if fact:
            yield fact


RULES = (visit_by_verb, visit_by_reception, visit_of_person)
