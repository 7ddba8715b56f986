"""builder/report.py and `kb team-report`: members' files in, a standalone HTML report and a CSV
out, with the figures worked out by hand for three members who answered in three languages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

# Answer files hold no language: these three could come from the Polish, Danish and English pages.
MEMBERS = {
    "ania-pl.json": {"wash": 5, "skip-washing": 1, "fridge": 4, "bowl": 4, "forget": 2,
                     "share": 5, "offer": "dont-know"},
    "bo-da.json": {"wash": 3, "skip-washing": 3, "fridge": 2, "bowl": "dont-know", "forget": 5,
                   "share": 2, "offer": 1},
    "chris-en.json": {"wash": 4, "skip-washing": 2, "fridge": "dont-know", "bowl": "dont-know",
                      "forget": "dont-know", "share": 4, "offer": 4},
}
# washing: 100, 50, 75; storing: 75, 13 (1 of 8 = 12.5), none; sharing: 100, 13, 75.
EXPECTED_CSV_PL = (
    "\ufeffObszar;Średnia;Najniższy;Najwyższy;Odchylenie standardowe;Rozbieżne oceny;Poziom;A;B;C\r\n"
    "Mycie;75,0;50;100;20,4;nie;Mocna strona;100;50;75\r\n"
    "Przechowywanie;44,0;13;75;31,0;tak;Wymaga uwagi;75;13;\r\n"
    "Dzielenie się;62,7;13;100;36,6;tak;Mocna strona;100;13;75\r\n")


def write_members(folder: Path, members: dict[str, object] = MEMBERS) -> list[str]:
    paths = []
    for name, answers in members.items():
        path = folder / name
        path.write_text(json.dumps({"format": "kb-assessment-answers", "instrument": "fruit-habits",
                                    "version": 1, "answers": answers}), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_report_and_csv_for_three_members(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    files = write_members(tmp_path)
    out = tmp_path / "out" / "report.html"
    result = run_cli("team-report", "--root", str(root), *files, "--lang", "pl", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "(3 members)" in result.output
    assert (tmp_path / "out" / "report.csv").read_bytes().decode("utf-8") == EXPECTED_CSV_PL
    html = out.read_text(encoding="utf-8")
    assert '<html lang="pl">' in html
    assert "<title>Raport zespołu – Owocowe nawyki</title>" in html
    assert "<h1>Owocowe nawyki</h1>" in html
    assert "Zespół: 3 osoby" in html
    assert '<polygon class="score"' in html and html.count('<line class="range"') == 3
    # Disagreement: storing and sharing differ by more than one scale point; washing does not.
    disagreements = html.split("<ul>", 1)[1].split("</ul>", 1)[0]
    assert "Przechowywanie: 13–75" in disagreements and "Dzielenie się" in disagreements
    assert "Mycie" not in disagreements
    # Next steps, weakest first, with glossary terms as plain text (no links in a standalone file).
    steps = html.split('<section class="step">')[1:]
    assert [s.split("<h3>")[1].split(" — ")[0] for s in steps] == [
        "Przechowywanie", "Dzielenie się", "Mycie"]
    assert "Miska na jabłka." in steps[0] and "<a " not in html
    # Nothing is fetched from anywhere.
    assert "http" not in html.replace("http://www.w3.org/2000/svg", "")


def test_the_csv_follows_the_language(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    out = tmp_path / "team.html"
    result = run_cli("team-report", "--root", str(root), *write_members(tmp_path), "--lang", "en",
                     "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "team.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ("Dimension,Mean,Lowest,Highest,Standard deviation,Members disagree,"
                        "Level,A,B,C")
    assert lines[3] == "Sharing,62.7,13,100,36.6,yes,Strong,100,13,75"


def test_bad_files_are_named_and_nothing_is_written(project: Callable[[str], Path],
                                                    tmp_path: Path) -> None:
    root = project("base")
    files = write_members(tmp_path)
    (tmp_path / "notes.txt").write_text("not json", encoding="utf-8")
    (tmp_path / "old.json").write_text(json.dumps(
        {"format": "kb-assessment-answers", "instrument": "fruit-habits", "version": 0,
         "answers": {"wash": 3}}), encoding="utf-8")
    (tmp_path / "tampered.json").write_text(json.dumps(
        {"format": "kb-assessment-answers", "instrument": "fruit-habits", "version": 1,
         "answers": {"wash": "<script>alert(1)</script>"}}), encoding="utf-8")
    bad = [str(tmp_path / n) for n in ("notes.txt", "old.json", "tampered.json", "missing.json")]
    out = tmp_path / "report.html"
    result = run_cli("team-report", "--root", str(root), *files, *bad, "--lang", "da",
                     "-o", str(out))
    assert result.exit_code == 1
    assert f"{bad[0]}: not a JSON file (Expecting value)" in result.output
    assert (f"{bad[1]}: answers to version 0 of the instrument; this is version 1"
            in result.output)
    assert (f"{bad[2]}: answer to 'wash' out of range: '<script>alert(1)</sc' (expected 1 to 5"
            in result.output)
    assert f"{bad[3]}: cannot be read (No such file or directory)" in result.output
    assert "4 of 7 files cannot be used; nothing written" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    # With --skip-invalid the valid files still make a report.
    result = run_cli("team-report", "--root", str(root), *files, *bad, "--lang", "da",
                     "-o", str(out), "--skip-invalid")
    assert result.exit_code == 0 and out.exists()
    assert "Team med 3 medlemmer" in out.read_text(encoding="utf-8")


def test_an_unknown_language_is_refused(project: Callable[[str], Path], tmp_path: Path) -> None:
    result = run_cli("team-report", "--root", str(project("base")), *write_members(tmp_path),
                     "--lang", "sv")
    assert result.exit_code == 2 and "'sv' is not one of en, pl, nl, da" in result.output


def test_hostile_json_is_refused_with_a_reason(project: Callable[[str], Path],
                                               tmp_path: Path) -> None:
    root = project("base")
    header = '{"format": "kb-assessment-answers", "instrument": "fruit-habits", "version": 1, '
    bad = {
        "huge-number.json": header + '"answers": {"wash": 1e309}}',
        "deep.json": "[" * 10_000 + "]" * 10_000,
        "big.json": header + '"answers": {"wash": 3}, "pad": "' + "x" * 1_100_000 + '"}',
        "latin1.json": (header + '"answers": {"wash": 3}, "name": "Søren"}').encode("latin-1"),
    }
    for name, content in bad.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    files = [str(tmp_path / name) for name in bad]
    result = run_cli("team-report", "--root", str(root), *files, "--lang", "en",
                     "-o", str(tmp_path / "report.html"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert f"{files[0]}: not a JSON file (1e309 is too large a number)" in lines
    assert f"{files[1]}: not an answer file (nested too deeply)" in lines
    assert f"{files[2]}: is 1,100,114 bytes; an answer file is a few kilobytes" in lines
    assert f"{files[3]}: not UTF-8 text" in lines
