"""The glossary: `glossary/<id>.yml`, one concept per file, with one section per language (like a
TBX concept entry with its language sections). Generates the glossary index and one page per
concept in every language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from builder.collation import group_by_initial
from builder.fields import (
    Either,
    Field,
    ListOf,
    Record,
    Rule,
    Slug,
    Text,
    Walk,
    clean_or,
    did_you_mean,
)
from builder.problems import Problems
from builder.sources.base import Inventory, Output, YamlKind

if TYPE_CHECKING:
    from builder.model import Project
    from builder.render import RenderContext
    from builder.sources.project import ProjectConfig

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÞĄĆĘŁŃÓŚŹŻ0-9\"'„«(])")
SHORT_DEFINITION_CHARS = 300
"""The first sentence of a definition is every link's tooltip and the page description."""


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]


@dataclass(frozen=True)
class ConceptText:
    """A concept in one language (like a TBX langSec)."""

    term: str
    synonyms: tuple[str, ...]
    forms: tuple[str, ...]
    """Inflected forms, indexed for search."""
    definition: str
    example: str
    notes: str | None

    @property
    def short_definition(self) -> str:
        """The definition's first sentence, for tooltips, the index and meta descriptions."""
        return first_sentence(self.definition)

    @property
    def all_terms(self) -> tuple[str, ...]:
        return (self.term, *self.synonyms)


@dataclass(frozen=True)
class Source:
    """A source of a concept (like a TBX `admin type="source"`): a bibliographic citation, the
    same in every language, and, for a source that needs words about what it holds (a survey's
    figures and scope), a description in each language (the `note` of its `adminGrp`)."""

    cite: str
    descriptions: Mapping[str, str]
    """The description in each configured language; empty for a plain citation."""

    def description(self, lang: str) -> str | None:
        return self.descriptions.get(lang)


@dataclass(frozen=True)
class Concept:
    """A glossary concept: language-independent fields plus one text per language."""

    id: str
    source: str
    """The YAML file it came from, relative to the project root."""
    related: tuple[str, ...]
    confused_with: tuple[str, ...]
    sources: tuple[Source, ...]
    tags: tuple[str, ...]
    texts: Mapping[str, ConceptText]

    def text(self, lang: str) -> ConceptText:
        return self.texts[lang]


# -- Declaration ------------------------------------------------------------------------------------

def _short_definition(data: dict[str, Any], walk: Walk) -> None:
    short = first_sentence(data["definition"])
    if len(short) > SHORT_DEFINITION_CHARS:
        walk.report(f"its first sentence is {len(short):,} characters long; it is every link's "
                    f"tooltip, keep it under {SHORT_DEFINITION_CHARS}", at="definition")


def _references(data: dict[str, Any], walk: Walk) -> None:
    related = clean_or(data, "related", [])
    for name in ("related", "confused_with"):
        for i, target in enumerate(clean_or(data, name, [])):
            if target == data["id"]:
                walk.report("a concept cannot refer to itself", at=f"{name}[{i}]")
            elif name == "confused_with" and target in related:
                walk.report(f"{target!r} is also in related; keep it in one list", at=f"{name}[{i}]")


TERM = Text(120, line=True)

CONCEPT_TEXT = Record("concept_text", (
    Field("term", TERM, True, "The preferred term, in lower case unless it is a name."),
    Field("synonyms", ListOf(TERM, max_items=30), False, "Admitted synonyms and near-synonyms."),
    Field("forms", ListOf(TERM, max_items=60), False, "Inflected forms of the term (dysonansu, "
          "dysonansem) that site search should find the concept by; they are indexed, not shown."),
    Field("definition", Text(1200), True, "One or two sentences; the first sentence is the short "
          "definition (tooltips, the index, the page description)."),
    Field("example", Text(2000), True, "A concrete example from sales or service."),
    Field("notes", Text(2000), False, "Usage notes, scope, pitfalls."),
), rules=(Rule(("definition",), _short_definition),), description="The concept in one language.")

CITATION = Text(500, line=True)
SOURCE_DESCRIPTION_CHARS = 600

DESCRIBED_SOURCE = Record("described_source", (
    Field("cite", CITATION, True, "The bibliographic citation, the same in every language: "
          "author or publisher, year, title, where published."),
), languages=Text(SOURCE_DESCRIPTION_CHARS, line=True), noun="described source",
    example="{cite: …, en: …, pl: …}",
    description="A source with a description per language: what it holds and its scope (a "
    "survey's sample and figures). One paragraph per language; write it on one line or as a "
    "folded `>-` block.")

SOURCE = Either(CITATION, DESCRIBED_SOURCE,
                noun="a citation (a single-line text) or a described source (a mapping such as "
                     "`{cite: …, en: …, pl: …}`)",
                plural="citations or described sources")

CONCEPT = Record("concept", (
    Field("id", Slug(), True, "Lowercase slug; must equal the file name without `.yml`."),
    Field("related", ListOf(Slug(), max_items=50), False, "Ids of related concepts."),
    Field("confused_with", ListOf(Slug(), max_items=50), False,
          "Ids of concepts this one is often confused with."),
    Field("sources", ListOf(SOURCE, max_items=50), False,
          "Sources backing the concept: a citation as a text, or `{cite: …, en: …, pl: …}` with "
          "a description in every language."),
    Field("tags", ListOf(Slug(), max_items=50), False, "Free tags (lowercase slugs), e.g. `core`."),
), languages=CONCEPT_TEXT, rules=(Rule(("id",), _references),),
    title="Glossary concept", description="One concept; language-independent fields plus one "
    "section per configured language, keyed by its code.")


def term_key(term: str) -> str:
    """Terms that read the same are the same term: compatibility forms (ﬁ, full-width letters),
    case and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", term).casefold().split())


def _source(value: str | dict[str, Any], codes: tuple[str, ...]) -> Source:
    if isinstance(value, str):
        return Source(cite=value, descriptions={})
    return Source(cite=value["cite"], descriptions={lang: value[lang] for lang in codes})


# -- The kind ---------------------------------------------------------------------------------------

class Glossary(YamlKind):
    name = "glossary"
    folder = "glossary"
    schema_file = "glossary.schema.json"
    reserved = ("glossary/",)
    entry = "glossary/index.md"

    def declaration(self) -> Record:
        return CONCEPT

    def build(self, data: dict[str, Any], rel: str, config: ProjectConfig) -> Concept:
        return Concept(
            id=data["id"], source=rel, related=tuple(data.get("related", ())),
            confused_with=tuple(data.get("confused_with", ())),
            sources=tuple(_source(s, config.codes) for s in data.get("sources", ())),
            tags=tuple(data.get("tags", ())),
            texts={lang: ConceptText(
                term=data[lang]["term"], synonyms=tuple(data[lang].get("synonyms", ())),
                forms=tuple(data[lang].get("forms", ())), definition=data[lang]["definition"],
                example=data[lang]["example"], notes=data[lang].get("notes"))
                for lang in config.codes})

    def check(self, project: Project, problems: Problems) -> None:
        super().check(project, problems)
        known = project.inventory.ids("glossary")
        for source in project.inventory.of(self.name):
            for name in ("related", "confused_with"):
                for i, target in enumerate(clean_or(source.data or {}, name, [])):
                    if target not in known:
                        problems.add(source.rel, f"{name}[{i}]", f"unknown concept {target!r}"
                                     f"{did_you_mean(target, known)}")
        # Within one language, a term (preferred or synonym) names one concept only.
        for lang in project.config.codes:
            owner: dict[str, tuple[str, str]] = {}
            for concept in project.concepts:
                for i, term in enumerate(concept.text(lang).all_terms):
                    field = f"{lang}.term" if i == 0 else f"{lang}.synonyms[{i - 1}]"
                    key = term_key(term)
                    if key in owner and owner[key][0] != concept.id:
                        problems.add(concept.source, field,
                                     f"duplicate term {term!r} (also in {owner[key][1]})")
                    owner.setdefault(key, (concept.id, concept.source))

    def pages(self, inventory: Inventory) -> tuple[str, ...]:
        return ("glossary/index.md",
                *(f"glossary/{i}/index.md" for i in sorted(inventory.ids(self.name))))

    def render(self, ctx: RenderContext) -> Iterator[Output]:
        project, lang = ctx.project, ctx.lang
        # Each concept is listed under its term; synonyms too, pointing to the concept.
        entries = [{"label": c.text(lang).term, "concept": c, "see": None}
                   for c in project.concepts]
        entries += [{"label": synonym, "concept": c, "see": c.text(lang).term}
                    for c in project.concepts for synonym in c.text(lang).synonyms]
        groups = group_by_initial(ctx.language, entries, key=lambda e: e["label"])
        yield Output("glossary/index.md", ctx.render("glossary_index.md.j2", groups=groups,
                                                     count=len(project.concepts)))
        for concept in project.concepts:
            yield Output(f"glossary/{concept.id}/index.md", self._page(ctx, concept))

    def _page(self, ctx: RenderContext, concept: Concept) -> str:
        def targets(ids: tuple[str, ...]) -> list[dict[str, Any]]:
            return [{"id": i, "text": ctx.project.concept(i).text(ctx.lang)} for i in ids]

        return ctx.render("concept.md.j2", concept=concept, text=concept.text(ctx.lang),
                          related=targets(concept.related),
                          confused_with=targets(concept.confused_with),
                          misconceptions=ctx.project.misconceptions_about(concept.id))


KIND = Glossary()
