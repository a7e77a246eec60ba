"""The `kg` command: each verb is a few lines around a public function of the library."""
from __future__ import annotations

import sys

import click

from . import __version__
from .errors import KgError


class Group(click.Group):
    """Turns user errors (KgError) into one line on stderr and exit code 1, without a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as err:
            click.echo(f"kg: error: {err}", err=True)
            sys.exit(1)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Build knowledge graphs of news articles: entities, dated relations, evidence, RDF."""


# --------------------------------------------------------------------------- kg dates (issue 4)


@main.command("dates")
@click.argument("input_path", metavar="INPUT.jsonl", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write here instead of stdout")
@click.option("--parse", is_flag=True, help="read clause tenses from a spaCy parse instead of nearby words")
@click.option("--model", default=None, help="spaCy model for --parse")
def dates_command(input_path: str, output: str | None, parse: bool, model: str | None) -> None:
    """Find and normalise the temporal expressions of JSONL documents ({"id", "published", "text"} a line).

    Writes one line a document: {"id", "timexes": [{"start", "end", "text", "type", "value"}]}.
    """
    from .temporal import dates_jsonl

    dates_jsonl(input_path, output, parse=parse, model=model)


# ---------------------------------------------------------------- validate


@main.command("validate")
@click.argument("graph", type=click.Path(path_type=str))
@click.option("--inference", type=click.Choice(["none", "rdfs"]), default="none", show_default=True,
              help="Inference to run before validating (the ontology is always loaded).")
def validate_cmd(graph: str, inference: str) -> None:
    """Check GRAPH (a build folder, store folder or RDF file) against ontology/shapes.ttl.

    Prints "valid: N statements, M entities", or the violations one per line and exits 1.
    """
    from .validate import validate

    report = validate(graph, inference=inference)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)
