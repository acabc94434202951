"""``diplomap evaluate``: score the extractor against gold annotations."""

from __future__ import annotations

import json

import click

from diplomap.graph.cli.options import reports_errors


@click.command()
@click.option("--gold", "gold_dir", required=True, metavar="DIR",
              help="Folder of gold annotations (<document stem>.json).")
@click.argument("corpus", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--misses", is_flag=True, help="List missed and wrong entities and relations.")
@reports_errors
def evaluate(gold_dir, corpus, as_json, misses):
    """Extract CORPUS (files or folders) in memory and print precision/recall/F1 against --gold."""
    from diplomap.loaders.evaluation import evaluate as run

    report = run(gold_dir, corpus)
    if as_json:
        click.echo(json.dumps(report.to_dict(misses=misses), indent=2, ensure_ascii=False))
    else:
        click.echo(report.format(misses=misses))


COMMANDS = [evaluate]
