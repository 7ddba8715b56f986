"""Assemble stage: the root language chooser and 404 page, then `site/` replaced in one step.

The new site is built beside the old one and swapped in only when complete, so a failed build
never damages the last good site.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import material

from builder.compile import THEME, not_found_strings
from builder.model import Project
from builder.render import TEMPLATES
from builder.safety import html_title

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def write_chooser(project: Project, out: Path) -> None:
    """`index.html` at the site root: each language named in itself; scripts pick the preferred.
    And the root's `404.html`, which servers show for any missing address (write_not_found)."""
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
    default = project.config.default_language
    # The theme's favicon: at the root once the languages share their assets (slim.py).
    favicon = "assets/images/favicon.png"
    if not (out / favicon).is_file():
        favicon = f"{default}/{favicon}"
    html = env.get_template("chooser.html.j2").render(
        languages=languages, default=default, favicon=favicon)
    (out / "index.html").write_text(html, encoding="utf-8")
    write_not_found(project, out)


def write_not_found(project: Project, out: Path) -> None:
    """`404.html` at the site root: the message in every language, each linking its home. The
    same self-contained page as each language's (theme/kb-404.html), so it works at any depth."""
    assert project.site is not None
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([THEME, MATERIAL_TEMPLATES]),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    languages = project.config.languages
    default = project.config.default_language
    messages = []
    for lang in sorted(languages, key=lambda lang: lang.code != default):
        messages.append({**not_found_strings(project.translations(lang.code)),
                         "lang": lang.code, "href": f"{lang.code}/index.html"})
    site_names = [html_title(project.translations(m["lang"]).gettext(project.site.site_name))
                  for m in messages]
    theme = project.site.theme if isinstance(project.site.theme, dict) else {}
    html = env.get_template("kb-404.html").render(
        kb_lang=default, kb_site_name=" · ".join(dict.fromkeys(site_names)), kb_self="404.html",
        kb_up="",
        kb_site_path=urlsplit(project.site.site_url.rstrip("/") + "/").path
        if project.site.site_url else "",
        kb_codes=[lang.code for lang in languages],
        kb_logo=(theme.get("icon") or {}).get("logo") or "material/library",
        kb_messages=messages, kb_others=[])
    (out / "404.html").write_text(html, encoding="utf-8")


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
