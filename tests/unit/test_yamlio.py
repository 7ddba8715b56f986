from __future__ import annotations

from pathlib import Path

from builder.problems import Problem
from builder.yamlio import parse_yaml, read_yaml


def test_syntax_error_names_line_and_column() -> None:
    data, problems = parse_yaml("a: 1\nb: [1, 2\n", "x.yml")
    assert data is None
    assert problems == [Problem("x.yml", "line 3, column 1",
                                "invalid YAML: expected ',' or ']', but got '<stream end>' "
                                "(while parsing a flow sequence at line 2, column 4)")]


def test_duplicate_keys_are_refused() -> None:
    _, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "x.yml")
    assert problems == [Problem("x.yml", "line 3, column 1", "invalid YAML: duplicate key 'a'")]


def test_unsafe_tags_are_refused() -> None:
    _, problems = parse_yaml("a: !!python/object/apply:os.system [echo hi]\n", "x.yml")
    assert len(problems) == 1
    assert "could not determine a constructor" in problems[0].message


def test_missing_file_and_non_utf8(tmp_path: Path) -> None:
    assert read_yaml(tmp_path / "nope.yml", "nope.yml") == (None, [])
    (tmp_path / "latin1.yml").write_bytes("a: ł".encode("utf-16"))
    data, problems = read_yaml(tmp_path / "latin1.yml", "latin1.yml")
    assert data is None
    assert problems[0].field == "(file)"
    assert problems[0].message.startswith("not UTF-8 text")
