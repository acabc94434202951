"""Names the gazetteer does not know, found from the words around them.

Works on a token list of the document (one regex pass), so each pattern is a dictionary
look-up on a head word followed by a short walk over neighbouring capitalised tokens —
no regex over all names, no per-sentence regex scans.

- places: "<Name> province|prefecture|county|district|state|oblast|city|ward|commune",
  "<Name> Industrial Zone|Border Gate|International Airport|Park";
- companies: "<Name> Co., Ltd|JSC|Corporation|Group|Inc|company", investor lists
  ("investors such as A, B and C"), project lists in investment sentences ("(A - 2 billion USD, B)");
- bodies: "Ministry|Department|Commission|Center of/for …", "<…> People's Committee",
  "<…> Party Committee", "National Assembly"; NGOs: "<…> Foundation|Association|International";
  international organisations: "<…> Organization (of …)";
- events: "13th Party Congress", "31st Southeast Asian Games", "<…> Forum 2022";
- heritage: "<Name> (folk|traditional|court) singing|painting|ritual|music…", "<X> as the
  Representative … Heritage";
- persons: "Mr./Mrs./Ms. <Name>", Vietnamese 2–4-part names, names after titles and posts.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from diplomap.loaders.demonyms import DEMONYMS
from diplomap.loaders.mentions import Candidate, GazetteerMatcher
from diplomap.loaders.text import fold

_TOKEN = re.compile(r"\w+(?:[’'.&-]\w+)*|[^\w\s]")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # folded
    cap: bool  # starts with a capital ("Bac", "UNESCO"), or a digit inside a capitalised code ("3M")
    word: bool

    @property
    def possessive(self) -> bool:
        return self.low.endswith(("'s", "’s")) and self.low not in _NOT_POSSESSIVE


_NOT_POSSESSIVE = {"people's", "people’s", "women's", "children's", "workers'", "farmers'"}


def tokenize(text: str, start: int = 0, end: int | None = None, folded: str | None = None) -> list[Token]:
    folded = fold(text) if folded is None else folded
    end = len(text) if end is None else end
    tokens = []
    append = tokens.append
    new = tuple.__new__  # Token._make without its length check: tokenizing is the hot loop
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.span()
        word = m.group()
        first = word[0]
        cap = first.isupper() or (first.isdigit() and not word.isdigit() and any(c.isupper() for c in word))
        append(new(Token, (a, b, word, folded[a:b], cap, first.isalnum())))
    return tokens


# Capitalised words that start sentences or name kinds of things, never a proper name alone.
COMMON = frozenset("""
the a an in on at of for by with from to and or but as besides however meanwhile also this that
these those its his her their our according last next both each every many most some several all
under over after before during since along especially particularly moreover furthermore currently
recently previously earlier later today yesterday other such new old capital northern southern
eastern western central north south east west key economic provincial national local foreign
international regional district city province state region red river delta mekong highlands
coastal mountainous border home neighbouring neighboring chinese japanese korean lao laotian
thai cambodian american french german russian indian australian british vietnamese singaporean
taiwanese european asian african global world first second third one two three four five
industrial zone zones park parks group company companies corporation team authorities
department ministry committee council center centre office agency provincial municipal
photo source note related read more see vna vnanet here there where when what which who why how
it he she we they you i my your if then than so not no yes do does did is are was were be been
chairman chairwoman director secretary deputy vice minister governor mayor president ambassador
mr mrs ms dr prof general head chief member ceo consul leader leaders delegation
smart digital green high hi-tech hi tech project projects programme program plan planning
""".split())

# Words that start a sentence or a phrase before a name; stripped from the front of a run.
_STOP_START = frozenset("""
the a an in on at of for by with from to and or but as besides however meanwhile also this that
these those its his her their our according last next both each every many most some several all
under over after before during since along especially particularly moreover furthermore currently
recently previously earlier later today yesterday other such photo source note related read more
see here there where when what which who why how it he she we they you i your if then than so
not no yes do does did is are was were be been mr mrs ms dr prof
""".split())


def _adjacent(a: Token, b: Token, text: str) -> bool:
    """b follows a separated by at most one space (names do not span line breaks)."""
    gap = text[a.end:b.start]
    return gap in ("", " ", "\u00a0")


def cap_run_before(tokens: list[Token], i: int, text: str, limit: int = 4,
                   allow: frozenset[str] = frozenset()) -> int:
    """Index of the first token of the capitalised run ending just before ``tokens[i]``."""
    k = i
    while k > 0 and i - k < limit:
        prev = tokens[k - 1]
        if not prev.word or not _adjacent(prev, tokens[k], text):
            break
        if prev.possessive or _compound_adjective(prev):
            break
        if not (prev.cap or prev.low in allow):
            break
        k -= 1
    while k < i and (tokens[k].low in _STOP_START or tokens[k].low in allow):
        k += 1
    return k


def cap_run_after(tokens: list[Token], i: int, text: str, limit: int = 4,
                  allow: frozenset[str] = frozenset()) -> int:
    """Index one past the capitalised run starting at ``tokens[i]``."""
    k = i
    while k < len(tokens) and k - i < limit:
        tok = tokens[k]
        if not tok.word or (k > i and not _adjacent(tokens[k - 1], tok, text)):
            break
        if not (tok.cap or (tok.low in allow and k > i)):
            break
        k += 1
        if tok.possessive:
            break
    while k > i and tokens[k - 1].low in allow:
        k -= 1
    return k


# --- Vietnamese names -------------------------------------------------------------------

_VN_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})(ng|nh|ch|[cmnpt]|[iyou])?$")
VN_SURNAMES = frozenset("""
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao dinh mai trinh truong
lam luong ha cao ta chu lai quach kieu vuong doan luu trieu lo nong ton tang diep khuc than
la van thach tong hua cu mac dam lieu giap lu kim au an bach khong nghiem phung quan
ma chau ung tieu khuat
""".split())


# Surnames that are also English words ("To Thi Ngoc Lan"): a name only with two more syllables
WORD_SURNAMES = frozenset({"to"})


_ENGLISH_IN_NAMES = frozenset({"ancient", "old", "new", "great", "upper", "lower", "inner",
                               "outer", "international", "industrial", "economic"})


def vietnamese_syllables(tokens: list[Token]) -> bool:
    """Is every word of the name one Vietnamese syllable (English qualifiers aside)?"""
    words = [t for t in tokens if t.low not in _ENGLISH_IN_NAMES]
    return bool(words) and all(_VN_SYLLABLE.match(t.low) for t in words)


# --- heads --------------------------------------------------------------------------------

_FIRST_LEVEL = {"province", "prefecture", "oblast", "state", "county", "governorate", "krai",
                "region", "canton", "provinces"}
_LOCAL = {"district", "city", "ward", "commune", "town", "township", "municipality", "districts",
          "communes", "wards"}
PLACE_HEADS = _FIRST_LEVEL | _LOCAL
_ALWAYS_FOREIGN = {"prefecture", "oblast", "state", "county", "governorate", "krai", "canton",
                   "township", "municipality", "region"}
# Capitalised heads of Vietnamese sites (industrial zones, border gates, airports, parks).
_SITE_HEADS = {("industrial", "zone"), ("industrial", "zones"), ("industrial", "park"),
               ("industrial", "parks"), ("industrial", "cluster"), ("economic", "zone"),
               ("border", "gate"), ("international", "airport"), ("airport",), ("seaport",),
               ("port",), ("park",), ("hi-tech", "park"), ("high-tech", "park"), ("bay",)}
_SITE_FIRST_WORDS = frozenset(heads[0] for heads in _SITE_HEADS)

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

_BODY_PREFIX_HEADS = {"ministry", "department", "commission", "committee", "center", "centre",
                      "agency", "office", "bureau", "board", "authority", "institute"}
# "Center of Operations and ..." names a facility; these heads name a body only with "for".
_FOR_ONLY_HEADS = {"center", "centre", "office", "board", "institute"}
_BODY_SUFFIX_HEADS = {"committee", "council", "assembly", "front", "department", "office",
                      "police", "court", "procuracy", "union", "center", "centre", "government"}
_BODY_MARKERS = {"people's", "people’s", "people", "party", "national", "provincial", "central",
                 "municipal", "fatherland", "executive", "standing", "city", "district", "public",
                 "administration", "administrative", "regional", "prefectural", "metropolitan",
                 "county", "state", "federal", "local"}
_NGO_HEADS = {"foundation", "association", "society", "trust", "charity", "federation",
              "fund", "alliance", "mission", "international", "network", "ngo", "aid", "chamber"}
_IO_HEADS = {"organization", "organisation"}
_EVENT_HEADS = {"congress", "conference", "meeting", "games", "summit", "forum", "festival",
                "expo", "fair", "exhibition", "championship", "championships", "olympics",
                "session", "week", "plenum", "dialogue", "convention", "contest"}
_EVENT_WORDS = _EVENT_HEADS | {"programme", "program", "cooperation", "development", "day",
                               "show", "cup", "award", "awards", "year"}
_ORDINAL = re.compile(r"^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
                      r"ninth|tenth)$")
_YEAR = re.compile(r"^(19|20)\d\d$")
HERITAGE_HEADS = {"singing", "song", "songs", "painting", "paintings", "craft", "ritual",
                  "rituals", "opera", "puppetry", "music", "dance", "chanting", "worship",
                  "theatre", "theater", "pottery", "weaving"}
HERITAGE_MODIFIERS = {"folk", "traditional", "court", "royal", "water", "village", "woodblock",
                      "ceremonial", "ancient", "art", "of", "and", "the", "singing", "painting",
                      "song", "songs", "dance", "music", "ritual", "rituals", "game", "games",
                      "festival", "craft", "performance", "practice", "practices", "worship"}
# Heritage sites by their head and the word that makes the head a site ("Biosphere Reserve",
# "Landscape Complex", "ancient town", "Memorial Site"); None: the head alone is enough ("Geopark").
_HERITAGE_SITE_HEADS: dict[str, frozenset[str] | None] = {
    "reserve": frozenset({"biosphere"}), "geopark": None, "sanctuary": None,
    "complex": frozenset({"landscape", "monuments", "relic", "heritage", "temple"}),
    "town": frozenset({"ancient"}), "port": frozenset({"ancient"}),
    "site": frozenset({"memorial", "relic", "heritage", "historical", "historic", "archaeological"}),
}
# Words that may stand between a site's name and its head ("Karst Plateau UNESCO Global Geopark").
_HERITAGE_SITE_FILLERS = frozenset({"world", "unesco", "global", "national", "special", "cultural", "natural",
                                    "trade", "and"})
_HERITAGE_AS = re.compile(
    r"\s+(?:as\s+(?:the\s+|a\s+|an\s+)?(?:representative|intangible|world|national|masterpiece|"
    r"cultural|elements?\s+of)|(?:is|are|was|were|has\s+been|have\s+been)\s+"
    r"(?:recogni[sz]ed|inscribed|listed|honou?red)\b)", re.I)
TITLES = frozenset("""
chairman chairwoman chair director secretary member head minister governor mayor president
ambassador consul ceo chief deputy vice leader representative manager chancellor premier
""".split())
_HONORIFICS = {"mr", "mrs", "ms", "miss", "madam", "mme", "dr", "prof", "mr.", "mrs.", "ms.",
               "dr.", "prof.", "sir"}
_HONORIFIC_WORDS = frozenset(h.rstrip(".") for h in _HONORIFICS)
_INVESTOR_NOUNS = {"investors", "corporations", "companies", "firms", "enterprises", "groups",
                   "conglomerates", "brands", "businesses", "investor", "partners", "names",
                   "manufacturers", "producers", "giants"}
_LIST_CUES = (("such", "as"), ("namely",), ("including",), ("like",), ("e.g",), ("include",))
_LIST_STOP = {"etc", "ect", "and so on"}


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
            (_COMPANY_FIRST_WORDS, _company, False), (_MISSION_HEADS, _mission, True)):
        for word in words:
            table.setdefault(word, []).append((handler, needs_cap))
    return {word: tuple(handlers) for word, handlers in table.items()}


def _place(text, tokens, i, emit):
    head = tokens[i]
    first = cap_run_before(tokens, i, text)
    if first == i:
        return
    name_tokens = tokens[first:i]
    if all(t.low in COMMON for t in name_tokens) or any(_compound_adjective(t) for t in name_tokens):
        return
    if _demonym_only(name_tokens):
        return  # "the US state of Iowa", "a Korean province": a country, not a name
    if first > 0 and tokens[first - 1].low in {"a", "an", "another", "any", "each", "every"}:
        return
    name = text[name_tokens[0].start:name_tokens[-1].end]
    kind = head.low[:-1] if head.low in _PLURAL_HEADS else head.low
    items = [(first, i)]
    if head.low in _PLURAL_HEADS:
        items += _list_items_before(tokens, first, text)
    # one list, one country: "Ngoc Hoi, Sa Thay and Ia H'Drai districts" are all Vietnamese
    vietnamese = any(vietnamese_syllables(tokens[a:b]) for a, b in items)
    emit(first, i + 1, "Place", f"place.{kind}", name=name, head=kind, vietnamese=vietnamese)
    for a, b in items[1:]:
        emit(a, b, "Place", f"place.{kind}", name=text[tokens[a].start:tokens[b - 1].end], head=kind,
             vietnamese=vietnamese)


def _list_items_before(tokens, first: int, text: str) -> list[tuple[int, int]]:
    """"Tam Nong, Thanh Binh and Hong Ngu districts": the names listed before the last one, which
    share its plural head (token ranges, nearest first)."""
    items = []
    k = first
    while k >= 2:
        gap_end = k
        if tokens[k - 1].low in {"and", "&"}:
            k -= 1
            if k >= 1 and tokens[k - 1].text == ",":
                k -= 1
        elif tokens[k - 1].text == ",":
            k -= 1
        else:
            break
        if k == gap_end or k == 0:
            break
        start = cap_run_before(tokens, k, text)
        if start == k or all(t.low in COMMON for t in tokens[start:k]):
            break
        items.append((start, k))
        k = start
    return items


_PLURAL_HEADS = {"provinces", "districts", "communes", "wards"}


_ADJECTIVE_ENDINGS = ("ed", "run", "level", "based", "class", "scale", "type", "style", "owned")


def _demonym_only(name_tokens: list[Token]) -> bool:
    from diplomap.loaders.demonyms import DEMONYMS

    return " ".join(t.low for t in name_tokens) in DEMONYMS


def _compound_adjective(tok: Token) -> bool:
    """"Centrally-managed", "centrally-run": a hyphenated adjective, not a name."""
    if "-" not in tok.low:
        return False
    return tok.low.rsplit("-", 1)[1].endswith(_ADJECTIVE_ENDINGS)


def _site(text, tokens, i, emit):
    for heads in _SITE_HEADS:
        last = i + len(heads)
        if last > len(tokens):
            continue
        window = tokens[i:last]
        if tuple(t.low for t in window) != heads:
            continue
        if not window[0].cap and window[0].low != "hi-tech":
            continue
        if heads == ("park",) and last < len(tokens) and tokens[last].cap and tokens[last].word and \
                _adjacent(tokens[last - 1], tokens[last], text):
            return  # "Ambassador Park Noh-wan": a surname, not a park
        first = cap_run_before(tokens, i, text, allow=frozenset({"and"}))
        if first == i:
            return
        name_tokens = tokens[first:i]
        if all(t.low in COMMON for t in name_tokens) and heads != ("park",):
            return
        possessor = first > 0 and tokens[first - 1].possessive
        emit(first, last, "VietnamLocality", "place.site", head=" ".join(heads),
             possessor=possessor)
        return


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


# "the US Golden West Humanitarian Foundation": the country code says where it is from
_COUNTRY_CODES = frozenset({"US", "U.S", "UK", "U.K", "RoK", "ROK", "EU"})


def _after_country_code(tokens, first: int, head: int) -> int:
    if head - first >= 2 and tokens[first].text.rstrip(".") in _COUNTRY_CODES:
        return first + 1
    return first


def _ngo_or_io(text, tokens, i, emit):
    head = tokens[i]
    if not head.cap:
        return
    if head.low == "international" and i + 1 < len(tokens) and tokens[i + 1].cap \
            and _adjacent(head, tokens[i + 1], text):
        return  # "Noi Bai International Airport": International is not the head here
    first = _after_country_code(tokens, cap_run_before(tokens, i, text, limit=5, allow=frozenset({"for", "of", "&"})), i)
    if first == i or _demonym_only(tokens[first:i]):
        return  # "the Dutch NGO SNV": a nationality, not a name
    last = i + 1
    if last + 1 < len(tokens) and tokens[last].low in {"of", "for"} and tokens[last + 1].cap:
        end = cap_run_after(tokens, last + 1, text, limit=5, allow=frozenset({"and"}))
        # "Tokai Water Foundation of Japan": "of <country>" says where it is from, not its name
        if fold(text[tokens[last + 1].start:tokens[end - 1].end]) not in _COUNTRY_NAMES:
            last = end
    # networks and organisations of cities or states are international organisations
    type_ = "InternationalOrganization" if head.low in _IO_HEADS | {"network"} else "NGO"
    emit(first, last, type_, f"organization.{head.low}")


_COUNTRY_NAMES = frozenset(fold(name) for name in DEMONYMS.values()) | {"the united states", "the us", "vietnam"}
_MISSION_HEADS = {"embassy", "consulate"}


def _mission(text, tokens, i, emit):
    """Diplomatic missions: "the Cuban Embassy", "Embassy of Cuba in Vietnam", "the Lao
    Consulate General in Da Nang". A mission needs its country: a capitalised word before
    the head (a demonym or a country) or "of <Country>" after it."""
    n = len(tokens)
    first = cap_run_before(tokens, i, text, limit=3)
    last = i + 1
    if last < n and tokens[last].low == "general" and tokens[last].cap:
        last += 1
    owner = first < i
    if last + 1 < n and tokens[last].low == "of" and tokens[last + 1].cap:
        k = last + 1
        if tokens[k].low == "the" and k + 1 < n:
            k += 1
        end = cap_run_after(tokens, k, text, limit=4)
        if end > k:
            last, owner = end, True
    if not owner:
        return
    if last + 1 < n and tokens[last].low == "in" and tokens[last + 1].cap:
        end = cap_run_after(tokens, last + 1, text, limit=4)
        if end > last + 1 and not all(t.low in COMMON for t in tokens[last + 1:end]):
            last = end
    emit(first, last, "GovernmentBody", f"body.{tokens[i].low}")


def _body_tail(text, tokens, j):
    """End of "of|for <Capitalised words, with 'and' / a one-word list item>"."""
    if j >= len(tokens) or tokens[j].low not in {"of", "for", "on"}:
        return None
    k = j + 1
    if k < len(tokens) and tokens[k].low == "the":
        k += 1
    if k >= len(tokens) or not tokens[k].cap:
        return None
    end = k
    while end < len(tokens):
        tok = tokens[end]
        if end > k and _starts_person_name(tokens, end, text):
            break
        if tok.word and tok.cap and tok.low not in {"the"}:
            end += 1
            continue
        if tok.low in {"and", "&"} and end + 1 < len(tokens) and tokens[end + 1].cap:
            end += 1
            continue
        # "Culture, Sports and Tourism": a comma inside a list of single capitalised words
        if (tok.text == "," and end + 3 < len(tokens) and tokens[end + 1].cap
                and tokens[end + 2].low == "and" and tokens[end + 3].cap
                and tokens[end - 1].cap):
            end += 1
            continue
        break
    return end if end > k else None


def _starts_person_name(tokens, i, text):
    """"... Department of Planning and Investment Nguyen Dinh Xuan": a name begins here."""
    if tokens[i].low not in VN_SURNAMES and tokens[i].low not in WORD_SURNAMES:
        return False
    end = i
    while end < len(tokens) and end - i < 4 and tokens[end].word and tokens[end].cap and \
            (end == i or _adjacent(tokens[end - 1], tokens[end], text)):
        end += 1
    least = 3 if tokens[i].low in WORD_SURNAMES else 2
    return end - i >= least and vietnamese_syllables(tokens[i:end])


def _body_prefix(text, tokens, i, emit):
    if tokens[i].low in _FOR_ONLY_HEADS and (i + 1 >= len(tokens) or tokens[i + 1].low != "for"):
        return
    end = _body_tail(text, tokens, i + 1)
    if end is None:
        return
    first = cap_run_before(tokens, i, text, limit=3)
    lowered_prefix = first > 0 and tokens[first - 1].low in {"provincial", "municipal", "city",
                                                              "district"}
    if first == i and lowered_prefix:
        first -= 1
    emit(first, end, "GovernmentBody", f"body.{tokens[i].low}")


def _body_suffix(text, tokens, i, emit):
    if i == 0:
        return
    first = cap_run_before(tokens, i, text, limit=5)
    k = i
    while k > 0 and i - k < 5:
        prev = tokens[k - 1]
        if not prev.word or not _adjacent(prev, tokens[k], text) or not prev.cap:
            break
        if prev.possessive:
            break
        k -= 1
    first = min(first, k)
    while first < i and tokens[first].low in {"the", "a", "an"}:
        first += 1
    words = {t.low for t in tokens[first:i]}
    if not words & _BODY_MARKERS:
        return
    qualified = i - first >= 2
    if first > 0 and tokens[first - 1].low in {"provincial", "municipal"}:
        first -= 1
        qualified = True
    if first > 0 and tokens[first - 1].possessive and _adjacent(tokens[first - 1], tokens[first], text):
        first = cap_run_before(tokens, first - 1, text, limit=3)
        first = first if first < i else i
        k = first
        while k > 0 and tokens[k - 1].cap and _adjacent(tokens[k - 1], tokens[k], text) and \
                not tokens[k - 1].possessive and tokens[k - 1].low not in _STOP_START:
            k -= 1
        first = k
        qualified = True
    if first > 0 and _ORDINAL.match(tokens[first - 1].low):
        first -= 1
        qualified = True
    if not qualified:
        return  # "the People's Council at all levels": a kind of body, not one body
    emit(first, i + 1, "GovernmentBody", f"body.{tokens[i].low}")


def _event(text, tokens, i, emit):
    first = cap_run_before(tokens, i, text, limit=6, allow=frozenset({"of", "and"}))
    k = first
    if k > 0 and _ORDINAL.match(tokens[k - 1].low):
        first = k - 1
    elif not (i + 1 < len(tokens) and _YEAR.match(tokens[i + 1].low)):
        return
    last = i + 1
    if last < len(tokens) and _YEAR.match(tokens[last].low):
        last += 1
    if first == i:
        return
    emit(first, last, "Event", f"event.{tokens[i].low}")


def _event_with_year(text, tokens, i, emit):
    first = cap_run_before(tokens, i, text, limit=8, allow=frozenset({"in", "of", "and", "for"}))
    if i - first < 2:
        return
    if not any(t.low in _EVENT_WORDS for t in tokens[first:i]):
        return
    if tokens[i - 1].low in _EVENT_HEADS:
        return  # "Forum 2022" is found by _event
    emit(first, i + 1, "Event", "event.year")


def _heritage(text, tokens, i, emit):
    k = i
    while k > 0 and tokens[k - 1].low in HERITAGE_MODIFIERS and i - k < 3 \
            and not tokens[k - 1].cap:
        k -= 1
    # one more lower-case noun ("Bru Van Kieu gong music") when a capitalised name precedes it
    if k > 1 and k == i and tokens[k - 1].word and not tokens[k - 1].cap and tokens[k - 2].cap \
            and not tokens[k - 1].low.endswith(("ed", "s", "ing")) and tokens[k - 1].low not in _STOP_START:
        k -= 1
    first = cap_run_before(tokens, k, text, limit=4)
    if first == k:
        return
    if all(t.low in COMMON for t in tokens[first:k]):
        return
    last = i + 1
    if last < len(tokens) and tokens[last].low == "craft":
        last += 1
    emit(first, last, "HeritageItem", "heritage.head")


def _heritage_site(text, tokens, i, emit):
    """"Mui Ca Mau World Biosphere Reserve", "Dong Van Karst Plateau UNESCO Global Geopark",
    "Pho Hien ancient trade port", "Nguyen Du Memorial Site"."""
    required = _HERITAGE_SITE_HEADS[tokens[i].low]
    k = i
    seen = required is None
    while k > 0 and i - k < 4:
        low = tokens[k - 1].low
        if required is not None and low in required:
            seen = True
        elif low not in _HERITAGE_SITE_FILLERS:
            break
        k -= 1
    if not seen or k == 0:
        return
    first = cap_run_before(tokens, k, text, limit=5)
    if first == k or all(t.low in COMMON or t.low in _HERITAGE_SITE_FILLERS for t in tokens[first:k]):
        return
    emit(first, i + 1, "HeritageItem", "heritage.site")


def _heritage_as(text, tokens, emit):
    for match in _HERITAGE_AS.finditer(text):
        # the tokens right before " as the Representative ..." / " are recognized ..."
        end_i = _index_ending_at(tokens, match.start())
        if end_i is None:
            continue
        k = end_i + 1
        while k > 0:
            prev = tokens[k - 1]
            if not prev.word or prev.possessive:
                break
            if not (prev.cap or prev.low in HERITAGE_MODIFIERS or prev.low in HERITAGE_HEADS):
                break
            k -= 1
        while k <= end_i and not tokens[k].cap:
            k += 1
        if k > end_i:
            continue
        if tokens[k].low in COMMON and k == end_i:
            continue
        emit(k, end_i + 1, "HeritageItem", "heritage.listed-as")


def _index_ending_at(tokens: list[Token], pos: int) -> int | None:
    lo, hi = 0, len(tokens) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if tokens[mid].end < pos:
            lo = mid + 1
        elif tokens[mid].end > pos:
            hi = mid - 1
        else:
            return mid
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


_PLACE_CUE = re.compile(
    r"\b(?:twinn?ed\s+with|sister[- ](?:city|cities|province)(?:\s+(?:of|with))?|"
    r"twin[- ]town\s+of|(?:the|a)\s+(?:[A-Z]\w+\s+)?(?:city|town|port\s+city|province|prefecture|"
    r"county)\s+of)\s+(?=[A-Z])")


# "the Lao provinces of Vientiane and Saynhabuly", "the prefectures of A, B and C"
_PLURAL_PLACE_CUE = re.compile(r"\b(?:the|two|three|four|five)\s+(?:[A-Z]\w+\s+)?(?:cities|towns|provinces|prefectures|"
                               r"counties|states|districts|regions)\s+of\s+(?=[A-Z])")


# "Beihai, another port city in Guangxi", "Yarmouth, a town in Nova Scotia": the name before it
_APPOSED_PLACE = re.compile(r",\s+(?:a|an|another)\s+(?:[\w-]+\s+){0,3}?(?:city|town|port|prefecture|county|"
                            r"municipality)\s+(?:in|of|on)\s+(?:the\s+)?(?=[A-Z])")


def _apposed_place_starts(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """(first, end) token ranges of capitalised names right before a place apposition."""
    out = []
    for match in _APPOSED_PLACE.finditer(text):
        comma = bisect.bisect_left(tokens, match.start(), key=_start_of)
        if comma >= len(tokens) or tokens[comma].start != match.start() or comma == 0:
            continue
        first = cap_run_before(tokens, comma, text, limit=3)
        if first < comma:
            out.append((first, comma))
    return out


def find_cued_places(text: str, tokens: list[Token]) -> list[Candidate]:
    """"twinned with Kanazawa", "the Chinese city of Beihai", "Beihai, another port city in
    Guangxi": a place named without a head."""
    out = []
    spans = []
    for match in _PLACE_CUE.finditer(text):
        i = bisect.bisect_left(tokens, match.end(), key=_start_of)
        if i >= len(tokens) or tokens[i].start != match.end():
            continue
        spans.append((i, cap_run_after(tokens, i, text, limit=3)))
    for match in _PLURAL_PLACE_CUE.finditer(text):
        i = bisect.bisect_left(tokens, match.end(), key=_start_of)
        while i < len(tokens) and tokens[i].start >= match.end():
            end = cap_run_after(tokens, i, text, limit=3)
            if end == i:
                break
            spans.append((i, end))
            # ", B", " and C", ", and D": the next item of the list
            k = end
            if k < len(tokens) and tokens[k].text == ",":
                k += 1
            if k < len(tokens) and tokens[k].low in {"and", "&"}:
                k += 1
            if k == end or k >= len(tokens) or not tokens[k].cap:
                break
            i = k
    if ", a" in text:
        spans += _apposed_place_starts(text, tokens)
    for i, end in spans:
        if end == i or all(t.low in COMMON for t in tokens[i:end]):
            continue
        name_tokens = tokens[i:end]
        if name_tokens[-1].possessive:
            continue
        name = text[name_tokens[0].start:name_tokens[-1].end]
        out.append(Candidate(name_tokens[0].start, name_tokens[-1].end, name, "Place", name,
                             "place.cue", priority=1,
                             extra={"head": "city", "vietnamese": vietnamese_syllables(name_tokens)}))
    return out


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


def _start_of(token: Token) -> int:
    return token.start


# Lower-case words inside European place names: "Val de Marne", "Rhein am Main", "Castilla y Leon"
_PLACE_PARTICLES = frozenset({"de", "du", "des", "la", "le", "sur", "del", "della", "am", "an", "der", "y"})
_TIES_BEFORE = re.compile(r"\b(?:ties|twinn?ed|sister|partners?(?:hip)?|friendship|relations|cooperation)\b"
                          r"(?![^.;]*\b(?:compan\w*|firms?|groups?|invest\w*|enterprises?)\b)[^.;]*$", re.I)


def _swallows_known_place(kept: list[Candidate], tokens: list[Token], j: int, end: int) -> bool:
    """"France's Saint-Malo de Bretagne": a known place after a particle is part of the longer name."""
    start, stop = tokens[j].start, tokens[end - 1].end
    inside = [c for c in kept if c.start < stop and start < c.end]
    particles = {t.end for t in tokens[j:end] if t.low in _PLACE_PARTICLES}
    return bool(inside) and all(start < c.start and c.end <= stop and c.type in _KNOWN_PLACE_TYPES and
                                any(0 < c.start - p <= 1 for p in particles) for c in inside)


_KNOWN_PLACE_TYPES = frozenset({"ForeignLocality", "Province", "VietnamLocality", "Country"})


def find_possessed_names(text: str, tokens: list[Token], kept: list[Candidate]) -> list[Candidate]:
    """"Singapore's Sembcorp Development" (a company of a country), "Guangxi's Fangchenggang"
    (a place in a place): an unknown capitalised name owned by a known country or place."""
    taken = _FreeSpans([(c.start, c.end) for c in kept])
    out = []
    for owner in kept:
        if owner.type not in {"Country", "ForeignLocality"} or not owner.gazetteer_id or \
                text[owner.end:owner.end + 2] not in ("'s", "’s"):
            continue
        j = bisect.bisect_left(tokens, owner.end + 2, key=_start_of)  # the word after "'s"
        if j == 0 or j >= len(tokens) or tokens[j - 1].end != owner.end + 2:
            continue
        end = cap_run_after(tokens, j, text, limit=4, allow=_PLACE_PARTICLES)
        if end == j:
            continue
        if not taken.ok(tokens[j].start, tokens[end - 1].end) and \
                not _swallows_known_place(kept, tokens, j, end):
            continue
        if all(t.low in COMMON for t in tokens[j:end]) or tokens[end - 1].possessive:
            continue
        type_ = "ForeignLocality"
        if owner.type == "Country" and not any(t.low in _PLACE_PARTICLES for t in tokens[j:end]) and \
                not _TIES_BEFORE.search(text, max(0, owner.start - 120), owner.start):
            type_ = "Corporation"  # "Singapore's Sembcorp"; but "ties with France's Val de Marne"
        name = text[tokens[j].start:tokens[end - 1].end]
        out.append(Candidate(tokens[j].start, tokens[end - 1].end, name, type_, name,
                             "possessed-name", priority=1, country=owner.gazetteer_id
                             if owner.type == "Country" else owner.country))
    return out


# --- persons (second tier: only where nothing else was found) ------------------------------

_TITLE_AFTER = re.compile(r"\s*,\s*(?:the\s+)?(?:(?:Vice|Deputy|Permanent|Standing)\s+)?(?:"
                          + "|".join(sorted(TITLES)) + r")\b", re.I)


def persons_named_after_places(text: str, tokens: list[Token], kept: list[Candidate]) -> list[Candidate]:
    """"Chairman of the provincial People's Committee Le Quang Nam", "Tran Ha Nam, Vice Minister":
    a Vietnamese surname right before a known Vietnamese place name, after a post or before one,
    is a person whose given names are the place's."""
    out = []
    for cand in kept:
        if cand.type not in {"Province", "VietnamLocality"} or not cand.gazetteer_id:
            out.append(cand)
            continue
        k = bisect.bisect_left(tokens, cand.start, key=_start_of)
        # walk back over the name's other syllables to its surname: "Nong Thi" before "Hue"
        first = k
        while first > 0 and k - first < 3 and tokens[first - 1].cap and tokens[first - 1].word and \
                tokens[first - 1].end == (tokens[first].start if first < k else cand.start) - 1 and \
                _VN_SYLLABLE.match(tokens[first - 1].low) and tokens[first - 1].low not in COMMON:
            first -= 1
        while first < k and tokens[first].low not in VN_SURNAMES:
            first += 1
        syllables = (k - first) + len(cand.text.split())
        if first == k or syllables < 3 and " " not in cand.text or syllables < 2:
            out.append(cand)
            continue
        surname = tokens[first]
        before = tokens[first - 1] if first >= 1 else None
        titled = before is not None and before.cap and (
            before.low in TITLES or before.low in _PORTFOLIOS or before.low in
            {"committee", "council", "department", "ministry", "assembly", "front", "office"})
        if not (titled or _TITLE_AFTER.match(text, cand.end)):
            out.append(cand)
            continue
        name = text[surname.start:cand.end]
        out.append(Candidate(surname.start, cand.end, name, "Person", name, "person.place-given-name", priority=2))
    return out


def find_person_candidates(text: str, tokens: list[Token], taken: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    free = _FreeSpans(taken)
    n = len(tokens)
    # "Governor of Houaphanh province Vilay Souvannalath": a name right after "<Title> of <place/body>"
    # ... and after a chain of places: "Governor of Khammoune province of Laos Vanxay Phongsavanh",
    # "Ambassador to Vietnam Yasuaki Tanizaki", "Chief Minister of Australia's Northern Territory Name"
    ends_after_title = {end for start, end in taken
                        if (text.endswith(("of ", "of the "), max(0, start - 8), start)
                            and _TITLE_OF_BEFORE.search(text, max(0, start - 60), start))
                        or _TITLE_CHAIN_BEFORE.search(text, max(0, start - 90), start)}
    caps = [i for i, tok in enumerate(tokens) if tok[4]]  # only capitalised words start a name
    next_cap = 0
    i = 0
    while i < n:
        if not tokens[i][4]:
            while next_cap < len(caps) and caps[next_cap] <= i:
                next_cap += 1
            if next_cap >= len(caps):
                break
            i = caps[next_cap]
        tok = tokens[i]
        if tok.low.rstrip(".") in _HONORIFIC_WORDS:
            j = i + 1
            if j < n and tokens[j].text == ".":
                j += 1
            end = _person_run(tokens, j, text)
            if end > j and free.ok(tokens[i].start, tokens[end - 1].end):
                name = text[tokens[j].start:tokens[end - 1].end]
                out.append(Candidate(tokens[i].start, tokens[end - 1].end,
                                     text[tokens[i].start:tokens[end - 1].end], "Person", name,
                                     "person.honorific", priority=2))
                i = end
                continue
        if tok.cap and (tok.low in VN_SURNAMES or tok.low in WORD_SURNAMES) and (i == 0 or not tokens[i - 1].cap
                                                   or not _adjacent(tokens[i - 1], tok, text)
                                                   or tokens[i - 1].low in TITLES
                                                   or tokens[i - 1].low in COMMON
                                                   or tokens[i - 1].low in _PORTFOLIOS
                                                   or not free.ok(tokens[i - 1].start, tokens[i - 1].end)):
            end = _person_run(tokens, i, text)
            size = end - i
            if (3 if tok.low in WORD_SURNAMES else 2) <= size <= 4 and vietnamese_syllables(tokens[i:end]) and \
                    free.ok(tok.start, tokens[end - 1].end) and not _credit(tokens, i):
                titled = _after_title(tokens, i) or _before_title(tokens, end)
                if size >= 3 or titled:
                    out.append(Candidate(tok.start, tokens[end - 1].end,
                                         text[tok.start:tokens[end - 1].end], "Person",
                                         text[tok.start:tokens[end - 1].end],
                                         "person.vietnamese-name", priority=2))
                    i = end
                    continue
        if tok.cap and tok.word and (i == 0 or not tokens[i - 1].cap or tokens[i - 1].low in
                                     _STOP_START or tokens[i - 1].low in _BY_WORDS):
            end = _person_run(tokens, i, text)
            if 2 <= end - i <= 3 and free.ok(tok.start, tokens[end - 1].end) and \
                    (_before_title(tokens, end, strict=True) or
                     (i > 0 and tokens[i - 1].low in _BY_WORDS and _before_title(tokens, end))):
                out.append(Candidate(tok.start, tokens[end - 1].end,
                                     text[tok.start:tokens[end - 1].end], "Person",
                                     text[tok.start:tokens[end - 1].end],
                                     "person.name-title", priority=2))
                i = end
                continue
        if i > 0 and tokens[i - 1].end in ends_after_title and tok.word and \
                _adjacent(tokens[i - 1], tok, text):
            end = _person_run(tokens, i, text)
            if 2 <= end - i <= 4 and free.ok(tok.start, tokens[end - 1].end) and \
                    (not any(t.low in COMMON for t in tokens[i:end]) or _korean_name(tokens[i:end])):
                out.append(Candidate(tok.start, tokens[end - 1].end,
                                     text[tok.start:tokens[end - 1].end], "Person",
                                     text[tok.start:tokens[end - 1].end],
                                     "person.title-of-body", priority=2))
                i = end
                continue
        if tok.low in TITLES and tok.cap and not (i > 0 and tokens[i - 1].low in {"the", "a", "an", "as"}):
            j = i + 1
            while j < n and (tokens[j].low in TITLES or tokens[j].low == "general" and tokens[j].cap):
                j += 1  # "Consul General", "Secretary General"
            end = _person_run(tokens, j, text)
            if 2 <= end - j <= 4 and free.ok(tokens[j].start, tokens[end - 1].end) and \
                    (not any(t.low in COMMON for t in tokens[j:end]) or _korean_name(tokens[j:end])) and \
                    not (end < n and tokens[end].low == "for"):
                out.append(Candidate(tokens[j].start, tokens[end - 1].end,
                                     text[tokens[j].start:tokens[end - 1].end], "Person",
                                     text[tokens[j].start:tokens[end - 1].end],
                                     "person.title", priority=2))
                i = end
                continue
        i += 1
    return out


_NOT_IN_NAMES = _STOP_START | TITLES | PLACE_HEADS | _NGO_HEADS | _BODY_PREFIX_HEADS | \
    _BODY_SUFFIX_HEADS | _EVENT_HEADS | {"group", "company", "corporation", "province", "vietnam",
                                         "viet", "nam", "people's", "people’s", "party"}
_NOT_IN_NAMES -= VN_SURNAMES | {"ngo", "nam", "viet"}  # "Ngo Bien Cuong", "Hoang Nam Khanh"


def _korean_name(name_tokens) -> bool:
    """"Park Noh-wan", "Kim Jong-hwa": a surname that is an English word before a hyphenated given name."""
    return len(name_tokens) == 2 and "-" in name_tokens[1].text and name_tokens[1].text[:1].isupper()


def _viet_nam(tokens, k):
    """"Viet Nam" (the country) inside a run of capitalised words."""
    low = tokens[k].low
    return (low == "viet" and k + 1 < len(tokens) and tokens[k + 1].low == "nam") or \
        (low == "nam" and k > 0 and tokens[k - 1].low == "viet")


def _person_run(tokens, j, text):
    end = j
    while end < len(tokens) and end - j < 4:
        tok = tokens[end]
        if not tok.word or not tok.cap or (tok.low in _NOT_IN_NAMES and
                                           (end == j or tok.low not in _STOP_START) and
                                           not (end == j and tok.low in WORD_SURNAMES)) \
                or _viet_nam(tokens, end):
            break
        if end > j and not _adjacent(tokens[end - 1], tok, text):
            break
        end += 1
        if tok.possessive:
            break
    return end


def _after_title(tokens, i):
    return i > 0 and (tokens[i - 1].low in TITLES or tokens[i - 1].low.rstrip(".") in
                      _HONORIFIC_WORDS or tokens[i - 1].low in
                      {"committee", "council", "department", "ministry"})


_BY_WORDS = {"by"}
# The last word of a ministry's portfolio, which may stand right before the minister's name
_PORTFOLIOS = frozenset("""affairs trade industry security defence defense finance education health planning
investment justice culture tourism sports commerce agriculture transport construction labour labor
environment resources information communications""".split())


def _before_title(tokens, end, strict=False):
    """", Vice Governor of ...": a post follows the name (with "of"/"at" when ``strict``)."""
    if not (end + 1 < len(tokens) and tokens[end].text == ","):
        return False
    k = end + 1
    # ", who also serves as Chairwoman of ...": the post after a relative clause
    if tokens[k].low == "who":
        j = k + 1
        if j < len(tokens) and tokens[j].low in {"also", "now", "currently"}:
            j += 1
        if j + 1 < len(tokens) and tokens[j].low in {"serves", "served", "is", "was", "works", "worked"} \
                and tokens[j + 1].low == "as":
            k = j + 2
            if k < len(tokens) and tokens[k].low == "the":
                k += 1
        if k >= len(tokens):
            return False
    # ", Australian Ambassador to ...": a nationality may stand before the post
    if tokens[k].cap and tokens[k].low in DEMONYMS and k + 1 < len(tokens) and tokens[k + 1].low in TITLES:
        k += 1
    first = k
    while k < len(tokens) and k - first <= 4 and (tokens[k].low in TITLES or tokens[k].low in
                                                {"general", "permanent", "standing", "first"}
                                                or "-" in tokens[k].low and tokens[k].low.split("-")[0] in TITLES):
        k += 1
    if k == first or not any(t.low in TITLES or t.low.split("-")[0] in TITLES for t in tokens[first:k]):
        return False
    return not strict or (k < len(tokens) and tokens[k].low in {"of", "at"}) or \
        (first > end + 1 and k < len(tokens) and tokens[k].low == "to")  # "Thai Ambassador to Vietnam"


def _credit(tokens, i):
    """"Photo by Tran Uyen", "By Nguyen Van A": a byline, not a person in the story."""
    before = [t.low for t in tokens[max(0, i - 2):i]]
    return before[-1:] == ["by"] and (len(before) < 2 or before[0] in {"photo", "photos", "\n"}) \
        or before[-1:] == [":"] and before[:1] == ["photo"]


_TITLE_CHAIN_BEFORE = re.compile(
    r"\b(?:Governor|Mayor|Chairman|Chairwoman|Chairperson|Director|Secretary|President|Head|"
    r"Ambassador|Consul(?:\s+General)?|Minister|Chief|Premier|Leader)\s+(?:of|to|in)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,6}?(?:(?:of|in|to)\s+(?:the\s+)?|[\w-]+[’']s\s+)?$")
_TITLE_OF_BEFORE = re.compile(
    r"\b(?:Governor|Mayor|Chairman|Chairwoman|Chairperson|Director|Secretary|President|Head|"
    r"Ambassador|Consul(?:\s+General)?|Minister|Chief)\s+of\s+(?:the\s+)?$")


class _FreeSpans:
    def __init__(self, taken: list[tuple[int, int]]):
        self.taken = sorted(taken)
        self.starts = [s for s, _ in self.taken]

    def ok(self, start: int, end: int) -> bool:
        import bisect

        k = bisect.bisect_left(self.starts, end)
        for s, e in self.taken[max(0, k - 3):k]:
            if s < end and start < e:
                return False
        return True
