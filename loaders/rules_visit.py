"""visited: a person, organisation or province delegation went to a place or organisation.

"X visited Y", "X paid a working visit to Y", "X toured Y", "sending delegations to work in
Y and Z" (the province, when it is the actor), "Y received a delegation from X" (X visited Y).
The visitor is the person(s) before the verb in the clause, else the organisation or
province there, else "the province". Plans ("will visit", "plans to visit") are not visits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import (
    ANAPHOR,
    NEGATION,
    ORGANISATIONS,
    PLACES,
    RuleContext,
    SentenceView,
    chain_after,
)

VISIT_VERB = re.compile(
    r"\b(?:visited|toured|inspected|paid\s+(?:a|an)\s+(?:\w+\s+){0,2}visit\s+to|"
    r"made\s+(?:a|an)\s+(?:\w+\s+){0,2}(?:trip|visit)\s+to|arrived\s+in|travell?ed\s+to|"
    r"went\s+to|came\s+to|(?:sent|sending|led|leading)\s+(?:\w+\s+){0,2}delegations?\s+to\s+"
    r"(?:work\s+in\s+|visit\s+)?|(?:delegations?|leaders)\s+(?:\w+\s+){0,3}(?:worked|working)\s+in)\s*",
    re.I)
_NOT_YET = re.compile(r"\b(?:will|would|plans?|planning|to|expected|scheduled|going|intends?|"
                      r"may|might|shall)\s+(?:\w+\s+)?$", re.I)
_RECEIVED = re.compile(r"\b(?:received|welcomed|hosted)\s+(?:a\s+|the\s+)?(?:\w+\s+){0,2}"
                       r"delegations?\s+(?:from|of|led\s+by)\s+(?:the\s+)?", re.I)
TARGETS = tuple(PLACES | ORGANISATIONS)
VISITORS_ORG = ("GovernmentBody", "Corporation", "NGO", "InternationalOrganization", "Province",
                "Country")


def visit_by_verb(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    for verb in VISIT_VERB.finditer(view.text):
        start = view.sentence.start + verb.start()
        end = view.sentence.start + verb.end()
        if _NOT_YET.search(view.text[:verb.start()][-30:]) or NEGATION.search(view.text[max(0, verb.start() - 20):verb.start()]):
            continue
        clause = next(((s, e) for s, e in view.clauses() if s <= start < e), (view.sentence.start, view.sentence.end))
        before = [r for r in view.refs if clause[0] <= r.start and r.end <= start]
        visitors = [r.entity for r in before if r.type == "Person"]
        if not visitors:
            orgs = [r for r in before if r.type in VISITORS_ORG and not view.in_parentheses(r)]
            if orgs:
                visitors = [orgs[-1].entity]
            elif ANAPHOR.search(view.text[view.local(clause[0]):verb.start()]) and ctx.main_province:
                visitors = [ctx.main_province]
        after = [r for r in view.refs if r.start >= end and r.start < clause[1] and r.type in TARGETS
                 and not view.in_parentheses(r)]
        if not visitors or not after or not re.fullmatch(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,5}?(?:at\s+|of\s+|in\s+)?(?:the\s+)?",
                                                          view.between(end, after[0])):
            continue
        for target in chain_after(view, after[0], TARGETS):
            for visitor in visitors:
                fact = ctx.fact("visited", visitor, target.entity, view, "visit.verb", 0.75,
                                date=ctx.date(view))
                if fact:
                    yield fact


def visit_by_reception(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Bac Ninh received a delegation from Kanagawa": Kanagawa visited Bac Ninh."""
    for match in _RECEIVED.finditer(view.text):
        end = view.sentence.start + match.end()
        guests = [r for r in view.refs if r.start >= end and r.type in TARGETS + ("Person",)]
        if not guests or guests[0].start - end > 3:
            continue
        hosts = ctx.vn_side(view, fallback=True)
        for guest in chain_after(view, guests[0], TARGETS + ("Person",)):
            for host in hosts:
                fact = ctx.fact("visited", guest.entity, host, view, "visit.reception", 0.7,
                                date=ctx.date(view))
                if fact:
                    yield fact


RULES = (visit_by_verb, visit_by_reception)
