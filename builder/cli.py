"""Command line: `kb build`, `kb check`, `kb serve`, `kb export`, `kb pack`, `kb schemas`,
`kb team-report` (one session, or `--before`/`--after` two) and `kb quiz-report` (class results).

Bad input ends in problems, `path: field: message`, and exit status 1. Anything else that goes
wrong is a bug: the last guard prints one line naming the file being processed and exits with 2
(`kb --debug …` shows the traceback instead).
"""

from __future__ import annotations

import signal
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, NoReturn

import click

from builder import pipeline, progress
from builder.model import Project
from builder.problems import BuildError, Problem, Problems

SCREENFUL = 40
"""Most problem lines printed unless `--all` is given."""
GROUP_AFTER = 3
"""The same problem in more files than this, in one folder, is printed as one line."""
PER_FILE = 5
"""Most lines printed for one file unless `--all` is given."""


def _report(line: str) -> None:
    click.echo(line, err=True)


def problem_lines(problems: list[Problem], everything: bool = False) -> list[str]:
    """The lines that report `problems`. Unless `everything`: the same field and message in many
    files of one folder on one line and, if that is still more than a screenful, at most
    `PER_FILE` lines per file and a screenful in all."""
    if everything:
        return [str(p) for p in problems]
    lines = _lines(problems, per_file=len(problems))
    if len(lines) <= SCREENFUL:
        return lines
    lines = _lines(problems, per_file=PER_FILE)
    if len(lines) > SCREENFUL:
        lines = [*lines[:SCREENFUL - 1],
                 f"… and {len(lines) - SCREENFUL + 1} more lines (`--all` lists every problem)"]
    return lines


def _lines(problems: list[Problem], per_file: int) -> list[str]:
    groups: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[_group_key(problem)].append(problem)
    lines: list[str] = []
    shown: dict[str, int] = defaultdict(int)
    hidden: dict[str, int] = defaultdict(int)
    done: set[tuple[str, str, str]] = set()
    for problem in problems:
        key = _group_key(problem)
        group = groups[key]
        if len(group) > GROUP_AFTER:
            if key not in done:
                done.add(key)
                names = ", ".join(p.path.rsplit("/", 1)[-1] for p in group[:3])
                lines.append(f"{key[0]}/ ({len(group)} files: {names}, …): {problem.field}: "
                             f"{problem.message}")
        elif shown[problem.path] < per_file:
            shown[problem.path] += 1
            lines.append(str(problem))
        else:
            if not hidden[problem.path]:
                lines.append(problem.path)  # a placeholder, replaced below
            hidden[problem.path] += 1
    return [f"{line}: … and {hidden[line]} more in this file" if line in hidden else line
            for line in lines]


def _group_key(problem: Problem) -> tuple[str, str, str]:
    folder = problem.path.rsplit("/", 1)[0] if "/" in problem.path else ""
    return folder, problem.field, problem.message


def _fail(error: BuildError, everything: bool = False) -> NoReturn:
    for line in problem_lines(error.problems, everything):
        click.secho(line, fg="red", err=True)
    count = len(error.problems)
    click.secho(f"{count} problem{'s' if count != 1 else ''} found.", fg="red", bold=True, err=True)
    sys.exit(1)


class _Guarded(click.Group):
    """The last guard: an unexpected exception becomes one line and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        progress.reset()
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.secho("Interrupted; the site was left as it was.", fg="red", err=True)
            sys.exit(130)
        except (Exception, MemoryError, RecursionError) as error:
            if ctx.params.get("debug"):
                raise
            where = progress.current()
            detail = " ".join(str(error).split())[:300] or "(no message)"
            click.secho(f"kb: unexpected error{f' while processing {where}' if where else ''}: "
                        f"{type(error).__name__}: {detail}. This is a bug in the builder; "
                        "`kb --debug` shows the traceback. The site was left as it was.",
                        fg="red", err=True)
            sys.exit(2)


_root = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path(),
                     show_default=True, help="The project folder (holds project.yml).")
_site = click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Where to write the site  [default: ROOT/site]")
_all = click.option("--all", "everything", is_flag=True,
                    help="List every problem, not a screenful.")


@click.group(cls=_Guarded)
@click.version_option(package_name="dissonance-kb")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
def main(debug: bool) -> None:
    """Build the multilingual knowledge-base site."""


def entry() -> None:
    """The `kb` command: a SIGTERM stops it like Ctrl+C, so that MkDocs and work folders go too."""
    def terminate(signum: int, frame: object) -> NoReturn:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    main()


@main.command()
@_root
@_all
def check(root: Path, everything: bool) -> None:
    """Validate every source and print the translation coverage."""
    try:
        _, problems = pipeline.check(root.resolve(), _report)
    except BuildError as error:
        _fail(error, everything)
    if problems:
        _fail(BuildError(problems), everything)
    click.secho("No problems found.", fg="green", err=True)


@main.command()
@_root
@_site
@_all
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="MkDocs builds to run at once  [default: one per language]")
@click.option("--engine", type=click.Choice(pipeline.ENGINES), default="mkdocs", show_default=True,
              help="The site generator: MkDocs with Material, or Zensical (docs/engines.md).")
def build(root: Path, site_dir: Path | None, everything: bool, jobs: int | None,
          engine: str) -> None:
    """Validate, then build every language into the site folder."""
    root = root.resolve()
    site = (site_dir or root / "site").resolve()
    try:
        pipeline.build(root, site, _report, jobs, engine)
    except BuildError as error:
        _fail(error, everything)
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
    from builder.schemas import write_schemas
    from builder.sources.files import Finder
    from builder.sources.project import load_config

    root = root.resolve()
    finder = Finder(root, Problems())
    try:
        config, _ = load_config(finder)
    except BuildError as error:
        _fail(error)
    for path in write_schemas(root / "schemas", config.codes):
        click.echo(f"wrote {path}", err=True)


@main.command(hidden=True)
@_root
def languages(root: Path) -> None:
    """Print the configured language codes (for the Makefile)."""
    from builder.sources.files import Finder
    from builder.sources.project import load_config

    try:
        config, _ = load_config(Finder(root.resolve(), Problems()))
    except BuildError as error:
        _fail(error)
    click.echo(" ".join(config.codes))


def _checked(root: Path) -> Project:
    """The project, loaded and validated; problems end the command."""
    try:
        project, problems = pipeline.check(root.resolve(), lambda _line: None)
    except BuildError as error:
        _fail(error)
    if problems:
        _fail(BuildError(problems))
    return project


# FILES is taken unprocessed so that `--before FILES… --after FILES…` reach it as markers.
@main.command("team-report", context_settings={"ignore_unknown_options": True})
@_root
@click.argument("files", nargs=-1, required=True, type=click.UNPROCESSED,
                metavar="[--before FILES… --after] FILES…")
@click.option("--lang", required=True, help="Language of the report (a configured code).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("team-report.html"), show_default=True,
              help="The HTML report; the CSV is written beside it with the suffix .csv (and "
              "-change.csv with --before).")
@click.option("--skip-invalid", is_flag=True,
              help="Report on the valid files even if some are not (they are still listed).")
def team_report(root: Path, files: tuple[str, ...], lang: str, output: Path,
                skip_invalid: bool) -> None:
    """Combine members' self-assessment answer files (or team files) into an HTML report and a
    CSV. `--before FILES… --after FILES…` compares an earlier session with this one."""
    from builder.report import read_session, split_sessions
    from builder.report import team_report as make_report

    try:
        before_files, after_files = split_sessions(files)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    project = _checked(root)
    if project.assessment is None:
        raise click.ClickException("this project has no self-assessment (quizzes/assessment/)")
    if lang not in project.config.codes:
        raise click.BadParameter(f"{lang!r} is not one of {', '.join(project.config.codes)}",
                                 param_hint="--lang")
    after, errors, notes = read_session(project.assessment, after_files)
    before = None
    if before_files is not None:
        before, before_errors, before_notes = read_session(project.assessment, before_files)
        errors, notes = before_errors + errors, before_notes + notes
    for note in notes:
        click.secho(f"note: {note}", fg="yellow", err=True)
    for error in errors:
        click.secho(error, fg="red", err=True)
    count = len(after_files) + len(before_files or ())
    if errors and not skip_invalid:
        click.secho(f"{len(errors)} of {count} files cannot be used; nothing written "
                    "(--skip-invalid reports on the others).", fg="red", bold=True, err=True)
        sys.exit(1)
    if not after.members or (before is not None and not before.members):
        click.secho(f"No usable answer file{' for --before' if after.members else ''}; nothing "
                    "written.", fg="red", bold=True, err=True)
        sys.exit(1)
    report = make_report(project, list(after.members), lang, before=before)
    csv_file = output.with_suffix(".csv")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report.html, encoding="utf-8")
    csv_file.write_text(report.csv, encoding="utf-8", newline="")
    written = f"{output} and {csv_file}"
    if report.change_csv is not None:
        change_file = output.with_name(f"{output.stem}-change.csv")
        change_file.write_text(report.change_csv, encoding="utf-8", newline="")
        written = f"{output}, {csv_file} and {change_file}"
    click.secho(f"Wrote {written} ({report.members} members)", fg="green", err=True)


# FILES are not checked by click, so that a missing file is one more `path: message` among the
# others, all reported at once.
@main.command("quiz-report")
@_root
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--lang", required=True, help="Language of the report (a configured code).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("quiz-report.html"), show_default=True,
              help="The HTML report; the CSV is written beside it with the suffix .csv.")
# The default is class_report.DEFAULT_SITE_URL (not imported here: it loads Babel and Jinja).
@click.option("--site-url", default="site/", show_default=True, metavar="URL",
              help="The built site's root, as the report sees it: its links to the presenter "
              "screens and misconception cards start here. The default works for a report saved "
              "beside the site folder (in the project folder); give the published address or "
              "another relative path otherwise.")
@click.option("--skip-invalid", is_flag=True,
              help="Report on the valid results even if some are not (they are still listed).")
def quiz_report(root: Path, files: tuple[Path, ...], lang: str, output: Path, site_url: str,
                skip_invalid: bool) -> None:
    """Combine learners' quiz result files (or files of result codes, one a line) into a class
    report: an HTML file and a CSV, per question and misconception, hardest first."""
    from builder.class_report import class_report
    from builder.results import read_results

    project = _checked(root)
    if lang not in project.config.codes:
        raise click.BadParameter(f"{lang!r} is not one of {', '.join(project.config.codes)}",
                                 param_hint="--lang")
    results, errors = read_results(project, list(files))
    for error in errors:
        click.secho(error, fg="red", err=True)
    if errors and not skip_invalid:
        click.secho(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {len(files)} "
                    "files; nothing written (--skip-invalid reports on the valid results).",
                    fg="red", bold=True, err=True)
        sys.exit(1)
    if not results:
        click.secho("No usable result; nothing written.", fg="red", bold=True, err=True)
        sys.exit(1)
    try:
        report = class_report(project, results, lang, site_url=site_url)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--site-url") from None
    csv_file = output.with_suffix(".csv")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report.html, encoding="utf-8")
    csv_file.write_text(report.csv, encoding="utf-8", newline="")
    click.secho(f"Wrote {output} and {csv_file} ({report.learners} results, {report.quizzes} "
                f"quiz{'zes' if report.quizzes != 1 else ''})", fg="green", err=True)


@main.command()
@_root
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder to write into  [default: ROOT/dist/exports]")
@click.option("--format", "wanted", multiple=True, metavar="FORMAT",
              help="Only this format (repeatable): moodle, gift, scorm, tbx, csv, anki.")
def export(root: Path, output: Path | None, wanted: tuple[str, ...]) -> None:
    """Write the quizzes and the glossary as files for other tools (as in site/downloads/)."""
    from builder import exports

    known = exports.formats()
    unknown = [w for w in wanted if w not in known]
    if unknown:
        raise click.BadParameter(f"{', '.join(map(repr, unknown))}: the formats are "
                                 f"{', '.join(known)}", param_hint="--format")
    project = _checked(root)
    files, warnings = exports.export_all(project, wanted or None)
    for warning in warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    folder = (output or root.resolve() / "dist" / "exports").resolve()
    for path in exports.write(files, folder):
        click.echo(f"wrote {path}", err=True)
    click.secho(f"Wrote {len(files)} files to {folder}", fg="green", err=True)


@main.command()
@_root
@_site
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder to write the zip into  [default: ROOT/dist]")
def pack(root: Path, site_dir: Path | None, output: Path | None) -> None:
    """Build the site, then zip it with a START-HERE page for a USB stick."""
    from builder.pack import write_pack

    root = root.resolve()
    site = (site_dir or root / "site").resolve()
    try:
        project = pipeline.build(root, site, _report)
    except BuildError as error:
        _fail(error)
    target = write_pack(project, site, (output or root / "dist").resolve())
    click.secho(f"Wrote {target} ({target.stat().st_size / 1e6:.1f} MB): unzip it and open "
                "START-HERE.html", fg="green", err=True)
