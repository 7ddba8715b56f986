"""Command line: `kb build`, `kb check`, `kb serve`, `kb schemas`, `kb team-report`."""

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


@main.command("team-report")
@_root
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", required=True, help="Language of the report (a configured code).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("team-report.html"), show_default=True,
              help="The HTML report; the CSV is written beside it with the suffix .csv.")
@click.option("--skip-invalid", is_flag=True,
              help="Report on the valid files even if some are not (they are still listed).")
def team_report(root: Path, files: tuple[Path, ...], lang: str, output: Path,
                skip_invalid: bool) -> None:
    """Combine members' self-assessment answer files into an HTML report and a CSV."""
    from builder.report import read_members
    from builder.report import team_report as make_report

    try:
        project, problems = pipeline.check(root.resolve(), lambda _line: None)
    except BuildError as error:
        _fail(error)
        return
    if problems:
        _fail(BuildError(problems))
    if project.assessment is None:
        raise click.ClickException("this project has no self-assessment (quizzes/assessment/)")
    if lang not in project.config.codes:
        raise click.BadParameter(f"{lang!r} is not one of {', '.join(project.config.codes)}",
                                 param_hint="--lang")
    members, errors = read_members(project.assessment, list(files))
    for error in errors:
        click.secho(error, fg="red", err=True)
    if errors and not skip_invalid:
        click.secho(f"{len(errors)} of {len(files)} files cannot be used; nothing written "
                    "(--skip-invalid reports on the others).", fg="red", bold=True, err=True)
        sys.exit(1)
    if not members:
        click.secho("No usable answer file; nothing written.", fg="red", bold=True, err=True)
        sys.exit(1)
    report = make_report(project, members, lang)
    csv_file = output.with_suffix(".csv")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report.html, encoding="utf-8")
    csv_file.write_text(report.csv, encoding="utf-8", newline="")
    click.secho(f"Wrote {output} and {csv_file} ({report.members} members)", fg="green", err=True)
