"""The hostile-input probe: every author-text field, every payload that could run script.

A *field* is a declared text of a kind (`quizzes: questions[].<lang>.feedback.<option>`), a
catalogue string, the site name or a nav title. For each payload, it goes into every field of the
`base` fixture at once; validation refuses it in some fields (a clear problem naming the field);
the others are built for real, and the site is scanned for anything that would run it.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import read_po, write_po

from builder.fields import AuthorText, Text, walk_fields
from builder.load import load_project
from builder.safety import url_scheme
from builder.sources import YAML_KINDS
from builder.validate import validate

MARK = "alert("
"""Each payload calls alert(N), N the number of the field it was put in."""
PAYLOADS = {
    "script": "<script>alert({n})</script>",
    "img-onerror": "<img src=x onerror=alert({n})>",
    "svg-onload": "\"><svg onload=alert({n})>",
    "javascript-link": "[x](javascript:alert({n}))",
    "mixed-case-scheme": "[x](JaVaScRiPt:alert({n}))",
    "entity-scheme": "[x](java&#115;cript:alert({n}))",
    "hex-entity-scheme": "[x](&#x6A;avascript&colon;alert({n}))",
    "data-link": "[x](data:text/html;base64,{b64})",
    "image-scheme": "![x](javascript:alert({n}))",
    "reference-link": "[x][r]\n\n[r]: javascript:alert({n})",
    "attr-list-link": "[x](https://example.com){{ onmouseover=\"alert({n})\" }}",
    "attr-list-block": "text\n{{: onclick=\"alert({n})\" }}",
    "html-link": "<a href=\"javascript:alert({n})\">x</a>",
    "double-quote-break": "\" onmouseover=\"alert({n})\" x=\"",
    "single-quote-break": "' onmouseover='alert({n})' x='",
    "entity-tags": "&lt;img src=x onerror=alert({n})&gt;",
    "textarea-break": "</textarea><script>alert({n})</script>",
    "template": "{{{{ alert({n}) }}}}{{% if true %}}alert({n}){{% endif %}}",
}


def payload_for(name: str, n: int) -> str:
    script = base64.b64encode(f"<script>alert({n})</script>".encode()).decode()
    return PAYLOADS[name].format(n=n, b64=script)


def fired(finding: str) -> set[int]:
    """The field numbers whose payload a finding shows (data: URLs carry theirs in base64)."""
    numbers = {int(n) for n in re.findall(r"alert\((\d+)\)", finding)}
    for blob in re.findall(r"base64,([A-Za-z0-9+/=]+)", finding):
        numbers |= {int(n) for n in re.findall(r"alert\((\d+)\)",
                                              base64.b64decode(blob).decode(errors="replace"))}
    return numbers


CATALOGUE_IDS = ("Glossary", "Check answers", "Correct", "Also called", "Team view",
                 "%(num)d question")
"""Catalogue strings that land in Markdown, in the quiz form, in the quiz script's data, on
concept pages, in the team view's title and in a plural."""


@dataclass(frozen=True)
class Cell:
    field: str
    payload: str


def _declared() -> list[tuple[re.Pattern[str], str]]:
    """Every declared author-text field of every kind, as a pattern of concrete field paths."""
    patterns = []
    for kind in YAML_KINDS:
        for path, spec in walk_fields(kind.declaration()):
            if isinstance(spec, Text) and spec.markdown:
                regex = re.escape(path).replace(r"\[\]", r"\[\d+\]")
                regex = re.sub(r"<lang>", "[a-z]{2}", regex)
                regex = re.sub(r"<[a-z]+>", "[^.]+", regex)
                patterns.append((re.compile(f"^{regex}$"), f"{kind.name}: {path}"))
    return patterns


DECLARED = _declared()


def field_name(text: AuthorText) -> str:
    """The declared field a text is in (`quizzes: questions[].<lang>.feedback.<option>`)."""
    kind = next(k.name for k in sorted(YAML_KINDS, key=lambda k: -len(k.folder))
                if text.source.startswith(f"{k.folder}/"))
    return next(name for pattern, name in DECLARED
                if name.startswith(f"{kind}: ") and pattern.match(text.field))


def author_texts(root: Path) -> list[AuthorText]:
    project, problems = load_project(root)
    assert problems == []
    return [t for t in project.inventory.texts if t.field]


def _set(data: Any, path: str, value: str) -> None:
    """Set the value at a field path (`questions[0].pl.feedback.true`) of parsed YAML."""
    keys = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", path)]
    target = data
    for key in keys[:-1]:
        target = target[_key(target, key)]
    target[_key(target, keys[-1])] = value


def _key(container: Any, key: str | int) -> Any:
    """The key as the YAML has it: `true:` in true-false feedback is a boolean."""
    if isinstance(container, dict):
        return next(k for k in container if str(k).lower() == str(key))
    return key


def inject(root: Path, name: str, numbers: dict[str, int],
           skip: set[str] = frozenset()) -> set[str]:
    """Put payload `name` at the end of every author text (and catalogue string, site name and
    nav title) of the project in `root`, except the fields in `skip`, each field's copy calling
    alert with the field's number (from `numbers`, filled as fields are met); return the fields
    touched."""
    touched: set[str] = set()

    def payload(field: str) -> str:
        return payload_for(name, numbers.setdefault(field, len(numbers) + 1))

    by_file: dict[str, list[AuthorText]] = {}
    for text in author_texts(root):
        if field_name(text) not in skip:
            by_file.setdefault(text.source, []).append(text)
    for source, texts in by_file.items():
        path = root / source
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for text in texts:
            # Single-line fields get the payload on the same line; others after a blank line too.
            _set(data, text.field, f"{text.text} {payload(field_name(text))}")
            touched.add(field_name(text))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    for lang in ("pl", "da"):
        field = f"catalogue: msgstr ({lang})"
        if field in skip:
            continue
        po = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as f:
            catalogue = read_po(f, locale=lang)
        for message in catalogue:
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            if msgid in CATALOGUE_IDS:
                text = payload(field)
                escaped = text.replace("%", "%%") if "%" in str(message.id) else text
                message.string = (tuple(f"{s} {escaped}" for s in message.string)
                                  if isinstance(message.string, tuple) else
                                  f"{message.string} {escaped}")
        with po.open("wb") as f:
            write_po(f, catalogue)
        touched.add(field)
    config = root / "mkdocs.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    if "mkdocs: site_name" not in skip:
        data["site_name"] = f"{data['site_name']} {payload('mkdocs: site_name')}"
        touched.add("mkdocs: site_name")
    if "mkdocs: nav title" not in skip:
        data["nav"] = [{f"Pages {payload('mkdocs: nav title')}": data["nav"]}]
        touched.add("mkdocs: nav title")
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return touched


def refused_fields(root: Path) -> dict[str, list[str]]:
    """Field → the problems validation gave it, for the fields with a problem."""
    project, problems = load_project(root)
    refused: dict[str, list[str]] = {}
    texts = {(t.source, t.field): t for t in author_texts_of(project)}
    for problem in [*problems, *validate(project)]:
        refused.setdefault(_field_of(problem.path, problem.field, texts), []).append(str(problem))
    return refused


def author_texts_of(project: Any) -> Iterator[AuthorText]:
    for source in project.inventory.sources:
        yield from source.texts


def _field_of(path: str, field: str, texts: dict[tuple[str, str], AuthorText]) -> str:
    if path.startswith("locales/"):
        return f"catalogue: msgstr ({path.split('/')[1]})"
    if path == "mkdocs.yml":
        return "mkdocs: nav title" if field.startswith("nav") else "mkdocs: site_name"
    try:
        return field_name(AuthorText(path, field, None, ""))
    except StopIteration:
        return f"{path}: {field}"  # not an author text: shown as it is


# -- Scanning the built site ------------------------------------------------------------------------

class _Scanner(HTMLParser):
    """Anything in a page that would run the payload: a script element holding it, an event
    handler or style attribute, or a script URL."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, raw in attrs:
            value = raw or ""
            if name.startswith("on") or name in ("srcdoc", "style"):
                if MARK in value:
                    self.findings.append(f"<{tag} {name}={value[:80]!r}>")
            elif url_scheme(value) in ("javascript", "vbscript", "data") and (
                    MARK in value or "base64," in value):
                self.findings.append(f"<{tag} {name}={value[:80]!r}>")
        if tag in ("svg", "iframe", "object", "embed") and any(
                MARK in (v or "") for _, v in attrs):
            self.findings.append(f"<{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and MARK in data and "__md_" not in data:
            self.findings.append(f"<script>{data.strip()[:80]!r}")


def scan(site: Path, pattern: str = "*.html") -> list[str]:
    """`file: finding` for every page of the built site that would run the payload."""
    findings = []
    for page in sorted(site.rglob(pattern)):
        findings += [f"{page.relative_to(site)}: {f}" for f in _scan_html(
            page.read_text(encoding="utf-8"))]
    return findings


def _scan_html(text: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(text)
    return scanner.findings


def scan_exports(downloads: Path) -> list[str]:
    """The same for the HTML the exports carry into other tools: each SCORM package's page, every
    text of the Moodle XML files (GIFT holds the same HTML), every field of the Anki decks."""
    import sqlite3
    import tempfile
    import zipfile

    from lxml import etree

    findings = []
    for package in sorted(downloads.glob("*.scorm.zip")):
        page = zipfile.ZipFile(package).read("index.html").decode()
        findings += [f"{package.name}: {f}" for f in _scan_html(page)]
    for moodle in sorted(downloads.glob("*.moodle.xml")):
        for text in etree.parse(str(moodle)).iter("text"):
            findings += [f"{moodle.name}: {f}" for f in _scan_html(text.text or "")]
    for deck in sorted(downloads.glob("*.apkg")):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "collection.anki2"
            path.write_bytes(zipfile.ZipFile(deck).read("collection.anki2"))
            connection = sqlite3.connect(path)
            fields = [f for (row,) in connection.execute("SELECT flds FROM notes")
                      for f in row.split("\x1f")]
            connection.close()
        findings += [f"{deck.name}: {f}" for field in fields for f in _scan_html(field)]
    return findings


# -- One payload, end to end ------------------------------------------------------------------------

@dataclass
class Outcome:
    payload: str
    numbers: dict[str, int]
    """Field → the number its copy of the payload calls alert with."""
    refused: dict[str, list[str]]
    """Field → the problems that refused the payload there."""
    fired: set[str]
    """Fields whose payload the built site would run."""
    build_output: str | None
    """The output of a build that failed (None if it succeeded)."""
    site: Path


def probe(name: str, work: Path) -> Outcome:
    """Inject payload `name` everywhere; build the fields validation accepts; scan the site."""
    from tests.conftest import make_project, run_cli

    numbers: dict[str, int] = {}
    first = make_project("base", work / "checked")
    # Handouts are PDFs printed by WeasyPrint, which runs no script; the site is what is probed.
    inject(first, name, numbers)
    refused = refused_fields(first)
    built = make_project("base", work / "built")
    inject(built, name, numbers, skip=set(refused))
    config = built / "project.yml"
    config.write_text(config.read_text(encoding="utf-8") + "handouts: false\n", encoding="utf-8")
    result = run_cli("build", "--root", str(built))
    findings = scan(built / "site") if result.exit_code == 0 else []
    if result.exit_code == 0:
        findings += scan_exports(built / "site" / "downloads")
        # The standalone report of `kb team-report` shows the same texts.
        answers = work / "member.json"
        answers.write_text(json.dumps({"format": "kb-assessment-answers",
                                       "instrument": "fruit-habits", "version": 1,
                                       "answers": {"wash": 2, "fridge": 3, "share": 4}}),
                           encoding="utf-8")
        report = built / "site" / "team-report.html"
        made = run_cli("team-report", "--root", str(built), str(answers), "--lang", "pl",
                       "-o", str(report))
        assert made.exit_code == 0, made.output
        findings += scan(report.parent, "team-report.html")
    shown = set().union(*(fired(f) for f in findings)) if findings else set()
    return Outcome(payload=name, numbers=numbers, refused=refused,
                   fired={f for f, n in numbers.items() if n in shown},
                   build_output=None if result.exit_code == 0 else result.output,
                   site=built / "site")
