"""The report's tables as plain rows (for pandas, CSV or a notebook): the same rows the page
shows, section by section, with names instead of IRIs, and the figures of the aggregate queries."""

from __future__ import annotations

from diplomap.graph.report.collect import Dossier, local

_KEEP = ("direction", "role", "amount", "currency", "fields", "date", "year", "evidence")
_LOCAL = ("stage", "predicate", "listing")


def _plain(dossier: Dossier, row: dict) -> dict:
    out = {}
    for key, value in row.items():
        if key.endswith("Label"):
            out[key[:-5]] = value
        elif key in _LOCAL:
            out[key] = local(value)
        elif key in _KEEP:
            out[key] = value
    if row.get("via") and row["via"] != dossier.province:
        out["former"] = next((m.label for m in dossier.merged if m.iri == row["via"]), local(row["via"]))
    if "note" in row:
        out["footnote"] = row["note"]
    if "document" in row:
        out["document"] = row["document"]
    return out


def report_tables(dossier: Dossier) -> dict[str, list[dict]]:
    """Section name (and aggregate query name) -> rows of plain values."""
    tables = {section: [_plain(dossier, r) for r in rows] for section, rows in dossier.sections.items()}
    for name, rows in dossier.figures.items():
        tables[name] = [_plain(dossier, r) | {k: v for k, v in r.items() if k in ("total", "statements", "partners",
                                                                                    "hasAmount")}
                        for r in rows]
    return tables
