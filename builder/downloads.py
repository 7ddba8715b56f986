"""The exports on the site: every file `builder.exports` makes, under `downloads/` at the site's
root (shared by the languages), and in each language a `downloads.md` page that lists the files
of that language and those with every language, with what each is for and its size.

The page links the files with raw HTML: they sit outside the language's docs, where MkDocs
would report a Markdown link as missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from babel.units import format_unit

from builder.exports import DOWNLOADS_DIR, ExportFile
from builder.sources.base import Output

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.pages import Page

PAGE = "downloads.md"
_LINK_RE = re.compile(r"\]\(\s*(?:\.\./)*downloads\.md\b")


def pages(project: Project) -> list[str]:
    return [PAGE] if project.quizzes or project.concepts else []


def size(ctx: RenderContext, n: int) -> str:
    unit, value = ("digital-megabyte", n / 1e6) if n >= 1e6 else ("digital-kilobyte", n / 1e3)
    return format_unit(value, unit, length="short", locale=ctx.language.locale, format="#,##0.#")


def describe(ctx: RenderContext, file: ExportFile) -> str:
    """What one file is, in the page's language."""
    _ = ctx.t.gettext
    if file.format == "scorm":
        from builder.exports.scorm import package_name

        quiz = next(q for q in ctx.project.quizzes if package_name(q.id, ctx.lang) == file.name)
        return _("“%(title)s” as a SCORM 1.2 package for any learning platform") % {
            "title": ctx.plain(quiz.text(ctx.lang).title)}
    texts = {
        ("moodle", True): _("Every quiz in Moodle XML, in this language"),
        ("moodle", False): _("Every quiz in Moodle XML with the texts of every language, for "
                             "Moodle's multi-language content filter"),
        ("gift", True): _("Every quiz in GIFT, the text format Moodle and other platforms import"),
        ("tbx", False): _("The glossary in TBX-Basic, every language, for terminology and "
                          "translation tools"),
        ("csv", False): _("The glossary as a table for spreadsheets, every language (semicolons, "
                          "UTF-8)"),
        ("anki", True): _("The glossary as an Anki deck of flash cards, in this language"),
    }
    return texts[(file.format, file.lang is not None)]


def outputs(ctx: RenderContext, files: list[ExportFile]) -> Iterator[Output]:
    """The downloads page of one language, if there is anything to download."""
    if not files:
        return
    mine = [f for f in files if f.lang in (ctx.lang, None)]
    groups = {"quizzes": ("moodle", "gift", "scorm"), "glossary": ("tbx", "csv", "anki")}
    rows = {name: [{"href": f"../{DOWNLOADS_DIR}/{f.name}", "name": f.name,
                    "what": describe(ctx, f), "size": size(ctx, f.size)}
                   for fmt in formats for f in mine if f.format == fmt]
            for name, formats in groups.items()}
    others = [{"name": lang.native_name, "href": f"../{lang.code}/downloads.html", "lang": lang.code}
              for lang in ctx.project.config.languages if lang.code != ctx.lang]
    yield Output(PAGE, ctx.render("downloads.md.j2", quizzes=rows["quizzes"],
                                  glossary=rows["glossary"], others=others, guides=guides(ctx)))


def guides(ctx: RenderContext) -> list[Page]:
    """The pages that link to the downloads page: the ones that explain the files (the trainer
    page)."""
    return [page for page in ctx.project.pages_in(ctx.lang) if _LINK_RE.search(page.text)]
