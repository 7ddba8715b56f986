"""YAML parsing: each mistake is named at the line the author has to change, in their terms."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from builder.problems import Problems
from builder.sources.yamlio import MAX_DEPTH, MAX_VALUES, parse_yaml
from tests.conftest import problem_lines

BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10) if prev else ', '.join(['x'] * 10)}]\n"
               for prev, name in zip(["", "a", "b", "c", "d", "e"], "abcdef", strict=True))

CASES = {
    "a tab": ("id: a\nen:\n\tterm: x\n",
              "line 3, column 1: invalid YAML: a tab character; YAML indents with spaces only"),
    "a tab after a key": ("id: a\nen:\n  term:\tx\n  definition: y\n",
                          "line 3, column 8: invalid YAML: a tab character; YAML indents with "
                          "spaces only"),
    "an unclosed quote": ("id: a\nen:\n  term: \"apple\n  definition: y\nda:\n  term: x\n",
                          "line 3, column 9: invalid YAML: a quoted text starts here and is never "
                          "closed (a missing \" or ')"),
    "a text starting with a link": ("id: a\nen:\n  definition: [[apple]] is a fruit\n",
                                    "line 3, column 15: invalid YAML: a text that starts with "
                                    "[[…]] is read as a list; put the text in quotes or write it "
                                    "as a block (`>-`)"),
    "a colon in a text": ("id: a\nen:\n  definition: Note: this is bad\n",
                          "line 3, column 19: invalid YAML: a colon followed by a space inside a "
                          "text that is not in quotes; put the text in quotes or write it as a "
                          "block (`>-`)"),
    "two documents": ("id: a\n---\nid: b\n", "line 2, column 1: invalid YAML: a second document "
                      "starts here (a line `---`); keep one document per file"),
    "a reference definition as a key": (
        "id: a\nen:\n  term: x\n[1]: https://example.com\n",
        "line 4, column 1: invalid YAML: a line like `[1]: …` outside any text: YAML reads it as "
        "a key; if it is a Markdown reference definition, move it into the text it belongs to "
        "(indented under its field) or put the line in quotes"),
    "emphasis at the start": ("id: a\nen:\n  definition: *important* thing\n",
                              "line 3, column 25: invalid YAML: a text that starts with * must "
                              "be in quotes (YAML gives * a meaning of its own)"),
    "an ampersand at the start": ("id: a\nen:\n  definition: &x bar baz\n",
                                  "line 3, column 15: invalid YAML: a text that starts with & "
                                  "must be in quotes (YAML reads &name as an anchor)"),
    "a backtick at the start": ("id: a\nen:\n  definition: `code` here\n",
                                "line 3, column 15: invalid YAML: a text that starts with ` must "
                                "be in quotes (YAML gives ` a meaning of its own)"),
    "deep nesting": ("a: " + "[" * 100 + "]" * 100 + "\n",
                     f"line 1, column 43: invalid YAML: nested more than {MAX_DEPTH} levels deep"),
    "an alias bomb": (BOMB, f"line 5, column 36: invalid YAML: holds more than {MAX_VALUES:,} "
                      "values, aliases (*name) counted each time they are used; write it out "
                      "plainly"),
    "a duplicate key": ("a: 1\nb: 2\na: 3\n", "line 3, column 1: invalid YAML: duplicate key 'a'"),
    "a control character": ("a: b\x07c\n", "line 1, column 5: the control character U+0007, "
                            "which YAML does not allow; delete it"),
    "a wrong indentation": ("id: a\nen:\n  term: x\n definition: y\n",
                            "line 4, column 2: invalid YAML: this line's indentation does not fit "
                            "the lines above it (check the spaces at its start)"),
    "an unclosed list": ("a: [1, 2\nb: 3\n", "line 1, column 4: invalid YAML: a [ opens here and "
                         "is never closed; if it is part of a text, put the text in quotes"),
    "unsafe tags": ("a: !!python/object/apply:os.system [echo hi]\n",
                    "line 1, column 4: invalid YAML: a text that starts with ! must be in quotes "
                    "(YAML gives ! a meaning of its own)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_named_at_its_line(case: str) -> None:
    text, expected = CASES[case]
    problems = Problems()
    assert parse_yaml(text, "x.yml", problems) is None
    assert [f"{p.field}: {p.message}" for p in problems] == [expected]


def test_front_matter_lines_are_counted_from_the_file() -> None:
    problems = Problems()
    parse_yaml("title: x\nbad: [\n", "p.md", problems, line_offset=1)
    assert [str(p) for p in problems] == ["p.md: line 3, column 6: invalid YAML: a [ opens here "
                                          "and is never closed; if it is part of a text, put the "
                                          "text in quotes"]


def test_plain_yaml_still_works() -> None:
    problems = Problems()
    data = parse_yaml("base: &b {x: 1, z: 3}\nother:\n  <<: *b\n  y: 2\n  z: 4\nlist: [a, b]\n",
                      "x.yml", problems)
    assert problems == []
    # A key a merge brings in may be overridden: that is not a duplicate.
    assert data == {"base": {"x": 1, "z": 3}, "other": {"x": 1, "y": 2, "z": 4}, "list": ["a", "b"]}


# The same mistakes in fixture projects, through `kb check`'s loading and validation.
FIXTURES = {
    "yaml-syntax": [
        "glossary/broken.yml: line 4, column 15: invalid YAML: a quoted text starts here and is "
        'never closed (a missing " or \')',
    ],
    "duplicate-key": [
        "glossary/lamp.yml: line 2, column 1: invalid YAML: duplicate key 'id'",
    ],
    "yaml-tab": [
        "glossary/boat.yml: line 4, column 1: invalid YAML: a tab character; YAML indents with "
        "spaces only",
    ],
    "yaml-deep": [
        "glossary/boat.yml: line 18, column 46: invalid YAML: nested more than 40 levels deep",
    ],
    "yaml-alias-bomb": [
        "glossary/boat.yml: line 5, column 45: invalid YAML: holds more than 100,000 values, "
        "aliases (*name) counted each time they are used; write it out plainly",
    ],
    "yaml-top-list": [
        "glossary/boat.yml: (top level): expected a mapping of fields, got a list",
    ],
    "yaml-top-scalar": [
        "glossary/boat.yml: (top level): expected a mapping of fields, got a text",
    ],
    "yaml-refdef-key": [
        "glossary/boat.yml: line 19, column 1: invalid YAML: a line like `[1]: …` outside any "
        "text: YAML reads it as a key; if it is a Markdown reference definition, move it into "
        "the text it belongs to (indented under its field) or put the line in quotes",
    ],
    "yaml-link-start": [
        "glossary/boat.yml: line 5, column 12: invalid YAML: a text that starts with [[…]] is "
        "read as a list; put the text in quotes or write it as a block (`>-`)",
    ],
    "yaml-link-only": [
        "glossary/boat.yml: en.example: expected a text, got a list (a text that starts with "
        "[[…]] is read as a list: put it in quotes or use >-)",
    ],
    "yaml-two-documents": [
        "glossary/boat.yml: line 18, column 1: invalid YAML: a second document starts here (a "
        "line `---`); keep one document per file",
    ],
    "yaml-norway": [
        "glossary/boat.yml: nl.term: expected a single-line text, got true/false (YAML reads "
        "yes, no, on and off as true or false: put the text in quotes)",
    ],
}



@pytest.mark.parametrize("scenario", sorted(FIXTURES))
def test_each_fixture_is_reported_exactly(scenario: str, project: Callable[[str], Path]) -> None:
    assert problem_lines(project(scenario)) == FIXTURES[scenario]


# -- libyaml's parser under our composer -------------------------------------------------------

REPO = Path(__file__).resolve().parents[3]
# Files in another encoding are refused before parsing (builder/sources/files.py).
YAML_FILES = sorted(p for folder in ("glossary", "quizzes", "tests/roots")
                    for p in (REPO / folder).rglob("*.yml") if "encoding-" not in str(p))


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_libyaml_reads_every_source_as_pyyaml_does(path: Path) -> None:
    import yaml

    from builder.sources.yamlio import _FastLimited, _Limited

    text = path.read_text(encoding="utf-8")
    try:
        slow: object = yaml.load(text, Loader=_Limited)
    except yaml.YAMLError as error:
        slow = type(error)
    try:
        fast: object = yaml.load(text, Loader=_FastLimited)
    except yaml.YAMLError as error:
        fast = type(error)
    # Where libyaml refuses a file differently, parse_yaml reads it again with PyYAML.
    assert fast == slow or isinstance(fast, type)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mistake_reads_the_same_with_or_without_libyaml(
        case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    text, _ = CASES[case]
    with_c, without = Problems(), Problems()
    parse_yaml(text, "x.yml", with_c)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    parse_yaml(text, "x.yml", without)
    assert [str(p) for p in with_c] == [str(p) for p in without]
