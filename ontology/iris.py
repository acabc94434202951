"""Minting of entity, document and statement IRIs.

The same entity found in two articles must get one IRI, so IRIs are derived from
the entity's class and its canonical name only, after folding case, accents and
punctuation. Text from articles never reaches an IRI unfolded: a slug holds only
``[a-z0-9-]``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

DEFAULT_BASE = "https://w3id.org/diplomap/id/"
ONTOLOGY_NS = "https://w3id.org/diplomap/ontology#"
GRAPH_NS = "https://w3id.org/diplomap/graph/"
ONTOLOGY_GRAPH = GRAPH_NS + "ontology"
REFERENCE_GRAPH = GRAPH_NS + "reference"

CLASS_SEGMENTS: dict[str, str] = {
    "Province": "province",
    "VietnamLocality": "vietnam-locality",
    "ForeignLocality": "foreign-locality",
    "Country": "country",
    "Corporation": "corporation",
    "NGO": "ngo",
    "InternationalOrganization": "international-organization",
    "GovernmentBody": "government-body",
    "Person": "person",
    "HeritageItem": "heritage-item",
    "Event": "event",
    "Document": "document",
}
ENTITY_CLASSES: tuple[str, ...] = tuple(c for c in CLASS_SEGMENTS if c != "Document")

_ONE_CHAR_FOLDS = {"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
                   "\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"}
_SPECIAL_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                                "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                                "\u2019": "'", "\u2018": "'"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 80


def fold(text: str) -> str:
    """Lower-case and strip diacritics (đ -> d), one output character per input character.

    Keeping the length lets offsets found in folded text point into the original.
    """
    return "".join(_fold_char(ch) for ch in text)


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _ONE_CHAR_FOLDS:
        return _ONE_CHAR_FOLDS[ch]
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    lowered = (base or ch).lower()
    return lowered[0] if lowered else ch


def slugify(name: str) -> str:
    """Fold a name into ``[a-z0-9-]``; raise ValueError when nothing is left."""
    folded = unicodedata.normalize("NFKD", name.translate(_SPECIAL_FOLDS))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = _NON_SLUG.sub("-", folded).strip("-")
    if not slug:
        raise ValueError(f"no IRI-safe characters in name {name!r}")
    if len(slug) > MAX_SLUG:
        digest = hashlib.sha1(slug.encode()).hexdigest()[:8]
        slug = slug[: MAX_SLUG - 9].rstrip("-") + "-" + digest
    return slug


def entity_path(cls: str, name: str) -> str:
    """The IRI path below the base, e.g. ``province/bac-giang``."""
    try:
        segment = CLASS_SEGMENTS[cls]
    except KeyError:
        raise ValueError(f"unknown class {cls!r}; expected one of {', '.join(CLASS_SEGMENTS)}") from None
    return f"{segment}/{slugify(name)}"


def entity_iri(cls: str, name: str, base: str = DEFAULT_BASE) -> str:
    return base + entity_path(cls, name)


def geometry_iri(entity: str) -> str:
    """The GeoSPARQL geometry node of an entity: ``<entity>#geometry`` (dereferences to the entity's page)."""
    return entity + "#geometry"


def document_iri(identity: str, base: str = DEFAULT_BASE) -> str:
    """A stable IRI for a document from its declared id, URL or relative path.

    A readable slug plus a short hash of the exact identity, so two identities that
    fold to the same slug still get two IRIs.
    """
    digest = hashlib.sha1(identity.encode("utf-8")).hexdigest()[:10]
    try:
        slug = slugify(identity)[:60].rstrip("-")
    except ValueError:
        slug = "doc"
    return f"{base}document/{slug}-{digest}"


def statement_iri(document: str, subject: str, predicate: str, obj: str, start: int,
                  base: str = DEFAULT_BASE) -> str:
    """A deterministic IRI for a statement node, so rebuilding gives identical triples."""
    key = "\x1f".join((document, subject, predicate, obj, str(start)))
    return f"{base}statement/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"
