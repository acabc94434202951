"""Reading the gazetteer's hand-curated tables (tab-separated, ``#`` comment lines, one header row)."""

from __future__ import annotations

import csv

from diplomap.ontology import resources


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts keyed by the header; cells stripped, missing cells empty."""
    text = resources.read_text(f"data/{name}")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [cell.strip() for cell in next(reader)]
    rows = []
    for number, cells in enumerate(reader, 2):
        if len(cells) > len(header):
            raise ValueError(f"data/{name}: row {number} has {len(cells)} cells, header has {len(header)}")
        cells = [cell.strip() for cell in cells] + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def split_list(cell: str) -> list[str]:
    """A ``;``-separated cell as a list, empty parts dropped."""
    return [part.strip() for part in cell.split(";") if part.strip()]

