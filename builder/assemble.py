"""Assemble stage: the root language chooser, then `site/` replaced in one step.

The new site is built beside the old one and swapped in only when complete, so a failed build
never damages the last good site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from builder.model import Project
from builder.render import TEMPLATES


def write_chooser(project: Project, out: Path) -> None:
    """`index.html` at the site root: each language named in itself; scripts pick the preferred."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    languages = []
    for lang in project.config.languages:
        t = project.translations(lang.code)
        assert project.site is not None
        languages.append({
            "code": lang.code,
            "name": lang.native_name,
            "site_name": t.gettext(project.site.site_name),
            "prompt": t.gettext("Choose your language"),
        })
    html = env.get_template("chooser.html.j2").render(
        languages=languages, default=project.config.default_language)
    (out / "index.html").write_text(html, encoding="utf-8")


def old_site(site: Path) -> Path:
    return site.with_name(f".{site.name}-old")


def replace_site(new: Path, site: Path) -> None:
    """Move the finished `new` tree to `site`, keeping the old one until the new one is in place."""
    old = old_site(site)
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def recover(site: Path) -> None:
    """After a build killed between the two renames of `replace_site`, the last good site is
    `.site-old`: put it back before anything else touches it."""
    old = old_site(site)
    if old.exists() and not site.exists():
        old.rename(site)
