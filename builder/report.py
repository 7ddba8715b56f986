"""Team report from the command line: members' answer files (or team files) in, a standalone HTML
report and a CSV out, the same figures as the team view in the browser (`kb team-report`); with an
earlier session, the comparison and its CSV too."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import get_decimal_symbol

from builder.assessment import (
    Answer,
    Answers,
    AnswersError,
    Change,
    Session,
    TeamDimension,
    compare,
    read_session_file,
    share_code,
    team,
)
from builder.model import Project
from builder.render import RenderContext
from builder.sources.assessment import Assessment, assessment_context

MAX_ANSWER_FILE = 1_000_000
"""An answer file is a few kilobytes; anything much larger is not one."""


MINUS = "\u2212"
"""The minus sign of a change on screen and paper; CSV cells use "-", which spreadsheets read."""


@dataclass(frozen=True)
class Report:
    html: str
    csv: str
    members: int
    change_csv: str | None = None
    """With an earlier session: the comparison, as the team view downloads it."""


def split_sessions(args: Sequence[str]) -> tuple[list[Path] | None, list[Path]]:
    """`FILES…` or `--before FILES… --after FILES…` (either order): the earlier session's files
    (None without `--before`) and the files to report on. ValueError says what is wrong."""
    markers = {"--before": "before", "--after": "after"}
    # Click hands on the options it does not know (so that it leaves the markers alone); a
    # mistyped option must not be read as a file name.
    unknown = [a for a in args if a.startswith("-") and len(a) > 1 and a not in markers]
    if unknown:
        raise ValueError(f"no such option: {unknown[0]}")
    if not any(a in markers for a in args):
        return None, [Path(a) for a in args]
    sessions: dict[str, list[Path]] = {}
    current = ""
    for arg in args:
        if arg in markers:
            if markers[arg] in sessions:
                raise ValueError(f"{arg} is given twice")
            current = markers[arg]
            sessions[current] = []
        elif not current:
            raise ValueError(f"{arg}: give the files after --before or --after")
        else:
            sessions[current].append(Path(arg))
    for marker, name in markers.items():
        if name in sessions and not sessions[name]:
            raise ValueError(f"{marker} needs at least one file")
    if "after" not in sessions:
        raise ValueError("--before needs --after FILES… too (the session to report on)")
    return sessions.get("before"), sessions["after"]


def read_members(assessment: Assessment, files: list[Path]) -> tuple[list[Answers], list[str]]:
    """Each file's answers, and a `file: message` for each file that cannot be used."""
    session, errors, _ = read_session(assessment, files)
    return list(session.members), errors


def read_session(assessment: Assessment,
                 files: list[Path]) -> tuple[Session, list[str], list[str]]:
    """The members of answer files and team files, in the order given (the first team file's
    label and date name the session); a `file: message` for each file that cannot be used; and a
    note for each member whose answers equal an earlier member's (counted all the same, as in the
    browser: two people can answer alike)."""
    members: list[dict[str, Answer]] = []
    errors: list[str] = []
    notes: list[str] = []
    codes: list[str] = []
    label: str | None = None
    saved: str | None = None
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
            session = read_session_file(assessment, text)
        except AnswersError as error:
            errors.append(f"{file}: {error}")
            continue
        if session.saved and not saved:
            label, saved = session.label, session.saved
        many = len(session.members) > 1
        for i, answers in enumerate(session.members, 1):
            code = share_code(assessment, answers)
            if code in codes:
                source = f"{file}, member {i}" if many else str(file)
                notes.append(f"{source}: the same answers as member "
                             f"{member_label(codes.index(code))}; counted as another member")
            codes.append(code)
            members.append(answers)
    return Session(tuple(members), label, saved), errors, notes


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


def signed(tenths: int, sign: str, minus: str = MINUS) -> str:
    """A change given in tenths, with its sign: +5.0, `minus`5.0, 0.0."""
    prefix = "+" if tenths > 0 else minus if tenths < 0 else ""
    return f"{prefix}{abs(tenths) // 10}{sign}{abs(tenths) % 10}"


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


def change_table(assessment: Assessment, changes: tuple[Change, ...], lang: str,
                 strings: dict[str, str], sign: str) -> list[list[str]]:
    """The rows of the comparison's CSV, header first, as the team view downloads them."""
    level_names = assessment.text(lang).levels
    rows = [[strings[k] for k in ("csvDimension", "csvMeanBefore", "csvMeanAfter", "csvChange",
                                  "csvTrend", "csvLevelBefore", "csvLevelAfter")]]
    for dimension, c in zip(assessment.dimensions, changes, strict=True):
        rows.append([
            dimension.text(lang).title,
            "" if c.before is None else one_decimal(c.before, sign),
            "" if c.after is None else one_decimal(c.after, sign),
            "" if c.tenths is None else signed(c.tenths, sign, "-"),
            strings[TREND_KEYS[c.trend]] if c.trend else "",
            level_names[c.level_before] if c.level_before else "",
            level_names[c.level_after] if c.level_after else ""])
    return rows


TREND_KEYS = {"up": "trendUp", "down": "trendDown", "steady": "trendSteady"}
TREND_ARROWS = {"up": "▲", "down": "▼", "steady": "▶"}


def to_csv(rows: list[list[str]], sign: str) -> str:
    """RFC 4180 with the delimiter spreadsheets expect in the language: `;` where the decimal
    sign is a comma. A byte order mark lets spreadsheets read it as UTF-8."""
    delimiter = ";" if sign == "," else ","

    def cell(value: str) -> str:
        quote = any(c in value for c in f'"\n\r{delimiter}')
        return '"' + value.replace('"', '""') + '"' if quote else value

    return "\ufeff" + "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in rows)


def radar(titles: list[str], values: list[float | None],
          ranges: list[tuple[int, int] | None] | None = None,
          before: list[float | None] | None = None) -> dict[str, Any]:
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
        "before": points([v or 0 for v in before]) if before else None,
    }


def _session_text(session: Session, saved_on: str, fmt_date: Callable[[date], str],
                  counts: Callable[[int], str]) -> str:
    """Label · saved on · team of n members (as the team view names the earlier session)."""
    parts = [session.label] if session.label else []
    if session.saved:
        parts.append(saved_on.replace("%(date)s", fmt_date(date.fromisoformat(session.saved))))
    return " · ".join([*parts, counts(len(session.members))])


def _wrap(text: str, width: int) -> list[str]:
    lines = [""]
    for word in text.split(" "):
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}" if lines[-1] else word
    return lines


def team_report(project: Project, members: list[Answers], lang: str,
                today: date | None = None, before: Session | None = None) -> Report:
    """The report on `members`; with `before`, compared with that earlier session."""
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
    changes = compare(assessment, before.members, members) if before else None
    fmt_date = lambda d: format_date(d, format="long", locale=language.locale)  # noqa: E731
    counts = lambda n: t.ngettext("Team of %(num)d member", "Team of %(num)d members",  # noqa: E731
                                  n) % {"num": n}
    html = ctx.render(
        "team_report.html.j2", **context, stats=by_dimension,
        steps=sorted(((d, s) for d, s in by_dimension if s.level),
                     key=lambda pair: pair[1].mean or 0),
        labels=[member_label(i) for i in range(len(members))],
        members_text=counts(len(members)),
        chart=radar(titles, [s.mean for s in stats],
                    [(s.low, s.high) if s.low is not None and s.high is not None else None
                     for s in stats],
                    [c.before for c in changes] if changes else None),
        fmt=lambda v: one_decimal(v, sign),
        dims_by_id={d.id: d for d in assessment.dimensions},
        date=fmt_date(today or date.today()),
        changes=list(zip(context["dimensions"], changes, strict=True)) if changes else None,
        before_text=_session_text(before, context["i18n"]["savedOn"], fmt_date, counts)
        if before else "",
        signed=lambda tenths: signed(tenths, sign), arrows=TREND_ARROWS, trend_keys=TREND_KEYS)
    change_csv = (to_csv(change_table(assessment, changes, lang, context["i18n"], sign), sign)
                  if changes else None)
    return Report(html=html, csv=to_csv(rows, sign), members=len(members), change_csv=change_csv)
