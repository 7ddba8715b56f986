"""The MkDocs stage's report: a failure every language shares is one problem, and a warning
about a hand-written page names its file under content/."""

from __future__ import annotations

from builder.build import _problems
from builder.problems import Problem

THEME = ("ERROR   -  Config value 'theme': Unrecognised theme name: 'materail'.\n"
         "Aborted with a configuration error!\n")


def test_a_failure_of_every_language_is_reported_once() -> None:
    outputs = {lang: (1, f"INFO    -  Building documentation to /w/{lang}/site\n{THEME}")
               for lang in ("en", "pl", "nl", "da")}
    assert _problems(outputs, {}) == [Problem(
        "mkdocs.yml", "mkdocs build (en, pl, nl, da)",
        "failed:\n    ERROR   -  Config value 'theme': Unrecognised theme name: 'materail'.\n"
        "    Aborted with a configuration error!")]


def test_a_warning_about_a_page_names_its_source() -> None:
    warning = ("WARNING -  Doc file 'about.md' contains a link 'nowhere.md', but the target is "
               "not found among documentation files.\nAborted with 1 warnings in strict mode!\n")
    outputs = {"en": (0, ""), "pl": (1, warning), "da": (1, warning.replace("nowhere", "nigdzie"))}
    assert _problems(outputs, {"about.md": "content/<lang>/about.md"}) == [
        Problem("content/pl/about.md", "mkdocs (pl)", "contains a link 'nowhere.md', but the "
                "target is not found among documentation files."),
        Problem("content/da/about.md", "mkdocs (da)", "contains a link 'nigdzie.md', but the "
                "target is not found among documentation files."),
    ]


def test_a_warning_about_a_generated_page_names_its_source() -> None:
    warning = ("WARNING -  Doc file 'glossary/apple/index.md' contains a link '../x.md', but the "
               "target is not found among documentation files.\n")
    origins = {"glossary/apple/index.md": "glossary/apple.yml"}
    assert _problems({"nl": (1, warning)}, origins) == [
        Problem("glossary/apple.yml", "glossary/apple/index.md (nl)", "contains a link "
                "'../x.md', but the target is not found among documentation files.")]


def test_nothing_failed() -> None:
    assert _problems({"en": (0, "INFO    -  Documentation built in 0.5 seconds\n")}, {}) == []
