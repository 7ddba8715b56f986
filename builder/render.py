"""What the kinds' renderers share: one Jinja environment per language, and author texts turned
into Markdown or HTML with their concept and page links resolved.

Every template is autoescaped. Author texts reach a template already rendered (`Markup`): they
were checked on load (no raw HTML, no script URLs, no event handler attributes), and Markdown
escapes what they hold as text. Catalogue strings are trusted by Jinja's i18n extension as they
are, which is why the catalogues are checked the same way as author texts.
"""

from __future__ import annotations

import functools
import gettext
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import markdown
from markupsafe import Markup

from builder.markup import link_title, plain, resolve
from builder.model import Project
from builder.safety import html_title
from builder.sources.project import Language

TEMPLATES = Path(__file__).parent / "templates"

_PAGE_LINK_RE = re.compile(r"\]\(\s*([a-z0-9][a-z0-9/_-]*)\.md(#[^)\s]*)?")


@dataclass
class RenderContext:
    """One language's rendering: the project, the language, its translations and templates."""

    project: Project
    language: Language
    t: gettext.NullTranslations
    env: jinja2.Environment = field(init=False)
    _html: dict[tuple[str, str | None, bool], Markup] = field(init=False, default_factory=dict)
    """Author texts already rendered: a quiz's texts go to its page, its presenter screens,
    its handouts and every export, in the same language."""
    memo: dict[tuple[Any, ...], Any] = field(init=False, default_factory=dict)
    """Views several renderings share (a quiz's questions: its page, the review page, the
    exports), keyed by their maker."""

    def __post_init__(self) -> None:
        self.env = template_env(self.t, self.project, self.language)

    @property
    def lang(self) -> str:
        return self.language.code

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(lang=self.lang, **context)

    def links(self, text: str, to_root: str) -> Markup:
        """Author Markdown for a Markdown page `to_root` away from the language's root."""
        return author_markdown(text, self.project, self.lang, to_root)

    def plain(self, text: str) -> str:
        return plain(text, self.project, self.lang)

    def html(self, text: str, to_root: str | None, inline: bool = False) -> Markup:
        key = (text, to_root, inline)
        if key not in self._html:
            self._html[key] = author_html(text, self.project, self.lang, to_root, inline)
        return self._html[key]

    def form_page(self, title: str, description: str, intro: Markup, form: str) -> str:
        """A page around one HTML form (a quiz, the assessment, the team view)."""
        return self.render("form_page.md.j2", title=title, description=description, intro=intro,
                           form=html_block(form))


def contexts(project: Project) -> dict[str, RenderContext]:
    """One rendering context per language, shared by the stages that render (handouts, exports,
    compile), so that each author text is rendered once per language and target."""
    return {lang.code: RenderContext(project, lang, project.translations(lang.code))
            for lang in project.config.languages}


class _SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory for every language's environment: each template is
    compiled once per process, not once per language (Jinja checks the source's checksum)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _SharedBytecode()


def template_env(t: gettext.NullTranslations, project: Project,
                 lang: Language) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_BYTECODE,
        # A build reads each template once; no stat of its file on every use.
        auto_reload=False,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(t, newstyle=True)  # type: ignore[attr-defined]
    code = lang.code
    filters: dict[str, Callable[..., Any]] = {
        "capfirst": lambda s: s[:1].upper() + s[1:],
        # Front matter values: valid YAML strings. A title is escaped as MkDocs expects titles.
        "yaml_title": lambda s: Markup(json.dumps(html_title(str(s)), ensure_ascii=False)),
        "yaml_text": lambda s: Markup(json.dumps(str(s), ensure_ascii=False)),
        "link_text": _escape_link_text,
        "link_title": lambda s: Markup(link_title(plain(s, project, code))),
        "plain": lambda s: plain(s, project, code),
        # `text | links("../../")`: the argument leads to the language's root.
        "links": lambda s, to_root: author_markdown(s, project, code, to_root),
    }
    env.filters.update(filters)
    env.globals["project"] = project
    return env


def _escape_link_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def html_block(html_text: str) -> Markup:
    """HTML to place in Markdown as one raw block: no blank line may split it, or Markdown
    would end the block early and treat the rest as Markdown."""
    return Markup("\n".join(line for line in html_text.splitlines() if line.strip()))


def author_markdown(text: str, project: Project, lang: str, to_root: str) -> Markup:
    """Author Markdown for a generated Markdown page: concept links resolved, and links to pages
    (`practices.md`, written from the language's root) made relative to the page."""
    text = _PAGE_LINK_RE.sub(lambda m: f"]({to_root}{m.group(1)}.md{m.group(2) or ''}", text)
    # Checked author text (no raw HTML, no script URLs); Markdown escapes the rest.
    return Markup(resolve(text, project, lang, f"{to_root}glossary/"))


@cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown()


_PLAIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f\"'„“«»(][^\\`*_\[\]<>&!{}|~#=+\n\t\r]*")
"""One line that Markdown can only wrap in a paragraph: it starts with a letter, a quote or a
bracket (not a digit, `-`, `>` or `#`, which could start a list, quote or heading) and holds
nothing that is inline markup, an entity or raw HTML. Most quiz texts are such sentences."""


def to_html(text: str) -> str:
    """Markdown to HTML, each distinct text converted once per process (a quiz's texts reach
    its page, presenter screens, review page, worksheets and every export), and plain sentences
    wrapped without Markdown (tests/unit/test_render.py checks both give the same HTML)."""
    return _to_html(text)


@functools.lru_cache(maxsize=65536)
def _to_html(text: str) -> str:
    if "  " not in text and _PLAIN_RE.fullmatch(text) and text == text.strip():
        return f"<p>{text}</p>"
    return _markdown().reset().convert(text)


def author_html(text: str, project: Project, lang: str, to_root: str | None,
                inline: bool = False) -> Markup:
    """Author Markdown as HTML for a raw HTML block, where MkDocs rewrites no link: concept
    links and links to pages (`practices.md`) point to .html files `to_root` away. With
    `to_root=None` (a standalone report) links keep only their text."""
    if to_root is None:
        text = markdown_links_to_text(plain(text, project, lang))
    else:
        text = _PAGE_LINK_RE.sub(lambda m: f"]({to_root}{m.group(1)}.html{m.group(2) or ''}",
                                 text)
        text = resolve(text, project, lang, f"{to_root}glossary/", "index.html")
    rendered = to_html(text)
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    # Markdown's output of checked author text (raw HTML and script URLs are refused on load).
    return Markup(rendered)


def markdown_links_to_text(text: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


def site_key(project: Project) -> str:
    """The part of browser storage keys that keeps two sites on one host apart."""
    assert project.site is not None
    return project.site.site_name.casefold().replace(" ", "-")


def plural_texts(locale: Any, message: Callable[[int], str]) -> dict[str, str]:
    """A plural message for the browser: CLDR category (`one`, `few`, `many`, `other`) → the
    form `message(n)` gives for a count of that category, its `%(num)d` left in. Call it as
    `plural_texts(loc, lambda n: ngettext("%(num)d day", "%(num)d days", n))`, so that the
    extractor finds the strings. The script picks a form with `Intl.PluralRules`, which follows
    the same CLDR rules as the catalogues' plural forms, so any count gets its right form."""
    from babel import Locale

    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for n in range(200):
        samples.setdefault(rule(n), n)
    return {category: message(n) for category, n in samples.items()}
