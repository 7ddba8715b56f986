"""Project configuration: the site's languages, declared once in `project.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

from builder.problems import BuildError, Problem
from builder.schema import LANG_RE, LANGUAGE_FIELDS, PROJECT_FIELDS, check_fields, type_name
from builder.yamlio import read_yaml

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
    root: Path
    languages: tuple[Language, ...]
    default_language: str

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)


def load_config(root: Path) -> ProjectConfig:
    """Read `project.yml`; raise BuildError listing every problem in it."""
    path = root / CONFIG_FILE
    data, problems = read_yaml(path, CONFIG_FILE)
    if data is None and not problems:
        problems = [Problem(CONFIG_FILE, "(file)", "missing or empty; it declares the languages")]
    if problems:
        raise BuildError(problems)
    problems = check_fields(data, PROJECT_FIELDS, CONFIG_FILE)
    languages: list[Language] = []
    entries = data.get("languages") if isinstance(data, dict) else None
    if entries is not None and not isinstance(entries, list):
        problems.append(Problem(CONFIG_FILE, "languages",
                                f"expected a list of languages, got {type_name(entries)}"))
        entries = []
    for i, entry in enumerate(entries or []):
        field = f"languages[{i}]"
        entry_problems = check_fields(entry, LANGUAGE_FIELDS, CONFIG_FILE, f"{field}.")
        problems.extend(entry_problems)
        if entry_problems:
            continue
        code = entry["code"]
        if not LANG_RE.match(code):
            problems.append(Problem(CONFIG_FILE, f"{field}.code", f"{code!r} is not a language code"))
            continue
        try:
            Locale.parse(code, sep="-")
        except (UnknownLocaleError, ValueError):
            problems.append(Problem(CONFIG_FILE, f"{field}.code", f"Babel does not know {code!r}"))
            continue
        if code in (lang.code for lang in languages):
            problems.append(Problem(CONFIG_FILE, f"{field}.code", f"language {code!r} is listed twice"))
            continue
        alphabet = tuple(entry["alphabet"].split()) if entry.get("alphabet") else DEFAULT_ALPHABET
        languages.append(Language(code, tuple(letter.lower() for letter in alphabet)))
    default = data.get("default_language") if isinstance(data, dict) else None
    if isinstance(default, str) and languages and default not in (lang.code for lang in languages):
        problems.append(Problem(CONFIG_FILE, "default_language",
                                f"{default!r} is not one of the configured languages"))
    if problems:
        raise BuildError(problems)
    # The default language comes first everywhere (navigation, chooser, coverage table).
    ordered = sorted(languages, key=lambda lang: lang.code != default)
    return ProjectConfig(root=root, languages=tuple(ordered), default_language=str(default))
