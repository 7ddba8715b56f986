"""Concept links in author texts: `[[concept-id]]` and `[[concept-id|label]]`.

Validation finds every reference (`references`); compilation resolves each one, per language, to
a Markdown link labelled with that language's term (or the author's label, for an inflected form)
whose title, the short definition, Material shows as a tooltip (`resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from builder.safety import html_title

if TYPE_CHECKING:
    from builder.model import Project


# A label may run over a line break (pages are wrapped), not over a blank line.
LINK_RE = re.compile(r"\[\[\s*([^\]|\n]+?)\s*(?:\|\s*((?:[^\]\n]|\n(?![ \t]*\n))+?)\s*)?\]\]")
_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1|^( {4}|\t).*$|^(```|~~~).*?^\3", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Reference:
    concept: str
    label: str | None
    line: int
    """1-based line of the reference within the text it was found in."""


def references(text: str) -> Iterator[Reference]:
    """Every concept reference outside code, in order."""
    for match in _links_outside_code(text):
        yield Reference(match.group(1), _label(match), text.count("\n", 0, match.start()) + 1)


def dangling(text: str) -> Iterator[int]:
    """The line of each `[[` outside code that starts no reference (it would be shown as is)."""
    code = [m.span() for m in _CODE_RE.finditer(text)]
    links = [m.span() for m in _links_outside_code(text)]
    for match in re.finditer(r"\[\[", text):
        if not any(start <= match.start() < end for start, end in (*code, *links)):
            yield text.count("\n", 0, match.start()) + 1


def _label(match: re.Match[str]) -> str | None:
    return " ".join(match.group(2).split()) if match.group(2) else None


def _links_outside_code(text: str) -> list[re.Match[str]]:
    if "[[" not in text:  # most texts: no need to look for code
        return []
    code = [m.span() for m in _CODE_RE.finditer(text)]
    return [m for m in LINK_RE.finditer(text)
            if not any(start <= m.start() < end for start, end in code)]


def resolve(text: str, project: Project, lang: str, to_glossary: str,
            target: str = "index.md") -> str:
    """Replace each reference with a Markdown link; `to_glossary` is the relative path from the
    page being written to the glossary folder (`glossary/`, `../`, `../../glossary/`). In HTML
    that MkDocs does not rewrite, `target` is `index.html`."""
    return _substitute(text, lambda ref: _link(project, lang, ref, to_glossary, target))


def _substitute(text: str, render: Callable[[Reference], str]) -> str:
    parts: list[str] = []
    last = 0
    for match in _links_outside_code(text):
        parts.append(text[last:match.start()])
        parts.append(render(Reference(match.group(1), _label(match), 0)))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def plain(text: str, project: Project, lang: str) -> str:
    """The text with each reference replaced by its label alone (for tooltips and metadata)."""
    return _substitute(text, lambda ref: ref.label or project.concept(ref.concept).text(lang).term)


def _link(project: Project, lang: str, ref: Reference, to_glossary: str, target: str) -> str:
    concept_text = project.concept(ref.concept).text(lang)
    title = link_title(plain(concept_text.short_definition, project, lang))
    label = (ref.label or concept_text.term).replace("[", "\\[").replace("]", "\\]")
    return f'[{label}]({to_glossary}{ref.concept}/{target} "{title}")'


def link_title(text: str) -> str:
    """A Markdown link title (a tooltip): Markdown keeps character references in titles, so any
    quote, bracket or backslash is safe as one."""
    return html_title(text).replace("\\", "&#92;")


def glossary_prefix(page_path: str) -> str:
    """The relative path from a page (`practices.md`, `a/b.md`) to the glossary folder."""
    depth = page_path.count("/")
    return "../" * depth + "glossary/"
