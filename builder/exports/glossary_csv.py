"""The glossary as a spreadsheet: `glossary.csv`, one row per concept, every language side by side.

Columns: `id`; for each language in the project's order `<lang> term`, `<lang> synonyms`,
`<lang> definition` and `<lang> example`; then `related` and `confused with`, as concept ids.

The file is written for Excel as it is set up where the site is used. Polish, Dutch and Danish
Windows use `;` as the list separator (their decimal mark is the comma), and Excel splits a CSV
that is double-clicked on that separator: a comma file would land in one column there, so the
delimiter is `;` (English Excel needs Data > From Text for it). UTF-8 with a byte order mark, by
which Excel recognises UTF-8 (without it, ł and ø become two characters each); no `sep=;` line,
since Excel then ignores the mark. Every field is quoted and every record ends in CRLF (RFC 4180),
so a `;`, a quote or a line break inside a text stays in its cell. A list (synonyms, ids) is one
item per line within its cell: a term is a single line by rule, so the list splits back exactly.
Texts are plain: concept and page links keep only their text. A text that begins with `=`, `+`,
`-` or `@` is one a spreadsheet would run as a formula, so it gets a leading `'` (OWASP's advice
on CSV injection; Excel shows the text without it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from builder.exports import ExportFile
from builder.problems import Problems
from builder.render import markdown_links_to_text

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.glossary import Concept

FORMAT = "csv"
FILE_NAME = "glossary.csv"
DELIMITER = ";"
LIST_SEPARATOR = "\n"
TEXT_FIELDS = ("term", "synonyms", "definition", "example")


def files(project: Project, contexts: Mapping[str, RenderContext],
          warnings: Problems) -> Iterator[ExportFile]:
    if project.concepts:
        yield ExportFile(FILE_NAME, table(project, contexts), FORMAT)


def header(project: Project) -> list[str]:
    return ["id", *(f"{lang} {name}" for lang in project.config.codes for name in TEXT_FIELDS),
            "related", "confused with"]


def table(project: Project, contexts: Mapping[str, RenderContext]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header(project))
    writer.writerows(_row(project, contexts, concept) for concept in project.concepts)
    return buffer.getvalue().encode("utf-8-sig")


def _row(project: Project, contexts: Mapping[str, RenderContext], concept: Concept) -> list[str]:
    cells = [concept.id]
    for lang in project.config.codes:
        ctx, text = contexts[lang], concept.text(lang)
        cells += [_plain(ctx, text.term),
                  LIST_SEPARATOR.join(_plain(ctx, synonym) for synonym in text.synonyms),
                  _plain(ctx, text.definition), _plain(ctx, text.example)]
    return [*(_inert(c) for c in cells), LIST_SEPARATOR.join(concept.related),
            LIST_SEPARATOR.join(concept.confused_with)]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _plain(ctx: RenderContext, text: str) -> str:
    return markdown_links_to_text(ctx.plain(text))
