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
_MEMBER_OF = re.compile(r"\b(?:is|are|was|were|has\s+been|have\s+been|became|become|as)\s+(?:a\s+|an\s+)?"
                        r"(?:\w+\s+)?members?\s+of\s+(?:the\s+)?$|\bjoin(?:ed|s)?\s+(?:the\s+)?$|"
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
        members = _listed_members(view, org) or ctx.vn_side(view)
        for member in members:
            fact = ctx.fact("memberOf", member, org.entity, view, "membership.member-of", 0.8,
                            date=ctx.date(view))
            if fact:
                yield fact


# "Lao Cai, which borders Yen Bai, is ...": a place inside a relative clause is not a member
_RELATIVE = re.compile(r",\s*(?:which|that|where|who)\b[^,]*$", re.I)
_MEMBER_LIST_GAP = re.compile(r"\s*(?:provinces?\s*)?(?:,|,?\s*and|&)\s*(?:the\s+)?(?:provinces?\s+of\s+)?")
# "..., alongside Kon Tum, Dak Lak and Binh Phuoc": co-members named after the organisation
_ALONGSIDE = re.compile(r"^[^;:]{0,60}?,?\s*\b(?:alongside|together\s+with|along\s+with|as\s+did|"
                        r"like|including)\s+(?:the\s+)?(?:provinces?\s+of\s+)?$", re.I)


def _listed_members(view: SentenceView, org) -> list[str]:
    """The province named before the organisation with those listed with it ("Lao Cai, Yen Bai and
    Ha Giang provinces are members of ..."), and those named after "alongside"/"together with"."""
    places = [r for r in view.of_type("Province", "VietnamLocality")
              if not view.in_parentheses(r) and not _RELATIVE.search(view.before(r, 60))]
    before = [r for r in places if r.end <= org.start]
    if not before:
        return []
    chosen = [before[-1]]
    for ref in reversed(before[:-1]):
        if not _MEMBER_LIST_GAP.fullmatch(view.between(ref, chosen[-1])):
            break
        chosen.append(ref)
    chosen.reverse()
    after = [r for r in places if r.start >= org.end]
    if after and _ALONGSIDE.match(re.sub(r"\([^()]*\)", "", view.between(org, after[0]))):
        chosen.append(after[0])
        for ref in after[1:]:
            gap = re.sub(r"\([^()]*\)", "", view.between(chosen[-1], ref))
            if not _MEMBER_LIST_GAP.fullmatch(gap):
                break
            chosen.append(ref)
    return list(dict.fromkeys(r.entity for r in chosen))


RULES = (membership_of_which, membership_member_of)
