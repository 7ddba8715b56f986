"""Misconception cards: `glossary/misconceptions/<id>.yml`, a wrong belief with why it is wrong
and the right concept. Rendered together on `misconceptions.md`, each anchored by its stable id
(quiz options link to it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from builder.fields import Field, ListOf, Record, Slug, Text, clean_or, did_you_mean
from builder.problems import Problems
from builder.sources.base import Inventory, Output, YamlKind

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.project import ProjectConfig


@dataclass(frozen=True)
class MisconceptionText:
    claim: str
    why_wrong: str


@dataclass(frozen=True)
class Misconception:
    """A wrong belief, as a card: the claim, why it is wrong, and the right concept."""

    id: str
    source: str
    concept: str
    confused_with: tuple[str, ...]
    texts: Mapping[str, MisconceptionText]

    def text(self, lang: str) -> MisconceptionText:
        return self.texts[lang]


MISCONCEPTION_TEXT = Record("misconception_text", (
    Field("claim", Text(500), True, "The wrong belief, stated as people say it."),
    Field("why_wrong", Text(2000), True, "Why it is wrong, and what the right concept is."),
))

MISCONCEPTION = Record("misconception", (
    Field("id", Slug(), True, "Lowercase slug; must equal the file name without `.yml`. Stable: "
          "quizzes use it."),
    Field("concept", Slug(), True, "Id of the concept that is right, linked from the card."),
    Field("confused_with", ListOf(Slug(), max_items=20), False,
          "Ids of the concepts the wrong belief mixes it up with."),
), languages=MISCONCEPTION_TEXT, title="Misconception card",
    description="A common wrong belief; one section per language.")


class Misconceptions(YamlKind):
    name = "misconceptions"
    folder = "glossary/misconceptions"
    schema_file = "misconception.schema.json"
    reserved = ("misconceptions.md",)
    entry = "misconceptions.md"

    def declaration(self) -> Record:
        return MISCONCEPTION

    def build(self, data: dict[str, Any], rel: str, config: ProjectConfig) -> Misconception:
        return Misconception(
            id=data["id"], source=rel, concept=data["concept"],
            confused_with=tuple(data.get("confused_with", ())),
            texts={lang: MisconceptionText(data[lang]["claim"], data[lang]["why_wrong"])
                   for lang in config.codes})

    def check(self, project: Project, problems: Problems) -> None:
        super().check(project, problems)
        known = project.inventory.ids("glossary")
        for source in project.inventory.of(self.name):
            data = source.data or {}
            targets = [("concept", clean_or(data, "concept", None)),
                       *((f"confused_with[{i}]", c)
                         for i, c in enumerate(clean_or(data, "confused_with", [])))]
            for field, target in targets:
                if target is not None and target not in known:
                    problems.add(source.rel, field, f"unknown concept {target!r}"
                                 f"{did_you_mean(target, known)}")

    def pages(self, inventory: Inventory) -> tuple[str, ...]:
        return ("misconceptions.md",)

    def render(self, ctx: RenderContext) -> Iterator[Output]:
        yield Output("misconceptions.md", ctx.render("misconceptions.md.j2",
                                                     cards=ctx.project.misconceptions))


KIND = Misconceptions()
