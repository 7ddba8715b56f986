"""Field declarations: what a YAML source may hold, at every depth.

A declaration is a tree of specs: `Record` (a mapping of declared fields, optionally with one
section per configured language: a record of its own, or a single text), `ListOf`, `Keyed`
(texts keyed by ids named elsewhere in the file: option ids, statement ids, levels), `Either`
(a value of one of two shapes, told apart by their YAML type: a citation as a text or a mapping
that describes it per language), and the leaves `Text`, `Slug`, `Bool`, `Number`, `OneOf`. Two
walks of the same tree:

- `check` validates a parsed file, collecting every problem as `path: field: message`, and
  returns the clean value (texts stripped), `INVALID` for a value with a problem; a record keeps
  its clean fields beside its `INVALID` ones. It also collects the author texts it met, with
  their field path and language, for the link and safety checks.
- `schema` writes the tree as JSON Schema, for editors that validate while authors type.

Rules that concern several fields (bands that cover 0 to 100, exactly one correct option) are
attached to the record they belong to and run only when the fields they need are clean, so one
mistake is reported once, not again through its knock-on effects.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from builder import safety
from builder.problems import Problems

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Ids are lowercase slugs: they become file and URL names, so nothing else is allowed."""

LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")
"""A BCP 47 language tag as used for folders and catalogues (`pl`, `pt-BR`)."""

COUNTRY_CODES = {"dk": "da", "se": "sv", "gr": "el", "cz": "cs", "ua": "uk", "jp": "ja",
                 "cn": "zh", "kr": "ko", "ee": "et", "si": "sl", "rs": "sr", "by": "be",
                 "il": "he", "ir": "fa", "vn": "vi", "us": "en", "gb": "en"}
"""Country codes written for the language spoken there, a common slip (`dk:` for Danish)."""


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()
"""What `check` returns for a value with a problem (already reported)."""


# -- Where a walk is --------------------------------------------------------------------------------

@dataclass(frozen=True)
class AuthorText:
    """One Markdown text an author wrote, and where: checked for links, rendered per language."""

    source: str
    """The file, relative to the project root."""
    field: str
    """The field path, or `""` for a whole page (whose problems name lines)."""
    lang: str | None
    """The language section it is in; None for language-independent texts (citations)."""
    text: str


@dataclass
class Walk:
    """The state of one check: the file, the field path, the sinks and the ids in scope."""

    rel: str
    problems: Problems
    languages: tuple[str, ...]
    texts: list[AuthorText] = field(default_factory=list)
    path: str = ""
    lang: str | None = None
    scope: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Ids named by enclosing records (`option`, `statement`, `level`), for `Keyed` texts."""

    def at(self, key: str | int, lang: str | None = None) -> Walk:
        """The walk one step down (`key` a field or an index), in language section `lang`."""
        path = f"{self.path}[{key}]" if isinstance(key, int) else (
            f"{self.path}.{key}" if self.path else str(key))
        return Walk(self.rel, self.problems, self.languages, self.texts, path,
                    lang or self.lang, self.scope)

    def report(self, message: str, at: str | None = None) -> None:
        where = self.path if at is None else (f"{self.path}.{at}" if self.path else at)
        self.problems.add(self.rel, where or "(top level)", message)


def did_you_mean(wrong: str, known: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for an id close to a known one, else nothing."""
    guess = difflib.get_close_matches(wrong, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean {guess[0]!r}?)" if guess else ""


def describe(value: object) -> str:
    """A parsed YAML value's type the way an author thinks of it, with the fix where YAML
    surprised them."""
    if isinstance(value, bool):
        return "true/false (YAML reads yes, no, on and off as true or false: put the text in quotes)"
    if isinstance(value, int | float):
        return "a number (put it in quotes if it is a text)"
    if isinstance(value, datetime.date):
        return "a date (put it in quotes if it is a text)"
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        return "a list (a text that starts with [[…]] is read as a list: put it in quotes or use >-)"
    names = {str: "a text", list: "a list", dict: "a mapping", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


# -- Specs ------------------------------------------------------------------------------------------

class Spec:
    """A declared value. Subclasses check a parsed value and describe themselves as JSON Schema."""

    noun: str = "a value"
    plural: str = "values"

    def check(self, value: object, walk: Walk) -> Any:
        raise NotImplementedError

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Spec):
    """Markdown written by an author: checked for safety, collected for the link checks."""

    max_chars: int = 4000
    line: bool = False
    """One line only (terms, titles)."""
    markdown: bool = True
    """False for codes and names that are not rendered as Markdown."""

    @property
    def noun(self) -> str:  # type: ignore[override]
        return "a single-line text" if self.line else "a text"

    @property
    def plural(self) -> str:  # type: ignore[override]
        return "single-line texts" if self.line else "texts"

    def check(self, value: object, walk: Walk) -> Any:
        if not isinstance(value, str):
            walk.report(f"expected {self.noun}, got {describe(value)}")
            return INVALID
        text = value.strip()
        faults = []
        if not text:
            faults.append("is empty")
        elif self.line and "\n" in text:
            faults.append("must be a single line")
        if len(text) > self.max_chars:
            faults.append(f"is {len(text):,} characters long; the limit is {self.max_chars:,}")
        else:
            faults.extend(safety.check_markdown(text) if self.markdown else safety.check_plain(text))
        for fault in faults:
            walk.report(fault)
        if faults:
            return INVALID
        if self.markdown:
            walk.texts.append(AuthorText(walk.rel, walk.path, walk.lang, text))
        return text

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        pattern = r"^[^\n]*\S[^\n]*$" if self.line else r"\S"
        return {"type": "string", "minLength": 1, "maxLength": self.max_chars, "pattern": pattern}


@dataclass(frozen=True)
class Slug(Spec):
    noun = "a lowercase slug"
    plural = "lowercase slugs"

    def check(self, value: object, walk: Walk) -> Any:
        if not isinstance(value, str):
            walk.report(f"expected {self.noun}, got {describe(value)}")
            return INVALID
        if not SLUG_RE.match(value):
            walk.report(f"{value[:80]!r} is not a lowercase slug (a-z, 0-9, single hyphens)")
            return INVALID
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG_RE.pattern}


@dataclass(frozen=True)
class Bool(Spec):
    noun = "true or false"
    plural = "true or false values"

    def check(self, value: object, walk: Walk) -> Any:
        if isinstance(value, bool):
            return value
        walk.report(f"expected true or false, got {describe(value)}")
        return INVALID

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Number(Spec):
    """A whole number in a range."""

    low: int = 0
    high: int = 100

    @property
    def noun(self) -> str:  # type: ignore[override]
        if self.high >= 10**6:
            return f"a whole number of at least {self.low}"
        return f"a whole number from {self.low} to {self.high}"

    def check(self, value: object, walk: Walk) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            shown = repr(value) if isinstance(value, int | float) else describe(value)
            walk.report(f"expected {self.noun}, got {shown}")
            return INVALID
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.low, "maximum": self.high}


@dataclass(frozen=True)
class OneOf(Spec):
    values: tuple[str, ...]
    what: str = "value"

    @property
    def noun(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.values)

    def check(self, value: object, walk: Walk) -> Any:
        if value in self.values:
            return value
        guess = difflib.get_close_matches(str(value), self.values, n=1)
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        walk.report(f"{str(value)[:80]!r} is not a {self.what} ({hint}{', '.join(self.values)})")
        return INVALID

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"enum": list(self.values)}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    min_items: int = 0
    max_items: int = 10_000
    unique: str | None = None
    """For a list of records: the field that must differ from item to item (`id`)."""

    @property
    def noun(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.plural}"

    def check(self, value: object, walk: Walk) -> Any:
        if not isinstance(value, list):
            walk.report(f"expected {self.noun}, got {describe(value)}")
            return INVALID
        if len(value) < self.min_items:
            walk.report(f"expected a list of at least {self.min_items} {self.item.plural}, got "
                        f"{len(value)}")
            return INVALID
        if len(value) > self.max_items:
            walk.report(f"holds {len(value):,} {self.item.plural}; the limit is {self.max_items:,}")
            return INVALID
        before = len(walk.problems)
        items = [self.item.check(v, walk.at(i)) for i, v in enumerate(value)]
        if self.unique:
            seen: dict[object, int] = {}
            for i, item in enumerate(items):
                key = item.get(self.unique) if isinstance(item, dict) else None
                if key is None or key is INVALID:
                    continue
                if key in seen:
                    walk.at(i).report(f"duplicate {self.item.noun} {self.unique} {key!r}",
                                      at=self.unique)
                seen.setdefault(key, i)
        return items if len(walk.problems) == before else INVALID

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema = {"type": "array", "items": self.item.schema(defs)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items < 10_000:
            schema["maxItems"] = self.max_items
        return schema


@dataclass(frozen=True)
class Keyed(Spec):
    """A mapping of ids to values, the ids fixed (`keys`) or named by an enclosing record (`ids`,
    a scope name such as `option`). Every id needs a value and no other key is allowed."""

    value: Spec
    ids: str = ""
    keys: tuple[str, ...] = ()
    what: str = "key"
    """What a key is, for messages: option, statement, level, answer."""

    noun = "a mapping"
    plural = "mappings"

    def expected(self, walk: Walk) -> tuple[str, ...] | None:
        return self.keys or walk.scope.get(self.ids)

    def check(self, value: object, walk: Walk) -> Any:
        if not isinstance(value, dict):
            walk.report(f"expected a mapping of {self.what} id to text, got {describe(value)}")
            return INVALID
        before = len(walk.problems)
        expected = self.expected(walk)
        cleaned: dict[str, Any] = {}
        given: set[str] = set()
        for raw_key, item in value.items():
            # YAML reads a bare `true:` or `false:` key as a boolean (true-false feedback).
            key = str(raw_key).lower() if isinstance(raw_key, bool) else str(raw_key)
            given.add(key)
            if expected is not None and key not in expected:
                walk.at(key).report(f"unknown {self.what} {key!r} (expected: {', '.join(expected)})")
                continue
            if item is None:
                walk.at(key).report("is empty")
                continue
            cleaned[key] = self.value.check(item, walk.at(key))
        for key in expected or ():
            if key not in given:
                walk.at(key).report("missing")
        return cleaned if len(walk.problems) == before else INVALID

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        item = self.value.schema(defs)
        if self.keys:
            return {"type": "object", "properties": dict.fromkeys(self.keys, item),
                    "required": list(self.keys), "additionalProperties": False}
        return {"type": "object", "propertyNames": {"pattern": r"^(true|false|[a-z0-9]+(-[a-z0-9]+)*)$"},
                "minProperties": 1, "additionalProperties": item}


@dataclass(frozen=True)
class Either(Spec):
    """One of two shapes, told apart by the value's YAML type (a text, a mapping, a list): each
    shape is checked by its own spec, so its problems name its own fields. The shapes must take
    different types (a `Text` and a `Record`)."""

    first: Spec
    second: Spec
    noun: str = "a value"  # type: ignore[assignment]
    plural: str = "values"  # type: ignore[assignment]

    def check(self, value: object, walk: Walk) -> Any:
        for spec in (self.first, self.second):
            if isinstance(value, _takes(spec)) and not isinstance(value, bool):
                return spec.check(value, walk)
        walk.report(f"expected {self.noun}, got {describe(value)}")
        return INVALID

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"oneOf": [self.first.schema(defs), self.second.schema(defs)]}


def _takes(spec: Spec) -> type | tuple[type, ...]:
    """The YAML type a spec reads: what `Either` tells its shapes apart by."""
    if isinstance(spec, Record | Keyed):
        return dict
    if isinstance(spec, ListOf):
        return list
    if isinstance(spec, Number):
        return int
    if isinstance(spec, Bool):
        return bool
    return str


@dataclass(frozen=True)
class Field:
    name: str
    spec: Spec
    required: bool = False
    description: str = ""
    provides: tuple[str, Callable[[Any], tuple[str, ...]]] | None = None
    """Names the ids this field's clean value holds (`("option", ids_of)`) for later `Keyed`
    fields and language sections of the same record."""


@dataclass(frozen=True)
class Rule:
    """A check over several fields of one record, run when the fields it `needs` are clean.
    With `raw`, it gets the record as parsed instead (and must expect anything in it): for
    checks worth reporting beside other problems, such as ids repeated across dimensions."""

    needs: tuple[str, ...]
    check: Callable[[dict[str, Any], Walk], None]
    raw: bool = False


def clean_or(data: dict[str, Any], name: str, default: Any) -> Any:
    """A field of a record's clean value, or `default` if it is missing or has a problem."""
    value = data.get(name, default)
    return default if value is INVALID else value


def ids_of(key: str = "id") -> Callable[[Any], tuple[str, ...]]:
    """An extractor for `Field.provides`: the `key` of each record of a list, first seen first."""
    return lambda items: tuple(dict.fromkeys(item[key] for item in items if item.get(key)))


@dataclass(frozen=True)
class Record(Spec):
    """A mapping of declared fields; with `languages`, also one section per configured language:
    a `Record` (a concept's texts) or a leaf such as a `Text` (a source's description)."""

    name: str
    fields: tuple[Field, ...]
    languages: Spec | None = None
    rules: tuple[Rule, ...] = ()
    scope: Callable[[dict[str, Any]], dict[str, tuple[str, ...]]] | None = None
    """Ids derived from the clean fields for the language sections (true-false options)."""
    noun: str = "entry"  # type: ignore[assignment]
    title: str = ""
    description: str = ""
    example: str = ""
    """Shown when the value is not a mapping: what one looks like (`{code: en}`)."""

    @property
    def plural(self) -> str:  # type: ignore[override]
        return f"{self.noun}s"

    def check(self, value: object, walk: Walk) -> Any:
        if not isinstance(value, dict):
            example = f" such as `{self.example}`" if self.example else ""
            walk.report(f"expected a mapping of fields{example}, got {describe(value)}")
            return INVALID
        languages = walk.languages if self.languages else ()
        # A misspelt field is one problem: its "did you mean" stands for the missing field too.
        meant = self._check_keys(value, walk, languages)
        scope = dict(walk.scope)
        inner = Walk(walk.rel, walk.problems, walk.languages, walk.texts, walk.path, walk.lang, scope)
        # A field that is present but wrong stays in `clean` as INVALID: rules can tell it from
        # a missing one, and do not run on it.
        clean: dict[str, Any] = {}
        for f in self.fields:
            item = value.get(f.name)
            if item is None:
                if f.required and f.name not in meant:
                    inner.report("missing required field", at=f.name)
                continue
            clean[f.name] = _checked(f.spec, item, inner.at(f.name))
            if f.provides and clean[f.name] is not INVALID:
                scope[f.provides[0]] = f.provides[1](clean[f.name])
        if self.scope:
            scope.update(self.scope(clean))
        if self.languages:
            for lang in languages:
                section = value.get(lang)
                if section is None and lang in meant:
                    continue
                if section is None and not isinstance(self.languages, Record):
                    inner.report(f"missing the {lang} text (every {self.noun} needs one in each "
                                 f"language: {', '.join(languages)})", at=lang)
                    continue
                if section is None:
                    inner.report(f"missing language section (every {self.noun} needs "
                                 f"{', '.join(languages)})", at=lang)
                    continue
                clean[lang] = _checked(self.languages, section, inner.at(lang, lang=lang))
        for rule in self.rules:
            if rule.raw:
                rule.check(value, walk)
            elif all(clean.get(n, INVALID) is not INVALID for n in rule.needs):
                rule.check(clean, walk)
        # Even with problems, the fields that are clean: the top level of a file is kept, so that
        # checks across files can use a broken file's good fields (its references).
        return clean

    def _check_keys(self, value: dict[Any, Any], walk: Walk,
                    languages: tuple[str, ...]) -> set[str]:
        """Report unknown keys; return the missing fields they were most likely meant to be."""
        known = [f.name for f in self.fields]
        allowed = [*known, *languages]
        meant: set[str] = set()
        for key in value:
            if not isinstance(key, str):
                walk.report(f"a key must be a field name, not {describe(key)}", at=str(key))
            elif key in allowed:
                continue
            elif self.languages and LANG_RE.match(key):
                slip = COUNTRY_CODES.get(key.lower())
                hint = (f"; {key!r} is a country code, the language is {slip!r}"
                        if slip in languages else "")
                walk.report(f"language {key!r} is not configured in project.yml "
                            f"(configured: {', '.join(languages)}){hint}", at=key)
                if hint and value.get(slip) is None:
                    meant.add(slip)
            else:
                guess = difflib.get_close_matches(key, allowed, n=1)
                hint = f"did you mean {guess[0]!r}? " if guess else ""
                walk.report(f"unknown field ({hint}allowed: {', '.join(allowed)})", at=key[:80])
                if guess and value.get(guess[0]) is None:
                    meant.add(guess[0])
        return meant

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        if self.name in defs:
            return {"$ref": f"#/$defs/{self.name}"}
        defs[self.name] = {}  # reserve the name first: records may nest
        properties: dict[str, Any] = {}
        for f in self.fields:
            properties[f.name] = {**({"description": f.description} if f.description else {}),
                                  **f.spec.schema(defs)}
        required = [f.name for f in self.fields if f.required]
        schema: dict[str, Any] = {"type": "object"}
        if self.title:
            schema["title"] = self.title
        if self.description:
            schema["description"] = self.description
        schema["properties"] = properties
        if self.languages is not None:
            section = self.languages.schema(defs)
            what = "texts" if isinstance(self.languages, Record) else "text"
            for lang in defs.get("$languages", ()):
                properties[lang] = {"description": f"The {what} in {lang}.", **section}
            required += list(defs.get("$languages", ()))
        schema["required"] = required
        schema["additionalProperties"] = False
        defs[self.name] = schema
        return {"$ref": f"#/$defs/{self.name}"}


def _checked(spec: Spec, value: object, walk: Walk) -> Any:
    """The clean value, or INVALID if checking it added a problem."""
    mark = len(walk.problems)
    checked = spec.check(value, walk)
    return checked if len(walk.problems) == mark else INVALID


# -- JSON Schema -----------------------------------------------------------------------------------

def json_schema(record: Record, languages: Sequence[str]) -> dict[str, Any]:
    """The JSON Schema of a file declared by `record`, its language sections for `languages`."""
    defs: dict[str, Any] = {"$languages": tuple(languages)}
    record.schema(defs)
    defs.pop("$languages")
    top = defs.pop(record.name)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **top}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def walk_fields(record: Record, prefix: str = "") -> Iterator[tuple[str, Spec]]:
    """Every declared field path of a record (`questions[].pl.prompt` as `questions[].<lang>.prompt`),
    for documentation and for tests that try every field."""
    for f in record.fields:
        yield from _walk(f.spec, f"{prefix}{f.name}")
    if isinstance(record.languages, Record):
        yield from walk_fields(record.languages, f"{prefix}<lang>.")
    elif record.languages is not None:
        yield from _walk(record.languages, f"{prefix}<lang>")


def _walk(spec: Spec, path: str) -> Iterator[tuple[str, Spec]]:
    if isinstance(spec, Either):
        yield from _walk(spec.first, path)
        yield from _walk(spec.second, path)
    elif isinstance(spec, Record):
        yield from walk_fields(spec, f"{path}.")
    elif isinstance(spec, ListOf):
        yield from _walk(spec.item, f"{path}[]")
    elif isinstance(spec, Keyed):
        yield from _walk(spec.value, f"{path}.<{spec.what}>")
    else:
        yield path, spec
