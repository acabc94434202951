"""``write_report``: the one library call behind ``diplomap report``."""

from __future__ import annotations

import os
from dataclasses import dataclass

from diplomap.graph.report.collect import Dossier, collect
from diplomap.graph.report.page import render_page
from diplomap.graph.report.period import Period
from diplomap.graph.report.text import LANGUAGES
from diplomap.graph.store.base import GraphStore
from diplomap.ontology.errors import InputError


@dataclass(frozen=True)
class ReportSummary:
    path: str
    pdf: str | None
    facts: int
    footnotes: int
    bytes: int
    dossier: Dossier


def default_output(dossier_label: str, period: Period) -> str:
    slug = "".join(ch if ch.isalnum() else "-" for ch in dossier_label.lower()).strip("-")
    return f"{slug}-{period.slug()}.html"


def report_html(store: GraphStore, province: str, period: Period, lang: str = "en") -> tuple[Dossier, str]:
    if lang not in LANGUAGES:
        raise InputError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    dossier = collect(store, province, period)
    return dossier, render_page(dossier, lang)


def write_report(store: GraphStore, province: str, period: Period, output: str | None = None,
                 lang: str = "en", pdf: bool = False) -> ReportSummary:
    """Write the dossier as one HTML file (and a PDF beside it with ``pdf``)."""
    dossier, page = report_html(store, province, period, lang)
    output = output or default_output(dossier.label, period)
    data = page.encode("utf-8")
    with open(output, "wb") as out:
        out.write(data)
    pdf_path = None
    if pdf:
        from diplomap.graph.report.pdf import print_pdf

        pdf_path = print_pdf(output, os.path.splitext(output)[0] + ".pdf")
    facts = sum(len(rows) for rows in dossier.sections.values())
    return ReportSummary(output, pdf_path, facts, len(dossier.footnotes), len(data), dossier)
