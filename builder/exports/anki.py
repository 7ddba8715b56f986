"""The glossary as Anki decks: `glossary-<lang>.apkg`, one per language, made with genanki.

One note per concept and one card per note: the term on the front; on the back the synonyms, the
definition, the example and a link to the concept's page on the site. Texts are HTML; with
`site_url` set their concept links lead to the published site, without it they keep only their
text and the card has no page link. The concept's tags are the note's tags.

Anki knows a note again by its guid and a note type or a deck by its id, so none is random:
importing a newer deck updates the notes already studied instead of adding copies. The note
type's and the deck's ids are a hash of the site name, the language and which of the two it is,
in genanki's range (2^30 to 2^31); a note's guid is `genanki.guid_for` of the site name, the
concept id and the language. The site name is part of each, so two sites' decks never collide.

Anki updates a note only when the file's copy is newer than the one in the collection, so an
export after an edit must carry a later time: `SOURCE_DATE_EPOCH` when it is set (the
reproducible-builds convention, such as the last commit's time), or else the time the newest
glossary file or catalogue was saved. Unchanged sources give the same bytes: the zip's entries
carry a fixed date.

The card style uses the system's font at a readable measure and has colours for Anki's night
mode (`.nightMode`; AnkiDroid's `.night_mode`).
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import string
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import genanki

from builder.exports import ExportFile, site_root
from builder.problems import BuildError, Problems

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.glossary import Concept

FORMAT = "anki"
FIELDS = ("Term", "Synonyms", "Definition", "Example", "Link")
ID_RANGE = (1 << 30, 1 << 31)
"""genanki's range for note type and deck ids."""
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
FRONT = '<div class="kb"><div class="kb-term">{{Term}}</div></div>'
BACK = """\
{{FrontSide}}
<hr id="answer">
<div class="kb">
{{#Synonyms}}<p class="kb-synonyms"><span class="kb-label">$also_called:</span> {{Synonyms}}</p>{{/Synonyms}}
<div class="kb-definition">{{Definition}}</div>
<div class="kb-example"><p class="kb-label">$example</p>{{Example}}</div>
{{#Link}}<p class="kb-link"><a href="{{Link}}">$glossary ↗</a></p>{{/Link}}
</div>"""
"""The card's back; `$name` is a label in the deck's language."""
CSS = """\
.card {
  --ink: #1f2328; --muted: #59636e; --accent: #0b5cad; --rule: #d0d7de;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 20px; line-height: 1.5; text-align: left;
  color: var(--ink); background-color: #ffffff;
}
.card.nightMode, .nightMode .card, .card.night_mode, .night_mode .card {
  --ink: #e6e6e6; --muted: #a8adb4; --accent: #8cb8ff; --rule: #474c53;
  background-color: #1f1f1f;
}
.kb { max-width: 34em; margin: 0 auto; padding: 0 0.5em; }
.kb-term { font-size: 1.5em; font-weight: 600; text-align: center; margin: 0.8em 0 0.4em; }
#answer { border: 0; border-top: 1px solid var(--rule); margin: 1em 0; }
.kb-label { color: var(--muted); font-size: 0.8em; letter-spacing: 0.04em; }
.kb-synonyms { color: var(--muted); }
.kb-example { border-left: 3px solid var(--rule); padding-left: 0.8em; margin-top: 1em; }
.kb-example .kb-label { margin: 0; }
.kb-link { font-size: 0.8em; margin-top: 1.5em; }
.kb p { margin: 0.4em 0; }
.kb a { color: var(--accent); }
"""


def files(project: Project, contexts: Mapping[str, RenderContext],
          warnings: Problems) -> Iterator[ExportFile]:
    if not project.concepts:
        return
    timestamp = _timestamp(project)
    for lang, ctx in contexts.items():
        yield ExportFile(f"glossary-{lang}.apkg", deck_file(ctx, timestamp), FORMAT, lang)


def deck_file(ctx: RenderContext, timestamp: float) -> bytes:
    project, lang = ctx.project, ctx.lang
    model = note_type(ctx)
    site = _site_name(project)
    deck = genanki.Deck(stable_id(site, lang, "deck"), _title(ctx), _description(ctx))
    for concept in project.concepts:
        deck.add_note(genanki.Note(model=model, fields=note_fields(ctx, concept),
                                   tags=list(concept.tags),
                                   guid=genanki.guid_for(site, concept.id, lang)))
    return _package(genanki.Package(deck), timestamp)


def stable_id(site_name: str, lang: str, kind: str) -> int:
    digest = hashlib.sha256(f"{site_name}\0{lang}\0{kind}".encode()).digest()
    low, high = ID_RANGE
    return low + int.from_bytes(digest[:8], "big") % (high - low)


def note_type(ctx: RenderContext) -> genanki.Model:
    # Literal msgids, so that the catalogues' extraction keeps them.
    labels = {"also_called": html.escape(ctx.t.gettext("Also called")),
              "example": html.escape(ctx.t.gettext("Example")),
              "glossary": html.escape(ctx.t.gettext("Glossary"))}
    return genanki.Model(
        stable_id(_site_name(ctx.project), ctx.lang, "model"), f"{_title(ctx)} ({ctx.lang})",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": ctx.t.gettext("Glossary"), "qfmt": FRONT,
                    "afmt": string.Template(BACK).substitute(labels)}],
        css=CSS)


def note_fields(ctx: RenderContext, concept: Concept) -> list[str]:
    """Term, synonyms, definition, example and the concept's page, as HTML."""
    text = concept.text(ctx.lang)
    root = site_root(ctx.project, ctx.lang)
    return [_escaped(ctx, text.term),
            ", ".join(_escaped(ctx, synonym) for synonym in text.synonyms),
            str(ctx.html(text.definition, root)), str(ctx.html(text.example, root)),
            f"{root}glossary/{concept.id}/index.html" if root else ""]


def _escaped(ctx: RenderContext, term: str) -> str:
    return html.escape(ctx.plain(term), quote=False)


def _site_name(project: Project) -> str:
    return project.site.site_name if project.site else ""


def _title(ctx: RenderContext) -> str:
    return f"{ctx.t.gettext(_site_name(ctx.project))} – {ctx.t.gettext('Glossary')}"


def _description(ctx: RenderContext) -> str:
    root = site_root(ctx.project, ctx.lang)
    return f'<a href="{html.escape(root)}">{html.escape(_title(ctx))}</a>' if root else ""


def _timestamp(project: Project) -> float:
    """When the notes were last changed, for Anki: `SOURCE_DATE_EPOCH`, or else the time the
    newest glossary file or catalogue was saved. An export of unchanged sources keeps its time
    (and its bytes); an edit makes it later, so that Anki takes the new texts."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is not None:
        if not value.isdigit():
            raise BuildError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}")
        return float(value)
    sources = [*project.inventory.of("glossary"), *project.inventory.of("catalogues")]
    times = []
    for source in sources:
        try:
            times.append((project.root / source.rel).stat().st_mtime)
        except OSError:
            continue  # gone since it was loaded: the others still date the export
    return float(int(max(times, default=0)))


def _package(package: genanki.Package, timestamp: float) -> bytes:
    """genanki writes to a path and dates the zip's entries now: its file, entries re-dated."""
    with tempfile.TemporaryDirectory(prefix="kb-anki-") as folder:
        path = Path(folder) / "deck.apkg"
        package.write_to_file(str(path), timestamp=timestamp)
        with zipfile.ZipFile(path) as made:
            entries = [(name, made.read(name)) for name in made.namelist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
