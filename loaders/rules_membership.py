"""memberOf: a province belongs to an international organisation or network.

"<Org> of which the province is a member", "<Province> is/became a member of <Org>",
"<Province> joined <Org>", "membership of <Province> in <Org>".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import RuleContext, SentenceView, needs

_OF_WHICH = re.compile(r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:of\s+which|in\s+which|where)\s+(?:the\s+)?"
                       r"(?:province|city|locality|[A-Z][\w ]{1,30}?)\s+(?:is|was|has\s+been|became)\s+"
                       r"(?:a\s+|an\s+)?(?:\w+\s+)?member", re.I)
_MEMBER_OF = re.compile(r"\b(?:is|was|has\s+been|became|become|as)\s+(?:a\s+|an\s+)?(?:\w+\s+)?"
                        r"member\s+of\s+(?:the\s+)?$|\bjoin(?:ed|s)?\s+(?:the\s+)?$|"
                        r"\bmembership\s+(?:of|in)\s+(?:the\s+)?$|\b(?:admitted|accepted)\s+(?:in)?to\s+(?:the\s+)?$", re.I)
MEMBER_ORGS = ("InternationalOrganization", "NGO")


_MEMBER_WORDS = ("member", "join", "admitted", "accepted")


@needs("InternationalOrganization", "NGO", words=_MEMBER_WORDS)
def membership_of_which(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    for org in view.of_type(*MEMBER_ORGS):
        if _OF_WHICH.match(view.after(org, 100)):
            for member in ctx.vn_side(view, fallback=True):
                fact = ctx.fact("memberOf", member, org.entity, view, "membership.of-which", 0.8)
                if fact:
                    yield fact


@needs("InternationalOrganization", "NGO", words=_MEMBER_WORDS)
def membership_member_of(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    for org in view.of_type(*MEMBER_ORGS):
        if not _MEMBER_OF.search(view.before(org, 60)):
            continue
        members = [r.entity for r in view.of_type("Province", "VietnamLocality") if r.end <= org.start]
        members = members[-1:] or ctx.vn_side(view)
        for member in members:
            fact = ctx.fact("memberOf", member, org.entity, view, "membership.member-of", 0.8,
                            date=ctx.date(view))
            if fact:
                yield fact


RULES = (membership_of_which, membership_member_of)
