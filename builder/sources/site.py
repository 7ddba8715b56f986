"""`mkdocs.yml`: the shared MkDocs configuration that every language's generated one INHERITs.

Checked here, once, before any MkDocs run: a mistake MkDocs would only report four times over
(once per language, after the compile) is reported at its line, with the fix. Settings the builder
makes per language are refused rather than silently overridden.
"""

from __future__ import annotations

import difflib
import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from builder.problems import Problems
from builder.safety import check_plain
from builder.sources.base import Source
from builder.sources.files import Finder, read_text
from builder.sources.yamlio import describe_yaml_error

BASE_CONFIG = "mkdocs.yml"

BUILDER_SETTINGS = {
    "docs_dir": "each language's pages are compiled into a folder of their own",
    "site_dir": "use `kb build --site-dir`",
    "use_directory_urls": "links end in file names so that the site works from file://",
    "INHERIT": "each language's configuration inherits this file",
}
"""Top-level settings the builder writes into every language's configuration."""
BUILDER_THEME_SETTINGS = {
    "language": "each language's configuration sets its own",
    "custom_dir": "the builder's theme overrides need it",
}
REFUSED_PLUGINS = {
    "i18n": "it mixes the languages in one search index; the builder builds one site per language",
}


@dataclass(frozen=True)
class NavItem:
    """One entry of the shared navigation: a page (`path`) or a titled section (`children`)."""

    title: str | None
    """An English msgid translated through the catalogues; None means "use the page's title"."""
    path: str | None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class BaseSite:
    """What the builder reads from the shared `mkdocs.yml`."""

    file: Path
    site_name: str
    site_description: str | None
    site_url: str | None
    """Where the whole site is published; each language lives at `<site_url><lang>/`."""
    nav: tuple[NavItem, ...]
    plugins: tuple[str | Mapping[str, object], ...]
    theme: str | Mapping[str, Any] = "material"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose MkDocs-specific tags (!ENV, !!python/name) we only pass through."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_site(finder: Finder) -> Source:
    """The shared configuration; `Source.entry` is None if it has a problem (reported with the
    content's problems: only the checks of the navigation need it)."""
    problems = Problems()
    found = finder.file(BASE_CONFIG)
    if found is None:
        if not finder.problems:
            problems.add(BASE_CONFIG, "(file)", "missing; it is the shared MkDocs configuration")
        return Source("site", BASE_CONFIG, None, None, tuple(problems))
    text = read_text(found, problems)
    data: Any = None
    if text is not None:
        try:
            data = yaml.load(text, Loader=_TolerantLoader)  # a SafeLoader subclass
        except yaml.MarkedYAMLError as error:
            problems.add(BASE_CONFIG, *describe_yaml_error(error, text))
        except yaml.YAMLError as error:
            problems.add(BASE_CONFIG, "(file)", f"invalid YAML: {' '.join(str(error).split())}")
    if problems:
        return Source("site", BASE_CONFIG, None, None, tuple(problems))
    if not isinstance(data, dict):
        problems.add(BASE_CONFIG, "(top level)", "expected a mapping of settings")
        return Source("site", BASE_CONFIG, None, None, tuple(problems))
    site = _check(data, found.path, problems)
    return Source("site", BASE_CONFIG, None, None if problems else site, tuple(problems))


def _check(data: dict[str, Any], file: Path, problems: Problems) -> BaseSite:
    _check_settings(data, problems)
    site_name = data.get("site_name")
    if not isinstance(site_name, str) or not site_name.strip():
        problems.add(BASE_CONFIG, "site_name", "missing required field" if site_name is None else
                     "expected a text")
    else:
        for fault in check_plain(site_name):
            problems.add(BASE_CONFIG, "site_name", fault)
    description = data.get("site_description")
    if description is not None and not isinstance(description, str):
        problems.add(BASE_CONFIG, "site_description", "expected a text")
    site_url = data.get("site_url")
    if site_url is not None and (not isinstance(site_url, str)
                                 or not site_url.startswith(("http://", "https://"))):
        problems.add(BASE_CONFIG, "site_url", "expected an http:// or https:// address, such as "
                     "https://intranet.example.com/training/")
    theme = _check_theme(data.get("theme"), problems)
    plugins = _check_plugins(data.get("plugins"), theme, problems)
    _check_extensions(data.get("markdown_extensions"), problems)
    nav = _nav_items(data.get("nav"), "nav", problems)
    return BaseSite(file=file, site_name=str(site_name or "").strip(),
                    site_description=description if isinstance(description, str) else None,
                    site_url=site_url or None, nav=nav, plugins=plugins, theme=theme)


def _check_settings(data: dict[str, Any], problems: Problems) -> None:
    from mkdocs.config.defaults import MkDocsConfig  # only when mkdocs.yml is checked

    known = [name for name, _ in MkDocsConfig._schema]
    for key in data:
        if key in BUILDER_SETTINGS:
            problems.add(BASE_CONFIG, str(key), f"set by the builder ({BUILDER_SETTINGS[key]}); "
                         "remove it")
        elif key not in known:
            guess = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            problems.add(BASE_CONFIG, str(key), f"not a MkDocs setting{hint}")


def _check_theme(value: object, problems: Problems) -> str | Mapping[str, Any]:
    name = value if isinstance(value, str) else value.get("name") if isinstance(value, dict) else None
    if value is None or name != "material":
        problems.add(BASE_CONFIG, "theme" if not isinstance(value, dict) else "theme.name",
                     "the builder's theme overrides need Material for MkDocs: set `theme: {name: "
                     "material}`")
        return "material"
    if isinstance(value, dict):
        for key, why in BUILDER_THEME_SETTINGS.items():
            if key in value:
                problems.add(BASE_CONFIG, f"theme.{key}", f"set by the builder ({why}); remove it")
        return value
    return name


def _check_plugins(value: object, theme: object, problems: Problems) -> tuple[Any, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(BASE_CONFIG, "plugins", "expected a list of plugins")
        return ()
    installed = {e.name for e in entry_points(group="mkdocs.plugins")}
    for i, entry in enumerate(value):
        if isinstance(entry, str):
            name = entry
        elif isinstance(entry, dict) and len(entry) == 1 and isinstance(next(iter(entry)), str):
            name = next(iter(entry))
        else:
            problems.add(BASE_CONFIG, f"plugins[{i}]", "expected a plugin name, or `name: {options}`")
            continue
        if name in REFUSED_PLUGINS:
            problems.add(BASE_CONFIG, f"plugins[{i}]", f"{name!r} cannot be used: "
                         f"{REFUSED_PLUGINS[name]}")
        elif name not in installed and f"material/{name}" not in installed:
            guess = difflib.get_close_matches(name, sorted(installed), n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            problems.add(BASE_CONFIG, f"plugins[{i}]", f"the plugin {name!r} is not installed{hint}")
    return tuple(value)


def _check_extensions(value: object, problems: Problems) -> None:
    if value is None:
        return
    if not isinstance(value, list):
        problems.add(BASE_CONFIG, "markdown_extensions", "expected a list of Markdown extensions")
        return
    installed = {e.name for e in entry_points(group="markdown.extensions")}
    for i, entry in enumerate(value):
        name = entry if isinstance(entry, str) else (
            next(iter(entry)) if isinstance(entry, dict) and len(entry) == 1 else None)
        if not isinstance(name, str):
            problems.add(BASE_CONFIG, f"markdown_extensions[{i}]",
                         "expected an extension name, or `name: {options}`")
        elif name not in installed and not _importable(name.split(":")[0]):
            guess = difflib.get_close_matches(name, sorted(installed), n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            problems.add(BASE_CONFIG, f"markdown_extensions[{i}]",
                         f"the Markdown extension {name!r} is not installed{hint}")


def _importable(module: str) -> bool:
    try:
        return "." in module and importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _nav_items(value: object, field: str, problems: Problems) -> tuple[NavItem, ...]:
    if value is None and field == "nav":
        problems.add(BASE_CONFIG, "nav", "missing; list the pages in the order readers see them")
        return ()
    if not isinstance(value, list):
        problems.add(BASE_CONFIG, field, "expected a list of pages and sections")
        return ()
    items: list[NavItem] = []
    for i, entry in enumerate(value):
        where = f"{field}[{i}]"
        if isinstance(entry, str):
            items.append(NavItem(title=None, path=_nav_path(entry, where, problems)))
        elif isinstance(entry, dict) and len(entry) == 1 and isinstance(next(iter(entry)), str):
            ((title, target),) = entry.items()
            for fault in check_plain(title):
                problems.add(BASE_CONFIG, where, fault)
            if isinstance(target, str):
                items.append(NavItem(title=title, path=_nav_path(target, where, problems)))
            else:
                items.append(NavItem(title=title, path=None,
                                     children=_nav_items(target, f"{where}.{title}", problems)))
        else:
            problems.add(BASE_CONFIG, where, "expected `page.md` or `Title: page.md` "
                         "or `Title: [...]`")
    return tuple(items)


def _nav_path(path: str, where: str, problems: Problems) -> str:
    if "://" in path:
        return path
    if path.startswith("content/"):
        problems.add(BASE_CONFIG, where, f"{path!r}: nav paths are relative to content/<lang>/ "
                     f"(write {path.split('/', 2)[-1]!r})")
    elif path.startswith("/") or ".." in path.split("/"):
        problems.add(BASE_CONFIG, where, f"{path!r}: nav paths are relative to content/<lang>/")
    elif path.endswith(".html"):
        problems.add(BASE_CONFIG, where, f"{path!r}: list the page's Markdown file "
                     f"({path.removesuffix('.html')}.md)")
    return path
