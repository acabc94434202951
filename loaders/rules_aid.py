"""aidTo: an NGO, organisation or country gives aid to a Vietnamese province.

Needs an aid cue ("aid", "donated", "grant", "relief", "sponsored", "funded", "ODA",
"provided ... support"). The donor is an NGO / international organisation in the sentence
(a country only when it is not just where a donor comes from); the recipient is the
province named, else the article's main province. Amount: the first sum after the cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.facts import Fact
from diplomap.loaders.money import find_money
from diplomap.loaders.rule_context import NEGATION, RuleContext, SentenceView

AID_CUE = re.compile(
    r"\b(?:aid|donat\w*|grants?|granted|relief|sponsor\w*|funded|funding|humanitarian|"
    r"non-refundable|ODA|assistance|provided\s+(?:\w+\s+){0,3}(?:support|equipment|supplies)|"
    r"handed\s+over|gifts?\s+(?:of|worth))\b", re.I)
DONORS = ("NGO", "InternationalOrganization")


def aid_by_donor(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    cue = AID_CUE.search(view.text)
    if not cue or NEGATION.search(view.text):
        return
    donors = view.of_type(*DONORS)
    donors += [r for r in view.of_type("Country") if _country_donor(view, r)]
    if not donors:
        return
    cue_at = view.sentence.start + cue.start()
    money = [m for m in find_money(view.text, view.sentence.start) if m.start >= cue_at]
    amount = money[0] if money else None
    for donor in donors:
        for target in ctx.vn_side(view, fallback=True):
            fact = ctx.fact("aidTo", donor.entity, target, view, f"aid.{donor.type.lower()}",
                            0.75, date=ctx.date(view),
                            amount=amount.amount if amount else None,
                            currency=amount.currency if amount else None)
            if fact:
                yield fact


def _country_donor(view: SentenceView, ref) -> bool:
    """A country donates when it is the grammatical giver, not "X of the United States"."""
    if view.in_parentheses(ref) or re.search(r"\b(?:of|from|in|to)\s+(?:the\s+)?$", view.before(ref, 10)):
        return False
    if ref.entity.endswith("/vietnam"):
        return False
    return bool(re.match(r"^\s*(?:government\s+|has\s+|have\s+)?(?:\w+\s+)?"
                         r"(?:provided|donated|granted|gave|funded|sponsored|handed)", view.after(ref, 40), re.I))


RULES = (aid_by_donor,)
