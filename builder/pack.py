"""The workshop pack: the built site (its pages, handouts and downloads) in one zip for a USB
stick, `dist/<site-name>-<date>.zip`, with a `START-HERE.html` beside the site that leads to each
language's home, trainer page and downloads and works from `file://` once unzipped.

Everything sits in one folder inside the zip, so unzipping never scatters files. PDFs and zips
are stored as they are (they are compressed already); the rest is deflated.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from builder.downloads import PAGE as DOWNLOADS_PAGE
from builder.downloads import guides
from builder.render import contexts

if TYPE_CHECKING:
    from builder.model import Project

START = "START-HERE.html"
STORED = (".pdf", ".zip", ".apkg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff2")


_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                               "ß": "ss", "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE"})
"""Letters with no ASCII base in Unicode's decomposition (ó is o + accent; ł is not)."""


def slug(text: str) -> str:
    """An ASCII file name from a site name: `Łódź` → `lodz`, `Købsforløb` → `kobsforlob`."""
    ascii_text = (unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
                  .encode("ascii", "ignore").decode())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "site"


def pack_name(project: Project, day: datetime.date) -> str:
    site_name = project.site.site_name if project.site else "site"
    return f"{slug(site_name)}-{day.isoformat()}"


def start_here(project: Project) -> str:
    """The page that opens the pack: one section per language, each in its own language."""
    ctxs = contexts(project)
    default = ctxs[project.config.default_language]
    sections = []
    for lang in project.config.languages:
        ctx = ctxs[lang.code]
        sections.append(Markup(ctx.render(
            "start_here_section.html.j2", language=lang,
            site_name=ctx.t.gettext(project.site.site_name if project.site else ""),
            guides=[(page.title, page.path.removesuffix(".md") + ".html")
                    for page in guides(ctx)],
            downloads=bool(project.quizzes or project.concepts),
            downloads_page=DOWNLOADS_PAGE.removesuffix(".md") + ".html")))
    return default.render("start_here.html.j2", sections=sections,
                          title=project.site.site_name if project.site else "")


def write_pack(project: Project, site: Path, dist: Path,
               day: datetime.date | None = None) -> Path:
    """Zip the built `site` with its START-HERE page into `dist`; return the zip's path."""
    name = pack_name(project, day or datetime.date.today())
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / f"{name}.zip"
    partial = target.with_name(f".{target.name}.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}/{START}", start_here(project))
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            stored = path.suffix.lower() in STORED
            archive.write(path, f"{name}/site/{path.relative_to(site).as_posix()}",
                          zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    # A pack half written (a full disk, Ctrl+C) never takes the name of a good one.
    partial.replace(target)
    return target
