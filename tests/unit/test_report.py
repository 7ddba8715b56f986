"""builder/report.py and `kb team-report`: members' files in, a standalone HTML report and a CSV
out, with the figures worked out by hand for three members who answered in three languages."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from builder.assessment import team_file
from builder.load import load_project
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
# washing: 100, 50, 75 (sd 20.4 but range 50: they disagree); storing: 75, 13 (1 of 8 = 12.5),
# none; sharing: too few (one of two statements answered), 13, 75 (mean 44.0, sd 31.0).
EXPECTED_CSV_PL = (
    "\ufeffObszar;Średnia;Najniższy;Najwyższy;Odchylenie standardowe;Rozbieżne oceny;Poziom;A;B;C\r\n"
    "Mycie;75,0;50;100;20,4;tak;Mocna strona;100;50;75\r\n"
    "Przechowywanie;44,0;13;75;31,0;tak;Wymaga uwagi;75;13;\r\n"
    "Dzielenie się;44,0;13;75;31,0;tak;Wymaga uwagi;;13;75\r\n")


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
    # Disagreement: storing and sharing by their standard deviation, washing by its range alone
    # (100 and 50 are two scale points apart, though the sd is 20.4).
    disagreements = html.split("<ul>", 1)[1].split("</ul>", 1)[0]
    assert "Przechowywanie: 13–75" in disagreements and "Dzielenie się: 13–75" in disagreements
    assert "Mycie: 50–100" in disagreements
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
    assert lines[3] == "Sharing,44.0,13,75,31.0,yes,Needs attention,,13,75"


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


BEFORE = [
    # washing 50 and 50 (mean 50.0); storing 25 (3 of 12) and 50 (6 of 12): 37.5; sharing 75, 75.
    {"wash": 3, "skip-washing": 3, "fridge": 2, "bowl": 2, "forget": 4, "share": 4, "offer": 4},
    {"wash": 3, "skip-washing": 3, "fridge": 3, "bowl": 3, "forget": 3, "share": 4, "offer": 4}]


def gettext_pl(root: Path) -> Callable[[str], str]:
    """The Polish catalogue's text (or the English msgid it does not translate yet)."""
    loaded, _ = load_project(root)
    return loaded.translations("pl").gettext


def team_file_text(members: list[dict[str, object]], label: str = "Q3 workshop",
                   saved: str = "2026-09-15") -> str:
    return json.dumps({"format": "kb-assessment-team", "instrument": "fruit-habits", "version": 1,
                       "saved": saved, "label": label, "members": members})


def test_two_sessions_side_by_side(project: Callable[[str], Path], tmp_path: Path) -> None:
    """Last quarter as a team file, this quarter as members' files: the change per dimension,
    worked out by hand, in the HTML and in report-change.csv."""
    root = project("base")
    before = tmp_path / "q3.json"
    before.write_text(team_file_text(BEFORE), encoding="utf-8")
    out = tmp_path / "report.html"
    result = run_cli("team-report", "--root", str(root), "--before", str(before), "--after",
                     *write_members(tmp_path), "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    # After: washing 75.0 (+25.0, up), storing 44.0 (+6.5, up), sharing 44.0 (-31.0, down).
    change = (tmp_path / "report-change.csv").read_bytes().decode("utf-8")
    assert change == (
        "\ufeffDimension,Mean before,Mean after,Change,Trend,Level before,Level after\r\n"
        "Washing,50.0,75.0,+25.0,up,Developing,Strong\r\n"
        "Storing,37.5,44.0,+6.5,up,Needs attention,Needs attention\r\n"
        "Sharing,75.0,44.0,-31.0,down,Strong,Needs attention\r\n")
    html = out.read_text(encoding="utf-8")
    assert "Q3 workshop" in html and "▲" in html and "▼" in html


def test_session_arguments_are_checked(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = str(project("base"))
    files = write_members(tmp_path)
    out = str(tmp_path / "r.html")
    for args, message in (
            (["--before", files[0]], "--before needs --after FILES… too"),
            (["--before", "--after", files[0]], "--before needs at least one file"),
            (["--before", files[0], "--after"], "--after needs at least one file"),
            ([files[0], "--before", files[1], "--after", files[2]],
             f"{files[0]}: give the files after --before or --after"),
            (["--before", files[0], "--before", files[1], "--after", files[2]],
             "--before is given twice"),
            (["--befor", files[0], "--after", files[1]], "no such option: --befor"),
            ([files[0], "-x"], "no such option: -x"),
            ([], "Missing argument")):
        result = run_cli("team-report", "--root", root, *args, "--lang", "en", "-o", out)
        assert result.exit_code == 2, args
        assert "team-report [OPTIONS] [--before FILES… --after] FILES…" in result.output
        assert message in result.output and "Traceback" not in result.output, result.output
        assert not (tmp_path / "r.html").exists()
    # --after alone is the session itself; --lang may come anywhere.
    result = run_cli("team-report", "--root", root, "--after", *files[:2], "--lang", "en",
                     "-o", out)
    assert result.exit_code == 0 and "(2 members)" in result.output
    assert not (tmp_path / "r-change.csv").exists()


def test_a_comparison_in_polish(project: Callable[[str], Path], tmp_path: Path) -> None:
    """The change CSV follows the language (`;`, decimal comma); a change down is `-` there,
    for spreadsheets, and the minus sign U+2212 on paper; the earlier session's label is text."""
    root = project("base")
    before = tmp_path / "q3.json"
    before.write_text(team_file_text(BEFORE, label="<script>alert(1)</script>"),
                      encoding="utf-8")
    out = tmp_path / "report.html"
    result = run_cli("team-report", "--root", str(root), "--lang", "pl", "--before", str(before),
                     "--after", *write_members(tmp_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "report-change.csv").read_text(encoding="utf-8-sig").splitlines()
    pl = gettext_pl(root)
    up, down = pl("up"), pl("down")
    assert lines[0] == ";".join(pl(s) for s in (
        "Dimension", "Mean before", "Mean after", "Change", "Trend", "Level before",
        "Level after"))
    assert lines[1:] == [f"Mycie;50,0;75,0;+25,0;{up};W rozwoju;Mocna strona",
                         f"Przechowywanie;37,5;44,0;+6,5;{up};Wymaga uwagi;Wymaga uwagi",
                         f"Dzielenie się;75,0;44,0;-31,0;{down};Mocna strona;Wymaga uwagi"]
    html = out.read_text(encoding="utf-8")
    row = html.split("<th scope=\"row\">Dzielenie się</th>")[-1].split("</tr>")[0]
    assert "\u221231,0" in row and '<span aria-hidden="true">▼</span>' in row
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<polygon class="before"' in html


def test_identical_answers_are_two_members(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    ania = MEMBERS["ania-pl.json"]
    files = write_members(tmp_path, {"a.json": ania, "b.json": ania})
    team = tmp_path / "team.json"
    team.write_text(team_file_text([MEMBERS["bo-da.json"], ania]), encoding="utf-8")
    out = tmp_path / "r.html"
    result = run_cli("team-report", "--root", str(root), *files, str(team), "--lang", "en",
                     "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "(4 members)" in result.output
    assert (f"note: {files[1]}: the same answers as member A; counted as another member"
            in result.output)
    assert f"note: {team}, member 2: the same answers as member A" in result.output
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    # Washing: 100, 100, 50, 100: Ania counts three times.
    assert lines[0].endswith(",A,B,C,D") and lines[1] == (
        "Washing,87.5,50,100,21.7,yes,Strong,100,100,50,100")


def test_a_25_75_split_is_disagreement(project: Callable[[str], Path], tmp_path: Path) -> None:
    """25, 75, 75 in washing: the standard deviation is 23.6, under one scale point, but the
    range is two scale points, so the members do not agree."""
    root = project("base")
    files = write_members(tmp_path, {"a.json": {"wash": 2, "skip-washing": 4},
                                     "b.json": {"wash": 4, "skip-washing": 2},
                                     "c.json": {"wash": 4, "skip-washing": 2}})
    out = tmp_path / "r.html"
    result = run_cli("team-report", "--root", str(root), *files, "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[1] == (
        "Washing,58.3,25,75,23.6,yes,Developing,25,75,75")
    html = out.read_text(encoding="utf-8")
    assert "<li>Washing: 25–75 (standard deviation 23.6)</li>" in html
    assert "Members agree" not in html.split("Washing</th>")[1].split("</tr>")[0]


def test_too_few_answers_give_no_score(project: Callable[[str], Path], tmp_path: Path) -> None:
    """One answer of two is no score ("too few answers (1/2)"), not "strong, 100"; a dimension
    nobody answered enough of says "too few answers" and has no level."""
    root = project("base")
    files = write_members(tmp_path, {"a.json": {"wash": 5, "share": 5, "fridge": 5},
                                     "b.json": {"wash": 1, "skip-washing": 5, "offer": 5}})
    out = tmp_path / "r.html"
    result = run_cli("team-report", "--root", str(root), *files, "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    def row(title: str, n: int) -> str:
        return html.split(f'<th scope="row">{title}</th>')[n].split("</tr>")[0].strip()

    assert row("Sharing", 1) == "<td>Too few answers</td>" + "<td>–</td>" * 4
    assert row("Sharing", 2) == "<td>Too few answers (1/2)</td><td>Too few answers (1/2)</td>"
    assert row("Storing", 2) == "<td>Too few answers (1/3)</td><td>–</td>"
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[1:] == [
        "Washing,0.0,0,0,0.0,no,Needs attention,,0",
        "Storing,,,,,no,,,",
        "Sharing,,,,,no,,,"]


def test_bad_team_files_each_say_why(project: Callable[[str], Path], tmp_path: Path) -> None:
    root = project("base")
    good = {"format": "kb-assessment-team", "instrument": "fruit-habits", "version": 1,
            "saved": "2026-09-15", "members": [{"wash": 3}]}
    bad = {
        "other.json": ({**good, "instrument": "other"},
                       "a team file of another instrument ('other')"),
        "old.json": ({**good, "version": 0},
                     "a team file of version 0 of the instrument; this is version 1"),
        "label.json": ({**good, "label": ""}, "the label must be a text of 1 to 80 characters"),
        "long.json": ({**good, "label": "x" * 81},
                      "the label must be a text of 1 to 80 characters"),
        "date.json": ({**good, "saved": "2026-02-30"},
                      "the date saved must be a date as yyyy-mm-dd, not '2026-02-30'"),
        "nodate.json": ({k: v for k, v in good.items() if k != "saved"},
                        "the date saved must be a date as yyyy-mm-dd, not 'None'"),
        "empty.json": ({**good, "members": []}, "no members in the team file"),
        "range.json": ({**good, "members": [{"wash": 3}, {"wash": 9}]},
                       "member 2 of 2: answer to 'wash' out of range: '9' (expected 1 to 5 or "
                       "'dont-know')"),
        "unknown.json": ({**good, "members": [{"<b>x</b>": 3}]},
                         "member 1 of 1: unknown statement '<b>x</b>'"),
        "none.json": ({**good, "members": [{}]}, "member 1 of 1: no answers in the file"),
        "list.json": ({**good, "members": [[3]]}, "member 1 of 1: not a set of answers"),
    }
    paths = []
    for name, (document, _) in bad.items():
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")
        paths.append(tmp_path / name)
    result = run_cli("team-report", "--root", str(root), *map(str, paths), "--lang", "en",
                     "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for path, (_, message) in zip(paths, bad.values(), strict=True):
        assert f"{path}: {message}" in lines
    assert f"{len(bad)} of {len(bad)} files cannot be used; nothing written" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "r.html").exists()


def test_a_team_file_round_trips_through_the_command_line(project: Callable[[str], Path],
                                                          tmp_path: Path) -> None:
    """A team file written by team_file is read back by kb team-report as the same members."""
    root = project("base")
    loaded, _ = load_project(root)
    assert loaded.assessment is not None
    team = tmp_path / "team.json"
    team.write_text(json.dumps(team_file(loaded.assessment, list(MEMBERS.values()),
                                         date(2026, 12, 2), "Q4")), encoding="utf-8")
    result = run_cli("team-report", "--root", str(root), str(team), "--lang", "pl",
                     "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.csv").read_bytes().decode("utf-8") == EXPECTED_CSV_PL


def test_an_earlier_session_without_a_usable_file(project: Callable[[str], Path],
                                                  tmp_path: Path) -> None:
    root = project("base")
    bad = tmp_path / "q3.json"
    bad.write_text("{}", encoding="utf-8")
    args = ["team-report", "--root", str(root), "--lang", "en", "--before", str(bad), "--after",
            *write_members(tmp_path), "-o", str(tmp_path / "r.html")]
    result = run_cli(*args)
    assert result.exit_code == 1
    assert f"{bad}: not an answer file of this self-assessment" in result.output
    result = run_cli(*args, "--skip-invalid")
    assert result.exit_code == 1
    assert "No usable answer file for --before; nothing written." in result.output
    assert not (tmp_path / "r.html").exists() and "Traceback" not in result.output
