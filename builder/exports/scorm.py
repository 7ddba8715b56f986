"""SCORM 1.2: each quiz in each language as a zip that a learning platform plays as one SCO
(`<quiz-id>-<lang>.scorm.zip`).

The package holds `imsmanifest.xml` (IMS Content Packaging 1.1.2 with ADL's `adlcp` extension:
one organization, one item with the pass mark as `adlcp:masteryscore`, one SCO resource listing
every file) and the quiz as the site shows it: the same form, `kb-common.js`, `kb-quiz.js` and `kb-quiz.css`
unchanged, a small page style and `kb-scorm.js`, which finds the platform's API in a parent
window and reports `cmi.core.score.raw` and `cmi.core.lesson_status` (passed or failed by the pass
mark). Outside a platform the page is the plain self-quiz. Nothing in it is fetched from elsewhere;
links to the glossary lead to the published site when `site_url` is set, and are text otherwise.

Zip entries carry a fixed date, so the same sources give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from builder.exports import ExportFile, site_root
from builder.problems import Problems

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.quizzes import Quiz

FORMAT = "scorm"
TEMPLATES = Path(__file__).parent.parent / "templates" / "scorm"
ASSETS = Path(__file__).parent.parent / "theme" / "assets"
STATIC = {
    "kb-common.js": ASSETS / "javascripts" / "kb-common.js",  # the helpers kb-quiz.js uses
    "kb-quiz.js": ASSETS / "javascripts" / "kb-quiz.js",
    "kb-quiz.css": ASSETS / "stylesheets" / "kb-quiz.css",
    "kb-sco.css": TEMPLATES / "kb-sco.css",
    "kb-scorm.js": TEMPLATES / "kb-scorm.js",
}
"""The package's files besides the page and the manifest, copied as they are."""
ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def package_name(quiz_id: str, lang: str) -> str:
    return f"{quiz_id}-{lang}.scorm.zip"


def files(project: Project, contexts: Mapping[str, RenderContext],
          warnings: Problems) -> Iterator[ExportFile]:
    for quiz in project.quizzes:
        for lang, ctx in contexts.items():
            yield ExportFile(package_name(quiz.id, lang), package(ctx, quiz), FORMAT, lang)


def package(ctx: RenderContext, quiz: Quiz) -> bytes:
    from builder.sources.quizzes import quiz_form

    to_root = site_root(ctx.project, ctx.lang)
    text = quiz.text(ctx.lang)
    site = ctx.project.site
    page = ctx.render("scorm/index.html.j2", title=ctx.plain(text.title),
                      intro=ctx.html(text.intro, to_root),
                      # Rendered by an autoescaping template: HTML already.
                      form=Markup(quiz_form(ctx, quiz, to_root, in_site=False)), site=to_root,
                      site_name=ctx.t.gettext(site.site_name) if site else "")
    contents = {"index.html": page.encode(), **{n: p.read_bytes() for n, p in STATIC.items()}}
    identifier = _identifier(ctx, quiz)
    manifest = ctx.render("scorm/imsmanifest.xml.j2", identifier=identifier,
                          version=hashlib.sha256(b"".join(contents.values())).hexdigest()[:12],
                          title=ctx.plain(text.title), mastery=quiz.pass_mark,
                          files=sorted(contents))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # The manifest first: some platforms look for it before reading the directory.
        for name, data in [("imsmanifest.xml", manifest.encode()), *sorted(contents.items())]:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _identifier(ctx: RenderContext, quiz: Quiz) -> str:
    """An XML ID (a letter first; letters, digits, `.`, `-`, `_`), stable across exports."""
    from builder.render import site_key

    raw = f"kb-{site_key(ctx.project)}-{quiz.id}-{ctx.lang}"
    return re.sub(r"[^A-Za-z0-9._-]", "-", raw)
