"""Pictures of the report as inline SVG written here: no plotting library, no script, no
network. Every text is escaped; sizes are fixed so the page prints the same everywhere.

Why not matplotlib: it is a test extra, not a runtime dependency; importing it costs about a
second and a font cache on first use, and its SVG changes between versions. A bar chart and a
star-shaped network are a few dozen lines of SVG.
"""

from __future__ import annotations

import math
from decimal import Decimal
from html import escape

from diplomap.graph.maps.render import PREDICATE_STYLE

BAR_WIDTH = 360


def bar_chart(bars: list[tuple[str, Decimal, str]], title: str) -> str:
    """Horizontal bars: (label, value, value text), largest first."""
    if not bars:
        return ""
    top = max((value for _, value, _ in bars), default=Decimal(0)) or Decimal(1)
    row, left = 26, 190
    height = row * len(bars) + 30
    parts = [f'<svg class="chart" role="img" width="{left + BAR_WIDTH + 190}" '
             f'height="{height}" viewBox="0 0 {left + BAR_WIDTH + 190} {height}">',
             f"<title>{escape(title)}</title>"]
    for i, (label, value, text) in enumerate(bars):
        y = 20 + i * row
        width = max(1.0, float(value / top) * BAR_WIDTH)
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{width:.1f}" height="18" fill="#4e79a7"/>')
        parts.append(f'<text x="{left + width + 6:.1f}" y="{y + 14}">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, most: int = 30) -> str:
    return label if len(label) <= most else label[: most - 1] + "…"


def network(center: str, ties: list[tuple[str, str, str]], title: str, limit: int = 36) -> str:
    """The province in the middle and what the report ties it to: (node key, label, predicate)."""
    seen: dict[str, tuple[str, str]] = {}
    for key, label, predicate in ties:
        seen.setdefault(key, (label, predicate))
    nodes = list(seen.items())[:limit]
    if not nodes:
        return ""
    width, height, radius = 900, 640, 220
    cx, cy = width / 2, height / 2
    parts = [f'<svg class="network" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">', f"<title>{escape(title)}</title>"]
    points = []
    for i, (_, (label, predicate)) in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        colour = PREDICATE_STYLE.get(predicate, ("#999999", predicate))[0]
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="2"/>')
        points.append((x, y, label, colour, angle))
    for x, y, label, colour, angle in points:
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        dx = 10 if anchor == "start" else -10 if anchor == "end" else 0
        dy = 18 if math.sin(angle) > 0.5 and anchor == "middle" else -10 if anchor == "middle" else 4
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>')
        parts.append(f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{escape(_short(label))}</text>')
    parts.append(f'<circle cx="{cx}" cy="{cy}" r="14" fill="#d62728"/>')
    parts.append(f'<text x="{cx}" y="{cy + 32}" text-anchor="middle" font-weight="bold">{escape(center)}</text>')
    legend = sorted({p for _, (_, p) in nodes})
    for i, predicate in enumerate(legend):
        colour, name = PREDICATE_STYLE.get(predicate, ("#999999", predicate))
        y = height - 18 * (len(legend) - i) - 4
        parts.append(f'<rect x="8" y="{y}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="26" y="{y + 10}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
