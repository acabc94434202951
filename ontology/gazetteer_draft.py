"""A mutable gazetteer record used while building; frozen into an ``Entry`` at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from diplomap.ontology.gazetteer import Entry
from diplomap.ontology.iris import entity_path


@dataclass
class Draft:
    type: str
    label: str
    id: str = ""
    aliases: list[str] = field(default_factory=list)
    vi: list[str] = field(default_factory=list)
    country: str | None = None
    parent: str | None = None
    wikidata: str | None = None
    iso3166: str | None = None
    geonames: str | None = None
    unesco: str | None = None
    replaced_by: str | None = None
    replaces: list[str] = field(default_factory=list)
    replaced_on: str | None = None
    current: bool = True
    listing: str | None = None
    match: bool = True
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = entity_path(self.type, self.label)

    def add_aliases(self, names: list[str] | tuple[str, ...]) -> None:
        """Append names not already present (exact comparison), keeping order; the label is never an alias."""
        for name in names:
            name = " ".join(name.split())
            if name and name != self.label and name not in self.aliases:
                self.aliases.append(name)

    def add_vi(self, names: list[str] | tuple[str, ...]) -> None:
        for name in names:
            name = " ".join(name.split())
            if name and name not in self.vi:
                self.vi.append(name)

    def freeze(self) -> Entry:
        entry = Entry(
            id=self.id, type=self.type, label=self.label, aliases=tuple(self.aliases),
            vi=tuple(self.vi), country=self.country, parent=self.parent, wikidata=self.wikidata,
            iso3166=self.iso3166, geonames=self.geonames, unesco=self.unesco,
            replaced_by=self.replaced_by, replaces=tuple(sorted(self.replaces)),
            replaced_on=self.replaced_on, current=self.current, listing=self.listing,
            match=self.match, extra=dict(sorted(self.extra.items())),
        )
        entry.check()
        return entry
