"""mkdocs.yml: mistakes reported once, at their setting, before any MkDocs run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import problem_lines

EXPECTED = {
    "site-settings": [
        "mkdocs.yml: docs_dir: set by the builder (each language's pages are compiled into a "
        "folder of their own); remove it",
        "mkdocs.yml: repo_ulr: not a MkDocs setting (did you mean 'repo_url'?)",
        "mkdocs.yml: site_url: expected an http:// or https:// address, such as "
        "https://intranet.example.com/training/",
        "mkdocs.yml: sitename: not a MkDocs setting (did you mean 'site_name'?)",
        "mkdocs.yml: use_directory_urls: set by the builder (links end in file names so that "
        "the site works from file://); remove it",
    ],
    "site-theme": [
        "mkdocs.yml: theme.name: the builder's theme overrides need Material for MkDocs: set "
        "`theme: {name: material}`",
    ],
    "site-theme-settings": [
        "mkdocs.yml: theme.custom_dir: set by the builder (the builder's theme overrides need "
        "it); remove it",
        "mkdocs.yml: theme.language: set by the builder (each language's configuration sets its "
        "own); remove it",
    ],
    "site-plugins": [
        "mkdocs.yml: plugins[2]: 'i18n' cannot be used: it mixes the languages in one search "
        "index; the builder builds one site per language",
        "mkdocs.yml: plugins[3]: the plugin 'blogg' is not installed",
    ],
    "site-extensions": [
        "mkdocs.yml: markdown_extensions[1]: the Markdown extension 'admonitions' is not "
        "installed (did you mean 'admonition'?)",
        "mkdocs.yml: markdown_extensions[2]: the Markdown extension 'pymdownx.detials' is not "
        "installed",
    ],
    "site-nav": [
        "mkdocs.yml: nav[1]: 'content/en/about.md': nav paths are relative to content/<lang>/ "
        "(write 'about.md')",
        "mkdocs.yml: nav[2]: 'about.html': list the page's Markdown file (about.md)",
        "mkdocs.yml: nav[3]: '/about.md': nav paths are relative to content/<lang>/",
        "mkdocs.yml: nav[4].Guide[0]: '../about.md': nav paths are relative to content/<lang>/",
        "mkdocs.yml: nav[4].Guide[1]: expected `page.md` or `Title: page.md` or `Title: [...]`",
    ],
    "site-missing": [
        "mkdocs.yml: nav: missing; list the pages in the order readers see them",
        "mkdocs.yml: site_name: missing required field",
    ],
}


@pytest.mark.parametrize("scenario", sorted(EXPECTED))
def test_each_mistake_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == EXPECTED[scenario]

