"""investsIn: a corporation (or a country as a whole) invests in a Vietnamese province.

Needs an investment cue in the sentence ("investors", "invested", "registered capital",
"FDI", or "projects" next to an amount of money). The target is the province named in the
sentence, else the article's main province. Each investor gets the amount written after
it and before the next investor ("A - 2,5 billion USD, B - 100 million USD").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.money import find_money
from diplomap.loaders.rule_context import NEGATION, RuleContext, SentenceView

INVEST_CUE = re.compile(
    r"\binvest(?:ed|s|ing|or|ors)\b|\b(?:registered|investment|total)\s+capital\b|\bFDI\b|"
    r"\btotal\s+investment\b|\binvestment\s+of\b|\b(?:pour\w*|inject\w*)\s.{0,30}\binto\b|"
    r"\b(?:build|open|set\s+up|expand|establish)\w*\s+(?:a\s+|its\s+|their\s+|new\s+)?(?:\w+\s+)?"
    r"(?:factory|factories|plant|plants)\b", re.I)
_PROJECTS = re.compile(r"\bprojects?\b", re.I)
_COUNTRY_INVESTOR = re.compile(
    r"^\s*(?:has\s+been|have\s+been|is|was|remains?|remained|became|ranks?|ranked|stood|stands)?\s*"
    r"(?:as\s+)?(?:the\s+)?(?:\w+\s+){0,2}(?:largest|biggest|leading|top|major|\w+est)?\s*(?:foreign\s+)?"
    r"investors?\b|^\s*(?:has\s+)?invest(?:ed|s)\b", re.I)
_NOT_INVESTOR_BEFORE = re.compile(
    r"(?:director|ceo|chairman|chairwoman|president|head|leaders?|representatives?|manager)\s+of\s+(?:the\s+)?$"
    r"|visit\w*\s+(?:the\s+)?$", re.I)


def _investment_sentence(view: SentenceView) -> bool:
    if INVEST_CUE.search(view.text):
        return True
    return bool(_PROJECTS.search(view.text) and find_money(view.text))


def _targets(ctx: RuleContext, view: SentenceView) -> list[str]:
    return ctx.vn_side(view, fallback=True)


def investment_by_corporation(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if not _investment_sentence(view) or NEGATION.search(view.text):
        return
    investors = [r for r in view.of_type("Corporation")
                 if not _NOT_INVESTOR_BEFORE.search(view.before(r, 40))]
    if not investors:
        return
    money = find_money(view.text, view.sentence.start)
    targets = _targets(ctx, view)
    for i, ref in enumerate(investors):
        limit = investors[i + 1].start if i + 1 < len(investors) else view.sentence.end
        amount = next((m for m in money if ref.end <= m.start < limit and m.start - ref.end < 60), None)
        if amount is None and len(investors) == 1:
            amount = next(iter(money), None)
        for target in targets:
            fact = ctx.fact("investsIn", ref.entity, target, view, "investment.corporation",
                            0.8 if amount else 0.7, date=ctx.date(view),
                            amount=amount.amount if amount else None,
                            currency=amount.currency if amount else None)
            if fact:
                yield fact


def investment_by_country(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Republic of Korea has been the largest investor", "Japan invested ..."."""
    if view.of_type("Corporation") or NEGATION.search(view.text):
        return
    for ref in view.of_type("Country"):
        if ctx.entities[ref.entity].label.lower() in {"vietnam", "viet nam"}:
            continue
        if not _COUNTRY_INVESTOR.match(view.after(ref, 80)):
            continue
        for target in _targets(ctx, view):
            fact = ctx.fact("investsIn", ref.entity, target, view, "investment.country", 0.7,
                            date=ctx.date(view))
            if fact:
                yield fact


RULES = (investment_by_corporation, investment_by_country)
