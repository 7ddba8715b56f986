"""GIFT: the quizzes as text that Moodle imports (Question bank → Import → GIFT format), one file
per language, `quizzes-<lang>.gift`, in UTF-8.

Each quiz starts with `$CATEGORY: $course$/top/<title>`; each question follows, after a comment
line `// <quiz-id>/<question-id> [id:<idnumber>]` (Moodle takes the `[id:…]` for the question's
idnumber, as in the Moodle XML export), with its number and the start of its prompt as
`::title::`, its texts as `[html]`, per-answer feedback after `#` and the explanation after
`####`. The weights are the Moodle XML export's: `=` for the one right answer of single and
spot-misconception questions, `~%33.33333%` and `~%-33.33333%` on every option of a multiple one,
warned of the same way where Moodle's grades do not allow 100/n. GIFT has no setting for
shuffling or lettering the options: Moodle's defaults apply.

The rules, from `question/format/gift/format.php` (qformat_gift) and `question/format.php`:

- Questions are separated by blank lines (qformat_default::readquestions), so no text runs
  over a line break: its breaks are written `\\n`, which the importer turns back into breaks.
- `~ = # { } :` and `\\` in a text are escaped with a backslash (repchar on export,
  escapedchar_pre and escapedchar_post on import), also in HTML attributes (`href\\="https\\://…"`).
- Each text is marked `[html]` (parse_text_with_format), so an option that starts with `%` or a
  `[word]` is not taken for a weight or a format.
- True/false is `{TRUE#<feedback to the wrong answer>#<feedback to the right one>}`
  (split_truefalse_comment).
- A multiple-answer question is one with no `=` (readquestion: `single` is 0 then).
- The category line is taken as it is, after escapedchar_pre, which turns `\\\\` into `\\` but
  `\\:` and the like into placeholders it never turns back: only backslashes are escaped there,
  and a `/` in the title is doubled as in any category path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from builder.exports import ExportFile
from builder.exports.moodle import (
    Item,
    Scoring,
    category_path,
    percent_text,
    quiz_items,
    quiz_title,
    scorings,
)
from builder.problems import Problems

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext

FORMAT = "gift"
_ESCAPES = str.maketrans({"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{",
                          "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""})


def files(project: Project, contexts: Mapping[str, RenderContext],
          warnings: Problems) -> Iterator[ExportFile]:
    scoring = scorings(project, warnings)
    for lang, ctx in contexts.items():
        yield ExportFile(f"quizzes-{lang}.gift", _document(project, ctx, scoring).encode(), FORMAT,
                         lang)


def _document(project: Project, ctx: RenderContext,
              scoring: Mapping[str, Mapping[str, Scoring]]) -> str:
    blocks = []
    for quiz in project.quizzes:
        blocks.append("$CATEGORY: " + category_path(quiz_title(ctx, quiz)).replace("\\", "\\\\"))
        blocks += [_question(item) for item in quiz_items(ctx, quiz, scoring[quiz.id])]
    return "\n\n".join(blocks) + "\n"


def _question(item: Item) -> str:
    head = (f"// {item.trace} [id:{item.idnumber}]\n"
            f"::{escape(item.name)}::{_html(item.text)}")
    if item.question.type == "true-false":
        right = next(c for c in item.choices if c.percent == 100)
        wrong = next(c for c in item.choices if c is not right)
        return (f"{head}{{{right.text.upper()}#{_html(wrong.feedback)}#{_html(right.feedback)}"
                f"####{_html(item.general)}}}")
    single = item.question.type != "multiple"
    lines = [f"{head}{{"]
    for choice in item.choices:
        mark = ("=" if choice.percent == 100 else "~") if single else (
            f"~%{percent_text(choice.percent)}%")
        lines.append(f"\t{mark}{_html(choice.text)}#{_html(choice.feedback)}")
    return "\n".join([*lines, f"\t####{_html(item.general)}", "}"])


def _html(text: str) -> str:
    return "[html]" + escape(text)


def escape(text: str) -> str:
    """A text with GIFT's reserved characters escaped and its line breaks as `\\n`."""
    return text.translate(_ESCAPES)
