"""Catalogues: complete for every language, with the right plural forms, and up to date."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from builder.config import load_config
from builder.i18n import check_catalogues, read_catalogue, template_rel, translations
from tests.conftest import REPO

PLURAL_ID = "%(num)d concept, in alphabetical order. Synonyms lead to the preferred term."
PLURAL_IDS = (PLURAL_ID, PLURAL_ID.replace("concept,", "concepts,"))


def test_the_real_catalogues_are_complete() -> None:
    assert check_catalogues(load_config(REPO)) == []


def test_polish_uses_three_plural_forms() -> None:
    t = translations(REPO, "pl")
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
    assert translations(REPO, "da").ngettext(*PLURAL_IDS, 1).startswith("%(num)d begreb ")
    assert translations(REPO, "da").ngettext(*PLURAL_IDS, 3).startswith("%(num)d begreber ")
    assert translations(REPO, "nl").ngettext(*PLURAL_IDS, 3).startswith("%(num)d begrippen")


def test_the_template_holds_every_string_the_code_uses() -> None:
    """`make i18n` was run after the last change to a template, the code or mkdocs.yml."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    extracted = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            str(REPO), method_map, options_map,
            keywords={"_": None, "gettext": None, "ngettext": (1, 2)})
    }
    template = {m.id if isinstance(m.id, str) else m.id[0]
                for m in read_catalogue(REPO, template_rel()) if m.id}
    assert extracted == template, "run `make i18n` and translate the new strings"


def _copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    root.mkdir()
    shutil.copy(REPO / "project.yml", root)
    shutil.copytree(REPO / "locales", root / "locales")
    return root


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


def test_untranslated_fuzzy_and_missing_entries_are_reported(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    _edit(root, "pl", _set("Glossary", ""))
    plural = translations(REPO, "pl")
    forms = tuple(plural.ngettext(*PLURAL_IDS, n) for n in (1, 2))
    _edit(root, "pl", _set(PLURAL_IDS[0], (*forms, "")))

    def make_fuzzy(catalogue: Catalog) -> None:
        catalogue.get("Example").flags.add("fuzzy")

    _edit(root, "nl", make_fuzzy)
    _edit(root, "da", lambda catalogue: catalogue.delete("Sources"))
    assert [str(p) for p in check_catalogues(load_config(root))] == [
        "locales/pl/LC_MESSAGES/messages.po: msgid '%(num)d concept, in alphabetical order. "
        "Synonyms lead to the preferred term.': needs 3 plural forms "
        "(nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);)",
        "locales/pl/LC_MESSAGES/messages.po: msgid 'Glossary': not translated",
        "locales/nl/LC_MESSAGES/messages.po: msgid 'Example': marked fuzzy; review the translation",
        "locales/da/LC_MESSAGES/messages.po: msgid 'Sources': missing; run `make i18n` and "
        "translate it",
    ]


def test_a_missing_catalogue_says_how_to_create_it(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    shutil.rmtree(root / "locales" / "da")
    assert [str(p) for p in check_catalogues(load_config(root))] == [
        "locales/da/LC_MESSAGES/messages.po: (file): missing catalogue; create it with "
        "`pybabel init -D messages -i locales/messages.pot -d locales -l da`"]


def test_translations_are_compiled_from_the_po_file(tmp_path: Path) -> None:
    root = _copy_project(tmp_path)
    _edit(root, "pl", _set("Glossary", "Słowniczek"))
    # The .mo is built in memory from the .po: no stale compiled file can be used.
    assert translations(root, "pl").gettext("Glossary") == "Słowniczek"
    assert not list((root / "locales").rglob("*.mo"))
