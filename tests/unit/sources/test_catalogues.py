"""Catalogues: complete for every language, with the right plural forms, safe and well formed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from builder.load import load_project
from builder.validate import validate
from tests.conftest import REPO

PLURAL_ID = "%(num)d concept, in alphabetical order. Synonyms lead to the preferred term."
PLURAL_IDS = (PLURAL_ID, PLURAL_ID.replace("concept,", "concepts,"))
PL = "locales/pl/LC_MESSAGES/messages.po"
CLDR_PL = "n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2"


def catalogue_problems(root: Path) -> list[str]:
    project, problems = load_project(root)
    return [str(p) for p in sorted({*problems, *validate(project)}) if p.path.startswith("locales")]


def line_of(root: Path, rel: str, text: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(text))


def test_the_real_catalogues_are_complete() -> None:
    assert catalogue_problems(REPO) == []


def test_polish_uses_three_plural_forms() -> None:
    project, _ = load_project(REPO)
    t = project.translations("pl")
    forms = {n: t.ngettext(*PLURAL_IDS, n) % {"num": n} for n in (1, 2, 4, 5, 12, 22, 25, 101)}
    assert forms[1].startswith("1 pojęcie ")
    assert forms[2].startswith("2 pojęcia ")
    assert forms[4].startswith("4 pojęcia ")
    assert forms[5].startswith("5 pojęć ")
    assert forms[12].startswith("12 pojęć ")
    assert forms[22].startswith("22 pojęcia ")
    assert forms[25].startswith("25 pojęć ")
    assert forms[101].startswith("101 pojęć ")


def test_danish_and_dutch_use_two_plural_forms() -> None:
    project, _ = load_project(REPO)
    assert project.translations("da").ngettext(*PLURAL_IDS, 1).startswith("%(num)d begreb ")
    assert project.translations("da").ngettext(*PLURAL_IDS, 3).startswith("%(num)d begreber ")
    assert project.translations("nl").ngettext(*PLURAL_IDS, 3).startswith("%(num)d begrippen")


def _edit(root: Path, lang: str, edit: Callable[[Catalog], None]) -> None:
    """Change a copied catalogue through Babel, independent of the translations' wording."""
    path = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        catalogue = read_po(f, locale=lang)
    edit(catalogue)
    with path.open("wb") as f:
        write_po(f, catalogue)


def _set(msgid: str | tuple[str, str], value: str | tuple[str, ...]) -> Callable[[Catalog], None]:
    def edit(catalogue: Catalog) -> None:
        message = catalogue.get(msgid)
        assert message is not None
        message.string = value
    return edit


def test_untranslated_fuzzy_and_missing_entries_are_reported(
        project: Callable[[str], Path]) -> None:
    root = project("base")
    _edit(root, "pl", _set("Glossary", ""))
    plural = load_project(REPO)[0].translations("pl")
    forms = tuple(plural.ngettext(*PLURAL_IDS, n) for n in (1, 2))
    _edit(root, "pl", _set(PLURAL_IDS[0], (*forms, "")))

    def make_fuzzy(catalogue: Catalog) -> None:
        catalogue.get("Example").flags.add("fuzzy")

    _edit(root, "nl", make_fuzzy)
    _edit(root, "da", lambda catalogue: catalogue.delete("Sources"))
    nl = "locales/nl/LC_MESSAGES/messages.po"
    example = line_of(root, nl, 'msgid "Example"')
    glossary = line_of(root, PL, 'msgid "Glossary"')
    assert catalogue_problems(root) == [
        "locales/da/LC_MESSAGES/messages.po: msgid 'Sources': missing; run `make i18n` and "
        "translate it",
        f"{nl}: line {example}: msgid 'Example': marked fuzzy; review the translation",
        f"{PL}: line {_plural_line(root)}: msgid '%(num)d concept, in alphabetical order. "
        "Synonyms lead to th…': needs 3 plural forms (nplurals=3; plural=(n==1 ? 0 : n%10>=2 "
        "&& n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);)",
        f"{PL}: line {glossary}: msgid 'Glossary': not translated",
    ]


def _plural_line(root: Path) -> int:
    lines = (root / PL).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, start=1)
                if line.startswith("msgid") and lines[i].startswith('"%(num)d concept,'))


def test_a_missing_catalogue_says_how_to_create_it(project: Callable[[str], Path]) -> None:
    root = project("base")
    shutil.rmtree(root / "locales" / "da")
    assert catalogue_problems(root) == [
        "locales/da/LC_MESSAGES/messages.po: (file): missing catalogue; create it with "
        "`pybabel init -D messages -i locales/messages.pot -d locales -l da` (or `make i18n`)"]


def test_translations_are_compiled_from_the_po_file(project: Callable[[str], Path]) -> None:
    root = project("base")
    _edit(root, "pl", _set("Glossary", "Słowniczek"))
    # The .mo is built in memory from the .po: no stale compiled file can be used.
    assert load_project(root)[0].translations("pl").gettext("Glossary") == "Słowniczek"
    assert not list((root / "locales").rglob("*.mo"))


# -- Mistakes translators make ----------------------------------------------------------------------

def _replace(root: Path, rel: str, old: str, new: str) -> int:
    """Replace `old` once in the catalogue; return the line it was on."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_syntax_errors_name_their_line(project: Callable[[str], Path]) -> None:
    root = project("base")
    unclosed = _replace(root, PL, 'msgstr "Słownik"', 'msgstr "Słowniczek')
    keyword = _replace(root, PL, 'msgstr "Przykład"', 'msgstrr "Przykład"')
    assert catalogue_problems(root) == [
        f"{PL}: line {keyword}: unknown keyword 'msgstrr'",
        f"{PL}: line {unclosed}: a string that is not closed (a missing \" at the end, or a \" "
        "inside it that should be written \\\")",
    ]


def test_plural_forms_must_match_the_language(project: Callable[[str], Path]) -> None:
    root = project("base")
    text = (root / PL).read_text(encoding="utf-8")
    header = text[text.index('"Plural-Forms:'):text.index('"MIME-Version')]
    line = _replace(root, PL, header, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
    assert catalogue_problems(root) == [
        f"{PL}: line {line}: nplurals=2, but pl has 3 plural forms in CLDR (Plural-Forms: "
        f"nplurals=3; plural={CLDR_PL};)"]
    # The right count with the wrong rule: 22 is "22 pytania" in Polish, not "22 pytań".
    _replace(root, PL, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n',
             '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);\\n"\n')
    assert catalogue_problems(root) == [
        f"{PL}: line {line}: the plural expression picks form 2 for 22, where pl uses form 1 "
        f"(CLDR: {CLDR_PL})"]


def test_the_language_header_matches_the_folder(project: Callable[[str], Path]) -> None:
    root = project("base")
    line = _replace(root, PL, '"Language: pl\\n"', '"Language: da\\n"')
    assert catalogue_problems(root) == [
        f"{PL}: line {line}: the header says Language: da, but the catalogue is in the 'pl' folder"]


def test_placeholders_and_percent_signs(project: Callable[[str], Path]) -> None:
    root = project("base")
    renamed = _replace(root, PL, 'msgstr "Próg zaliczenia: %(percent)s"',
                       'msgstr "Próg zaliczenia: %(procent)s"')
    literal = _replace(root, PL, 'msgstr "Słownik"', 'msgstr "Słownik (100%)"')
    problems = catalogue_problems(root)
    assert problems == [
        f"{PL}: line {literal - 1}: msgid 'Glossary': a % in a message whose msgid has no "
        "placeholder; write the percent sign out (procent, pct.) or ask for a placeholder",
        f"{PL}: line {renamed - 1}: msgid 'Pass mark: %(percent)s': unknown named placeholder "
        "'procent'",
    ]


def test_translations_cannot_hold_html_or_script_links(project: Callable[[str], Path]) -> None:
    root = project("base")
    tag = _replace(root, PL, 'msgstr "Słownik"', 'msgstr "<img src=x onerror=alert(1)>"')
    link = _replace(root, PL, 'msgstr "Przykład"', 'msgstr "[Przykład](javascript:alert(1))"')
    assert catalogue_problems(root) == [
        f"{PL}: line {link - 1}: msgid 'Example': a javascript: URL is not allowed; link to a "
        "page or an http(s) address",
        f"{PL}: line {tag - 1}: msgid 'Glossary': raw HTML is not allowed; use Markdown",
    ]


def test_a_new_catalogue_is_summed_up_in_a_line(project: Callable[[str], Path]) -> None:
    root = project("base")

    def clear(catalogue: Catalog) -> None:
        for message in catalogue:
            if message.id:
                message.string = ("", "", "") if isinstance(message.id, tuple) else ""

    _edit(root, "pl", clear)
    problems = catalogue_problems(root)
    assert len(problems) == 1
    assert problems[0].startswith(f"{PL}: (file): ")
    assert "messages are not translated (the first: line " in problems[0]
    assert "`make i18n` brings the catalogue up to date" in problems[0]
