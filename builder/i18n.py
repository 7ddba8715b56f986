"""Interface strings: the Babel extractor that puts `mkdocs.yml`'s site name, description and
nav titles into the catalogue template beside the templates' and the code's strings.

The catalogues themselves are a kind of source (`builder/sources/catalogues.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

import yaml

# -- Babel extractor for mkdocs.yml ---------------------------------------------------------------

def extract_mkdocs_config(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                          options: dict[str, Any]) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extraction method: the site name, description and nav titles of mkdocs.yml.

    Registered in babel.cfg, so `pybabel extract` puts them in the template with the
    templates' strings, and translators see one catalogue.
    """
    from builder.sources.site import _TolerantLoader  # the same tag-tolerant reading as the build

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
