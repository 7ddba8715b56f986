"""Team report from the command line: members' answer files in, a standalone HTML report and a
CSV out, the same figures as the team view in the browser (`kb team-report`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import get_decimal_symbol

from builder.assessment import Answers, AnswersError, TeamDimension, read_answer_file, team
from builder.model import Project
from builder.render import RenderContext
from builder.sources.assessment import Assessment, assessment_context

MAX_ANSWER_FILE = 1_000_000
"""An answer file is a few kilobytes; anything much larger is not one."""


@dataclass(frozen=True)
class Report:
    html: str
    csv: str
    members: int


def read_members(assessment: Assessment, files: list[Path]) -> tuple[list[Answers], list[str]]:
    """Each file's answers, and a `file: message` for each file that cannot be used."""
    members: list[Answers] = []
    errors: list[str] = []
    for file in files:
        try:
            if file.stat().st_size > MAX_ANSWER_FILE:
                errors.append(f"{file}: is {file.stat().st_size:,} bytes; an answer file is a few "
                              "kilobytes")
                continue
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            errors.append(f"{file}: not UTF-8 text")
            continue
        except OSError as error:
            errors.append(f"{file}: cannot be read ({error.strerror or error})")
            continue
        try:
            members.append(read_answer_file(assessment, text))
        except AnswersError as error:
            errors.append(f"{file}: {error}")
    return members, errors


def member_label(index: int) -> str:
    """A, B, …, Z, AA, AB: anonymous labels in the order the files were given."""
    label = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        label = chr(65 + rest) + label
    return label


def one_decimal(value: float, sign: str) -> str:
    """Rounded half up to one decimal, with the language's decimal sign (as kb-assessment.js)."""
    tenths = math.floor(value * 10 + 0.5)
    return f"{tenths // 10}{sign}{tenths % 10}"


def team_table(assessment: Assessment, stats: tuple[TeamDimension, ...], lang: str,
               strings: dict[str, str], sign: str) -> list[list[str]]:
    """The rows of the CSV, header first: the same cells the team view downloads."""
    level_names = assessment.text(lang).levels
    rows = [[strings[k] for k in ("csvDimension", "csvMean", "csvLowest", "csvHighest", "csvSd",
                                  "csvDisagree", "csvLevel")]
            + [member_label(i) for i in range(len(stats[0].scores) if stats else 0)]]
    for dimension, s in zip(assessment.dimensions, stats, strict=True):
        none = s.mean is None
        rows.append([
            dimension.text(lang).title,
            "" if s.mean is None else one_decimal(s.mean, sign),
            "" if none else str(s.low), "" if none else str(s.high),
            "" if s.sd is None else one_decimal(s.sd, sign),
            strings["yes"] if s.disagree else strings["no"],
            level_names[s.level] if s.level else "",
            *("" if v is None else str(v) for v in s.scores)])
    return rows


def to_csv(rows: list[list[str]], sign: str) -> str:
    """RFC 4180 with the delimiter spreadsheets expect in the language: `;` where the decimal
    sign is a comma. A byte order mark lets spreadsheets read it as UTF-8."""
    delimiter = ";" if sign == "," else ","

    def cell(value: str) -> str:
        quote = any(c in value for c in f'"\n\r{delimiter}')
        return '"' + value.replace('"', '""') + '"' if quote else value

    return "\ufeff" + "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in rows)


def radar(titles: list[str], values: list[float | None],
          ranges: list[tuple[int, int] | None] | None = None) -> dict[str, Any]:
    """Coordinates of the radar chart, drawn by the template as SVG (as kb-assessment.js draws it:
    radius 100 is a score of 100, the first axis points up)."""
    n = len(titles)

    def at(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return value * math.cos(angle), value * math.sin(angle)

    def points(vals: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(i, v) for i, v in enumerate(vals)))

    axes = []
    for i, title in enumerate(titles):
        end, pos = at(i, 100), at(i, 112)
        lines = _wrap(title, 18)
        anchor = "start" if pos[0] > 20 else "end" if pos[0] < -20 else "middle"
        dy = (-(len(lines) - 1) * 12 if pos[1] < -20 else 8 if pos[1] > 20
              else 4 - (len(lines) - 1) * 6)
        span = ranges[i] if ranges else None
        axes.append({"end": end, "x": pos[0], "y": pos[1] + dy, "anchor": anchor, "lines": lines,
                     "range": (at(i, span[0]), at(i, span[1])) if span else None})
    return {
        "rings": [points([r] * n) for r in (25, 50, 75, 100)],
        "axes": axes,
        "score": points([v or 0 for v in values]),
        "points": [at(i, v) for i, v in enumerate(values) if v is not None],
    }


def _wrap(text: str, width: int) -> list[str]:
    lines = [""]
    for word in text.split(" "):
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
    return lines


def team_report(project: Project, members: list[Answers], lang: str,
                today: date | None = None) -> Report:
    assessment = project.assessment
    if assessment is None:
        raise ValueError("the project has no self-assessment (quizzes/assessment/)")
    language = project.config.language(lang)
    t = project.translations(lang)
    ctx = RenderContext(project, language, t)
    context = assessment_context(ctx, assessment, None)
    stats = team(assessment, members)
    sign = get_decimal_symbol(language.locale)
    titles = [d.text(lang).title for d in assessment.dimensions]
    rows = team_table(assessment, stats, lang, context["i18n"], sign)
    by_dimension = list(zip(context["dimensions"], stats, strict=True))
    html = ctx.render(
        "team_report.html.j2", **context, stats=by_dimension,
        steps=sorted(((d, s) for d, s in by_dimension if s.level),
                     key=lambda pair: pair[1].mean or 0),
        labels=[member_label(i) for i in range(len(members))],
        members_text=t.ngettext("Team of %(num)d member", "Team of %(num)d members",
                                len(members)) % {"num": len(members)},
        chart=radar(titles, [s.mean for s in stats],
                    [(s.low, s.high) if s.low is not None and s.high is not None else None
                     for s in stats]),
        fmt=lambda v: one_decimal(v, sign),
        dims_by_id={d.id: d for d in assessment.dimensions},
        date=format_date(today or date.today(), format="long", locale=language.locale))
    return Report(html=html, csv=to_csv(rows, sign), members=len(members))
