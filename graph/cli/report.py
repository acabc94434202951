"""``diplomap report``: the province dossier."""

from __future__ import annotations

import click

from diplomap.graph.cli.options import reports_errors, store_options
from diplomap.graph.report.period import make_period
from diplomap.graph.report.text import LANGUAGES
from diplomap.graph.report.write import write_report
from diplomap.graph.store.registry import open_store


@click.command()
@click.argument("province")
@click.option("--year", type=int, metavar="YEAR", help="Report on one year.")
@click.option("--from", "start", type=int, metavar="YEAR", help="First year of the period (with --to).")
@click.option("--to", "end", type=int, metavar="YEAR", help="Last year of the period (with --from).")
@click.option("--all-years", is_flag=True, help="Every year, undated facts included (the default).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Headings, and names where the gazetteer has Vietnamese ones.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The HTML file to write [default: PROVINCE-PERIOD.html].")
@click.option("--pdf", is_flag=True, help="Also print a PDF beside it with headless Chromium.")
@store_options
@reports_errors
def report(province, year, start, end, all_years, lang, output, pdf, store_spec):
    """Write the foreign-relations dossier of PROVINCE for a period: partnerships, delegations,
    investment, aid, heritage, officials, a network map and what changed since the year before,
    every fact footnoted to its article and sentence. One self-contained offline HTML file."""
    period = make_period(year, start, end, all_years)
    with open_store(store_spec) as store:
        summary = write_report(store, province, period, output, lang, pdf)
    click.echo(f"{summary.path}: {summary.dossier.label}, {summary.facts} facts from "
               f"{summary.footnotes} sentences, {summary.bytes / 1024:.0f} KB")
    if summary.pdf:
        click.echo(f"{summary.pdf}: PDF")


COMMANDS = [report]
