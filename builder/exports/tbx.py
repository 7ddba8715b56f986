"""The glossary as TBX, for terminology tools and CAT tools: `glossary.tbx`, every language.

TBX-Basic in TBX v3 (ISO 30042:2019, namespace `urn:iso:std:iso:30042:ed-2`), DCA style: the core
structure of `TBXcoreStructV03.rng`, the data categories of the dialect's Schematron
(`TBX-Basic_DCA.sch`), the shape of its own example file. The header names the site (and, with
`site_url`, the glossary's address); the body has one `conceptEntry` per concept:

- its id is the concept's (an XML ID must not start with a digit, a slug may: such an id gets a
  leading `_`, which no slug holds, so ids stay distinct);
- a `ref type="crossReference"` to each related and each often-confused concept, at the concept
  level (the dialect allows them on concepts and terms only), labelled with the target's term in
  the default language;
- a `langSec` per language, in the project's order: the definition (`descrip type="definition"`)
  in a `descripGrp` with the concept's citations as `admin type="source"`, as the dialect's
  example cites a definition; each described source as an `adminGrp` of its citation
  (`admin type="source"`) and its description in that language (`note`), at the langSec (the
  dialect admits a source in a group of a langSec, not in a group of a group); the usage notes as
  a `note`; and, since a crossReference has no kind, a `note` that names the often-confused
  concepts, each a `hi type="entailedTerm"` pointing to its entry;
- a `termSec` per term: the preferred term (`administrativeStatus` preferredTerm-admn-sts) with
  the example as its `descrip type="context"` (context belongs to terms), then each synonym
  (admittedTerm-admn-sts).

Texts are plain: concept and page links keep only their text. Tags have no data category in
TBX-Basic and are left out. UTF-8; the same sources give the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from builder.exports import ExportFile, site_root
from builder.problems import Problems
from builder.render import markdown_links_to_text

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.glossary import Concept

FORMAT = "tbx"
FILE_NAME = "glossary.tbx"
NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
_PROLOGUE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/'
    'TBXcoreStructV03.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/'
    'DCA/TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
)
"""The declaration, and the schemas a validating editor finds the file's rules in."""


def files(project: Project, contexts: Mapping[str, RenderContext],
          warnings: Problems) -> Iterator[ExportFile]:
    # TBX's body holds one entry at least: no glossary, no file.
    if project.concepts:
        yield ExportFile(FILE_NAME, document(project, contexts), FORMAT)


def entry_id(concept_id: str) -> str:
    """The concept's id as an XML ID."""
    return concept_id if concept_id[0].isalpha() else f"_{concept_id}"


def document(project: Project, contexts: Mapping[str, RenderContext]) -> bytes:
    default = project.config.default_language
    # The namespace as a plain attribute over unprefixed names: ElementTree's default_namespace
    # refuses unprefixed attributes, and TBX's (id, type, target) have none.
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: default, "xmlns": NS})
    root.append(_header(project, contexts[default]))
    body = _sub(_sub(root, "text"), "body")
    for concept in project.concepts:
        body.append(_concept_entry(project, contexts, concept))
    _indent(root)
    return (_PROLOGUE + ET.tostring(root, encoding="unicode")
            + "\n").encode("utf-8")


def _header(project: Project, ctx: RenderContext) -> ET.Element:
    site_name = ctx.t.gettext(project.site.site_name) if project.site else ""
    header = ET.Element("tbxHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", f"{site_name} – {ctx.t.gettext('Glossary')}")
    source = _sub(file_desc, "sourceDesc")
    _sub(source, "p", site_name)
    url = site_root(project, ctx.lang)
    if url:
        _sub(source, "p", f"{url}glossary/")
    return header


def _concept_entry(project: Project, contexts: Mapping[str, RenderContext],
                   concept: Concept) -> ET.Element:
    entry = ET.Element("conceptEntry", {"id": entry_id(concept.id)})
    default = project.config.default_language
    for target in (*concept.related, *concept.confused_with):
        term = _plain(contexts[default], project.concept(target).text(default).term)
        _sub(entry, "ref", term, type="crossReference", target=entry_id(target))
    for lang in project.config.codes:
        entry.append(_lang_sec(project, contexts[lang], concept))
    return entry


def _lang_sec(project: Project, ctx: RenderContext, concept: Concept) -> ET.Element:
    text = concept.text(ctx.lang)
    section = ET.Element("langSec", {XML_LANG: ctx.lang})
    citations = [s for s in concept.sources if s.description(ctx.lang) is None]
    holder = _sub(section, "descripGrp") if citations else section
    _sub(holder, "descrip", _plain(ctx, text.definition), type="definition")
    for source in citations:
        _sub(holder, "admin", source.cite, type="source")
    for source in concept.sources:
        description = source.description(ctx.lang)
        if description is not None:
            group = _sub(section, "adminGrp")
            _sub(group, "admin", source.cite, type="source")
            _sub(group, "note", _plain(ctx, description))
    if text.notes:
        _sub(section, "note", _plain(ctx, text.notes))
    if concept.confused_with:
        section.append(_confused_note(project, ctx, concept.confused_with))
    for i, term in enumerate(text.all_terms):
        term_sec = _sub(section, "termSec")
        _sub(term_sec, "term", _plain(ctx, term))
        _sub(term_sec, "termNote", PREFERRED if i == 0 else ADMITTED, type="administrativeStatus")
        if i == 0:
            _sub(term_sec, "descrip", _plain(ctx, text.example), type="context")
    return section


def _confused_note(project: Project, ctx: RenderContext, targets: tuple[str, ...]) -> ET.Element:
    """`Often confused with: <hi>term</hi>, <hi>term</hi>`, each term pointing to its entry."""
    note = ET.Element("note")
    note.text = f"{ctx.t.gettext('Often confused with')}: "
    for i, target in enumerate(targets):
        mention = _sub(note, "hi", _plain(ctx, project.concept(target).text(ctx.lang).term),
                       type="entailedTerm", target=entry_id(target))
        mention.tail = ", " if i < len(targets) - 1 else None
    return note


def _plain(ctx: RenderContext, text: str) -> str:
    return markdown_links_to_text(ctx.plain(text))


def _sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    element.text = text
    return element


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent elements that hold elements only: whitespace added to mixed content (a note with
    its mentions) would become part of its text."""
    children = list(element)
    if not children or (element.text or "").strip():
        return
    element.text = "\n" + "  " * (level + 1)
    for child in children:
        _indent(child, level + 1)
        child.tail = "\n" + "  " * (level + 1)
    children[-1].tail = "\n" + "  " * level
