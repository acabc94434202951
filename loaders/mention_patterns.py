"""Names the gazetteer does not know, found from the words around them.

Works on a token list of the document (one regex pass, ``name_tokens``), so each pattern is a
dictionary look-up on a head word followed by a short walk over neighbouring capitalised tokens —
no regex over all names, no per-sentence regex scans.

This module is the dispatch: ``find_pattern_candidates`` runs the head-word patterns of every kind
of name. The patterns live by the kind of name they find:

- ``names_places``: place heads, sites, cued and possessed places;
- ``names_companies``: companies, investor and project lists, agents named by their kind;
- ``names_bodies``: government bodies, diplomatic missions, NGOs, international organisations;
- ``names_events_heritage``: events and heritage items;
- ``names_persons``: persons (second tier, called by the pipeline on its own);
- ``name_tokens``: the tokens and the run walks they all share.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from diplomap.loaders.mentions import Candidate, GazetteerMatcher
from diplomap.loaders.name_tokens import Token
from diplomap.loaders.names_bodies import (
    _BODY_PREFIX_HEADS,
    _BODY_SUFFIX_HEADS,
    _IO_HEADS,
    _MISSION_HEADS,
    _NGO_HEADS,
    _body_prefix,
    _body_suffix,
    _mission,
    _ngo_or_io,
    _unit_administration,
)
from diplomap.loaders.names_companies import (
    _COMPANY_FIRST_WORDS,
    _INVESTOR_NOUNS,
    _company,
    _investment_parentheses,
    _investor_list,
)
from diplomap.loaders.names_events_heritage import (
    _EVENT_HEADS,
    _HERITAGE_SITE_HEADS,
    _YEAR,
    HERITAGE_HEADS,
    _event,
    _event_with_year,
    _heritage,
    _heritage_as,
    _heritage_site,
)
from diplomap.loaders.names_places import _SITE_FIRST_WORDS, PLACE_HEADS, _place, _site


@dataclass
class PatternContext:
    text: str
    tokens: list[Token]
    matcher: GazetteerMatcher
    emit: Callable[..., None]


def find_pattern_candidates(text: str, tokens: list[Token], matcher: GazetteerMatcher) -> list[Candidate]:
    """Tier-1 pattern candidates (places, companies, bodies, NGOs, events, heritage)."""
    out: list[Candidate] = []

    def emit(first: int, last: int, type_: str, rule: str, name: str | None = None,
             priority: int = 1, **extra) -> None:
        start, end = tokens[first].start, tokens[last - 1].end
        surface = text[start:end]
        out.append(Candidate(start, end, surface, type_, name or surface, rule,
                             priority=priority, extra=extra))

    get = _dispatch().get
    # the low forms in one list: a head-word look-up per token is the hot loop here
    for i, low in enumerate([tok[3] for tok in tokens]):
        handlers = get(low)
        if handlers is not None:
            cap = tokens[i].cap
            for handler, needs_cap in handlers:
                if cap or not needs_cap:
                    handler(text, tokens, i, emit)
        elif len(low) == 4 and i > 1 and low[0] in "12" and _YEAR.match(low):
            _event_with_year(text, tokens, i, emit)
    _heritage_as(text, tokens, emit)
    _investment_parentheses(text, tokens, emit)
    return out


@functools.lru_cache(maxsize=1)
def _dispatch() -> dict[str, tuple]:
    """Head word -> the pattern functions it triggers (and whether it must be capitalised):
    one dictionary look-up per token instead of one test per pattern."""
    table: dict[str, list] = {}
    for words, handler, needs_cap in (
            (PLACE_HEADS, _place, False), (_NGO_HEADS | _IO_HEADS, _ngo_or_io, False),
            (_BODY_PREFIX_HEADS, _body_prefix, True), (_BODY_SUFFIX_HEADS, _body_suffix, True),
            (_EVENT_HEADS, _event, True), (HERITAGE_HEADS, _heritage, False),
            (frozenset(_HERITAGE_SITE_HEADS), _heritage_site, False),
            (_INVESTOR_NOUNS, _investor_list, False), (_SITE_FIRST_WORDS, _site, False),
            (_COMPANY_FIRST_WORDS, _company, False), (_MISSION_HEADS, _mission, True),
            (frozenset({"administration"}), _unit_administration, False)):
        for word in words:
            table.setdefault(word, []).append((handler, needs_cap))
    return {word: tuple(handlers) for word, handlers in table.items()}
