"""Load stage: every source found, loaded into the content model, with every problem.

`project.yml` first: without the languages nothing else can be checked, so its problems stop
the load (BuildError). Then `mkdocs.yml` and every kind of the registry, each file on its own
(syntax, fields, types). The result is an inventory of every file found, loaded or not; checks
that need the whole project belong to `validate`, and no later stage reads the disk to find out
what exists.
"""

from __future__ import annotations

from pathlib import Path

from builder.model import Project
from builder.problems import Problem, Problems
from builder.progress import processing
from builder.sources import KINDS
from builder.sources.base import Inventory, Source
from builder.sources.files import Finder
from builder.sources.project import load_config
from builder.sources.site import load_site


def load_project(root: Path) -> tuple[Project, list[Problem]]:
    """Load everything under `root`. A broken `project.yml` raises BuildError; every other
    problem is returned with the project."""
    found_problems = Problems()
    finder = Finder(root, found_problems)
    with processing("project.yml"):
        config, config_source = load_config(finder)
    with processing("mkdocs.yml"):
        site = load_site(finder)
    sources: list[Source] = [config_source, site]
    for kind in KINDS:
        for found in kind.find(finder, config):
            with processing(found.rel):
                sources.append(kind.load(found, config))
    inventory = Inventory(tuple(sources), tuple(found_problems))
    project = Project(config=config, site=site.entry, inventory=inventory)
    return project, inventory.problems
