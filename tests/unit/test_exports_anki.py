"""The Anki decks, opened as Anki opens them: the .apkg as a zip, its collection.anki2 with
sqlite3. One note per concept with the source's texts, the note type's and the deck's ids where
they were, and guids and ids that a re-export, after an edit too, keeps."""

from __future__ import annotations

import html
import io
import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki
import lxml.html
import pytest

from builder.exports import anki, site_root
from builder.load import load_project
from builder.model import Project
from builder.problems import BuildError, Problems
from builder.render import contexts, markdown_links_to_text
from tests.conftest import loaded_projects, make_project

EPOCH = 1_700_000_000
NAMES = ["repository", "base", "export-glossary-specials"]


@dataclass
class Collection:
    notes: list[dict[str, Any]]
    cards: list[dict[str, Any]]
    models: dict[str, Any]
    decks: dict[str, Any]


@pytest.fixture(autouse=True)
def source_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Project]:
    return loaded_projects(tmp_path_factory.mktemp("anki"), NAMES[1:])


def export(project: Project) -> dict[str, bytes]:
    made = list(anki.files(project, contexts(project), Problems()))
    assert all(f.format == "anki" and f.name == f"glossary-{f.lang}.apkg" for f in made)
    return {str(f.lang): f.data for f in made}


def open_deck(data: bytes, folder: Path) -> Collection:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        path = folder / "collection.anki2"
        path.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        notes = [dict(row) for row in connection.execute("SELECT * FROM notes ORDER BY id")]
        cards = [dict(row) for row in connection.execute("SELECT * FROM cards ORDER BY id")]
        models, decks = connection.execute("SELECT models, decks FROM col").fetchone()
    finally:
        connection.close()
    path.unlink()
    return Collection(notes, cards, json.loads(models), json.loads(decks))


def _words(text: str) -> str:
    return " ".join(text.split())


def _text(field: str) -> str:
    return _words(lxml.html.fragment_fromstring(field, create_parent="div").text_content())


def _links(field: str) -> list[str]:
    return [str(a.get("href")) for a in
            lxml.html.fragment_fromstring(field, create_parent="div").iter("a")]


@pytest.mark.parametrize("name", NAMES)
def test_one_note_per_concept_with_its_texts(name: str, projects: dict[str, Project],
                                            tmp_path: Path) -> None:
    project = projects[name]
    assert project.site is not None
    site = project.site.site_name
    ctxs = contexts(project)
    decks = export(project)
    assert list(decks) == list(project.config.codes)
    for lang, data in decks.items():
        collection = open_deck(data, tmp_path)
        model_id, deck_id = anki.stable_id(site, lang, "model"), anki.stable_id(site, lang, "deck")
        assert list(collection.models) == [str(model_id)]
        model = collection.models[str(model_id)]
        assert [f["name"] for f in model["flds"]] == ["Term", "Synonyms", "Definition", "Example",
                                                      "Link"]
        assert ".nightMode" in model["css"]
        assert str(deck_id) in collection.decks
        assert len(collection.notes) == len(project.concepts)
        assert {c["nid"] for c in collection.cards} == {n["id"] for n in collection.notes}
        assert {c["did"] for c in collection.cards} == {deck_id}
        root = site_root(project, lang)
        for concept, note in zip(project.concepts, collection.notes, strict=True):
            text = concept.text(lang)
            assert note["guid"] == genanki.guid_for(site, concept.id, lang)
            assert note["mid"] == model_id
            assert note["mod"] == EPOCH
            assert note["tags"].split() == list(concept.tags)
            term, synonyms, definition, example, link = note["flds"].split("\x1f")

            def plain(source: str, lang: str = lang) -> str:
                return _words(markdown_links_to_text(ctxs[lang].plain(source)))

            assert html.unescape(term) == text.term
            assert [html.unescape(s) for s in synonyms.split(", ") if s] == list(text.synonyms)
            assert _text(definition) == plain(text.definition)
            assert _text(example) == plain(text.example)
            hrefs = _links(definition) + _links(example)
            if root is None:
                assert hrefs == [] and link == ""
            else:
                assert all(href.startswith(root) for href in hrefs)
                assert link == f"{root}glossary/{concept.id}/index.html"


def test_links_lead_to_the_published_site(projects: dict[str, Project], tmp_path: Path) -> None:
    collection = open_deck(export(projects["export-glossary-specials"])["pl"], tmp_path)
    note = next(n for n in collection.notes if n["guid"] == genanki.guid_for(
        "Post-purchase dissonance", "24-hour-call", "pl"))
    example = note["flds"].split("\x1f")[3]
    assert _links(example) == ["https://kb.example.org/training/pl/glossary/apple/index.html"]
    assert "jabłka</a>" in example


def test_the_card_shows_every_field_with_labels_in_its_language(
        projects: dict[str, Project], tmp_path: Path) -> None:
    project = projects["base"]
    ctx = contexts(project)["pl"]
    [model] = open_deck(export(project)["pl"], tmp_path).models.values()
    [template] = model["tmpls"]
    assert "{{Term}}" in template["qfmt"]
    for field in ("{{Synonyms}}", "{{Definition}}", "{{Example}}", "{{Link}}"):
        assert field in template["afmt"]
    for label in ("Also called", "Example", "Glossary"):
        assert ctx.t.gettext(label) != label
        assert html.escape(ctx.t.gettext(label)) in template["afmt"]
    assert "$" not in template["afmt"]


def test_ids_differ_between_languages_and_sit_in_genankis_range() -> None:
    ids = {anki.stable_id("Post-purchase dissonance", lang, kind)
           for lang in ("en", "pl", "nl", "da") for kind in ("model", "deck")}
    assert len(ids) == 8
    assert all(1 << 30 <= i < 1 << 31 for i in ids)
    assert anki.stable_id("Another site", "en", "deck") not in ids


def test_a_re_export_after_an_edit_updates_the_same_notes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project("export-glossary-specials", tmp_path)
    project, _ = load_project(root)
    before = open_deck(export(project)["en"], tmp_path)
    source = root / "glossary" / "24-hour-call.yml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "A call within 24 hours", "A phone call within a day"), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86_400))
    project, problems = load_project(root)
    assert not problems
    after = open_deck(export(project)["en"], tmp_path)
    assert [n["guid"] for n in after.notes] == [n["guid"] for n in before.notes]
    assert list(after.models) == list(before.models)
    assert set(after.decks) == set(before.decks)
    changed = [(b["flds"], a["flds"]) for b, a in zip(before.notes, after.notes, strict=True)
               if b["flds"] != a["flds"]]
    assert len(changed) == 1 and "A phone call within a day" in changed[0][1]
    # Anki updates a note on import only when the file's is newer.
    assert all(a["mod"] > b["mod"] for b, a in zip(before.notes, after.notes, strict=True))
    assert int(next(iter(after.models.values()))["mod"]) > int(
        next(iter(before.models.values()))["mod"])


def test_same_sources_same_bytes(projects: dict[str, Project]) -> None:
    project = projects["base"]
    assert export(project) == export(project)


def test_without_source_date_epoch_the_newest_source_dates_the_notes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unchanged sources keep their time (and bytes); saving a glossary file makes it later."""
    import os

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    root = make_project("base", tmp_path)
    for path in [*root.glob("glossary/**/*.yml"), *root.glob("locales/**/*.po*")]:
        os.utime(path, (EPOCH, EPOCH))
    project, _ = load_project(root)
    first = export(project)
    assert export(project) == first
    assert {n["mod"] for n in open_deck(first["en"], tmp_path).notes} == {EPOCH}
    os.utime(root / "glossary" / "apple.yml", (EPOCH + 60, EPOCH + 60))
    (tmp_path / "later").mkdir()
    later = open_deck(export(load_project(root)[0])["en"], tmp_path / "later")
    assert {n["mod"] for n in later.notes} == {EPOCH + 60}


def test_a_malformed_source_date_epoch_is_reported(projects: dict[str, Project],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH"):
        export(projects["base"])


def test_no_glossary_no_file(tmp_path: Path) -> None:
    root = make_project("base", tmp_path)
    for path in (root / "glossary").glob("*.yml"):
        path.unlink()
    project, _ = load_project(root)
    assert list(anki.files(project, contexts(project), Problems())) == []
