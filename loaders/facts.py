"""What extraction produces: entities with their mentions, and facts with their evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from diplomap.ontology.iris import DEFAULT_BASE, entity_path


@dataclass(frozen=True)
class Mention:
    """A span of the document text that names an entity."""

    start: int
    end: int
    text: str


@dataclass
class Entity:
    """An entity found in one document.

    ``gazetteer_id`` is set when the entity is a known one; then its IRI is the gazetteer's
    and the reference graph holds its identifiers. Otherwise the IRI is minted from
    ``type`` and ``label``.
    """

    type: str
    label: str
    gazetteer_id: str | None = None
    aliases: set[str] = field(default_factory=set)
    vi: set[str] = field(default_factory=set)
    country: str | None = None  # gazetteer id of its country ("country/south-korea"), if known
    mentions: list[Mention] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.gazetteer_id or entity_path(self.type, self.label)

    def iri(self, base: str = DEFAULT_BASE) -> str:
        return base + self.id


@dataclass(frozen=True)
class Fact:
    """One relation stated in one sentence: a direct edge plus the qualifiers of its statement node.

    ``predicate`` is the local name of a direct property of the contract (``partnerOf``...).
    """

    predicate: str
    subject: str  # Entity.id
    object: str  # Entity.id
    evidence: str
    start: int  # offsets of the evidence sentence in Document.text
    end: int
    rule: str
    confidence: float
    status: str | None = None  # Proposed | Negotiating | Signed | Active (partnerOf)
    listing: str | None = None  # RepresentativeList | UrgentSafeguardingList | Nominated | NationalHeritage
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    amount: Decimal | None = None
    currency: str | None = None  # ISO 4217
    fields: tuple[str, ...] = ()
    role: str | None = None  # the post, on holdsPosition


@dataclass
class Extraction:
    """Everything extracted from one document."""

    entities: dict[str, Entity] = field(default_factory=dict)  # by Entity.id
    facts: list[Fact] = field(default_factory=list)
