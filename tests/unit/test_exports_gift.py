"""GIFT export, read back with an independent parser, gift-pegjs (run by Node through
tests/node/parse-gift.js): in every language, for the repository's quizzes, the base fixture
and export-specials (every character GIFT reserves, weights Moodle has no grade for), the
categories, question counts, names, idnumbers, texts, answers, weights, per-answer feedback and
general feedback equal the source. Where gift-pegjs reads differently from Moodle's importer
(`question/format/gift/format.php`), Moodle's reading is what is checked: the two feedbacks of a
true/false question (the first is for a wrong answer, whatever gift-pegjs calls it) and the
`$CATEGORY:` line (taken as it is, after escapedchar_pre; gift-pegjs does not unescape it)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from builder.exports import gift
from builder.render import contexts
from tests.unit.test_exports_moodle import (
    CASES,
    SPECIAL_HTML,
    SPECIAL_NAME,
    check_feedback,
    check_idnumbers,
    check_name,
    exact_weight,
    exported,
    moodle_accepts,
    name_text,
    source_question,
    split_category_path,
)

NODE_DIR = Path(__file__).resolve().parent.parent / "node"
PARSER = NODE_DIR / "parse-gift.js"


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Case → language → what gift-pegjs reads in that language's file; one Node run for all."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is missing; `make test` installs what the tests need "
                    "(Node.js, and gift-pegjs in tests/node)")
    if not (NODE_DIR / "node_modules" / "gift-pegjs").is_dir():
        pytest.fail("gift-pegjs is missing from tests/node/node_modules; `make test` installs it")
    folder = tmp_path_factory.mktemp("gift")
    paths: dict[str, tuple[str, str]] = {}
    for case in CASES:
        for name, data in exported(case, "gift").files.items():
            path = folder / f"{case}-{name}"
            path.write_bytes(data)
            paths[str(path)] = (case, name.removeprefix("quizzes-").removesuffix(".gift"))
    run = subprocess.run([node, str(PARSER), *paths], capture_output=True, text=True, timeout=60,
                         check=False)
    assert run.returncode == 0, run.stderr
    result: dict[str, dict[str, list[dict[str, Any]]]] = {case: {} for case in CASES}
    for path, questions in json.loads(run.stdout).items():
        case, lang = paths[path]
        result[case][lang] = questions
    return result


def moodle_category(line: str) -> str:
    """What qformat_gift::readquestion keeps of a category line: escapedchar_pre's text, in which
    `\\\\` is `\\` again but `\\:` and the like become placeholders that stay."""
    kept = line.replace("\\\\", "&&092;")
    for char, code in zip(":#={}~", ("058", "035", "061", "123", "125", "126"), strict=True):
        kept = kept.replace("\\" + char, f"&&{code};")
    kept = kept.replace("\\n", "&&010").replace("&&092;", "\\")
    assert "&&0" not in kept, line
    return kept


def check_question(found: dict[str, Any], question: Any, number: int, ctx: Any) -> None:
    source = source_question(ctx, question)
    check_name(found["title"], number, source["prompt"])
    assert found["stem"] == {"format": "html", "text": source["prompt"]}
    assert found["globalFeedback"] == {"format": "html", "text": source["explanation"]}
    options = source["options"]
    if question.type == "true-false":
        assert found["type"] == "TF"
        right = next(o for o in options if o["correct"])
        wrong = next(o for o in options if not o["correct"])
        assert found["isTrue"] is (right["id"] == "true")
        # split_truefalse_comment: the first feedback is for a wrong answer, the second for the
        # right one; gift-pegjs calls them trueFeedback and falseFeedback whatever the answer.
        check_feedback(ctx, wrong, found["trueFeedback"]["text"])
        check_feedback(ctx, right, found["falseFeedback"]["text"])
        return
    assert found["type"] == "MC"
    choices = found["choices"]
    assert [c["text"] for c in choices] == [{"format": "html", "text": o["text"]} for o in options]
    for choice, option in zip(choices, options, strict=True):
        assert choice["feedback"]["format"] == "html"
        check_feedback(ctx, option, choice["feedback"]["text"])
    single = question.type != "multiple"
    if single:
        # `=` is the right answer at 100 %, `~` without a weight a wrong one at 0.
        assert [(c["isCorrect"], c["weight"]) for c in choices] == [
            (o["correct"], None) for o in options]
        return
    # No `=` at all: Moodle makes it a multiple-answer question (readquestion).
    assert not any(c["isCorrect"] for c in choices)
    percents = [c["weight"] for c in choices]
    moodle_accepts(percents, single=False)
    weight = exact_weight(question)
    if weight is not None:
        assert percents == [weight if o["correct"] else -weight for o in options]
    else:
        assert [p > 0 for p in percents] == [o["correct"] for o in options]


@pytest.mark.parametrize("case", CASES)
def test_each_language_file_reads_back_as_the_source(
        case: str, parsed: dict[str, dict[str, list[dict[str, Any]]]]) -> None:
    done = exported(case, "gift")
    project = done.project
    assert set(parsed[case]) == set(done.contexts)
    for lang, ctx in done.contexts.items():
        found = parsed[case][lang]
        starts = [i for i, q in enumerate(found) if q["type"] == "Category"]
        assert starts[0] == 0 and len(starts) == len(project.quizzes)
        idnumbers = []
        for quiz, start, end in zip(project.quizzes, starts, [*starts[1:], len(found)],
                                    strict=True):
            title = name_text(str(ctx.html(quiz.text(lang).title, None, inline=True)))
            assert split_category_path(moodle_category(found[start]["title"])) == [
                "$course$", "top", title]
            questions = found[start + 1:end]
            assert len(questions) == len(quiz.questions)
            for number, (item, question) in enumerate(zip(questions, quiz.questions, strict=True),
                                                      start=1):
                check_question(item, question, number, ctx)
                idnumbers.append(item["id"])
        check_idnumbers(idnumbers, [f"{quiz.id}.{q.id}" for quiz in project.quizzes
                                    for q in quiz.questions])


@pytest.mark.parametrize("case", CASES)
def test_questions_are_blocks_with_a_traceable_comment(case: str) -> None:
    done = exported(case, "gift")
    traces = [f"{quiz.id}/{q.id}" for quiz in done.project.quizzes for q in quiz.questions]
    for data in done.files.values():
        content = data.decode("utf-8")
        # qformat_default::readquestions: a blank line ends a question.
        blocks = [b for b in re.split(r"\n[ \t]*\n", content) if b.strip()]
        assert len(blocks) == len(done.project.quizzes) + len(traces)
        questions = [b for b in blocks if not b.startswith("$CATEGORY: ")]
        assert [re.match(r"// (\S+) \[id:", b).group(1) for b in questions] == traces  # type: ignore[union-attr]


def test_reserved_characters_survive(parsed: dict[str, dict[str, list[dict[str, Any]]]]) -> None:
    found = parsed["export-specials"]["en"]
    category = next(q for q in reversed(found) if q["type"] == "Category")
    assert split_category_path(moodle_category(category["title"]))[-1] == (
        "Specials EN: a/b ~ = # { } \\ & &lt; ]]&gt;")
    single = found[-6]
    assert single["title"].startswith(f"1. EN: {SPECIAL_NAME}, see")
    assert single["stem"]["text"].startswith(
        f'EN: {SPECIAL_HTML}, see <a href="https://example.org/q?x=1&amp;y=2">')
    # Marked [html], an option that starts with a weight or a format is text.
    assert [(c["text"]["text"], c["isCorrect"], c["weight"]) for c in single["choices"]][:2] == [
        ("%50% of EN", True, None), ("[plain] EN looks like a format", False, None)]
    assert single["choices"][0]["feedback"]["text"] == f"<p>EN right: {SPECIAL_HTML}</p>"
    assert 'href="https://kb.example.org/training/en/misconceptions.html#apple-is-a-boat"' in (
        single["choices"][1]["feedback"]["text"])
    true_false = found[-3]
    assert true_false["isTrue"] is False
    assert true_false["trueFeedback"]["text"].startswith(f"<p>EN wrong {SPECIAL_HTML}</p>\n<p>")
    assert [c["weight"] for c in found[-4]["choices"]] == [10] * 9 + [5] * 2 + [-10]


def test_weights_are_warned_of_as_in_moodle_xml() -> None:
    warnings = exported("export-specials", "gift").warnings
    assert warnings == exported("export-specials", "moodle").warnings and len(warnings) == 1
    assert exported("repo", "gift").warnings == exported("base", "gift").warnings == []


def test_the_files_are_utf8_and_deterministic() -> None:
    done = exported("export-specials", "gift")
    assert sorted(done.files) == [f"quizzes-{lang}.gift" for lang in sorted(done.contexts)]
    from builder.problems import Problems

    again = {f.name: f.data for f in gift.files(done.project, contexts(done.project),
                                                 Problems())}
    assert again == done.files
    assert "Specials PL" in done.files["quizzes-pl.gift"].decode("utf-8")
    assert "æble" in exported("base", "gift").files["quizzes-da.gift"].decode("utf-8")
