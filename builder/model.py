"""The content model: frozen, typed dataclasses. Nothing after the loader touches raw YAML."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from builder.config import ProjectConfig

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÞĄĆĘŁŃÓŚŹŻ0-9\"'„«(])")


@dataclass(frozen=True)
class ConceptText:
    """A concept in one language (like a TBX langSet)."""

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
        flat = " ".join(self.definition.split())
        return _SENTENCE_END.split(flat, maxsplit=1)[0]

    @property
    def all_terms(self) -> tuple[str, ...]:
        return (self.term, *self.synonyms)


@dataclass(frozen=True)
class Concept:
    """A glossary concept: language-independent fields plus one text per language."""

    id: str
    source: str
    """The YAML file it came from, relative to the project root."""
    related: tuple[str, ...]
    confused_with: tuple[str, ...]
    sources: tuple[str, ...]
    tags: tuple[str, ...]
    texts: Mapping[str, ConceptText]

    def text(self, lang: str) -> ConceptText:
        return self.texts[lang]


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


@dataclass(frozen=True)
class Option:
    id: str
    correct: bool
    misconception: str | None
    """The misconception card this wrong option embodies, if any."""


@dataclass(frozen=True)
class QuestionText:
    prompt: str
    options: Mapping[str, str]
    """Option id → text; empty for true/false, whose labels come from the catalogue."""
    feedback: Mapping[str, str]
    """Option id → why it is right or wrong."""
    explanation: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    """single, multiple, true-false or spot-misconception."""
    options: tuple[Option, ...]
    texts: Mapping[str, QuestionText]

    def text(self, lang: str) -> QuestionText:
        return self.texts[lang]

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


@dataclass(frozen=True)
class Band:
    """A score range, in whole percent, with one message per language in QuizText.results."""

    low: int
    high: int
    level: str | None = None
    """The assessment's level id (quiz bands have none)."""

    def holds(self, score: int) -> bool:
        return self.low <= score <= self.high


@dataclass(frozen=True)
class QuizText:
    title: str
    intro: str
    results: tuple[str, ...]
    """One message per band, in the order of Quiz.bands."""


@dataclass(frozen=True)
class Quiz:
    id: str
    source: str
    pass_mark: int
    """Percent needed to pass."""
    shuffle_questions: bool
    shuffle_options: bool
    draw: int | None
    """Ask only this many questions, drawn from the pool (None: all)."""
    bands: tuple[Band, ...]
    questions: tuple[Question, ...]
    texts: Mapping[str, QuizText]

    def text(self, lang: str) -> QuizText:
        return self.texts[lang]


# -- Team self-assessment -------------------------------------------------------------------------

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


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page in one language."""

    lang: str
    path: str
    """Path inside the language's folder, with forward slashes (`practices.md`)."""
    file: Path
    title: str


@dataclass(frozen=True)
class NavItem:
    """One entry of the shared navigation: a page (`path`) or a titled section (`children`)."""

    title: str | None
    """An English msgid translated through the catalogues; None means "use the page's title"."""
    path: str | None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class BaseSite:
    """What the builder reads from the shared `mkdocs.yml`."""

    file: Path
    site_name: str
    site_description: str | None
    site_url: str | None
    """Where the whole site is published; each language lives at `<site_url><lang>/`."""
    nav: tuple[NavItem, ...]
    plugins: tuple[str | Mapping[str, object], ...]


@dataclass(frozen=True)
class Project:
    config: ProjectConfig
    site: BaseSite
    concepts: tuple[Concept, ...]
    pages: tuple[Page, ...]
    misconceptions: tuple[Misconception, ...] = ()
    quizzes: tuple[Quiz, ...] = ()
    assessment: Assessment | None = None

    @property
    def root(self) -> Path:
        return self.config.root

    def concept(self, concept_id: str) -> Concept:
        return self._concepts_by_id[concept_id]

    @cached_property
    def _concepts_by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}

    def misconceptions_about(self, concept_id: str) -> tuple[Misconception, ...]:
        return tuple(m for m in self.misconceptions
                     if m.concept == concept_id or concept_id in m.confused_with)

    def pages_in(self, lang: str) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.lang == lang)
