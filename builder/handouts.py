"""Printed materials, per language under `handouts/`: a worksheet and an answer key per quiz, the
glossary, misconception cards, scenario cards and the paper self-assessment, as PDF.

Each handout is an HTML document rendered from `templates/handouts/` and printed to PDF by
WeasyPrint, in worker processes. A PDF is cached by the hash of its HTML (which holds its CSS),
so rebuilding an unchanged handout costs nothing; the cache lives in `.kb-cache/handouts/` in the
project (or `$KB_CACHE_DIR/handouts/`, shared) and keeps the PDFs of each project's last build.

The scenario cards come from the examples page (`content/<lang>/examples.md`): each `## ` section
whose paragraphs start with bold labels (`**The situation.**`) is a card, and its last labelled
paragraph (`**What the seller does.**`) is the resolution, left off the card and kept for the
facilitator's sheet; the other sections (questions for the group) go on that sheet too.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.numbers import format_percent
from markupsafe import Markup

from builder.collation import group_by_initial
from builder.fields import did_you_mean
from builder.problems import BuildError, Problem, Problems
from builder.progress import processing
from builder.sources.base import Output

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.pages import Page

HANDOUTS_DIR = "handouts"
CACHE_DIR = ".kb-cache/handouts"
SCENARIO_PAGE = "examples.md"
TEMPLATES_DIR = Path(__file__).parent / "templates"
PAPER = {"a4": "A4", "letter": "letter"}
CARDS_PER_PAGE = 6
"""Misconception cards: two columns of three, front pages then back pages, for duplex printing."""


def handout_names(project: Project) -> list[str]:
    """The file names of the handouts, the same in every language (none if `project.yml` says
    `handouts: false`)."""
    if not project.config.handouts:
        return []
    names = [f"{q.id}-{part}.pdf" for q in project.quizzes for part in ("worksheet", "answer-key")]
    if project.concepts:
        names.append("glossary.pdf")
    if project.misconceptions:
        names.append("misconception-cards.pdf")
    if any(p.path == SCENARIO_PAGE for p in project.pages):
        names.append("scenario-cards.pdf")
    if project.assessment is not None:
        names.append("assessment-form.pdf")
    return names


def pages(project: Project) -> list[str]:
    return [f"{HANDOUTS_DIR}/{name}" for name in handout_names(project)]


# -- The HTML of each handout -----------------------------------------------------------------------

def render_html(ctx: RenderContext, name: str) -> str:
    """One handout's HTML in one language."""
    common = {"paper": PAPER[ctx.project.config.paper], "site_name": ctx.t.gettext(
        ctx.project.site.site_name if ctx.project.site else "")}
    for quiz in ctx.project.quizzes:
        if name in (f"{quiz.id}-worksheet.pdf", f"{quiz.id}-answer-key.pdf"):
            from builder.sources.quizzes import question_views

            text = quiz.text(ctx.lang)
            template = "worksheet" if name.endswith("worksheet.pdf") else "answer_key"
            return ctx.render(f"handouts/{template}.html.j2", **common, quiz=quiz, title=text.title,
                              intro=ctx.html(text.intro, None),
                              pass_mark=format_percent(quiz.pass_mark / 100,
                                                       locale=ctx.language.locale),
                              questions=question_views(ctx, quiz, None))
    builders: dict[str, Callable[[RenderContext], dict[str, Any]]] = {
        "glossary.pdf": _glossary, "misconception-cards.pdf": _cards,
        "scenario-cards.pdf": _scenarios, "assessment-form.pdf": _assessment}
    template = name.removesuffix(".pdf").replace("-", "_")
    return ctx.render(f"handouts/{template}.html.j2", **common, **builders[name](ctx))


def _glossary(ctx: RenderContext) -> dict[str, Any]:
    lang = ctx.lang
    groups = group_by_initial(ctx.language, ctx.project.concepts, key=lambda c: c.text(lang).term)
    return {"groups": [(letter, [{
        "text": c.text(lang), "definition": ctx.html(c.text(lang).definition, None),
        "example": ctx.html(c.text(lang).example, None),
        "confused": [ctx.project.concept(i).text(lang).term for i in c.confused_with],
    } for c in entries]) for letter, entries in groups]}


def _cards(ctx: RenderContext) -> dict[str, Any]:
    lang = ctx.lang
    cards = [{"number": n, "claim": ctx.html(m.text(lang).claim, None, inline=True),
              "why": ctx.html(m.text(lang).why_wrong, None),
              "right": ctx.project.concept(m.concept).text(lang).term}
             for n, m in enumerate(ctx.project.misconceptions, start=1)]
    sheets = []
    for start in range(0, len(cards), CARDS_PER_PAGE):
        front = cards[start:start + CARDS_PER_PAGE]
        front += [None] * (CARDS_PER_PAGE - len(front))
        # Printed on both sides and flipped on the long edge, a card's back is in the same row,
        # in the other column.
        back = [cell for row in range(0, CARDS_PER_PAGE, 2) for cell in (front[row + 1], front[row])]
        sheets.append((front, back))
    return {"sheets": sheets, "total": len(cards)}


@dataclass(frozen=True)
class Scenario:
    title: str
    body: list[Markup]
    resolution: Markup


_SECTION_RE = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)
_LABELLED_RE = re.compile(r"^\*\*[^*\n]+\*\*")


def scenarios(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """(line, title, paragraphs) of each `## ` section of the examples page."""
    matches = list(_SECTION_RE.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end():end]
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
        yield text.count("\n", 0, match.start()) + 1, match.group(1), paragraphs


def _scenarios(ctx: RenderContext) -> dict[str, Any]:
    page = next(p for p in ctx.project.pages_in(ctx.lang) if p.path == SCENARIO_PAGE)
    cards, notes = [], []
    for _line, title, paragraphs in scenarios(page.text):
        labelled = [i for i, p in enumerate(paragraphs) if _LABELLED_RE.match(p)]
        if not labelled:
            notes.append({"title": ctx.plain(title),
                          "body": [ctx.html(p, None) for p in paragraphs]})
            continue
        last = labelled[-1]
        cards.append(Scenario(
            title=ctx.plain(title),
            body=[ctx.html(p, None) for i, p in enumerate(paragraphs) if i != last],
            resolution=ctx.html(paragraphs[last], None)))
    return {"title": page.title, "scenarios": cards, "notes": notes}


def _assessment(ctx: RenderContext) -> dict[str, Any]:
    from builder.sources.assessment import DONT_KNOW, SCALE

    assessment = ctx.project.assessment
    assert assessment is not None
    text = assessment.text(ctx.lang)
    number = 0
    dimensions = []
    for dimension in assessment.dimensions:
        statements = []
        for statement in dimension.statements:
            number += 1
            statements.append({"number": number, "reverse": statement.reverse,
                               "text": dimension.text(ctx.lang).statements[statement.id]})
        dimensions.append({"title": dimension.text(ctx.lang).title, "statements": statements,
                           "bands": [(b.low, b.high, text.levels[b.level or ""])
                                     for b in dimension.bands]})
    labels = [text.scale[s] for s in SCALE]
    points = ", ".join(f"{label} {i}" for i, label in enumerate(labels))
    reverse = ", ".join(f"{label} {len(SCALE) - 1 - i}" for i, label in enumerate(labels))
    return {"title": text.title,
            "scale": [*labels, text.scale[DONT_KNOW]], "dimensions": dimensions,
            "scale_points": points, "reverse_points": reverse}


_LINK_RE = re.compile(r"\]\(\s*<?([^)>\s#]*\.pdf)")


def check(project: Project, problems: Problems) -> None:
    """The examples page, where it exists, has the shape the scenario cards need, and the pages
    link to handouts that are printed (MkDocs would only say the target is missing)."""
    names = set(handout_names(project))
    for page in project.pages:
        for match in _LINK_RE.finditer(page.text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.path),
                                                       match.group(1)))
            folder, _, name = target.rpartition("/")
            if folder != HANDOUTS_DIR or name in names:
                continue
            where = f"line {page.text.count(chr(10), 0, match.start()) + 1}"
            if not project.config.handouts:
                problems.add(page.source, where, f"a link to {match.group(1)!r}, but project.yml "
                             "says `handouts: false`: remove the link, or print the handouts")
            else:
                problems.add(page.source, where, f"a link to {match.group(1)!r}: no such handout"
                             f"{did_you_mean(name, names)}; the handouts are "
                             f"{', '.join(sorted(names))}")
        if page.path == SCENARIO_PAGE and project.config.handouts:
            _check_scenarios(page, problems)


def _check_scenarios(page: Page, problems: Problems) -> None:
    labelled = [(line, title, [p for p in paragraphs if _LABELLED_RE.match(p)])
                for line, title, paragraphs in scenarios(page.text)]
    if not any(found for _, _, found in labelled):
        problems.add(page.source, "(file)", "no example for the scenario cards: a `## ` "
                     "section whose paragraphs start with bold labels (`**The situation.**`)")
    for line, title, found in labelled:
        if len(found) == 1:
            problems.add(page.source, f"line {line}", f"the example {title!r} has one "
                         "labelled paragraph: its card would be empty (the last one is "
                         "kept for the facilitator)")


# -- PDF ------------------------------------------------------------------------------------------

ENGINE_NEEDS = "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"
"""The Debian packages WeasyPrint needs (the Makefile installs them when run as root)."""


def _engine_error(detail: str) -> BuildError:
    return BuildError([Problem("project.yml", "handouts", (
        f"WeasyPrint cannot print the handouts here ({detail}); install the Debian packages "
        f"{ENGINE_NEEDS} (`make site` does, as root), or set `handouts: false`"))])


def load_engine() -> None:
    """Import WeasyPrint, or say which system libraries it lacks (it loads Pango at import)."""
    try:
        import weasyprint  # noqa: F401
    except OSError as error:
        raise _engine_error(str(error).splitlines()[0]) from None


def print_all(jobs: list[tuple[str, Path]], workers: int) -> None:
    """Print (html, target) pairs to PDF: in this process for one or two, else shared out among
    `builder._print` processes that each load WeasyPrint once."""
    if not jobs:
        return
    load_engine()
    if len(jobs) <= 2:
        from builder._print import print_pdf

        for html, target in jobs:
            print_pdf(html, target)
        return
    with tempfile.TemporaryDirectory(prefix="kb-print-") as work:
        processes = []
        for n in range(min(workers, len(jobs))):
            batch = []
            for i, (html, target) in enumerate(jobs[n::workers]):
                source = Path(work) / f"{n}-{i}.html"
                source.write_text(html, encoding="utf-8")
                batch.append({"html": str(source), "target": str(target)})
            listing = Path(work) / f"{n}.json"
            listing.write_text(json.dumps(batch), encoding="utf-8")
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "builder._print", str(listing)],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                env={**os.environ, "KB_PARENT": str(os.getpid())}))
        try:
            failed = [p.communicate()[1].decode("utf-8", "replace")[-2000:]
                      for p in processes if p.wait() != 0]
        finally:
            for process in processes:
                process.kill()
        if failed:
            last = [line for line in failed[0].splitlines() if line.strip()] or ["no message"]
            raise _engine_error(f"a printing process stopped: {last[-1].strip()}")


def engine_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def inputs_key(project: Project) -> str:
    """A fingerprint of everything the handouts are made of: every source file and template (by
    size and time of change) and the engine. Unchanged, not even the HTML is rendered again."""
    digest = hashlib.sha256(f"{engine_version()}\n{project.config.paper}\n".encode())
    paths = [project.root / s.rel for s in project.inventory.sources]
    paths += sorted(TEMPLATES_DIR.glob("**/*"))
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def cache_dir(root: Path) -> Path:
    """`.kb-cache/handouts/` in the project, or `$KB_CACHE_DIR` (shared by several projects)."""
    shared = os.environ.get("KB_CACHE_DIR")
    return Path(shared) / "handouts" if shared else root / CACHE_DIR


def prepare(project: Project, contexts: list[RenderContext], root: Path,
            jobs: int | None = None) -> dict[tuple[str, str], Path]:
    """Every handout of every language as a PDF in the cache: (lang, name) → its file. Only the
    ones whose HTML changed are printed, in parallel worker processes."""
    if not handout_names(project):
        return {}
    cache = cache_dir(root)
    cache.mkdir(parents=True, exist_ok=True)
    # One manifest per project, so that projects sharing a cache keep each other's PDFs.
    manifest = cache / f"manifest-{hashlib.sha256(str(root).encode()).hexdigest()[:12]}.json"
    key = inputs_key(project)
    try:
        last = json.loads(manifest.read_text(encoding="utf-8"))
        if last["key"] == key and all((cache / f).is_file() for f in last["files"].values()):
            return {tuple(k.split("/", 1)): cache / f  # type: ignore[misc]
                    for k, f in last["files"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no manifest yet, or an unreadable one: render
    salt = engine_version()
    files: dict[tuple[str, str], Path] = {}
    todo: list[tuple[str, Path]] = []
    for ctx in contexts:
        for name in handout_names(project):
            with processing(f"{HANDOUTS_DIR}/{name} ({ctx.lang})"):
                html = render_html(ctx, name)
            digest = hashlib.sha256(f"{salt}\n{html}".encode()).hexdigest()[:32]
            target = cache / f"{digest}.pdf"
            files[(ctx.lang, name)] = target
            if not target.exists() and all(t != target for _, t in todo):
                todo.append((html, target))
    print_all(todo, jobs or os.cpu_count() or 1)
    _prune(cache, manifest, {path.name for path in files.values()})
    manifest.write_text(json.dumps({"key": key, "files": {f"{lang}/{name}": path.name for
                                                          (lang, name), path in files.items()}}),
                        encoding="utf-8")
    return files


def _prune(cache: Path, manifest: Path, keep: set[str]) -> None:
    """Remove the PDFs this project's last build used and this one does not, unless another
    project's manifest still lists them."""
    def listed(path: Path) -> set[str]:
        try:
            return set(json.loads(path.read_text(encoding="utf-8"))["files"].values())
        except (OSError, ValueError, KeyError, TypeError):
            return set()

    others = set().union(*(listed(m) for m in cache.glob("manifest-*.json") if m != manifest))
    for name in listed(manifest) - keep - others:
        (cache / name).unlink(missing_ok=True)


def outputs(lang: str, files: dict[tuple[str, str], Path]) -> Iterator[Output]:
    for (file_lang, name), path in sorted(files.items()):
        if file_lang == lang:
            yield Output(f"{HANDOUTS_DIR}/{name}", copy=path)
