from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import DEFAULT_ALPHABET, load_config
from builder.problems import BuildError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "project.yml").write_text(text, encoding="utf-8")
    return tmp_path


def problems_of(root: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_config(root)
    return [str(p) for p in caught.value.problems]


def test_languages_are_declared_once_with_the_default_first(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "default_language: nl\nlanguages:\n"
                               "  - {code: en}\n  - {code: da, alphabet: a b æ ø å}\n"
                               "  - {code: nl}\n"))
    assert config.codes == ("nl", "en", "da")
    assert config.language("en").alphabet == DEFAULT_ALPHABET
    assert config.language("da").alphabet == ("a", "b", "æ", "ø", "å")
    assert [lang.native_name for lang in config.languages] == ["Nederlands", "English", "Dansk"]


def test_a_fifth_language_needs_only_a_line(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "default_language: en\nlanguages:\n"
                               "  - {code: en}\n  - {code: pt-BR}\n"))
    assert config.language("pt-BR").native_name == "Português (Brasil)"


def test_every_configuration_problem_is_reported(tmp_path: Path) -> None:
    root = write(tmp_path, "default_language: fr\nlanguages:\n  - {code: en}\n"
                 "  - {code: en}\n  - {code: xx}\n  - {code: PL}\n  - {lang: da}\n")
    assert problems_of(root) == [
        "project.yml: languages[1].code: language 'en' is listed twice",
        "project.yml: languages[2].code: Babel does not know 'xx'",
        "project.yml: languages[3].code: 'PL' is not a language code",
        "project.yml: languages[4].lang: unknown field (allowed: code, alphabet)",
        "project.yml: languages[4].code: missing required field",
        "project.yml: default_language: 'fr' is not one of the configured languages",
    ]


def test_missing_or_broken_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [
        "project.yml: (file): missing or empty; it declares the languages"]
    assert problems_of(write(tmp_path, "languages: [\n")) == [
        "project.yml: line 2, column 1: invalid YAML: expected the node content, but found "
        "'<stream end>'"]
