"""Government bodies, diplomatic missions, NGOs and international organisations.

- bodies: "Ministry|Department|Commission|Center of/for …", "<…> People's Committee",
  "<…> Party Committee", "National Assembly";
- missions: "the Cuban Embassy", "Embassy of Cuba in Vietnam", "the Lao Consulate General in Da Nang";
- NGOs: "<…> Foundation|Association|International"; international organisations:
  "<…> Organization (of …)".
"""

from __future__ import annotations

from diplomap.loaders.demonyms import DEMONYMS
from diplomap.loaders.name_tokens import (
    _ORDINAL,
    _STOP_START,
    COMMON,
    VN_SURNAMES,
    WORD_SURNAMES,
    _adjacent,
    _after_country_code,
    _demonym_only,
    cap_run_after,
    cap_run_before,
    vietnamese_syllables,
)
from diplomap.loaders.text import fold

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


def _ngo_or_io(text, tokens, i, emit):
    head = tokens[i]
    if not head.cap or (head.low == "ngo" and head.text != "NGO"):
        return  # "Ngo" is a Vietnamese surname ("… People's Committee Ngo Thi Bich Thuy"), "NGO" the word
    if head.low == "international" and i + 1 < len(tokens) and tokens[i + 1].cap \
            and _adjacent(head, tokens[i + 1], text):
        return  # "Noi Bai International Airport": International is not the head here
    first = _after_country_code(tokens, cap_run_before(tokens, i, text, limit=5, allow=frozenset({"for", "of", "&"})), i)
    if first == i or _demonym_only(tokens[first:i]):
        return  # "the Dutch NGO SNV": a nationality, not a name
    k = first
    while k < i and (tokens[k].low == "ngo" or _demonym_only(tokens[k:k + 1])):
        k += 1
    if first < k < i and any(t.low == "ngo" for t in tokens[first:k]):
        first = k  # "The Korean NGO Haeum Green Foundation": what it is, then its name
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
    named_unit = _named_unit_before(tokens, first, text)
    if named_unit is not None:  # "the Tu Son town People's Committee": the town's own committee
        first, qualified = named_unit, True
    if not qualified:
        return  # "the People's Council at all levels": a kind of body, not one body
    emit(first, i + 1, "GovernmentBody", f"body.{tokens[i].low}")


_UNIT_WORDS = frozenset({"town", "district", "city", "ward", "commune", "county", "township"})


def _named_unit_before(tokens, first: int, text: str) -> int | None:
    """Start of "<Name> town|district|city|ward|commune" written just before ``tokens[first]``
    with the unit word in lower case ("Can Gio district People's Committee"), or None."""
    unit = first - 1
    if unit < 1 or tokens[unit].low not in _UNIT_WORDS or tokens[unit].cap:
        return None
    if not _adjacent(tokens[unit], tokens[first], text) or not _adjacent(tokens[unit - 1], tokens[unit], text):
        return None
    start = cap_run_before(tokens, unit, text, limit=3)
    return start if start < unit else None


def _unit_administration(text, tokens, i, emit):
    """"Head of the Vyborgsky district administration": a district's or city's own government."""
    start = _named_unit_before(tokens, i, text)
    if start is not None:
        emit(start, i + 1, "GovernmentBody", "body.administration")
