"""SCORM 1.2 packages: each quiz in each language, read as a platform would: the zip's
`imsmanifest.xml` checked against the structure IMS Content Packaging 1.1.2 and ADL's adlcp
extension require (imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd: the required elements and
attributes, IDs and the references between them, the files listed and present), and the page
that it launches needing nothing outside the package. The SCO itself is played in Chromium in
tests/browser/test_scorm.py."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from builder.exports import scorm
from builder.load import load_project
from builder.problems import Problems
from builder.render import contexts
from tests.conftest import REPO

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS = {"cp": CP, "adlcp": ADLCP}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")
"""xsd:ID values are NCNames."""


def packages(root: Path) -> dict[str, bytes]:
    project, problems = load_project(root)
    assert not problems
    return {f.name: f.data for f in scorm.files(project, contexts(project), Problems())}


@pytest.fixture(scope="module")
def real() -> dict[str, bytes]:
    return packages(REPO)


def manifest_problems(data: bytes) -> list[str]:
    """What a strict reading of the SCORM 1.2 manifest finds wrong with a package."""
    found: list[str] = []
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    if "imsmanifest.xml" not in names:
        return ["no imsmanifest.xml at the root of the zip"]
    root = etree.fromstring(archive.read("imsmanifest.xml"))
    if root.tag != f"{{{CP}}}manifest":
        return [f"the root element is {root.tag}, not the IMS CP manifest"]
    ids = [el.get("identifier") for el in root.iter() if el.get("identifier") is not None]
    found += [f"identifier {i!r} is not an xsd:ID" for i in ids if not NCNAME.match(i)]
    if len(ids) != len(set(ids)):
        found.append("identifiers are not unique")
    if [c.tag for c in root if isinstance(c.tag, str)][:3] != [
            f"{{{CP}}}metadata", f"{{{CP}}}organizations", f"{{{CP}}}resources"]:
        found.append("manifest children are not metadata, organizations, resources in order")
    if root.findtext("cp:metadata/cp:schema", namespaces=NS) != "ADL SCORM":
        found.append("metadata/schema is not 'ADL SCORM'")
    if root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) != "1.2":
        found.append("metadata/schemaversion is not 1.2")
    organizations = root.find("cp:organizations", NS)
    orgs = {o.get("identifier"): o for o in organizations.findall("cp:organization", NS)}
    if organizations.get("default") not in orgs:
        found.append("organizations/@default names no organization")
    resources = {r.get("identifier"): r for r in root.findall("cp:resources/cp:resource", NS)}
    for org in orgs.values():
        title = org.findtext("cp:title", namespaces=NS) or ""
        if not title or len(title) > 200:
            found.append("an organization's title is empty or over 200 characters")
        items = org.findall(".//cp:item", NS)
        if not items:
            found.append("an organization has no item")
        for item in items:
            if item.get("identifierref") not in resources:
                found.append(f"item {item.get('identifier')} refers to no resource")
            mastery = item.findtext("adlcp:masteryscore", namespaces=NS)
            if mastery is not None and not (mastery.isdigit() and 0 <= int(mastery) <= 100):
                found.append(f"masteryscore {mastery!r} is not 0..100")
    for resource in resources.values():
        if resource.get("type") != "webcontent":
            found.append("a resource's type is not webcontent")
        if resource.get(f"{{{ADLCP}}}scormtype") not in ("sco", "asset"):
            found.append("a resource has no adlcp:scormtype sco or asset")
        listed = {f.get("href") for f in resource.findall("cp:file", NS)}
        if resource.get("href") not in listed:
            found.append("a resource's launch page is not among its files")
        found += [f"{href} is listed but not in the zip" for href in listed - set(names)]
        found += [f"{name} is in the zip but not listed" for name in
                  set(names) - listed - {"imsmanifest.xml"}]
    return found


def test_every_quiz_in_every_language(real: dict[str, bytes]) -> None:
    project, _ = load_project(REPO)
    assert sorted(real) == sorted(f"{q.id}-{lang}.scorm.zip" for q in project.quizzes
                                  for lang in project.config.codes)


def test_manifests_are_valid(real: dict[str, bytes]) -> None:
    assert {name: manifest_problems(data) for name, data in real.items()} == {
        name: [] for name in real}


def test_the_checks_can_fail(real: dict[str, bytes]) -> None:
    data = next(iter(real.values()))
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = archive.read("imsmanifest.xml").decode()
    broken = (manifest.replace('identifierref="', 'identifierref="x')
              .replace("<schemaversion>1.2", "<schemaversion>2004")
              .replace('<file href="kb-quiz.js"/>', ""))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as copy:
        for name in archive.namelist():
            copy.writestr(name, broken if name == "imsmanifest.xml" else archive.read(name))
    problems = manifest_problems(out.getvalue())
    assert any("refers to no resource" in p for p in problems)
    assert any("schemaversion" in p for p in problems)
    assert "kb-quiz.js is in the zip but not listed" in problems


def test_pass_mark_is_the_mastery_score(real: dict[str, bytes]) -> None:
    project, _ = load_project(REPO)
    for quiz in project.quizzes:
        archive = zipfile.ZipFile(io.BytesIO(real[f"{quiz.id}-pl.scorm.zip"]))
        root = etree.fromstring(archive.read("imsmanifest.xml"))
        assert root.findtext(".//adlcp:masteryscore", namespaces=NS) == str(quiz.pass_mark)
        assert root.findtext(".//cp:item/cp:title", namespaces=NS) == quiz.text("pl").title


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.lang = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = values.get("lang") or ""
        for name in ("src", "href"):
            if values.get(name) and tag in ("script", "link", "img", "a"):
                self.refs.append(values[name] or "")


def test_the_page_is_the_quiz(real: dict[str, bytes]) -> None:
    project, _ = load_project(REPO)
    for quiz in project.quizzes:
        for lang in project.config.codes:
            archive = zipfile.ZipFile(io.BytesIO(real[f"{quiz.id}-{lang}.scorm.zip"]))
            parser = _Refs()
            parser.feed(archive.read("index.html").decode())
            assert parser.tags.count("form") == 1
            assert parser.tags.count("fieldset") == len(quiz.questions)
            assert parser.tags.count("input") == sum(len(q.options) for q in quiz.questions)


def test_the_page_needs_nothing_outside_the_package(real: dict[str, bytes]) -> None:
    for name, data in real.items():
        archive = zipfile.ZipFile(io.BytesIO(data))
        parser = _Refs()
        parser.feed(archive.read("index.html").decode())
        assert parser.lang == name.rsplit("-", 1)[1].split(".")[0]
        local = {r for r in parser.refs if not r.startswith("#")}
        # No site_url in the real project: every glossary link is text, and nothing is fetched.
        assert local <= set(archive.namelist()), (name, local - set(archive.namelist()))
        assert "presenter" not in archive.read("index.html").decode()


def test_links_lead_to_the_published_site(tmp_path: Path) -> None:
    from tests.conftest import make_project

    root = make_project("base", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "site_url: https://kb.example.com/training/\n")
    data = packages(root)["basics-pl.scorm.zip"]
    parser = _Refs()
    parser.feed(zipfile.ZipFile(io.BytesIO(data)).read("index.html").decode())
    remote = [r for r in parser.refs if r.startswith("https://")]
    assert "https://kb.example.com/training/pl/glossary/apple/index.html" in remote
    assert "https://kb.example.com/training/pl/" in remote


def test_same_sources_same_bytes(real: dict[str, bytes]) -> None:
    assert packages(REPO) == real
