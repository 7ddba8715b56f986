"""No author text runs script: every declared text field, the catalogues, the site name and a nav
title, each with every payload of tests/hostile.py, is either refused by validation (a problem
naming the field) or built for real into a site where nothing would run it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile import DECLARED, PAYLOADS, _Scanner, fired, payload_for, probe

FIELDS = {name for _, name in DECLARED} | {
    "catalogue: msgstr (pl)", "catalogue: msgstr (da)", "mkdocs: site_name", "mkdocs: nav title"}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_no_payload_runs_in_any_field(name: str, tmp_path: Path) -> None:
    outcome = probe(name, tmp_path)
    assert outcome.build_output is None, outcome.build_output
    assert set(outcome.numbers) == FIELDS, "the base fixture has every declared text field"
    assert outcome.fired == set()
    for field, problems in outcome.refused.items():
        assert field in FIELDS, problems
        assert all(": " in p and "Traceback" not in p for p in problems)


def test_payloads_that_must_be_refused_are_refused_in_every_yaml_text(tmp_path: Path) -> None:
    # Raw HTML and script links have no harmless reading in an author's text.
    outcome = probe("img-onerror", tmp_path)
    assert set(outcome.refused) == FIELDS - {"mkdocs: site_name", "mkdocs: nav title"}
    # The site name and nav titles are plain text: escaped, not refused.
    assert (outcome.site / "en" / "index.html").read_text(encoding="utf-8").count(
        "&lt;img src=x onerror=alert(") >= 2


@pytest.mark.parametrize("html", [
    '<a href="javascript:alert(3)">x</a>',
    '<a href="java&#115;cript:alert(3)">x</a>',
    '<p onclick="alert(3)">x</p>',
    '<img src="x" onerror="alert(3)">',
    "<script>alert(3)</script>",
    '<a href="data:text/html;base64,' + payload_for("data-link", 3).split("base64,")[1][:-1] + '">x</a>',
])
def test_the_scanner_sees_what_would_run(html: str) -> None:
    scanner = _Scanner()
    scanner.feed(f"<html><body>{html}</body></html>")
    assert scanner.findings
    assert set().union(*(fired(f) for f in scanner.findings)) == {3}


def test_the_scanner_ignores_escaped_text() -> None:
    scanner = _Scanner()
    scanner.feed('<p title="&quot; onmouseover=&quot;alert(3)">&lt;script&gt;alert(3)</p>')
    assert scanner.findings == []


def test_the_export_scanner_looks_inside_every_carrier(tmp_path: Path) -> None:
    """What would run in a platform or in Anki is found in a SCORM page, a Moodle XML text and an
    Anki field."""
    import sqlite3
    import zipfile

    from tests.hostile import scan_exports

    with zipfile.ZipFile(tmp_path / "q-pl.scorm.zip", "w") as package:
        package.writestr("index.html", '<p onclick="alert(1)">x</p>')
    (tmp_path / "q-pl.moodle.xml").write_text(
        '<quiz><question><name><text><![CDATA[<img src=x onerror="alert(2)">]]></text></name>'
        "</question></quiz>", encoding="utf-8")
    collection = tmp_path / "collection.anki2"
    connection = sqlite3.connect(collection)
    connection.execute("CREATE TABLE notes (flds TEXT)")
    connection.execute("INSERT INTO notes VALUES (?)", ("term\x1f<script>alert(3)</script>",))
    connection.commit()
    connection.close()
    with zipfile.ZipFile(tmp_path / "glossary-pl.apkg", "w") as deck:
        deck.write(collection, "collection.anki2")
    found = scan_exports(tmp_path)
    assert set().union(*(fired(f) for f in found)) == {1, 2, 3}
    assert {f.split(":")[0] for f in found} == {"q-pl.scorm.zip", "q-pl.moodle.xml",
                                                "glossary-pl.apkg"}
