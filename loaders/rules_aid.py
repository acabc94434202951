"""aidTo: an NGO, organisation or country gives aid to a Vietnamese province.

Needs an aid cue ("aid", "donated", "grant", "relief", "sponsored", "funded", "ODA",
"provided ... support"). The donor is an NGO / international organisation in the sentence
(a country only when it is not just where a donor comes from); the recipient is the
province named, else the article's main province. Amount: the first sum after the cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.demonyms import demonym_spans
from diplomap.loaders.facts import Fact
from diplomap.loaders.money import find_money
from diplomap.loaders.rule_context import RuleContext, SentenceView, needs

AID_CUE = re.compile(
    r"\b(?:aid|donat\w*|grants?|granted|relief|sponsor\w*|funded|funding|humanitarian|"
    r"non-refundable|ODA|assistance|provided\s+(?:\w+\s+){0,3}(?:support|equipment|supplies)|"
    r"handed\s+over|gifts?\s+(?:of|worth))\b", re.I)
DONORS = ("NGO", "InternationalOrganization")


# "approved a USD 310 million loan", "committed EUR 7 million": a donor binding itself to a sum
# is giving, whatever the money is called; without the sum ("approved the plan") it is not.
_COMMITS_MONEY = (r"\b(?:approved|committed|pledged|allocated|earmarked|announced)\s+(?:a\s+|an\s+)?"
                  r"(?=(?-i:[A-Z]{3})\s*\d|(?:US)?[$€£¥]\s*\d)")
# What an NGO or a foreign aid agency does with money it gives: it needs no word "aid".
_DONOR_ACTS = re.compile(
    r"\b(?:is|are|was|were|has|have|had)\s+(?:\w+\s+)?(?:implement\w*|financ\w*|fund\w*|spent|spend\w*|"
    r"provid\w*|sponsor\w*|grant\w*|donat\w*|support\w*|built|building|contribut\w*)\b|"
    r"\b(?:implement|financ|fund|sponsor|donat|provid)(?:ed|es|s)\b|"
    r"\bspent\b|\b(?:gave|gives)\b|\b(?:will|would|to)\s+(?:also\s+|further\s+|continue\s+to\s+)?"
    r"(?:give|provide|grant|fund|finance|donate|sponsor)\b|"
    r"\b(?:continued?|continues|agreed|agrees|pledged|pledges|committed|decided)\s+to\s+"
    r"(?:financ|fund|sponsor|provid|support)\w*|" + _COMMITS_MONEY, re.I)
# "JICA (...) is supporting", "GIZ, which spent", "AFD continued to finance", "KOICA handed over"
_AGENCY_ACTS = re.compile(r"^\s*(?:\([^)]{1,20}\)\s*)?(?:,\s*(?:which|that)\s+)?(?:is|are|was|were|has|have|had)?\s*"
                          r"(?:also\s+|recently\s+|already\s+)?(?:been\s+)?(?:(?:continue[sd]?|agreed|pledged|committed|"
                          r"decided|plans?|planned|will|would)\s+(?:to\s+)?){0,2}"
                          r"(?:financ\w*|fund\w*|provid\w*|grant\w*|sponsor\w*|donat\w*|spen[dt]\w*|"
                          r"handed|hand(?:s|ing)?\s+over|gave|give[sn]?|support\w*|built|implement\w*|lent|loaned)\b|"
                          r"^\s*(?:\([^)]{1,20}\)\s*)?(?:has|have|had)?\s*(?:also\s+|recently\s+)?" + _COMMITS_MONEY, re.I)


_AID_WORDS = (" aid", "aid ", "donat", "grant", "relief", "sponsor", "fund", "humanitarian", "refundable", "oda",
               "assistance", "provid", "handed", "gift", "implement", "financ", "spen", "support", "built",
               "building", "contribut", "gave", "give", "approved", "committed", "pledged", "allocated", "earmarked",
               "announced")


@needs("NGO", "InternationalOrganization", "Country", "Province", "VietnamLocality", "GovernmentBody", words=_AID_WORDS)
def aid_by_donor(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    cue = AID_CUE.search(view.text)
    if cue is None and view.of_type(*DONORS, "GovernmentBody"):
        cue = _DONOR_ACTS.search(view.text)
    if not cue or view.negated:
        return
    # each donor with the clause it stands in: "X funded A, while Y lent to B" pairs X-A, Y-B
    donors = [(r.entity, r.type, view.clause_of(r)) for r in view.of_type(*DONORS)]
    donors += [(r.entity, r.type, view.clause_of(r)) for r in view.of_type("GovernmentBody")
               if _foreign_agency(ctx, view, r)]
    donors += [(r.entity, r.type, view.clause_of(r)) for r in view.of_type("Country") if _country_donor(view, r)]
    donors += [(country, "Country", None) for country in _government_donors(ctx, view)]
    if not donors:
        return
    single_clause = len(view.clauses()) == 1
    cue_at = view.sentence.start + cue.start()
    money = [m for m in find_money(view.text, view.sentence.start) if m.start >= cue_at]
    amount = money[0] if money else None
    for donor, kind, clause in dict.fromkeys(donors):
        for target in ctx.vn_side(view, within=None if single_clause else clause, fallback=True):
            fact = ctx.fact("aidTo", donor, target, view, f"aid.{kind.lower()}",
                            0.75, date=ctx.date(view),
                            amount=amount.amount if amount else None,
                            currency=amount.currency if amount else None)
            if fact:
                yield fact




_DEMONYM_AID = re.compile(r"\s+(?:official\s+development\s+assistance|ODA|"
                          r"(?:non-refundable\s+|humanitarian\s+)?(?:aid|grants?))\b", re.I)
_GOVERNMENT = re.compile(r"\s+(?:government|embassy|consulate(?:\s+general)?)\s+"
                         r"(?:\w+\s+){0,4}?(?:provided|donated|granted|gave|funded|sponsored|handed|"
                         r"(?:to|will)\s+(?:grant|give|provide|donate|fund|sponsor))\b", re.I)


def _government_donors(ctx: RuleContext, view: SentenceView) -> list[str]:
    """"the Japanese government granted ...", "the Korean embassy donated ...", "Japanese
    official development assistance": the country gives."""
    found = []
    text = view.text
    for _, end, name in demonym_spans(text):
        aid = _DEMONYM_AID.match(text, end)
        if aid or _GOVERNMENT.match(text, end):
            country = ctx.country_named(name)
            if country and not (aid and country.endswith("/vietnam")):
                found.append(country)
    return found


def _foreign_agency(ctx: RuleContext, view: SentenceView, ref) -> bool:
    """A foreign state agency (JICA, KOICA) that finances or funds something itself."""
    country = ctx.entities[ref.entity].country
    return bool(country) and not country.endswith("/vietnam") and \
        bool(_AGENCY_ACTS.match(view.after(ref, 60)))


def _country_donor(view: SentenceView, ref) -> bool:
    """A country donates when it is the grammatical giver, not "X of the United States"."""
    if view.in_parentheses(ref) or re.search(r"\b(?:of|from|in|to)\s+(?:the\s+)?$", view.before(ref, 10)):
        return False
    if ref.entity.endswith("/vietnam"):
        return False
    return bool(re.match(r"^\s*(?:government\s+|has\s+|have\s+)?(?:\w+\s+)?"
                         r"(?:provided|donated|granted|gave|funded|sponsored|handed)", view.after(ref, 40), re.I))


RULES = (aid_by_donor,)
