"""The workshop pack: one folder in the zip holding START-HERE.html and the whole site (pages,
handouts, downloads), every link of START-HERE leading to a file in the zip, each language's
section in its own language; a pack written again replaces the old one whole."""

from __future__ import annotations

import datetime
import posixpath
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.load import load_project
from builder.pack import START, pack_name, slug, write_pack
from tests.conftest import run_cli

DAY = datetime.date(2026, 12, 2)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.sections: dict[str, str] = {}
        self._lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "section":
            self._lang = values.get("lang")
            self.sections[self._lang or ""] = ""
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_data(self, data: str) -> None:
        if self._lang:
            self.sections[self._lang] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._lang = None


@pytest.fixture(scope="module")
def pack(built_base: Path, tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    project, _ = load_project(built_base.parent)
    path = write_pack(project, built_base, tmp_path_factory.mktemp("dist"), DAY)
    assert path.name == "post-purchase-dissonance-2026-12-02.zip"
    return zipfile.ZipFile(path)


def test_one_folder_with_the_site_and_start_here(pack: zipfile.ZipFile, built_base: Path) -> None:
    names = pack.namelist()
    assert {n.split("/", 1)[0] for n in names} == {"post-purchase-dissonance-2026-12-02"}
    inside = {n.split("/", 1)[1] for n in names}
    site = {f"site/{p.relative_to(built_base).as_posix()}" for p in built_base.rglob("*")
            if p.is_file()}
    assert inside == {START, *site}
    for lang in ("en", "pl", "nl", "da"):
        assert f"site/{lang}/index.html" in inside
        assert f"site/{lang}/handouts/glossary.pdf" in inside
        assert f"site/{lang}/downloads.html" in inside
    assert "site/downloads/glossary.tbx" in inside
    assert "site/downloads/basics-pl.scorm.zip" in inside


def test_start_here_links_into_the_pack(pack: zipfile.ZipFile) -> None:
    page = _Page()
    page.feed(pack.read(f"post-purchase-dissonance-2026-12-02/{START}").decode())
    inside = {n.split("/", 1)[1] for n in pack.namelist()}
    assert page.links
    missing = [href for href in page.links if posixpath.normpath(href) not in inside]
    assert missing == []
    assert {"site/pl/index.html", "site/da/downloads.html"} <= set(page.links)


def test_each_language_speaks_its_own(pack: zipfile.ZipFile) -> None:
    page = _Page()
    page.feed(pack.read(f"post-purchase-dissonance-2026-12-02/{START}").decode())
    assert set(page.sections) == {"en", "pl", "nl", "da"}
    assert "Unzip" in page.sections["en"]
    for lang in ("pl", "nl", "da"):
        assert "Unzip" not in page.sections[lang]
        assert "Everything here works" not in page.sections[lang]


def test_names() -> None:
    assert slug("Wiedza o dysonansie pozakupowym: Łódź") == "wiedza-o-dysonansie-pozakupowym-lodz"
    assert slug("Købsforløb & fortrydelse") == "kobsforlob-fortrydelse"
    assert slug("   ") == "site"


def test_kb_pack_builds_and_zips(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = project("base")
    dist = tmp_path / "usb"
    result = run_cli("pack", "--root", str(root), "--output", str(dist))
    assert result.exit_code == 0, result.output
    project_, _ = load_project(root)
    (path,) = dist.glob("*.zip")
    assert path.name == f"{pack_name(project_, datetime.date.today())}.zip"
    assert not list(dist.glob(".*.part"))
    assert zipfile.ZipFile(path).testzip() is None
