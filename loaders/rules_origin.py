"""basedIn: the home country of a corporation or NGO, when the text gives it.

"Samsung (Republic of Korea)", "South Korea's Hyosung", "US-based X", "X of the United States",
"X from Japan", "Korean investors, namely A, B" / "a Japanese firm, X".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplomap.loaders.demonyms import DEMONYMS, demonym_spans
from diplomap.loaders.facts import Fact
from diplomap.loaders.rule_context import RuleContext, SentenceView, needs

AGENTS = ("Corporation", "NGO")
_CHAIN_GAP = re.compile(r"\s*(?:\([^)]*\))?\s*(?:,|and|&)?\s*(?:\([^)]*\))?\s*")


_AGENT_WORDS = ("investor", "firm", "compan", "group", "corporation", "enterprise", "business", "conglomerate",
                 "giant", "manufacturer", "maker", "producer", "developer", "bank", "retailer", "operator", "ngo",
                 "organi", "charit", "foundation", "association")


@needs("Corporation", "NGO", words=("(",))
def based_in_by_brackets(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Samsung (Republic of Korea)"."""
    for agent in view.of_type(*AGENTS):
        for country in view.of_type("Country"):
            if re.fullmatch(r"\s*\(\s*", view.between(agent, country)):
                fact = ctx.fact("basedIn", agent.entity, country.entity, view, "origin.brackets", 0.85)
                if fact:
                    yield fact


# "the US Golden West Humanitarian Foundation": a country code right before the name
_COUNTRY_CODE = re.compile(r"U\.?S\.?|U\.?K\.?|RoK|ROK")


@needs("Corporation", "NGO", words=("'", "’", "-based", "-invested", "-owned", "-funded", "us ", "uk ", "rok "))
def based_in_by_possessive(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"South Korea's Hyosung", "US-based Amkor", "Japanese-invested X"."""
    for country in view.of_type("Country"):
        for agent in view.of_type(*AGENTS):
            gap = view.between(country, agent)
            if agent.start > country.end and (re.fullmatch(
                    r"[’']s\s+(?:\w+\s+){0,2}|-(?:based|invested|owned|funded)\s+(?:\w+\s+){0,2}", gap)
                    or gap == " " and _COUNTRY_CODE.fullmatch(country.text)):
                fact = ctx.fact("basedIn", agent.entity, country.entity, view, "origin.possessive", 0.85)
                if fact:
                    yield fact


@needs("Country", words=(" of ", " from "))
def based_in_by_of_country(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"X and Y of the United States", "X from Japan": every agent chained before it."""
    for country in view.of_type("Country"):
        before = view.before(country, 12)
        if not re.search(r"\b(?:of|from)\s+(?:the\s+)?$", before):
            continue
        agents = [r for r in view.refs if r.end <= country.start]
        chain = []
        cursor = country.start - len(re.search(r"\b(?:of|from)\s+(?:the\s+)?$", before).group())
        for ref in reversed(agents):
            if view.in_parentheses(ref):
                continue  # "(WWO)" after the full name
            gap = re.sub(r"\([^()]*\)|^[^()]*\)", "", view.between(ref, cursor))
            if ref.type in AGENTS and _CHAIN_GAP.fullmatch(gap):
                chain.append(ref)
                cursor = ref.start
            elif ref.type not in AGENTS and view.in_parentheses(ref):
                continue
            else:
                break
        for agent in chain:
            fact = ctx.fact("basedIn", agent.entity, country.entity, view, "origin.of-country", 0.8)
            if fact:
                yield fact


_AGENT_NOUN = r"(?:investors?|firms?|compan(?:y|ies)|groups?|corporations?|enterprises?|businesses|" \
              r"conglomerates?|giants?|manufacturers?|makers?|producers?|developers?|banks?|" \
              r"retailers?|operators?|NGOs?|non-governmental\s+organi[sz]ations?|organi[sz]ations?|" \
              r"charit(?:y|ies)|foundations?|associations?)"


_DEMONYM_CUE = re.compile(rf"(?:-invested|-owned)?\s+(?:\w+\s+)?{_AGENT_NOUN}\s*,?\s*"
                          r"(?:such\s+as|namely|including|like|e\.g\.,?)?\s*:?\s*")


@needs("Corporation", "NGO", words=_AGENT_WORDS)
def based_in_by_demonym(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Korean investors, namely Hyosung, Hanwha Techwin" / "the Japanese firm Aeon"."""
    if not view.of_type(*AGENTS):
        return
    for _, end, name in demonym_spans(view.text):
        cue = _DEMONYM_CUE.match(view.text, end)
        if not cue:
            continue
        country = ctx.country_named(name)
        if country is None:
            continue
        start = view.sentence.start + cue.end()
        agents = [r for r in view.refs if r.start >= start and r.type in AGENTS]
        cursor = start
        for agent in agents:
            if not _CHAIN_GAP.fullmatch(view.between(cursor, agent)) and cursor != agent.start:
                break
            fact = ctx.fact("basedIn", agent.entity, country, view, "origin.demonym", 0.75)
            if fact:
                yield fact
            cursor = agent.end


@needs("Corporation", "NGO", words=(", a", ", the"))
def based_in_by_apposition(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Korea Hope Sharing Association, a South Korean non-governmental organisation"."""
    for agent in view.of_type(*AGENTS):
        match = _APPOSITION.match(view.after(agent, 80))
        if not match:
            continue
        country = ctx.country_named(DEMONYMS[match.group(1).lower()])
        if country:
            fact = ctx.fact("basedIn", agent.entity, country, view, "origin.apposition", 0.75)
            if fact:
                yield fact


_BASED_IN = re.compile(r"^\s*(?:\([^)]*\)\s*)?,\s*(?:a|an)\s+[^,;()]{0,60}?\b(?:based|headquartered)\s+in\s+"
                       r"(?:the\s+)?$", re.I)


# "Save the Children, a UK-based NGO": the country inside the apposition, before "-based"
_HYPHEN_APPOSITION = re.compile(r"^\s*(?:\([^)]*\)\s*)?,\s*(?:a|an|the)\s+(?:\w+\s+)?$", re.I)


def _hyphen_based(view: SentenceView, agent, country) -> bool:
    return bool(_HYPHEN_APPOSITION.match(view.between(agent, country))
                and re.match(r"-(?:based|headquartered)\b", view.after(country, 20)))


@needs("Corporation", "NGO", words=("based in", "headquartered in", "-based", "-headquartered"))
def based_in_by_based_in(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    """"Mekong Lifeline, a non-governmental organisation based in Belgium", "X, a UK-based NGO"."""
    for agent in view.of_type(*AGENTS):
        for country in view.of_type("Country"):
            if country.start > agent.end and (_BASED_IN.match(view.between(agent, country))
                                              or _hyphen_based(view, agent, country)):
                fact = ctx.fact("basedIn", agent.entity, country.entity, view, "origin.based-in", 0.8)
                if fact:
                    yield fact


# "Fukuroi-based Enshu Seimitsu", "St Petersburg-based software firm X", "X, headquartered in Seoul's
# Gangnam district": a company's home town gives its country, the contract's basedIn
_TOWN_BASED_BEFORE = re.compile(r"-(?:based|headquartered)\s+(?:[a-z][\w-]*\s+){0,4}")
_TOWN_BASED_AFTER = re.compile(r"\s*(?:\([^)]*\)\s*)?,\s*(?:(?:a|an)\s+[^,;()]{0,60}?\s)?(?:based|headquartered)\s+in\s+"
                               r"(?:the\s+)?", re.I)


@needs("Corporation", "NGO", words=("-based", "based in", "-headquartered", "headquartered in"))
def based_in_by_home_town(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    for place in view.of_type("ForeignLocality"):
        entity = ctx.entities.get(place.entity)
        country = entity.country if entity is not None else None
        if not country:
            continue
        for agent in view.of_type(*AGENTS):
            if (agent.start >= place.end and _TOWN_BASED_BEFORE.fullmatch(view.between(place, agent))) or (
                    place.start >= agent.end and _TOWN_BASED_AFTER.fullmatch(view.between(agent, place))):
                fact = ctx.fact("basedIn", agent.entity, country, view, "origin.home-town", 0.8)
                if fact:
                    yield fact


_APPOSITION = re.compile(r"\s*(?:\([^)]*\)\s*)?,\s*(?:a|an|the)\s+(?:\w+\s+){0,2}?("
                         + "|".join(re.escape(d) for d in sorted(DEMONYMS, key=len, reverse=True))
                         + r")(?:-owned|-invested|-based)?\s+(?:\w+\s+){0,2}?" + _AGENT_NOUN + r"\b", re.I)

# "World Vision International and the Worldwide Orphans Foundation, both from the United States"
_ALL_FROM = re.compile(r"\s*,\s*(?:both|all|each)\s+(?:from|of|based\s+in|headquartered\s+in)\s+(?:the\s+)?")
_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


@needs("Corporation", "NGO", words=("both from", "all from", "both of", "both based", "all based", "each from"))
def based_in_by_shared_origin(ctx: RuleContext, view: SentenceView) -> Iterator[Fact]:
    agents = view.of_type(*AGENTS)
    for country in view.of_type("Country"):
        before = [a for a in agents if a.end <= country.start]
        if not before or not _ALL_FROM.fullmatch(view.between(before[-1], country)):
            continue
        listed = [before[-1]]
        for agent in reversed(before[:-1]):
            if not _LISTED.fullmatch(view.between(agent, listed[-1])):
                break
            listed.append(agent)
        for agent in listed if len(listed) > 1 else ():
            fact = ctx.fact("basedIn", agent.entity, country.entity, view, "origin.shared", 0.8)
            if fact:
                yield fact


RULES = (based_in_by_shared_origin, based_in_by_based_in, based_in_by_home_town, based_in_by_apposition, based_in_by_brackets, based_in_by_possessive, based_in_by_of_country, based_in_by_demonym)
