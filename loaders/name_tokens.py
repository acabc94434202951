"""The token machinery the name patterns share (``names_*`` modules, ``mention_patterns``).

One regex pass turns a document into ``Token``s; the patterns then walk runs of capitalised
neighbours (``cap_run_before``/``cap_run_after``) from a head word. Here too: the words that never
name anything alone (``COMMON``), Vietnamese syllables and surnames, the titles before a person's
name, and the small helpers several kinds of names use (demonym and country-code checks, a sorted
set of taken spans).
"""

from __future__ import annotations

import re
from typing import NamedTuple

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


_ORDINAL = re.compile(r"^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
                      r"ninth|tenth)$")

TITLES = frozenset("""
chairman chairwoman chair director secretary member head minister governor mayor president
ambassador consul ceo chief deputy vice leader representative manager chancellor premier
""".split())

_ADJECTIVE_ENDINGS = ("ed", "run", "level", "based", "class", "scale", "type", "style", "owned")


def _demonym_only(name_tokens: list[Token]) -> bool:
    from diplomap.loaders.demonyms import DEMONYMS

    return " ".join(t.low for t in name_tokens) in DEMONYMS


def _compound_adjective(tok: Token) -> bool:
    """"Centrally-managed", "centrally-run": a hyphenated adjective, not a name."""
    if "-" not in tok.low:
        return False
    return tok.low.rsplit("-", 1)[1].endswith(_ADJECTIVE_ENDINGS)


# "the US Golden West Humanitarian Foundation": the country code says where it is from
_COUNTRY_CODES = frozenset({"US", "U.S", "UK", "U.K", "RoK", "ROK", "EU"})


def _after_country_code(tokens, first: int, head: int) -> int:
    if head - first >= 2 and tokens[first].text.rstrip(".") in _COUNTRY_CODES:
        return first + 1
    return first


def _start_of(token: Token) -> int:
    return token.start


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
