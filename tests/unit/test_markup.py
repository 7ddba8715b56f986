"""`[[concept-id]]` links: found for validation, resolved per language with the term as label."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from builder.load import load_project
from builder.markup import Reference, dangling, glossary_prefix, plain, references, resolve


def test_references_are_found_with_their_lines_outside_code() -> None:
    text = "See [[apple]].\n\nAnd [[ boat | the boat ]] and `[[not-this]]`.\n\n```\n[[nor-this]]\n```\n"
    assert list(references(text)) == [Reference("apple", None, 1),
                                      Reference("boat", "the boat", 3)]


def test_a_label_may_run_over_a_line_break_but_not_a_blank_line() -> None:
    text = "See [[boat|the small\n  boat]] and [[apple|an\n\napple]], `[[x` and [[plum.\n"
    assert list(references(text)) == [Reference("boat", "the small boat", 1)]
    assert list(dangling(text)) == [2, 4]


def test_glossary_prefix_follows_the_page_depth() -> None:
    assert glossary_prefix("practices.md") == "glossary/"
    assert glossary_prefix("guides/calls.md") == "../glossary/"


def test_links_are_labelled_with_each_languages_term(project: Callable[[str], Path]) -> None:
    loaded, _ = load_project(project("base"))
    text = "Compare [[apple]] with [[boat|boats]]."
    assert resolve(text, loaded, "da", "glossary/") == (
        'Compare [æble](glossary/apple/index.md "Et testbegreb ved navn æble.") with '
        '[boats](glossary/boat/index.md "Et testbegreb ved navn båd.").')
    assert plain(text, loaded, "pl") == "Compare jabłko with boats."
    # Code stays as written.
    assert resolve("`[[apple]]`", loaded, "en", "") == "`[[apple]]`"
