"""`project.yml`: the languages, declared once; every mistake in it named with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.problems import BuildError, Problems
from builder.sources.files import Finder
from builder.sources.project import DEFAULT_ALPHABET, ProjectConfig, load_config


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "project.yml").write_text(text, encoding="utf-8")
    return tmp_path


def config_of(root: Path) -> ProjectConfig:
    return load_config(Finder(root, Problems()))[0]


def problems_of(root: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        config_of(root)
    return [str(p) for p in caught.value.problems]


def test_languages_are_declared_once_with_the_default_first(tmp_path: Path) -> None:
    config = config_of(write(tmp_path, "default_language: nl\nlanguages:\n"
                             "  - {code: en}\n  - {code: da, alphabet: a b æ ø å}\n"
                             "  - {code: nl}\n"))
    assert config.codes == ("nl", "en", "da")
    assert config.language("en").alphabet == DEFAULT_ALPHABET
    assert config.language("da").alphabet == ("a", "b", "æ", "ø", "å")
    assert [lang.native_name for lang in config.languages] == ["Nederlands", "English", "Dansk"]


def test_a_fifth_language_needs_only_a_line(tmp_path: Path) -> None:
    config = config_of(write(tmp_path, "default_language: en\nlanguages:\n"
                             "  - {code: en}\n  - {code: pt-BR}\n"))
    assert config.language("pt-BR").native_name == "Português (Brasil)"


def test_every_configuration_problem_is_reported(tmp_path: Path) -> None:
    root = write(tmp_path, "default_language: fr\nlanguages:\n  - {code: en}\n"
                 "  - {code: en}\n  - {code: xx}\n  - {code: PL}\n  - {lang: da}\n"
                 "  - {code: pt_BR}\n  - {code: da, alphabet: a b c c d æø}\n  - nl\n")
    assert problems_of(root) == [
        "project.yml: languages[1].code: duplicate language code 'en'",
        "project.yml: languages[2].code: Babel does not know 'xx'",
        "project.yml: languages[3].code: 'PL' is not a language code; write 'pl'",
        "project.yml: languages[4].code: missing required field",
        "project.yml: languages[4].lang: unknown field (allowed: code, alphabet)",
        "project.yml: languages[5].code: 'pt_BR' is not a language code; write 'pt-BR'",
        "project.yml: languages[6].alphabet: 'c' is listed twice",
        "project.yml: languages[6].alphabet: letters are separated by spaces; 'æø' is more than "
        "one letter",
        "project.yml: languages[7]: expected a mapping of fields such as `{code: da}`, got a text",
    ]


def test_the_default_must_be_configured(tmp_path: Path) -> None:
    root = write(tmp_path, "default_language: fr\nlanguages:\n  - {code: en}\n  - {code: da}\n")
    assert problems_of(root) == [
        "project.yml: default_language: 'fr' is not one of the configured languages (en, da)"]


def test_missing_empty_or_broken_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [
        "project.yml: (file): missing or empty; it declares the languages"]
    assert problems_of(write(tmp_path, "# nothing yet\n")) == [
        "project.yml: (file): missing or empty; it declares the languages"]
    assert problems_of(write(tmp_path, "languages: [\n")) == [
        "project.yml: line 1, column 12: invalid YAML: a [ opens here and is never closed; if it "
        "is part of a text, put the text in quotes"]
    assert problems_of(write(tmp_path, "- en\n- pl\n")) == [
        "project.yml: (top level): expected a mapping of fields, got a list"]
    assert problems_of(write(tmp_path, "default_language: en\nlanguages: []\n")) == [
        "project.yml: languages: expected a list of at least 1 languages, got 0"]
