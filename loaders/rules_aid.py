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


# "He suggested the ministry encourage organisations to finance ...": asked for, not given
_REQUESTED = re.compile(r"\b(?:suggest(?:s|ed)?|request(?:s|ed)?|ask(?:s|ed)?|urg(?:es|ed)|call(?:s|ed)\s+on|"
                        r"encourag(?:e|es|ed)|propos(?:es|ed)|appeal(?:s|ed)\s+to|hop(?:es|ed)|wish(?:es|ed)?)\b", re.I)


@needs("NGO", "InternationalOrganization", "Country", "Province", "VietnamLocality", "GovernmentBody", words=_AID_WORDS)
def aid_by_donor(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    cue = AID_CUE.search(view.text)
    if cue is None and view.of_type(*DONORS, "GovernmentBody"):
        cue = _DONOR_ACTS.search(view.text)
    if not cue or view.negated or _REQUESTED.search(view.text[:cue.start()]):
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


# Partner localities help each other: "Thai Binh will give 5 billion VND for the Lao province to build a
# school", "has granted ten scholarships every year to students from Savannakhet", "thanked Kon Tum for
# helping Ratanakiri's border communes with rice".
_LOCAL_GIVING = re.compile(
    r"\b(?:give[sn]?|gave|grant(?:s|ed|ing)?|offer(?:s|ed|ing)?|provid(?:e|es|ed|ing)|donat(?:e|es|ed|ing)|"
    r"spen[dt]s?|spending|help(?:s|ed|ing)?|assist(?:s|ed|ing)?|fund(?:s|ed|ing)?|financ(?:e|es|ed|ing)|"
    r"present(?:s|ed)?|hand(?:s|ed)?\s+over)\b", re.I)
_AID_THINGS = re.compile(r"\b(?:scholarships?|billion|million|VND|USD|dong|aid|assistance|rice|medicines?|"
                         r"equipment|gifts?|schools?|clinics?|houses?|hospitals?|funds?|funding|relief|vaccines?)\b",
                         re.I)
_THANKED = re.compile(r"\bthank(?:s|ed|ing)?\s+(?:the\s+)?$", re.I)
_IT_OPENS = re.compile(r"^\s*(?:[\w ]{0,20},\s*)?(?:it|the\s+province|the\s+locality|the\s+city)\b", re.I)
_PARTNER_ANAPHOR = re.compile(r"\b(?:the|its)\s+(?:[A-Z][a-z]+\s+)(?:province|locality|partner)\b|"
                              r"\bthe\s+partner\s+(?:province|locality)\b")
_LOCAL_AID_WORDS = ("give", "gave", "grant", "offer", "provid", "donat", "spen", "help", "assist", "fund",
                    "financ", "present", "hand")


@needs("Province", "ForeignLocality", words=_LOCAL_AID_WORDS)
def aid_between_localities(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """A Vietnamese province and a foreign locality giving each other money, scholarships or goods."""
    if not _AID_THINGS.search(view.text) or view.negated:
        return
    places = view.of_type("Province", "ForeignLocality")
    for verb in _LOCAL_GIVING.finditer(view.text):
        at = view.sentence.start + verb.start()
        if _NOT_GIVEN.search(view.text[max(0, verb.start() - 25):verb.start()]):
            continue
        giver = _giver(ctx, view, places, at)
        if giver is None:
            continue
        foreign_giver = ctx.entities[giver].type == "ForeignLocality"
        wanted = "Province" if foreign_giver else "ForeignLocality"
        receiver = next((r.entity for r in places if r.start > at and r.type == wanted), None)
        if receiver is None and not foreign_giver and _PARTNER_ANAPHOR.search(view.text, verb.end()):
            receiver = _last_foreign_locality(ctx, view)
        if receiver is None:
            continue
        amount = next((m for m in find_money(view.text, view.sentence.start) if m.start >= at), None)
        fact = ctx.fact("aidTo", giver, receiver, view, "aid.between-localities", 0.65, date=ctx.date(view),
                        amount=amount.amount if amount else None, currency=amount.currency if amount else None)
        if fact:
            yield fact


_WHERE_FROM = re.compile(r"\b(?:based\s+in|from|of|in)\s+(?:the\s+)?$", re.I)  # an NGO "based in Seoul"
_NOT_GIVEN = re.compile(r"\b(?:asked|urged|called\s+on|requested|proposed|hoped|wants?|wished)\b[^.;]*$", re.I)


def _giver(ctx: RuleContext, view: SentenceView, places, at: int) -> str | None:
    """The place before the verb in its clause, the one "thanked ... for" names, or "It"/"the province"."""
    clause = next(((s, e) for s, e in view.clauses() if s <= at < e), (view.sentence.start, view.sentence.end))
    before = [r for r in places if clause[0] <= r.start and r.end <= at]
    thanked = [r for r in before if _THANKED.search(view.before(r, 20))]
    if thanked:
        return thanked[-1].entity
    if before and not view.in_parentheses(before[-1]) and not re.match(r"[’']s\b", view.after(before[-1], 3)) \
            and not _WHERE_FROM.search(view.before(before[-1], 20)):
        return before[-1].entity
    if not before and ctx.main_province and _IT_OPENS.match(view.text[view.local(clause[0]):view.local(at)]):
        return ctx.main_province
    return None


def _last_foreign_locality(ctx: RuleContext, view: SentenceView) -> str | None:
    best, best_at = None, -1
    for key, entity in ctx.entities.items():
        if entity.type != "ForeignLocality":
            continue
        for mention in entity.mentions:
            if best_at < mention.start < view.sentence.start:
                best, best_at = key, mention.start
    return best


RULES = (aid_by_donor, aid_between_localities)
