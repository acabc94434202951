"""investsIn: a corporation (or a country as a whole) invests in a Vietnamese province.

Needs an investment cue in the sentence ("investors", "invested", "registered capital",
"FDI", or "projects" next to an amount of money). The target is the province named in the
sentence, else the article's main province. Each investor gets the amount written after
it and before the next investor ("A - 2,5 billion USD, B - 100 million USD").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.demonyms import demonym_spans
from diplomap.loaders.facts import Fact
from diplomap.loaders.money import find_money
from diplomap.loaders.rule_context import RuleContext, SentenceView, chain_after, needs

INVEST_CUE = re.compile(
    r"\binvest(?:ed|s|ing|or|ors)\b|\b(?:registered|investment|total)\s+capital\b|\bFDI\b|"
    r"\btotal\s+investment\b|\binvestment\s+of\b|\b(?:pour\w*|inject\w*)\s.{0,30}\binto\b|"
    r"\b(?:build|open|set\s+up|expand|establish|run|runs|running|operat\w*)\s+(?:a\s+|its\s+|their\s+|new\s+)?"
    r"(?:\w+\s+)?(?:factory|factories|plant|plants)\b|"
    # "the large manufacturers that have set up in Bac Ninh"
    r"\b(?:have|has|had)\s+set\s+up\s+(?:shop\s+|operations\s+|production\s+)?in\b|"
    r"\b(?:put|puts|pumped|channell?ed)\s+(?:\S+\s+){1,4}into\b|"
    r"\b(?:investment|business)\s+(?:registration\s+)?(?:certificate|licen[cs]e)\b|"
    r"\b(?:rais\w*|increas\w*)\s+(?:its\s+|their\s+|the\s+)?(?:registered\s+)?capital\b|"
    r"\bbr(?:oke|eaks?|eaking)\s+ground\b|\bground-?breaking\b|\bFDI\s+projects?\b", re.I)
_PROJECTS = re.compile(r"\b(?:projects?|plants?|factory|factories|facility|facilities|pledg\w*|"
                       r"commit\w*|expan\w*|disburs\w*|farms?|resorts?|joint\s+venture|complex|"
                       r"licen[cs]ed|(?:is|are|was|were)\s+(?:developing|building|constructing))\b", re.I)
_NOT_INVESTOR_BEFORE = re.compile(
    r"(?:director|ceo|chairman|chairwoman|president|head|leaders?|representatives?|manager)\s+of\s+(?:the\s+)?$"
    r"|visit\w*\s+(?:the\s+)?$", re.I)


# Every INVEST_CUE match contains one of these: a cheap test before the regex.
_INVEST_CUE_WORDS = ("invest", "capital", "fdi", "into", "factor", "plant", "certificate", "licen", "ground",
                     "set up")


def _investment_sentence(view: SentenceView) -> bool:
    if view.has_any(_INVEST_CUE_WORDS) and INVEST_CUE.search(view.text):
        return True
    return bool(find_money(view.text) and _PROJECTS.search(view.text))


def _targets(ctx: RuleContext, view: SentenceView, investor=None, money=None) -> list[str]:
    """Where the money goes: a foreign locality the investment is made "in" (a Vietnamese
    company investing abroad), else the Vietnamese province named, else the main province."""
    if investor is not None:
        money = find_money(view.text, view.sentence.start) if money is None else money
        after = next((m.end for m in money if m.start > investor.end), None)
        abroad = [r.entity for r in view.of_type("ForeignLocality")
                  if after is not None and r.start > after and _IN_PLACE.search(view.before(r, 12))]
        if abroad:
            return abroad[:1]
    return ctx.vn_side(view, fallback=True)


_IN_PLACE = re.compile(r"\b(?:in|into)\s+(?:the\s+)?$")


_COUNTRY_WORDS = ("invest", "fdi", "firms", "companies", "enterprises", "businesses")
_INVEST_WORDS = ("invest", "capital", "fdi", "into", "factor", "plant", "certificate", "licen", "ground", "set up", "$", "usd",
                  "vnd", "dong", "eur", "yen", "won", "yuan", "€", "£", "¥", "₩", "baht", "kip", "riel", "rubles",
                  "roubles", "pounds", "dollar", "rmb", "sgd", "aud", "gbp", "jpy", "krw", "cny", "đồng", "vnđ")


@needs("Corporation", words=_INVEST_WORDS)
def investment_by_corporation(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    if not view.of_type("Corporation") or not _investment_sentence(view) or view.negated:
        return
    investors = [r for r in view.of_type("Corporation")
                 if not _NOT_INVESTOR_BEFORE.search(view.before(r, 40))]
    if not investors:
        return
    money = find_money(view.text, view.sentence.start)
    for i, ref in enumerate(investors):
        limit = investors[i + 1].start if i + 1 < len(investors) else view.sentence.end
        amount = next((m for m in money if ref.end <= m.start < limit and m.start - ref.end < 60), None)
        if amount is None and len(investors) == 1:
            amount = next(iter(money), None)
        for target in _targets(ctx, view, ref, money):
            fact = ctx.fact("investsIn", ref.entity, target, view, "investment.corporation",
                            0.8 if amount else 0.7, date=ctx.date(view),
                            amount=amount.amount if amount else None,
                            currency=amount.currency if amount else None)
            if fact:
                yield fact


_COUNTRY_INVESTOR = re.compile(
    r"^\s*(?:has\s+been|have\s+been|is|was|remains?|remained|became|ranks?|ranked|stood|stands)?\s*"
    r"(?:\w+ly\s+|now\s+|still\s+)?(?:as\s+)?(?:the\s+)?(?:(?:[\w-]+\s+){0,3}?[\w-]+[’']s\s+)?(?:\w+\s+){0,2}"
    r"(?:largest|biggest|leading|top|major|main|\w+est)?\s*(?:foreign\s+)?"
    r"(?:investors?\b|source\s+of\s+(?:\w+\s+){0,3}investment)"
    r"|^\s*(?:has\s+|have\s+)?invest(?:ed|s)\b"
    r"|^\s*(?:now\s+)?ranks?\s+\w+\s+among\s+[^.;]{0,60}?\binvest", re.I)
_BEHIND = re.compile(r"\b(?:behind|after|ahead\s+of|followed\s+by)\s+(?:the\s+)?$", re.I)
_LIST_LEADS = re.compile(r"^\s*(?:leading|topping|led|lead|top|heading)\b|^\s*(?:are|were)\s+(?:the\s+)?"
                         r"(?:\w+\s+)?(?:largest|biggest|leading|top|major|main)\s+(?:foreign\s+)?investors",
                         re.I)
_LED_BY_INVESTORS = re.compile(r"\b(?:led\s+by|mainly|mostly|chiefly)\s+(?:investors|investments?|firms|"
                               r"companies|projects)?\s*(?:from|of)\s+(?:the\s+)?$|"
                               r"\b(?:investors|FDI|investments?|capital)\s+from\s+(?:the\s+)?$", re.I)


def _investing_countries(view: SentenceView) -> list:
    """Countries the sentence names as investors: "Japan is the largest investor",
    "China ranks second among countries investing in ..., behind Japan", "with Korea, Japan
    and Singapore leading the list", "led by investors from Japan, Korea and Singapore"."""
    found = []
    countries = [r for r in view.of_type("Country") if not r.entity.endswith("/vietnam")
                 and not view.in_parentheses(r)]
    for ref in countries:
        if ref in found:
            continue
        if re.search(r"\b(?:of|from|in|to|with|by)\s+(?:the\s+)?$", view.before(ref, 12)) and \
                not _LED_BY_INVESTORS.search(view.before(ref, 40)):
            chain = chain_after(view, ref, ("Country",))
            if _LIST_LEADS.match(view.after(chain[-1], 40)):
                found += chain
            continue
        if _LED_BY_INVESTORS.search(view.before(ref, 40)):
            found += chain_after(view, ref, ("Country",))
            continue
        chain = chain_after(view, ref, ("Country",))
        if _COUNTRY_INVESTOR.match(view.after(chain[-1], 100)) or _LIST_LEADS.match(view.after(chain[-1], 40)):
            found += chain
            for other in countries:
                if other.start > chain[-1].end and _BEHIND.search(view.before(other, 16)):
                    found += chain_after(view, other, ("Country",))
    return list(dict.fromkeys(found))


_INVESTORS_AFTER = re.compile(r"\s+(?:investors|firms|companies|enterprises|businesses|investments|(?:FDI\s+)?projects)\b"
                              r"(?!\s*,?\s*(?:such\s+as|namely|including|like)\b)", re.I)
# "Phu Tho hosts seven Japanese investments", "home to 800 Korean investors", "attracted 30 Thai projects"
_HOSTS_BEFORE = re.compile(r"\b(?:hosts?|hosted|hosting|attract(?:s|ed|ing)?|home\s+to|licensed|including)\s+"
                           r"(?:(?:some|about|around|nearly|over|almost|more\s+than|up\s+to|[\d,.]+|[a-z]+)\s+){0,3}$")
_SUBJECT_BEFORE = re.compile(r"(?:^|[,;]\s+|\b(?:and|while|but)\s+)$", re.I)


def _demonym_investors(ctx: RuleContext, view: SentenceView) -> list[str]:
    """"German firms run 14 projects ...", "American investors are ...": the country invests."""
    found = []
    text = view.text
    for start, end, name in demonym_spans(text):
        if _INVESTORS_AFTER.match(text, end) and (_SUBJECT_BEFORE.search(text[max(0, start - 8):start])
                                                  or _HOSTS_BEFORE.search(text[max(0, start - 60):start])):
            country = ctx.country_named(name)
            if country and not country.endswith("/vietnam"):
                found.append(country)
    return found


@needs("Country", "Province", words=_COUNTRY_WORDS)
def investment_by_country(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Republic of Korea has been the largest investor", "Japan invested ...", "German firms
    run 14 projects in the province"."""
    named = "Country" in view.by_type
    by_demonym = "Corporation" not in view.by_type and view.has_any(_DEMONYM_NOUNS)
    if not (named or by_demonym):
        return
    if not _COUNTRY_INVESTOR_CUE.search(view.text) and not _investment_sentence(view):
        return
    if view.negated:
        return
    countries = [r.entity for r in _investing_countries(view)] if named else []
    if by_demonym and _SUBSTANCE.search(view.text) and not _INTEREST.search(view.text):
        countries += _demonym_investors(ctx, view)
    targets = None
    for country in dict.fromkeys(countries):
        targets = targets if targets is not None else _targets(ctx, view)
        for target in targets:
            fact = ctx.fact("investsIn", country, target, view, "investment.country", 0.7,
                            date=ctx.date(view))
            if fact:
                yield fact


_COUNTRY_INVESTOR_CUE = re.compile(r"invest|FDI", re.I)
_DEMONYM_NOUNS = ("investors", "firms", "companies", "enterprises", "businesses", "investments", "projects")
# Investors that only "showed interest" invest nothing: a demonym needs projects or capital.
_INTEREST = re.compile(r"\b(?:show|showed|shown|express|expressed|voiced)\s+(?:\w+\s+)?interest\b", re.I)
_SUBSTANCE = re.compile(r"\b(?:projects?|capital|invested|FDI|plants?|factor(?:y|ies))\b|\$|\bUSD\b", re.I)
investment_by_country.without_mentions = True  # "German firms run 14 projects in the province"

RULES = (investment_by_corporation, investment_by_country)
