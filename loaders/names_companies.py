"""Companies, and agents named by their kind.

- "<Name> Co., Ltd|JSC|Corporation|Group|Inc|company" and foreign legal forms ("X Business Group"
  is an association);
- investor lists ("investors such as A, B and C") and project lists in investment sentences
  ("(A - 2 billion USD, B)");
- apposed agents: "Mekong Lifeline, a non-governmental organisation", "the Korean firm Seonam".
"""

from __future__ import annotations

import bisect
import re

from diplomap.loaders.mentions import Candidate
from diplomap.loaders.name_tokens import (
    COMMON,
    TITLES,
    Token,
    _after_country_code,
    _demonym_only,
    _start_of,
    cap_run_after,
    cap_run_before,
)

_COMPANY_SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("co", ".", ",", "ltd"), ("co", ",", "ltd"), ("co", ".", "ltd"), ("co", "ltd"),
    ("pte", ".", "ltd"), ("pte", "ltd"), ("pty", "ltd"), ("pty", ".", "ltd"), ("sdn", "bhd"), ("gmbh",), ("company", "limited"), ("joint", "stock", "company"), ("jsc",), ("corporation",),
    ("corp",), ("group",), ("inc",), ("llc",), ("ltd",), ("limited",), ("holdings",), ("plc",),
    ("company",), ("co", "."),
    # foreign legal forms: India, Hungary, Czechia/Slovakia, Germany/Switzerland, Romance countries,
    # Benelux, Japan, Malaysia, Indonesia
    ("pvt", ".", "ltd"), ("pvt", "ltd"), ("private", "limited"), ("kft",), ("zrt",), ("nyrt",),
    ("s.r.o",), ("a.s",), ("ag",), ("s.a",), ("s.p.a",), ("s.r.l",), ("s.a.s",), ("sarl",), ("b.v",),
    ("n.v",), ("k.k",), ("bhd",), ("tbk",), ("oyj",), ("a/s",),
    # written without spaces ("Sembcorp Development Pte.Ltd"), and post-Soviet joint-stock forms
    ("pte.ltd",), ("co.ltd",), ("pvt.ltd",), ("sdn.bhd",), ("ojsc",), ("cjsc",), ("pjsc",),
)
_LOWER_OK_SUFFIX = {"group", "company", "corporation", "s.r.o", "a.s", "s.a", "s.p.a", "s.r.l", "s.a.s", "b.v",
                    "n.v", "k.k"}
# Suffixes written with a closing full stop ("Ltd.", "Kft.", "s.r.o.") that belongs to the name.
_DOTTED_SUFFIX = {"ltd", "inc", "corp", "kft", "zrt", "nyrt", "s.r.o", "a.s", "s.a", "s.p.a", "s.r.l", "s.a.s",
                  "b.v", "n.v", "k.k", "bhd", "tbk"}
_COMPANY_FIRST_WORDS = frozenset(suffix[0] for suffix in _COMPANY_SUFFIXES)

_INVESTOR_NOUNS = {"investors", "corporations", "companies", "firms", "enterprises", "groups",
                   "conglomerates", "brands", "businesses", "investor", "partners", "names",
                   "manufacturers", "producers", "giants"}
_LIST_CUES = (("such", "as"), ("namely",), ("including",), ("like",), ("e.g",), ("include",))
_LIST_STOP = {"etc", "ect", "and so on"}


def _company(text, tokens, i, emit):
    for suffix in _COMPANY_SUFFIXES:
        last = i + len(suffix)
        if last > len(tokens) or tokens[i].low != suffix[0]:
            continue
        if tuple(t.low for t in tokens[i:last]) != suffix:
            continue
        if not tokens[i].cap and suffix[0] not in _LOWER_OK_SUFFIX:
            continue
        if last < len(tokens) and tokens[last].text == "." and suffix[-1] in _DOTTED_SUFFIX:
            last += 1
        first = _after_country_code(tokens, cap_run_before(tokens, i, text, limit=5, allow=frozenset({"&"})), i)
        if first == i:
            return
        name_tokens = tokens[first:i]
        if all(t.low in COMMON for t in name_tokens) or _demonym_only(name_tokens):
            return  # "a US company"
        name = text[name_tokens[0].start:name_tokens[-1].end]
        if suffix == ("group",) and tokens[i].cap:
            kind = _association_group(name_tokens)
            if kind:  # "British Business Group", "Mines Advisory Group": not a company
                emit(first, last, kind, "organization.group")
                return
        emit(first, last, "Corporation", "corporation.suffix", name=name)
        return


# "X Group" is an association, not a company, when the word before "Group" says what kind of group
_ASSOCIATION_GROUP_WORDS = frozenset("""business advisory friendship action support research rights aid study
working interest advocacy relief development women's women’s youth veterans volunteers""".split())
_PARLIAMENT_WORDS = frozenset({"parliamentarians", "parliamentary", "parliament", "legislators", "deputies"})


def _association_group(name_tokens) -> str | None:
    last = name_tokens[-1].low
    if last in _PARLIAMENT_WORDS:
        return "GovernmentBody"
    if last in _ASSOCIATION_GROUP_WORDS:
        return "NGO"
    return None


def _investor_list(text, tokens, i, emit):
    j = i + 1
    if j < len(tokens) and tokens[j].text == ",":
        j += 1
    cue = next((c for c in _LIST_CUES if tuple(t.low for t in tokens[j:j + len(c)]) == c), None)
    if cue is None:
        return
    j += len(cue)
    if j < len(tokens) and tokens[j].text == ":":
        j += 1
    demonym = _demonym_before(tokens, i)
    while j < len(tokens):
        if tokens[j].low in _LIST_STOP or not tokens[j].cap:
            break
        end = cap_run_after(tokens, j, text, limit=5, allow=frozenset({"&"}))
        if end == j:
            break
        emit(j, end, "Corporation", "corporation.investor-list", demonym=demonym)
        j = end
        if j < len(tokens) and tokens[j].text == "(":
            while j < len(tokens) and tokens[j].text != ")":
                j += 1
            j += 1
        if j < len(tokens) and tokens[j].text in {",", ";"}:
            j += 1
        if j < len(tokens) and tokens[j].low == "and":
            j += 1
        elif j < len(tokens) and not tokens[j].cap:
            break


def _demonym_before(tokens, i):
    from diplomap.loaders.demonyms import DEMONYMS

    for back in (1, 2):
        if i - back >= 0 and tokens[i - back].low in DEMONYMS:
            return DEMONYMS[tokens[i - back].low]
    return None


_INVEST_CUE = re.compile(r"invest|capital|project|fdi", re.I)


def _investment_parentheses(text, tokens, emit):
    """(A - 2,5 billion USD, B, producers - 100 million USD, C - 6,5 billion USD) in an
    investment sentence: A, B and C are investors."""
    from diplomap.loaders.money import MONEY

    n = len(tokens)
    brackets = []
    at = text.find("(")
    while at != -1:
        brackets.append(at)
        at = text.find("(", at + 1)
    if not brackets:
        return
    i = 0
    while i < n:
        if tokens[i].text != "(":
            # jump to the next bracket instead of walking every token
            k = bisect.bisect_left(brackets, tokens[i].start)
            if k >= len(brackets):
                return
            i = bisect.bisect_left(tokens, brackets[k], lo=i, key=_start_of)
            if i >= n or tokens[i].text != "(":
                i += 1
            continue
        close = i + 1
        while close < n and tokens[close].text not in {")", "("} and close - i < 80:
            close += 1
        if close >= n or tokens[close].text != ")":
            i = close
            continue
        inner = text[tokens[i].end:tokens[close].start]
        before = text[max(0, tokens[i].start - 200):tokens[i].start]
        if MONEY.search(inner) and _INVEST_CUE.search(before + inner):
            j = i + 1
            while j < close:
                if tokens[j].cap and tokens[j].word and (j == i + 1 or tokens[j - 1].text == ","):
                    end = cap_run_after(tokens, j, text, limit=4)
                    end = min(end, close)
                    if end < close and tokens[end].text in {"-", "–", ","} and \
                            not all(t.low in COMMON for t in tokens[j:end]):
                        emit(j, end, "Corporation", "corporation.project-list")
                    j = end
                j += 1
        i = close + 1


_AGENT_APPOSITION = re.compile(
    r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:(?P<ngo>non-governmental\s+organi[sz]ation|NGO|non-profit\s+organi[sz]ation|"
    r"charity|charitable\s+(?:foundation|organi[sz]ation))|(?P<firm>firm|company|conglomerate|corporation|manufacturer|"
    r"maker|producer|developer|investor|enterprise|retailer))\b")
# "the Korean firm Seonam Precision", "Thai conglomerate SCG", "the Dutch NGO SNV": a kind, then the name
_KIND_BEFORE_NAME = re.compile(
    r"\b(?:(?:the|a|an)\s+)?(?-i:[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:(?P<firm>firm|company|conglomerate|corporation|group|"
    r"manufacturer|maker|producer|developer|investor|giant|retailer)|(?P<ngo>NGO|non-governmental\s+organi[sz]ation|"
    r"charity|foundation))\s+(?=[A-Z])")


def find_apposed_agents(text: str, tokens: list[Token]) -> list[Candidate]:
    """"Mekong Lifeline, a non-governmental organisation based in Belgium": the capitalised
    name before the apposition is an NGO."""
    out = []
    for match in _AGENT_APPOSITION.finditer(text):
        i = bisect.bisect_left(tokens, match.start(), key=_start_of)  # the comma
        if i >= len(tokens) or tokens[i].start != match.start() or i == 0:
            continue
        first = cap_run_before(tokens, i, text, limit=5, allow=frozenset({"for", "of", "&"}))
        if first == i or all(t.low in COMMON for t in tokens[first:i]):
            continue
        name = text[tokens[first].start:tokens[i - 1].end]
        kind = "NGO" if match.group("ngo") else "Corporation"
        if kind == "Corporation" and not _demonym_in(match.group(0)):
            continue  # ", a company that ...": only "a Korean firm" says the name is a company's
        out.append(Candidate(tokens[first].start, tokens[i - 1].end, name, kind, name,
                             "organization.apposition", priority=1))
    for match in _KIND_BEFORE_NAME.finditer(text):
        if not _demonym_in(match.group(0)):
            continue
        i = bisect.bisect_left(tokens, match.end(), key=_start_of)
        if i >= len(tokens) or tokens[i].start != match.end():
            continue
        end = cap_run_after(tokens, i, text, limit=4)
        if end == i or all(t.low in COMMON for t in tokens[i:end]) or tokens[i].low in TITLES:
            continue
        name = text[tokens[i].start:tokens[end - 1].end]
        out.append(Candidate(tokens[i].start, tokens[end - 1].end, name,
                             "NGO" if match.group("ngo") else "Corporation", name, "organization.kind-before",
                             priority=1))
    return out


def _demonym_in(phrase: str) -> bool:
    from diplomap.loaders.demonyms import DEMONYMS

    return any(word.lower().strip(",") in DEMONYMS for word in phrase.split())
