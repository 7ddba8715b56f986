"""Interface strings: gettext catalogues under `locales/`, read with Babel.

Catalogues are read straight from their `.po` files and compiled in memory, so a build never
uses a stale `.mo`. Authors update them with `make i18n` (pybabel extract, update, compile).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import IO, Any

import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from builder.config import ProjectConfig
from builder.problems import Problem

LOCALES_DIR = "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
"""The language of the msgids; its catalogue may leave every msgstr empty."""


def catalogue_rel(lang: str) -> str:
    return f"{LOCALES_DIR}/{lang}/LC_MESSAGES/{DOMAIN}.po"


def template_rel() -> str:
    return f"{LOCALES_DIR}/{DOMAIN}.pot"


def read_catalogue(root: Path, rel: str, locale: str | None = None) -> Catalog:
    with (root / rel).open("rb") as f:
        return read_po(f, locale=locale, abort_invalid=True)


def translations(root: Path, lang: str) -> gettext.NullTranslations:
    """The compiled translations of one language (validated beforehand by `check_catalogues`)."""
    if not (root / catalogue_rel(lang)).is_file():
        return gettext.NullTranslations()
    buffer = BytesIO()
    write_mo(buffer, read_catalogue(root, catalogue_rel(lang), lang))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def check_catalogues(config: ProjectConfig) -> list[Problem]:
    """Every language has a catalogue that translates every msgid of the template, all plural forms."""
    root = config.root
    problems: list[Problem] = []
    try:
        template = read_catalogue(root, template_rel())
    except FileNotFoundError:
        return [Problem(template_rel(), "(file)", "missing; run `make i18n`")]
    except (PoFileError, ValueError) as error:
        return [Problem(template_rel(), "(file)", f"invalid catalogue template: {error}")]
    wanted = [m.id for m in template if m.id]
    for lang in config.codes:
        rel = catalogue_rel(lang)
        try:
            catalogue = read_catalogue(root, rel, lang)
        except FileNotFoundError:
            problems.append(Problem(rel, "(file)", "missing catalogue; create it with "
                                    f"`pybabel init -D {DOMAIN} -i {template_rel()} "
                                    f"-d {LOCALES_DIR} -l {lang}`"))
            continue
        except (PoFileError, ValueError) as error:
            problems.append(Problem(rel, "(file)", f"invalid catalogue: {error}"))
            continue
        if lang == SOURCE_LANGUAGE:
            continue
        expected_plurals = catalogue.plural_forms
        for msgid in wanted:
            key = msgid[0] if isinstance(msgid, tuple | list) else msgid
            message = catalogue.get(msgid)
            field = f"msgid {key!r}"
            if message is None:
                problems.append(Problem(rel, field, "missing; run `make i18n` and translate it"))
            elif message.fuzzy:
                problems.append(Problem(rel, field, "marked fuzzy; review the translation"))
            elif isinstance(message.string, tuple | list):
                if len(message.string) != catalogue.num_plurals or not all(message.string):
                    problems.append(Problem(rel, field, f"needs {catalogue.num_plurals} plural "
                                            f"forms ({expected_plurals})"))
            elif not message.string:
                problems.append(Problem(rel, field, "not translated"))
    return problems


# -- Babel extractor for mkdocs.yml ---------------------------------------------------------------

def extract_mkdocs_config(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                          options: dict[str, Any]) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: the site name, description and nav titles of mkdocs.yml.

    Registered in babel.cfg, so `pybabel extract` puts them in the template with the
    templates' strings, and translators see one catalogue.
    """
    from builder.load import _TolerantLoader  # the same tag-tolerant reading as the build

    node = yaml.compose(fileobj.read().decode("utf-8"), Loader=_TolerantLoader)
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if key.value in ("site_name", "site_description") and isinstance(value, yaml.ScalarNode):
            yield value.start_mark.line + 1, "gettext", value.value, [f"mkdocs.yml {key.value}"]
        elif key.value == "nav":
            yield from _extract_nav(value)


def _extract_nav(node: yaml.Node) -> Iterator[tuple[int, str, str, list[str]]]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _extract_nav(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key.start_mark.line + 1, "gettext", key.value, ["mkdocs.yml nav title"]
            yield from _extract_nav(value)
