"""Command line: `kb build`, `kb check`, `kb serve`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from builder import pipeline
from builder.problems import BuildError


def _report(line: str) -> None:
    click.echo(line, err=True)


def _fail(error: BuildError) -> None:
    for problem in error.problems:
        click.secho(str(problem), fg="red", err=True)
    count = len(error.problems)
    click.secho(f"{count} problem{'s' if count != 1 else ''} found.", fg="red", bold=True, err=True)
    sys.exit(1)


_root = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path(),
                     show_default=True, help="The project folder (holds project.yml).")
_site = click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Where to write the site  [default: ROOT/site]")


@click.group()
@click.version_option(package_name="dissonance-kb")
def main() -> None:
    """Build the multilingual knowledge-base site."""


@main.command()
@_root
def check(root: Path) -> None:
    """Validate every source and print the translation coverage."""
    try:
        _, problems = pipeline.check(root.resolve(), _report)
    except BuildError as error:
        _fail(error)
        return
    if problems:
        _fail(BuildError(problems))
    click.secho("No problems found.", fg="green", err=True)


@main.command()
@_root
@_site
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="MkDocs builds to run at once  [default: one per language]")
def build(root: Path, site_dir: Path | None, jobs: int | None) -> None:
    """Validate, then build every language into the site folder."""
    root = root.resolve()
    site = (site_dir or root / "site").resolve()
    try:
        pipeline.build(root, site, _report, jobs)
    except BuildError as error:
        _fail(error)
    click.secho(f"Built {site}", fg="green", err=True)


@main.command()
@_root
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT")
def serve(root: Path, dev_addr: str) -> None:
    """Build, serve on localhost, rebuild on changes and reload the browser."""
    from builder.serve import serve as run_server

    run_server(root.resolve(), dev_addr, _report)


@main.command()
@_root
def schemas(root: Path) -> None:
    """Write the JSON Schemas of the YAML files into schemas/ (editors use them to validate)."""
    from builder.schema import write_schemas

    for path in write_schemas(root.resolve() / "schemas"):
        click.echo(f"wrote {path}", err=True)
