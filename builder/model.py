"""The loaded project: configuration, the shared site settings and the inventory of sources.

Each kind's dataclasses live in its own module under `builder/sources/`; `Project` gives typed
access to the entries of the kinds the builder ships. Nothing after the load stage reads the
disk or raw YAML: everything is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from builder.sources.base import Inventory

if TYPE_CHECKING:
    import gettext

    from builder.sources.assessment import Assessment
    from builder.sources.catalogues import Catalogue
    from builder.sources.glossary import Concept
    from builder.sources.misconceptions import Misconception
    from builder.sources.pages import Page
    from builder.sources.project import ProjectConfig
    from builder.sources.quizzes import Quiz
    from builder.sources.site import BaseSite


@dataclass(frozen=True)
class Project:
    config: ProjectConfig
    site: BaseSite | None
    """None when `mkdocs.yml` has a problem (reported; nothing is built then)."""
    inventory: Inventory

    @property
    def root(self) -> Path:
        return Path(self.config.root)

    @cached_property
    def concepts(self) -> tuple[Concept, ...]:
        return self.inventory.entries("glossary")

    @cached_property
    def misconceptions(self) -> tuple[Misconception, ...]:
        return self.inventory.entries("misconceptions")

    @cached_property
    def quizzes(self) -> tuple[Quiz, ...]:
        return self.inventory.entries("quizzes")

    @cached_property
    def assessment(self) -> Assessment | None:
        entries = self.inventory.entries("assessment")
        return entries[0] if len(entries) == 1 else None

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        return self.inventory.entries("pages")

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

    def translations(self, lang: str) -> gettext.NullTranslations:
        """The interface strings of one language, from its checked catalogue."""
        import gettext

        catalogue: Catalogue | None = next(
            (c for c in self.inventory.entries("catalogues") if c.lang == lang), None)
        return catalogue.translations if catalogue else gettext.NullTranslations()
