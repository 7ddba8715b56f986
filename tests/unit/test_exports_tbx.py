"""The TBX export: valid against the TBX v3 core structure (RELAX NG, with lxml) and within the
TBX-Basic dialect's rules, which its Schematron (`TBX-Basic_DCA.sch`) states in XSLT 2, which lxml
cannot run: `dialect_faults` implements each of its asserts in Python. The checks pass the
dialect's own valid example and fail on broken variants of it, and the export holds every concept
and language with its terms, statuses, definitions, examples and cross-references."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree

from builder.exports import tbx
from builder.load import load_project
from builder.model import Project
from builder.problems import Problems
from builder.render import contexts, markdown_links_to_text
from tests.conftest import REPO, loaded_projects, make_project

STANDARDS = REPO.parent / "shared" / "standards" / "tbx-basic"
NS = "urn:iso:std:iso:30042:ed-2"
T = f"{{{NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
Element = etree._Element

# -- The dialect's rules (TBX-Basic_DCA.sch) -------------------------------------------------------

TYPES = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "ref": {"crossReference"},
    "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
                 "termLocation", "termType"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
    "xref": {"externalCrossReference", "xGraphic"},
}
"""Pattern dialectEnforcement: the data categories each element may name in its type."""

VALUES = {
    ("termNote", "administrativeStatus"): {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                                           "supersededTerm-admn-sts", "preferredTerm-admn-sts"},
    ("termNote", "partOfSpeech"): {"adjective", "noun", "other", "verb", "adverb"},
    ("termNote", "grammaticalGender"): {"masculine", "feminine", "neuter", "other"},
    ("termNote", "termLocation"): {
        "checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox", "informativeMessage",
        "interactiveMessage", "menuItem", "progressBar", "pushButton", "radioButton", "slider",
        "spinBox", "tab", "tableText", "textBox", "toolTip", "user-definedType"},
    ("termNote", "termType"): {"fullForm", "acronym", "abbreviation", "shortForm", "variant",
                               "phrase"},
    ("transac", "transactionType"): {"origination", "modification"},
}
"""The picklists of the module patterns (min and basic)."""


def _any_group(name: str) -> bool:
    return "Grp" in name


def _group_but_transac(name: str) -> bool:
    return "Grp" in name and name != "transacGrp"


def _only(group: str) -> Callable[[str], bool]:
    return lambda name: name == group


def _none(name: str) -> bool:
    return False


ENTRY, LANG, TERM = "conceptEntry", "langSec", "termSec"
LEVELS: dict[tuple[str, str | None], tuple[set[str], Callable[[str], bool]]] = {
    ("termNote", None): ({TERM}, _only("termNoteGrp")),
    ("admin", "customerSubset"): ({ENTRY, TERM}, _group_but_transac),
    ("admin", "projectSubset"): ({ENTRY, TERM}, _group_but_transac),
    ("admin", "source"): ({ENTRY, LANG, TERM}, _group_but_transac),
    ("descrip", "subjectField"): ({ENTRY}, _only("descripGrp")),
    ("descrip", "context"): ({TERM}, _only("descripGrp")),
    ("descrip", "definition"): ({ENTRY, LANG}, _only("descripGrp")),
    ("ref", "crossReference"): ({ENTRY, TERM}, _any_group),
    ("transac", "transactionType"): ({ENTRY, LANG, TERM}, _only("transacGrp")),
    ("transacNote", "responsibility"): ({ENTRY, LANG, TERM}, _only("transacGrp")),
    ("xref", "externalCrossReference"): ({ENTRY, LANG, TERM}, _none),
    ("xref", "xGraphic"): ({ENTRY, LANG}, _none),
}
"""The levels each data category may appear at (its parent), directly or inside a group of the
kinds the rule's `*Grp` test admits; `None` stands for every type (coreEnforcement's termNote)."""


def _name(element: Element | None) -> str | None:
    """The local name of a TBX element; None for anything else."""
    if element is None or not isinstance(element.tag, str) or not element.tag.startswith(T):
        return None
    return element.tag[len(T):]


def _at_level(element: Element, levels: set[str], group: Callable[[str], bool]) -> bool:
    parent = element.getparent()
    if _name(parent) in levels:
        return True
    parent_name = _name(parent)
    return (parent is not None and parent_name is not None and group(parent_name)
            and _name(parent.getparent()) in levels)


def _where(element: Element) -> str:
    """The level an element is at: `langSec`, or `descripGrp in langSec` for a group's."""
    parent = element.getparent()
    parent_name = _name(parent) or "?"
    if parent is not None and "Grp" in parent_name:
        return f"{parent_name} in {_name(parent.getparent())}"
    return parent_name


def _inline_faults(element: Element) -> Iterator[str]:
    """Pattern XLIFF.inlineConstraints: sc and ec pairs within one text."""
    name, isolated = _name(element), element.get("isolated")
    siblings = list(element.itersiblings(preceding=name == "ec"))
    partner = any(_name(s) == ("sc" if name == "ec" else "ec") for s in siblings)
    if partner and isolated not in (None, "no"):
        yield f"{name}: @isolated must be 'no' with its partner in the same text"
    if not partner and isolated not in (None, "yes"):
        yield f"{name}: @isolated must be 'yes' without its partner in the same text"
    if name == "ec" and partner and element.get("startRef") is None:
        yield "ec: @startRef is required with its sc in the same text"
    if name == "ec" and not partner and element.get("id") is None:
        yield "ec: @id is required when isolated"
    if name == "ec" and isolated == "yes" and not element.get("id"):
        yield "ec: @id is required when @isolated is 'yes'"


def dialect_faults(root: Element) -> list[str]:
    """Every assert of TBX-Basic_DCA.sch that the document fails, one message each."""
    faults = []
    if root.get("type") != "TBX-Basic":
        faults.append("tbx: the dialect must be named TBX-Basic")
    if root.get("style") != "dca":
        faults.append("tbx: the style must be dca")
    ids = {element.get("id") for element in root.iter() if element.get("id") is not None}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name, kind, target = _name(element), element.get("type"), element.get("target")
        # XPath's matches() finds the pattern anywhere in the value, as re.search does.
        if target is not None and not re.search(r"https?://.+", target) and target not in ids:
            faults.append(f"{element.tag}: target {target!r} is neither an id in the file nor an "
                          "http URL")
        if name is None:
            faults.append(f"{element.tag}: elements outside the TBX namespace (DCT style) are "
                          "not permitted in DCA style")
            continue
        if kind == "":
            faults.append(f"{name}: an empty type")
        if name in TYPES and kind is not None and kind not in TYPES[name]:
            faults.append(f"{name}: type {kind!r} is not permitted")
        value = "".join(element.itertext())
        if (name, kind) in VALUES and value not in VALUES[name, kind]:
            faults.append(f"{name} {kind}: value {value!r} is not permitted")
        for key in ((name, None), (name, kind)):
            if key in LEVELS and not _at_level(element, *LEVELS[key]):
                label = " ".join(part for part in key if part)
                faults.append(f"{label}: not permitted under {_where(element)}")
        if name in ("sc", "ec"):
            faults.extend(_inline_faults(element))
    return faults


# -- Fixtures --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(STANDARDS / "TBXcoreStructV03.rng")))


@pytest.fixture(scope="module")
def example() -> Element:
    return etree.parse(str(STANDARDS / "Example_Astronomy_DCA_VALID.tbx")).getroot()


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Project]:
    return loaded_projects(tmp_path_factory.mktemp("tbx"), ("base", "export-glossary-specials"))


def export(project: Project) -> bytes:
    [file] = tbx.files(project, contexts(project), Problems())
    assert (file.name, file.format, file.lang) == ("glossary.tbx", "tbx", None)
    return file.data


NAMES = ["repository", "base", "export-glossary-specials"]


# -- The standard's checks -------------------------------------------------------------------------

def test_the_example_passes_both(schema: etree.RelaxNG, example: Element) -> None:
    """The dialect's valid example: the checks are not stricter than the dialect."""
    assert schema.validate(example), schema.error_log
    assert dialect_faults(example) == []


def _first(root: Element, path: str) -> Element:
    found = root.find(path, {"t": NS})
    assert found is not None, path
    return found


def _move_ref_to_lang_sec(root: Element) -> None:
    ref = etree.Element(f"{T}ref", type="crossReference", target="c2")
    ref.text = "accretion disk"
    _first(root, ".//t:langSec").insert(0, ref)


def _set(path: str, attribute: str | None, value: str) -> Callable[[Element], None]:
    def change(root: Element) -> None:
        element = _first(root, path)
        if attribute is None:
            element.text = value
        else:
            element.set(attribute, value)
    return change


def _add_dct_element(root: Element) -> None:
    etree.SubElement(_first(root, ".//t:termSec"), "{http://example.org/dct}partOfSpeech")


def _move(path: str, to: str) -> Callable[[Element], None]:
    """Move the first element at `path` to the start of the first at `to`."""
    return lambda root: _first(root, to).insert(0, _first(root, path))


def _isolated_sc(root: Element) -> None:
    descrip = _first(root, ".//t:descrip[@type='definition']")
    etree.SubElement(descrip, f"{T}sc", id="s1", isolated="no")


def _paired_ec_without_start(root: Element) -> None:
    descrip = _first(root, ".//t:descrip[@type='definition']")
    etree.SubElement(descrip, f"{T}sc", id="s1")
    etree.SubElement(descrip, f"{T}ec")


BROKEN: dict[str, tuple[Callable[[Element], None], str]] = {
    "dialect name": (_set(".", "type", "TBX-Min"), "dialect must be named TBX-Basic"),
    "style": (_set(".", "style", "dct"), "style must be dca"),
    "status value": (_set(".//t:termNote[@type='administrativeStatus']", None, "preferred"),
                     "value 'preferred' is not permitted"),
    "part of speech": (_set(".//t:termNote[@type='partOfSpeech']", None, "Noun"),
                       "value 'Noun' is not permitted"),
    "descrip type": (_set(".//t:descrip[@type='definition']", "type", "explanation"),
                     "type 'explanation' is not permitted"),
    "admin type": (_set(".//t:admin", "type", "sourceIdentifier"),
                   "type 'sourceIdentifier' is not permitted"),
    "empty type": (_set(".//t:note", "type", ""), "an empty type"),
    "dangling target": (_set(".//t:transacNote", "target", "nobody"),
                        "target 'nobody' is neither"),
    "context on a language": (_move(".//t:termSec/t:descripGrp", ".//t:langSec"),
                              "descrip context: not permitted under descripGrp in langSec"),
    "cross-reference on a language": (_move_ref_to_lang_sec,
                                      "ref crossReference: not permitted under langSec"),
    "subject field on a language": (_move(".//t:descrip[@type='subjectField']", ".//t:langSec"),
                                    "descrip subjectField: not permitted under langSec"),
    "DCT element": (_add_dct_element, "outside the TBX namespace"),
    "isolated sc": (_isolated_sc, "sc: @isolated must be 'yes'"),
    "ec without startRef": (_paired_ec_without_start, "ec: @startRef is required"),
    "transaction value": (_set(".//t:transac", None, "approval"), "value 'approval' is not permitted"),
    "termNote on a language": (_move(".//t:termNote", ".//t:langSec"),
                               "termNote: not permitted under langSec"),
    "source in a transacGrp": (_move(".//t:admin[@type='source']", ".//t:transacGrp"),
                               "admin source: not permitted under transacGrp in conceptEntry"),
    "xGraphic on a term": (_move(".//t:xref[@type='xGraphic']", ".//t:termSec"),
                           "xref xGraphic: not permitted under termSec"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_example_fails(case: str, example: Element) -> None:
    """Each rule can fail: one change to the valid example, the fault it must raise."""
    change, message = BROKEN[case]
    broken = copy.deepcopy(example)
    change(broken)
    faults = dialect_faults(broken)
    assert any(message in fault for fault in faults), faults


@pytest.mark.parametrize("name", NAMES)
def test_export_is_valid_tbx_basic(name: str, projects: dict[str, Project],
                                   schema: etree.RelaxNG) -> None:
    data = export(projects[name])
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    assert dialect_faults(root) == []
    assert (root.tag, root.get("type"), root.get("style"), root.get(XML_LANG)) == (
        f"{T}tbx", "TBX-Basic", "dca", projects[name].config.default_language)


# -- The content -----------------------------------------------------------------------------------

def _texts(parent: Element, path: str) -> list[str]:
    return ["".join(e.itertext()) for e in parent.findall(path, {"t": NS})]


@pytest.mark.parametrize("name", NAMES)
def test_every_concept_and_language_is_there(name: str, projects: dict[str, Project]) -> None:
    project = projects[name]
    ctxs = contexts(project)
    default = project.config.default_language
    root = etree.fromstring(export(project))
    entries = root.findall(f"{T}text/{T}body/{T}conceptEntry")
    ids = [entry.get("id") for entry in entries]
    assert len(ids) == len(project.concepts) == len(set(ids))

    def plain(lang: str, text: str) -> str:
        return markdown_links_to_text(ctxs[lang].plain(text))

    for concept, entry in zip(project.concepts, entries, strict=True):
        assert entry.get("id") == tbx.entry_id(concept.id)
        targets = [*concept.related, *concept.confused_with]
        refs = entry.findall(f"{T}ref")
        assert [ref.get("target") for ref in refs] == [tbx.entry_id(t) for t in targets]
        assert all(ref.get("target") in ids and ref.get("type") == "crossReference" for ref in refs)
        assert [ref.text for ref in refs] == [project.concept(t).text(default).term for t in targets]
        sections = entry.findall(f"{T}langSec")
        assert [s.get(XML_LANG) for s in sections] == list(project.config.codes)
        for section in sections:
            lang = section.get(XML_LANG)
            assert lang is not None
            text = concept.text(lang)
            assert _texts(section, ".//t:descrip[@type='definition']") == [plain(lang, text.definition)]
            # Citations back the definition; a described source is a group of its citation and
            # its description in this language.
            citations = [s.cite for s in concept.sources if not s.descriptions]
            described = [s for s in concept.sources if s.descriptions]
            assert _texts(section, "t:descripGrp/t:admin[@type='source']") == citations
            groups = section.findall(f"{T}adminGrp")
            assert [_texts(g, "t:admin[@type='source']") for g in groups] == [
                [s.cite] for s in described]
            assert [_texts(g, "t:note") for g in groups] == [
                [plain(lang, s.descriptions[lang])] for s in described]
            mentions = section.findall(f"{T}note/{T}hi[@type='entailedTerm']")
            assert [m.get("target") for m in mentions] == [tbx.entry_id(t) for t in concept.confused_with]
            assert [m.text for m in mentions] == [project.concept(t).text(lang).term
                                                  for t in concept.confused_with]
            assert all(m.get("target") in ids for m in mentions)
            notes = [n for n in section.findall(f"{T}note") if not len(n)]
            assert ["".join(n.itertext()) for n in notes] == ([plain(lang, text.notes)]
                                                              if text.notes else [])
            term_secs = section.findall(f"{T}termSec")
            assert [_texts(t, "t:term")[0] for t in term_secs] == list(text.all_terms)
            statuses = [_texts(t, "t:termNote[@type='administrativeStatus']") for t in term_secs]
            assert statuses == [[tbx.PREFERRED]] + [[tbx.ADMITTED]] * len(text.synonyms)
            contexts_found = [_texts(t, "t:descrip[@type='context']") for t in term_secs]
            assert contexts_found == [[plain(lang, text.example)]] + [[]] * len(text.synonyms)


def test_special_texts_survive(projects: dict[str, Project]) -> None:
    project = projects["export-glossary-specials"]
    root = etree.fromstring(export(project))
    entry = _first(root, ".//t:conceptEntry[@id='_24-hour-call']")
    assert [ref.get("target") for ref in entry.findall(f"{T}ref")] == [
        "apple", "quoted-offer", "eel"]
    assert _first(root, ".//t:conceptEntry[@id='quoted-offer']/t:ref").get("target") == "_24-hour-call"
    english = entry.findall(f"{T}langSec")[0]
    definition = _texts(english, ".//t:descrip[@type='definition']")[0]
    assert definition.endswith('Say "thank you" & mean it: 5 < 10 > 3.')
    example_text = _texts(english, ".//t:descrip[@type='context']")[0]
    assert example_text == ("Day one; 10:00 – the seller rings the buyer of an apple.\n"
                            'She asks "all good?" and listens.\n\n'
                            "A second paragraph, with a plum and the about page.")
    danish = entry.findall(f"{T}langSec")[-1]
    assert _texts(danish, "t:termSec/t:term") == [
        "opkald inden for 24 timer", "rødgrød med fløde", "ÆØÅ; æøå"]
    [group] = english.findall(f"{T}adminGrp")
    assert _texts(group, "t:admin") == ["Survey & Co. (n.d.). Buyers < sellers > 3."]
    assert _texts(group, "t:note") == ['What it found: 60 % < "all"; see apple.']
    assert _texts(danish.find(f"{T}adminGrp"), "t:note") == ["Hvad den fandt: 60 % < »alle«; æøå."]
    assert b"Survey &amp; Co. (n.d.). Buyers &lt; sellers &gt; 3." in export(project)
    offer = _first(root, ".//t:conceptEntry[@id='quoted-offer']/t:langSec")
    assert _texts(offer, "t:note") == ["Often confused with: apple, eel"]


def test_same_sources_same_bytes(projects: dict[str, Project]) -> None:
    project = projects["repository"]
    assert export(project) == export(project)


def test_no_glossary_no_file(tmp_path: Path) -> None:
    root = make_project("base", tmp_path)
    for path in (root / "glossary").glob("*.yml"):
        path.unlink()
    project, _ = load_project(root)
    assert list(tbx.files(project, contexts(project), Problems())) == []
