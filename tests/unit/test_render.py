"""Rendering: every template autoescapes, and author texts reach it as checked Markdown only."""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import markdown
import pytest
from markupsafe import Markup

from builder.load import load_project
from builder.markup import link_title
from builder.render import TEMPLATES, RenderContext, template_env

TEMPLATE_FILES = sorted(p.name for p in TEMPLATES.glob("*.j2"))


@pytest.mark.parametrize("name", TEMPLATE_FILES)
def test_every_template_is_autoescaped(name: str, project: Callable[[str], Path]) -> None:
    loaded, _ = load_project(project("base"))
    env = template_env(gettext.NullTranslations(), loaded, loaded.config.language("pl"))
    template = env.get_template(name)
    # Compiled with autoescape, an expression is escaped unless it is Markup.
    assert "escape" in env.compile(env.loader.get_source(env, name)[0], name, raw=True)  # type: ignore[union-attr]
    assert template.environment.autoescape is True


@pytest.mark.parametrize("name", TEMPLATE_FILES)
def test_no_template_turns_escaping_off(name: str) -> None:
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup\(", source), name


def test_a_value_with_markup_is_escaped_and_a_rendered_text_is_not(
        project: Callable[[str], Path]) -> None:
    loaded, _ = load_project(project("base"))
    ctx = RenderContext(loaded, loaded.config.language("en"), gettext.NullTranslations())
    env = ctx.env
    hostile = '<img src=x onerror="alert(1)">&'
    assert env.from_string("{{ v }}").render(v=hostile) == (
        "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&amp;")
    assert env.from_string("{{ v | yaml_title }}").render(v=hostile) == (
        '"&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;"')
    assert str(ctx.html("An [[apple]] *fruit*", "../")) == (
        '<p>An <a href="../glossary/apple/index.html" title="A fixture concept called apple.">'
        "apple</a> <em>fruit</em></p>")
    assert isinstance(ctx.links("[[apple]]", "../"), Markup)


@pytest.mark.parametrize(("text", "title"), [
    ('He said "buy"', "He said &quot;buy&quot;"),
    ("A (b) and c)", "A (b) and c)"),
    ("back\\slash", "back&#92;slash"),
    ("<b>&", "&lt;b&gt;&amp;"),
])
def test_link_titles_survive_quotes_and_brackets(text: str, title: str) -> None:
    assert link_title(text) == title


def test_the_chooser_is_autoescaped() -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    html = env.get_template("chooser.html.j2").render(
        languages=[{"code": "en", "name": "<b>", "site_name": '"><script>', "prompt": "&"}],
        default="en")
    assert "<script>" not in html.replace("<script>\n", "")  # the chooser's own script only
    assert "&#34;&gt;&lt;script&gt;" in html


# -- Misconception cards ---------------------------------------------------------------------------

MYTH = {"pl": "Mit:", "nl": "Fabel:", "da": "Myte:", "en": "Myth:"}
CLAIM = {"pl": "Jabłko to rodzaj łodzi.", "nl": "Een appel is een soort boot.",
         "da": "Et æble er en slags båd.", "en": "An apple is a kind of boat."}


@pytest.mark.parametrize("lang", list(MYTH))
def test_a_misconception_claim_is_labelled_as_a_myth(lang: str,
                                                     project: Callable[[str], Path]) -> None:
    """The claim's heading, and so the table of contents and search, starts with "Myth:" in the
    language, and the correction follows it before anything else."""
    from builder.sources.misconceptions import KIND

    loaded, _ = load_project(project("base"))
    ctx = RenderContext(loaded, loaded.config.language(lang), loaded.translations(lang))
    page = next(iter(KIND.render(ctx))).text
    html = markdown.Markdown(extensions=["attr_list", "admonition", "toc"]).convert(
        page.split("---", 2)[2])
    heading = re.search(r'<h2 class="kb-myth" id="apple-is-a-boat">(.*?)</h2>', html)
    assert heading, html
    assert heading[1] == f'<span class="kb-myth__label">{MYTH[lang]}</span> {CLAIM[lang]}'
    after = html[heading.end():].lstrip()
    assert after.startswith('<div class="admonition failure">'), after[:80]


@pytest.mark.parametrize("lang", list(MYTH))
def test_a_concept_page_labels_the_claims_about_it(lang: str,
                                                   project: Callable[[str], Path]) -> None:
    from builder.sources.glossary import KIND

    loaded, _ = load_project(project("base"))
    ctx = RenderContext(loaded, loaded.config.language(lang), loaded.translations(lang))
    pages = {out.path: out.text for out in KIND.render(ctx)}
    html = markdown.Markdown(extensions=["attr_list"]).convert(pages["glossary/apple/index.md"])
    assert (f'<li><span class="kb-myth__label">{MYTH[lang]}</span> '
            f'<a href="../../misconceptions.md#apple-is-a-boat">{CLAIM[lang]}</a></li>') in html


# -- The conversion cache's fast path ------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from builder.render import _PLAIN_RE, to_html  # noqa: E402

# Letters of the four languages, digits, punctuation and every character Markdown gives a
# meaning to, so that generated texts both take and miss the fast path.
_ALPHABET = ("abcząłæøåAZŁÆ 0123456789.,;:?!-–'\"„“«»()%/\\`*_[]<>&#=+|{}~\n\t")


_SENTENCE = "abcząłæøåAZŁÆ 019.,;:?-–'\"„“«»()%/"
"""Only characters the fast path accepts somewhere: most generated texts take it."""


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40) | st.text(alphabet=_SENTENCE, max_size=60))
def test_a_plain_sentence_gives_what_markdown_gives(text: str) -> None:
    assert to_html(text) == markdown.Markdown().convert(text)


@pytest.mark.parametrize("text", [
    "Klient wraca po tygodniu.", "„Tak” – powiedział.", "(See the glossary.)",
    "Køb 50 % af varen i dag, ikke i morgen.", "Een klant: 'ja' of \"nee\"?"])
def test_real_sentences_take_the_fast_path(text: str) -> None:
    assert _PLAIN_RE.fullmatch(text)
    assert to_html(text) == markdown.Markdown().convert(text)
