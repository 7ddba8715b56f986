"""The team self-assessment: `quizzes/assessment/<id>.yml`, one instrument of dimensions whose
statements are answered on a five-point frequency scale. Generates the assessment page and the
team view; `builder/assessment.py` scores it (and `kb-assessment.js` in the browser).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from builder.fields import Bool, Field, Keyed, ListOf, Number, Record, Rule, Slug, Text, Walk, ids_of
from builder.problems import Problems
from builder.sources.bands import LEVEL_BAND, Band, bands, covers, levels_of, to_bands
from builder.sources.base import Inventory, Output, YamlKind

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.project import ProjectConfig

SCALE = ("never", "rarely", "sometimes", "often", "always")
"""The five-point frequency scale; answers are stored as 1 (never) to 5 (always)."""
DONT_KNOW = "dont-know"
"""The extra answer that counts in no score."""
TEAM_MAX = 60
"""The most members the team view combines (plural texts are written out up to it)."""


@dataclass(frozen=True)
class Statement:
    id: str
    reverse: bool
    """Reverse-worded (a bad practice): "always" scores lowest."""


@dataclass(frozen=True)
class LevelText:
    message: str
    recommendations: tuple[str, ...]


@dataclass(frozen=True)
class DimensionText:
    title: str
    description: str
    statements: Mapping[str, str]
    levels: Mapping[str, LevelText]
    """Level id → message and recommendations."""


@dataclass(frozen=True)
class Dimension:
    id: str
    statements: tuple[Statement, ...]
    bands: tuple[Band, ...]
    texts: Mapping[str, DimensionText]

    def text(self, lang: str) -> DimensionText:
        return self.texts[lang]

    def band(self, score: int) -> Band:
        return next(b for b in self.bands if b.holds(score))


@dataclass(frozen=True)
class AssessmentText:
    title: str
    intro: str
    scale: Mapping[str, str]
    """Answer id (never … always, dont-know) → label."""
    levels: Mapping[str, str]
    """Level id → name."""


@dataclass(frozen=True)
class Assessment:
    """The team self-assessment instrument: dimensions of statements on a frequency scale."""

    id: str
    source: str
    version: int
    levels: tuple[str, ...]
    """Level ids from lowest to highest, in the order of the default bands."""
    dimensions: tuple[Dimension, ...]
    texts: Mapping[str, AssessmentText]

    def text(self, lang: str) -> AssessmentText:
        return self.texts[lang]

    @property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(s for d in self.dimensions for s in d.statements)


# -- Declaration ------------------------------------------------------------------------------------

def _two_or_three(level: dict[str, Any], walk: Walk) -> None:
    steps = level["recommendations"]
    if not 2 <= len(steps) <= 3:
        walk.report(f"give two or three next steps, not {len(steps)}", at="recommendations")


def _known_levels(dimension: dict[str, Any], walk: Walk) -> None:
    # The rule sees the scope the dimension was entered with: the instrument's levels.
    known = walk.scope.get("level", ())
    for level in levels_of(dimension["bands"]):
        if known and level not in known:
            walk.report(f"level {level!r} is not one of the instrument's levels "
                        f"({', '.join(sorted(known))})", at="bands")


def _unique_statements(instrument: dict[str, Any], walk: Walk) -> None:
    """On the parsed file (a raw rule): reported beside any other problem of the dimensions."""
    seen: dict[str, str] = {}
    dimensions = instrument.get("dimensions")
    for i, dimension in enumerate(dimensions if isinstance(dimensions, list) else []):
        statements = dimension.get("statements") if isinstance(dimension, dict) else None
        for j, statement in enumerate(statements if isinstance(statements, list) else []):
            sid = statement.get("id") if isinstance(statement, dict) else None
            if not isinstance(sid, str):
                continue
            if sid in seen:
                walk.report(f"duplicate statement id {sid!r} (also in {seen[sid]}); answer files "
                            "key answers by statement id", at=f"dimensions[{i}].statements[{j}].id")
            seen.setdefault(sid, f"dimensions[{i}]")


LEVEL_TEXT = Record("level_text", (
    Field("message", Text(1000), True, "Where a team at this level stands."),
    Field("recommendations", ListOf(Text(800), max_items=10), True,
          "Two or three next steps, with glossary or page links."),
), rules=(Rule(("recommendations",), _two_or_three),))

STATEMENT = Record("statement", (
    Field("id", Slug(), True, "Stable id of the statement, unique in the instrument; answer files "
          "use it."),
    Field("reverse", Bool(), False, "Reverse-worded: \"always\" scores lowest. Default: no."),
), noun="statement", example="{id: thanks-same-day}")

DIMENSION_TEXT = Record("dimension_text", (
    Field("title", Text(150, line=True), True, "The dimension's name."),
    Field("description", Text(600), True, "One sentence on what it covers."),
    Field("statements", Keyed(Text(400), ids="statement", what="statement"), True,
          "Statement id → its text."),
    Field("bands", Keyed(LEVEL_TEXT, ids="level", what="level"), True,
          "Level id → `{message, recommendations}`."),
))

DIMENSION = Record("dimension", (
    Field("id", Slug(), True, "Stable id of the dimension."),
    Field("statements", ListOf(STATEMENT, min_items=1, max_items=100, unique="id"), True,
          "The statements: `{id: thanks-same-day}`, with `reverse: true` for one that describes "
          "a bad practice.", provides=("statement", ids_of())),
    Field("bands", bands(LEVEL_BAND), False, "This dimension's own score bands, if it needs other "
          "cut points.", provides=("level", levels_of)),
), languages=DIMENSION_TEXT, rules=(Rule(("bands",), covers("bands")),
                                    Rule(("bands",), _known_levels)), noun="dimension")

ASSESSMENT_TEXT = Record("assessment_text", (
    Field("title", Text(150, line=True), True, "The instrument's title."),
    Field("intro", Text(2000), True, "Who answers and how, shown above the statements."),
    Field("scale", Keyed(Text(60, line=True), keys=(*SCALE, DONT_KNOW), what="answer"), True,
          "Labels of the answers: " + ", ".join((*SCALE, DONT_KNOW)) + "."),
    Field("levels", Keyed(Text(60, line=True), ids="level", what="level"), True,
          "Level id → its name, for every level the bands use."),
))

ASSESSMENT = Record("assessment", (
    Field("id", Slug(), True, "Lowercase slug; must equal the file name without `.yml`. Stable: "
          "members' answer files name it."),
    Field("version", Number(1, 10**6), True, "The instrument's version; raise it when statements "
          "change meaning, so that older answer files are refused rather than misread."),
    Field("bands", bands(LEVEL_BAND), True, "Score bands `{from: 0, to: 44, level: attention}` "
          "covering 0 to 100 in order; each dimension uses them unless it has its own.",
          provides=("level", levels_of)),
    Field("dimensions", ListOf(DIMENSION, min_items=1, max_items=50, unique="id"), True,
          "The dimensions, in order."),
), languages=ASSESSMENT_TEXT, rules=(Rule(("bands",), covers("bands")),
                                     Rule((), _unique_statements, raw=True)),
    title="Team self-assessment", description="The instrument: dimensions of statements answered "
    "on a five-point frequency scale, score bands with levels, and one section per language.")


# -- The kind ---------------------------------------------------------------------------------------

class SelfAssessment(YamlKind):
    name = "assessment"
    folder = "quizzes/assessment"
    schema_file = "assessment.schema.json"
    reserved = ("assessment/",)
    entry = "assessment/index.md"

    def declaration(self) -> Record:
        return ASSESSMENT

    def build(self, data: dict[str, Any], rel: str, config: ProjectConfig) -> Assessment:
        default = to_bands(data["bands"])
        dimensions = tuple(Dimension(
            id=d["id"], statements=tuple(Statement(s["id"], s.get("reverse", False))
                                         for s in d["statements"]),
            bands=to_bands(d["bands"]) if "bands" in d else default,
            texts={lang: DimensionText(
                title=d[lang]["title"], description=d[lang]["description"],
                statements=d[lang]["statements"],
                levels={k: LevelText(v["message"], tuple(v["recommendations"]))
                        for k, v in d[lang]["bands"].items()})
                for lang in config.codes}) for d in data["dimensions"])
        return Assessment(
            id=data["id"], source=rel, version=data["version"], levels=levels_of(data["bands"]),
            dimensions=dimensions,
            texts={lang: AssessmentText(title=data[lang]["title"], intro=data[lang]["intro"],
                                        scale=data[lang]["scale"], levels=data[lang]["levels"])
                   for lang in config.codes})

    def check(self, project: Project, problems: Problems) -> None:
        sources = project.inventory.of(self.name)
        if len(sources) > 1:
            names = ", ".join(s.rel.rsplit("/", 1)[-1] for s in sources)
            problems.add(self.folder, "(folder)", f"holds {len(sources)} instruments ({names}); "
                         "the site has one assessment, keep one file")

    def pages(self, inventory: Inventory) -> tuple[str, ...]:
        found = inventory.of(self.name)
        return ("assessment/index.md", "assessment/team/index.md") if found else ()

    def render(self, ctx: RenderContext) -> Iterator[Output]:
        assessment = ctx.project.assessment
        if assessment is None:
            return
        _, ngettext = ctx.t.gettext, ctx.t.ngettext
        text = assessment.text(ctx.lang)
        form = ctx.render("assessment.html.j2", **assessment_context(ctx, assessment, "../"))
        yield Output("assessment/index.md", ctx.form_page(
            text.title, ctx.plain(text.intro), ctx.links(text.intro, "../"), form))
        members = [ngettext("Team of %(num)d member", "Team of %(num)d members", n) % {"num": n}
                   for n in range(TEAM_MAX + 1)]
        form = ctx.render("assessment_team.html.j2", **assessment_context(ctx, assessment, "../../"),
                          members=members)
        # The instrument's title often has a colon of its own; the view's title stands alone.
        title = _("Team view")
        intro = _("Combine the answers of your team: load the files your members downloaded, or "
                  "paste their share codes. Everything stays in this browser; nothing is uploaded "
                  "or sent anywhere.")
        yield Output("assessment/team/index.md", ctx.form_page(
            title, intro, ctx.links(f"*{text.title}*\n\n{intro}", "../../"), form))


def assessment_context(ctx: RenderContext, assessment: Assessment,
                       to_root: str | None) -> dict[str, Any]:
    """What the assessment templates (pages and the CLI report) need, in one language."""
    from builder.render import site_key

    code = ctx.lang
    _ = ctx.t.gettext
    text = assessment.text(code)
    dimensions = []
    for dimension in assessment.dimensions:
        dim_text = dimension.text(code)
        dimensions.append({
            "id": dimension.id, "title": dim_text.title,
            "description": ctx.html(dim_text.description, to_root, inline=True),
            "statements": [{"id": s.id, "text": dim_text.statements[s.id]}
                           for s in dimension.statements],
            "levels": {level: {"name": text.levels[level],
                               "message": ctx.html(lt.message, to_root),
                               "recommendations": [ctx.html(r, to_root, inline=True)
                                                   for r in lt.recommendations]}
                       for level, lt in dim_text.levels.items()},
        })
    structure = {
        "id": assessment.id, "version": assessment.version, "levels": list(assessment.levels),
        "dimensions": [{"id": d.id, "title": d.text(code).title,
                        "statements": [[s.id, s.reverse] for s in d.statements],
                        "bands": [[b.low, b.high, b.level] for b in d.bands]}
                       for d in assessment.dimensions],
        "levelNames": dict(text.levels),
    }
    return {
        "text": text, "dimensions": dimensions,
        "structure": structure, "site_key": site_key(ctx.project),
        "scale": [(str(i + 1), text.scale[name]) for i, name in enumerate(SCALE)],
        "dont_know": (DONT_KNOW, text.scale[DONT_KNOW]),
        "i18n": interface_strings(ctx.t),
    }


def interface_strings(t: gettext.NullTranslations) -> dict[str, str]:
    """The strings kb-assessment.js shows, in the page's language."""
    _ = t.gettext
    return {
        "answered": _("Answered: %(num)d of %(total)d."),
        "noScore": _("No answers"),
        "scoreOf": _("%(score)s of 100"),
        "copied": _("Copied."),
        "copyByHand": _("The code is selected: press Ctrl+C (⌘C on a Mac) to copy it. On a "
                        "phone, touch and hold the code, then choose Copy."),
        "storeFailed": _("Your answers could not be kept in this browser: its storage is full or "
                         "turned off. Before you leave this page, see the results and download "
                         "your answers or copy the share code."),
        "storeDropped": _("Some of the answers kept in this browser could not be read and were "
                          "left out; the others are back. Check the statements that have no "
                          "answer."),
        "missing": _("Not every statement has an answer yet; the scores use the answers given."),
        "disagree": _("Members disagree"),
        "agree": _("Members agree"),
        "member": _("Member %(label)s"),
        "remove": _("Remove %(label)s"),
        "notJson": _("%(source)s: not a JSON file."),
        "notAnswers": _("%(source)s: not an answer file of this self-assessment."),
        "otherVersion": _("%(source)s: answers to another version of this self-assessment."),
        "outOfRange": _("%(source)s: an answer is out of range or names an unknown statement."),
        "empty": _("%(source)s: no answers."),
        "badCode": _("%(source)s: not a share code of this self-assessment, or mistyped."),
        "sameAnswers": _("%(source)s: the same answers as member %(label)s; counted as another "
                         "member. If the same person was loaded twice, remove one."),
        "notTeam": _("%(source)s: not a team file of this self-assessment."),
        "tooBig": _("%(source)s: too large for an answer file or a team file."),
        "badLabel": _("%(source)s: the team file's label must be 1 to 80 characters."),
        "badDate": _("%(source)s: the team file's date is not a date (yyyy-mm-dd)."),
        "noMembers": _("%(source)s: the team file holds no members."),
        "badMember": _("%(source)s: member %(num)s of the team file has answers out of range, "
                       "to unknown statements, or none."),
        "teamMember": _("%(source)s, member %(num)s"),
        "tooFew": _("Too few answers"),
        "tooFewOf": _("Too few answers (%(answered)s/%(total)s)"),
        "line": _("line %(num)s"),
        "added": _("Added: %(labels)s."),
        "restored": _("Kept on this computer: %(labels)s."),
        "keepFailed": _("The session could not be kept on this computer: the browser's storage "
                        "is full or turned off."),
        "keepDropped": _("Part of what was kept on this computer could not be read and was left "
                         "out."),
        "beforeSet": _("Earlier session to compare with: %(session)s."),
        "savedOn": _("saved %(date)s"),
        "trendUp": _("up"), "trendDown": _("down"), "trendSteady": _("steady"),
        "yes": _("yes"), "no": _("no"),
        "csvDimension": _("Dimension"), "csvMean": _("Mean"), "csvLowest": _("Lowest"),
        "csvHighest": _("Highest"), "csvSd": _("Standard deviation"),
        "csvDisagree": _("Members disagree"), "csvLevel": _("Level"),
        "csvMeanBefore": _("Mean before"), "csvMeanAfter": _("Mean after"),
        "csvChange": _("Change"), "csvTrend": _("Trend"), "csvLevelBefore": _("Level before"),
        "csvLevelAfter": _("Level after"),
    }


KIND = SelfAssessment()
