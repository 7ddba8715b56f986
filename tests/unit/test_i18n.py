"""The Babel extractor: `make i18n` puts every interface string in the catalogue template."""

from __future__ import annotations

from io import BytesIO

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from builder.i18n import extract_mkdocs_config
from tests.conftest import REPO


def test_the_template_holds_every_string_the_code_uses() -> None:
    """`make i18n` was run after the last change to a template, the code or mkdocs.yml."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    extracted = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            str(REPO), method_map, options_map,
            keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)})
    }
    with (REPO / "locales" / "messages.pot").open("rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert extracted == template, "run `make i18n` and translate the new strings"


def test_site_name_and_nav_titles_are_extracted() -> None:
    source = b"site_name: Kit\nsite_description: About\nnav:\n  - index.md\n  - Guide:\n    - a.md\n"
    found = [(line, text) for line, _, text, _ in extract_mkdocs_config(BytesIO(source), {}, [], {})]
    assert found == [(1, "Kit"), (2, "About"), (5, "Guide")]
