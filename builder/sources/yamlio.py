"""Parsing YAML sources safely, with problems that name the line an author has to change.

On top of PyYAML's safe loader: duplicate keys are refused (plain YAML keeps the last one
silently), nesting deeper than `MAX_DEPTH` and aliases that expand beyond `MAX_VALUES` values (an
"alias bomb") are refused before they cost memory, and PyYAML's parser messages are replaced by
ones that say what the author most likely did (a tab, an unclosed quote, a text starting with
`[[`, a Markdown reference definition pasted outside a text) at the line where they did it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser alone
    CParser = object

from builder.problems import Problems

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings accepted (the deepest source needs 8)."""
MAX_VALUES = 100_000
"""Most values a file may hold, aliases counted as often as they are used."""


class _OwnError(ComposerError):
    """A limit or rule of ours: its message is already what the author should read."""


class _Limits(Composer):
    """PyYAML's composer with limits on depth and alias expansion; the parser below it may be
    PyYAML's own (pure Python, whose messages `describe_yaml_error` knows) or libyaml's."""

    def _start_limits(self) -> None:
        self._depth = 0
        self._values = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            node = super().compose_node(parent, index)  # type: ignore[arg-type]
            self._count(self._sizes.get(id(node), 1), mark)
            return node
        event = self.peek_event()
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _OwnError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                            event.start_mark)
        if event.anchor is not None and not isinstance(event, CollectionStartEvent):
            # `definition: &x text` silently loses "&x": an anchor on a text is always a typo here.
            raise _OwnError(None, None, "a text that starts with & must be in quotes (YAML reads "
                            "&name as an anchor)", event.start_mark)
        start = self._values
        self._count(1, event.start_mark)
        try:
            node = super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1
        if event.anchor is not None:
            self._sizes[id(node)] = self._values - start
        return node

    def _count(self, n: int, mark: yaml.Mark) -> None:
        self._values += n
        if self._values > MAX_VALUES:
            raise _OwnError(None, None, f"holds more than {MAX_VALUES:,} values, aliases (*name) "
                            "counted each time they are used; write it out plainly", mark)


class _OwnConstructorError(ConstructorError):
    pass


def _construct_mapping(loader: SafeConstructor, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
    # Duplicates among the keys written here; keys a merge (`<<: *base`) brings in may be
    # overridden, as YAML intends.
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        if isinstance(key_node, SequenceNode | MappingNode):
            raise _OwnConstructorError(None, None, _collection_key(key_node), key_node.start_mark)
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            raise _OwnConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    loader.flatten_mapping(node)
    return loader.construct_mapping(node, deep=deep)


def _collection_key(node: Node) -> str:
    if isinstance(node, SequenceNode) and node.flow_style:
        return ("a line like `[1]: …` outside any text: YAML reads it as a key; if it is a Markdown "
                "reference definition, move it into the text it belongs to (indented under its "
                "field) or put the line in quotes")
    return "a key cannot be a list or a mapping"


class _Limited(_Limits, yaml.SafeLoader):
    """The safe loader with our limits on PyYAML's pure-Python scanner and parser."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._start_limits()


class _FastLimited(_Limits, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
    """The same loader on libyaml's scanner and parser (C, about twenty times faster; they are
    95 % of PyYAML's time). Composing stays ours in Python, so the limits and duplicate-key
    refusal are the same code; libyaml's parser is a state machine, so depth costs it no stack."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self._start_limits()


for _loader in (_Limited, _FastLimited):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_yaml(text: str, rel: str, problems: Problems, line_offset: int = 0) -> Any:
    """The parsed document, or None after adding a problem naming its line and column.
    `line_offset` shifts line numbers (front matter starts on a page's second line)."""
    # libyaml takes a tab after a key, which PyYAML (and this module's rule) refuses.
    if yaml.__with_libyaml__ and "\t" not in text:
        try:
            return yaml.load(text, Loader=_FastLimited)  # safe: SafeConstructor
        except (yaml.YAMLError, RecursionError):
            pass  # parsed again below, for PyYAML's marks and the messages written for them
    try:
        return yaml.load(text, Loader=_Limited)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        where, message = describe_yaml_error(error, text, line_offset)
        problems.add(rel, where, message)
    except yaml.reader.ReaderError as error:
        before = text[:error.position]
        line = before.count("\n") + 1 + line_offset
        column = len(before) - (before.rfind("\n") + 1) + 1
        problems.add(rel, f"line {line}, column {column}", f"the control character "
                     f"U+{error.character:04X}, which YAML does not allow; delete it"
                     if isinstance(error.character, int) else f"invalid YAML: {error.reason}")
    except yaml.YAMLError as error:
        problems.add(rel, "(file)", f"invalid YAML: {' '.join(str(error).split())}")
    except RecursionError:
        problems.add(rel, "(file)", f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
    return None


def describe_yaml_error(error: yaml.MarkedYAMLError, text: str = "",
                        line_offset: int = 0) -> tuple[str, str]:
    """(where, message) for a YAML error, at the line the author has to change."""
    mark = error.problem_mark or error.context_mark
    message = _explain(error, text) if not isinstance(error, _OwnError | _OwnConstructorError) else None
    if message is None:
        message = str(error.problem or error)
        context = error.context_mark
        if context is not None and context is not mark and error.context:
            message += (f" ({error.context} at line {context.line + 1 + line_offset}, column "
                        f"{context.column + 1})")
    elif isinstance(message, tuple):
        mark, message = message
    where = f"line {mark.line + 1 + line_offset}, column {mark.column + 1}" if mark else "(file)"
    return where, f"invalid YAML: {message}"


_LINK_VALUE_RE = re.compile(r"\s*(?:-\s+)?[^\s:][^:]*:\s+\[\[")
_SYMBOL_RE = re.compile(r"\s*(?:[^\s:][^:]*:\s+|-\s+)?([*&!`@%|>])")


def _explain(error: yaml.MarkedYAMLError, text: str) -> str | tuple[yaml.Mark, str] | None:
    """What the author most likely did, for PyYAML's commonest messages; None if unsure. A
    tuple moves the problem to another mark (where the unclosed quote opened)."""
    problem = str(error.problem or "")
    context = str(error.context or "")
    mark, begin = error.problem_mark, error.context_mark
    line = _line(text, mark.line) if mark else ""
    if "'\\t'" in problem or (mark and line[:mark.column + 1].endswith("\t")):
        return "a tab character; YAML indents with spaces only"
    if "end of stream" in problem and "quoted scalar" in context and begin is not None:
        return begin, "a quoted text starts here and is never closed (a missing \" or ')"
    if "expected a single document" in context:
        return "a second document starts here (a line `---`); keep one document per file"
    if "mapping values are not allowed here" in problem:
        return ("a colon followed by a space inside a text that is not in quotes; put the text "
                "in quotes or write it as a block (`>-`)")
    for start in (mark, begin):
        if start is not None and _LINK_VALUE_RE.match(_line(text, start.line)):
            return (yaml.Mark("", 0, start.line, _line(text, start.line).index("[["), "", 0),
                    "a text that starts with [[…]] is read as a list; put the text in quotes or "
                    "write it as a block (`>-`)")
    if "<stream end>" in problem and "flow" in context:
        opener = _unclosed_bracket(text)
        if opener is not None:
            bracket, at = opener
            return at, (f"a {bracket} opens here and is never closed; if it is part of a text, "
                        "put the text in quotes")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        if begin is not None:
            return begin, (f"a {bracket} opens here and is never closed; if it is part of a text, "
                           "put the text in quotes")
    symbol = _SYMBOL_RE.match(line)
    if symbol and any(w in problem + context for w in ("alias", "anchor", "cannot start any token",
                                                         "tag", "block scalar")):
        return (f"a text that starts with {symbol.group(1)} must be in quotes (YAML gives "
                f"{symbol.group(1)} a meaning of its own)")
    if "expected <block end>" in problem:
        return ("this line's indentation does not fit the lines above it (check the spaces at "
                "its start)")
    return None


def _unclosed_bracket(text: str) -> tuple[str, yaml.Mark] | None:
    """The last [ or { that is never closed (quotes and comments are skipped)."""
    stack: list[tuple[str, int, int]] = []
    for number, line in enumerate(text.split("\n")):
        quote = ""
        for column, char in enumerate(line):
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "#" and (column == 0 or line[column - 1] == " "):
                break
            elif char in "[{":
                stack.append((char, number, column))
            elif char in "]}" and stack:
                stack.pop()
    if not stack:
        return None
    char, number, column = stack[-1]
    return char, yaml.Mark("", 0, number, column, "", 0)


def _line(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""
