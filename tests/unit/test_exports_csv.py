"""The glossary CSV, read back by csv-parse (npm) and by Python's csv module: the byte order mark,
the delimiter, CRLF records, every field quoted and equal to its source, including texts with the
delimiter, quotes, line breaks and Polish and Danish letters (`export-glossary-specials`)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.exports import glossary_csv
from builder.load import load_project
from builder.model import Project
from builder.problems import Problems
from builder.render import contexts, markdown_links_to_text
from tests.conftest import REPO, loaded_projects, make_project

NODE_DIR = REPO / "tests" / "node"
PARSER = NODE_DIR / "parse-csv.js"


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Project]:
    return loaded_projects(tmp_path_factory.mktemp("csv"), ("base", "export-glossary-specials"))


def export(project: Project) -> bytes:
    [file] = glossary_csv.files(project, contexts(project), Problems())
    assert (file.name, file.format, file.lang) == ("glossary.csv", "csv", None)
    return file.data


def run_csv_parse(path: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "csv-parse").is_dir():
        pytest.fail("the CSV tests read the file with csv-parse on Node.js; `make test` installs it "
                    "(npm ci in tests/node)")
    return subprocess.run([node, str(PARSER), str(path), ";"],
                          capture_output=True, text=True, check=False, timeout=30)


def csv_parse(path: Path) -> dict[str, object]:
    """What csv-parse makes of the file (see parse-csv.js)."""
    result = run_csv_parse(path)
    assert result.returncode == 0, f"csv-parse refused the file: {result.stderr}"
    return json.loads(result.stdout)


def expected_rows(project: Project) -> list[list[str]]:
    """The table built from the sources directly, links reduced to their text."""
    ctxs = contexts(project)

    def plain(lang: str, text: str) -> str:
        cell = markdown_links_to_text(ctxs[lang].plain(text))
        # What a spreadsheet would run as a formula is kept as text by a leading quote.
        return f"'{cell}" if cell[:1] in ("=", "+", "-", "@") else cell

    header = ["id"]
    for lang in project.config.codes:
        header += [f"{lang} term", f"{lang} synonyms", f"{lang} definition", f"{lang} example"]
    rows = [[*header, "related", "confused with"]]
    for concept in project.concepts:
        row = [concept.id]
        for lang in project.config.codes:
            text = concept.text(lang)
            row += [plain(lang, text.term), "\n".join(plain(lang, s) for s in text.synonyms),
                    plain(lang, text.definition), plain(lang, text.example)]
        rows.append([*row, "\n".join(concept.related), "\n".join(concept.confused_with)])
    return rows


@pytest.mark.parametrize("name", ["repository", "base", "export-glossary-specials"])
def test_csv_parse_reads_every_field_back(name: str, projects: dict[str, Project],
                                          tmp_path: Path) -> None:
    project = projects[name]
    path = tmp_path / "glossary.csv"
    path.write_bytes(export(project))
    parsed = csv_parse(path)
    assert parsed["bom"] is True
    assert parsed["unquoted"] == []
    rows = parsed["rows"]
    assert isinstance(rows, list)
    assert len(rows) == len(project.concepts) + 1
    assert rows == expected_rows(project)


@pytest.mark.parametrize("name", ["repository", "export-glossary-specials"])
def test_python_csv_reads_the_same(name: str, projects: dict[str, Project]) -> None:
    data = export(projects[name])
    assert data.startswith(b"\xef\xbb\xbf\"id\";")
    text = data.decode("utf-8-sig")
    assert text.endswith('"\r\n')
    assert csv.Sniffer().sniff(text.split("\r\n", 1)[0]).delimiter == ";"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    assert rows == expected_rows(projects[name])


def test_specials_are_exercised(projects: dict[str, Project]) -> None:
    """The special fixture holds what could break the file, so the tests above are not vacuous."""
    rows = expected_rows(projects["export-glossary-specials"])
    cells = [cell for row in rows for cell in row]
    for needle in (";", '"', "\n", "\n\n", "„", "&", "<", "ł", "ż", "Ą", "æ", "Ø", "å"):
        assert any(needle in cell for cell in cells), needle
    by_id = {row[0]: row for row in rows}
    header = rows[0]
    assert by_id["24-hour-call"][header.index("en synonyms")] == (
        'next-day call; same week\nthe "golden" call')
    example = by_id["24-hour-call"][header.index("en example")]
    assert "[[" not in example and "](" not in example
    assert "an apple.\n" in example and "with a plum and the about page." in example


def test_the_reader_refuses_other_files(tmp_path: Path) -> None:
    """The independent reader can fail: it refuses a comma file and LF records."""
    for name, text in (("comma", '"id","en term"\r\n"apple","apple"\r\n'),
                       ("lf", '"id";"en term"\n"apple";"apple"\n')):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        result = run_csv_parse(path)
        assert result.returncode == 1 and "Invalid Closing Quote" in result.stderr, name


def test_same_sources_same_bytes(projects: dict[str, Project]) -> None:
    project = projects["export-glossary-specials"]
    assert export(project) == export(project)


def test_no_glossary_no_file(tmp_path: Path) -> None:
    root = make_project("base", tmp_path)
    shutil.rmtree(root / "glossary")
    project, _ = load_project(root)
    assert list(glossary_csv.files(project, contexts(project), Problems())) == []


def test_a_formula_stays_text(projects: dict[str, Project]) -> None:
    rows = list(csv.reader(io.StringIO(export(projects["export-glossary-specials"]).decode("utf-8-sig"),
                                       newline=""), delimiter=";"))
    cells = [cell for row in rows for cell in row if "HYPERLINK" in cell]
    assert cells == ['\'=HYPERLINK("https://example.com"; "Sidste"), sagde han; så ringede han igen.']
