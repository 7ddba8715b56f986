"""Reading YAML sources safely, turning syntax errors into problems with line and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from builder.problems import Problem


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys, which plain YAML silently overwrites."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, rel: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; on a syntax error return a problem naming its line and column."""
    try:
        return yaml.load(text, Loader=_StrictLoader), []
    except yaml.MarkedYAMLError as error:
        return None, [Problem(rel, *describe_yaml_error(error))]
    except yaml.YAMLError as error:
        return None, [Problem(rel, "(file)", f"invalid YAML: {error}")]


def describe_yaml_error(error: yaml.MarkedYAMLError) -> tuple[str, str]:
    """(where, message) for a YAML error: where it was found, and where its construct began."""
    mark = error.problem_mark or error.context_mark
    where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
    message = f"invalid YAML: {error.problem or error}"
    if error.context and error.context_mark and error.context_mark is not mark:
        begin = error.context_mark
        message += f" ({error.context} at line {begin.line + 1}, column {begin.column + 1})"
    return where, message


def read_yaml(path: Path, rel: str) -> tuple[Any, list[Problem]]:
    """Read and parse a YAML file; a missing file gives (None, [])."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, []
    except UnicodeDecodeError as error:
        return None, [Problem(rel, "(file)", f"not UTF-8 text: {error.reason}")]
    return parse_yaml(text, rel)
