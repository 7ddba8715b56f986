"""`project.yml`: the site's languages, declared once.

Everything else is checked per language, so a broken `project.yml` stops the load: its problems
are the only ones reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError

from builder.fields import (
    INVALID,
    LANG_RE,
    Bool,
    Field,
    ListOf,
    OneOf,
    Record,
    Rule,
    Spec,
    Text,
    Walk,
    describe,
)
from builder.problems import BuildError, Problems
from builder.sources.base import Source
from builder.sources.files import Finder, read_text
from builder.sources.yamlio import parse_yaml

CONFIG_FILE = "project.yml"
DEFAULT_ALPHABET = tuple("abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Language:
    code: str
    alphabet: tuple[str, ...]
    """Letters in sort order; the glossary index is grouped and ordered by it."""

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code, sep="-")

    @property
    def native_name(self) -> str:
        """The language's name in itself, as Babel (CLDR) spells it, capitalised for a menu."""
        name = self.locale.get_display_name(self.locale) or self.code
        return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class ProjectConfig:
    root: Any
    """The project folder (a resolved Path)."""
    languages: tuple[Language, ...]
    default_language: str
    paper: str = "a4"
    """The handouts' paper size: a4 or letter."""
    handouts: bool = True
    """Whether the site has printed handouts (PDF) for its trainers."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)


# -- Declaration ------------------------------------------------------------------------------------

class LanguageCode(Spec):
    """A BCP 47 code that Babel knows, with the fix for the usual slips (`PL`, `pt_BR`)."""

    noun = "a language code"
    plural = "language codes"

    def check(self, value: object, walk: Walk) -> Any:
        if not isinstance(value, str):
            walk.report(f"expected a language code such as 'pl', got {describe(value)}")
            return INVALID
        if not LANG_RE.match(value):
            fixed = value.replace("_", "-")
            fixed = fixed.split("-")[0].lower() + fixed[len(fixed.split("-")[0]):]
            hint = f"; write {fixed!r}" if LANG_RE.match(fixed) else ""
            walk.report(f"{value[:40]!r} is not a language code{hint}")
            return INVALID
        try:
            Locale.parse(value, sep="-")
        except (UnknownLocaleError, ValueError):
            walk.report(f"Babel does not know {value!r}")
            return INVALID
        return value

    def schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": LANG_RE.pattern}


def _alphabet(data: dict[str, Any], walk: Walk) -> None:
    letters = data["alphabet"].split()
    long = [letter for letter in letters if len(letter) > 1]
    if long:
        walk.report(f"letters are separated by spaces; {long[0]!r} is more than one letter",
                    at="alphabet")
    twice = sorted({letter for letter in letters if letters.count(letter) > 1})
    if twice:
        walk.report(f"{twice[0]!r} is listed twice", at="alphabet")


def _default_is_configured(data: dict[str, Any], walk: Walk) -> None:
    codes = [lang["code"] for lang in data["languages"]]
    if data["default_language"] not in codes:
        walk.report(f"{data['default_language']!r} is not one of the configured languages "
                    f"({', '.join(codes)})", at="default_language")


LANGUAGE = Record("language", (
    Field("code", LanguageCode(), True, "BCP 47 code: folder name under content/, section key in "
          "every multilingual file, catalogue name under locales/."),
    Field("alphabet", Text(400, line=True, markdown=False), False, "The alphabet in its sort order, "
          "letters separated by spaces. Letters outside it sort as their unaccented base letter. "
          "Default: a to z."),
), rules=(Rule(("alphabet",), _alphabet),), example="{code: da}", noun="language")

PROJECT = Record("project", (
    Field("default_language", LanguageCode(), True,
          "Code of the default language; it must be listed in `languages`."),
    Field("paper", OneOf(("a4", "letter"), "paper size"), False,
          "The paper size of the printed handouts: a4 (the default) or letter."),
    Field("handouts", Bool(), False, "Whether to print handouts (worksheets, answer keys, the "
          "glossary, cards, the paper self-assessment) as PDF. Default: yes."),
    Field("languages", ListOf(LANGUAGE, min_items=1, unique="code"), True,
          "The site's languages, one line each: `- {code: da, alphabet: ...}`."),
), rules=(Rule(("default_language", "languages"), _default_is_configured),),
    title="Project configuration", description="The site's languages, declared once.")


# -- Loading ----------------------------------------------------------------------------------------

def load_config(finder: Finder) -> tuple[ProjectConfig, Source]:
    """Read `project.yml`; raise BuildError listing every problem in it."""
    problems = Problems()
    found = finder.file(CONFIG_FILE)
    data = None
    if found is not None:
        text = read_text(found, problems)
        data = parse_yaml(text, CONFIG_FILE, problems) if text is not None else None
    if data is None and not problems and not finder.problems:
        problems.add(CONFIG_FILE, "(file)", "missing or empty; it declares the languages")
    cleaned = PROJECT.check(data, Walk(CONFIG_FILE, problems, ())) if data is not None else INVALID
    if problems or finder.problems or cleaned is INVALID:
        raise BuildError(sorted({*finder.problems, *problems}))
    languages = [Language(entry["code"], tuple(entry["alphabet"].lower().split())
                          if entry.get("alphabet") else DEFAULT_ALPHABET)
                 for entry in cleaned["languages"]]
    default = cleaned["default_language"]
    # The default language comes first everywhere (navigation, chooser, coverage table).
    ordered = sorted(languages, key=lambda lang: lang.code != default)
    config = ProjectConfig(root=finder.root, languages=tuple(ordered), default_language=default,
                           paper=cleaned.get("paper", "a4"), handouts=cleaned.get("handouts", True))
    return config, Source("project", CONFIG_FILE, None, config)
