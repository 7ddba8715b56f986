"""Seed overlap: every run of words the site's texts share with the source articles (issue 14).

    .venv/bin/python scripts/seed_overlap.py [--root .] [--seeds ../shared/seeds] [--json]

The seeds (`../shared/seeds/*.txt`, see its README) lend the project facts, never sentences. This
check compares every author text of the project, per language, with every seed file, whatever
the seed's language (a sentence copied from the English article into a Polish page counts too):
each glossary and misconception field, each quiz and assessment field, and each content page,
all as plain text (concept links by their label, Markdown links by their text, HTML, URLs and
front matter dropped).

Words are runs of letters and digits, case-folded, so punctuation, quotes, dashes and case do
not hide a copy and numbers still count ("60 %" is the word 60). A run is reported when at least
MIN_RUN_WORDS consecutive words of one text also follow each other in one seed. Each seed is
indexed once by its 8-word shingles (a dict, hashed); a text is then one pass over its own
shingles, and consecutive hits that continue at the next seed position merge into one run.

Exit status 1 when any run is found.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.class_report import plain_text  # noqa: E402
from builder.load import load_project  # noqa: E402
from builder.model import Project  # noqa: E402

MIN_RUN_WORDS = 8
"""Eight words in a row are a borrowed sentence, not a shared term: the longest multi-word terms
and fixed phrases of the project (a citation's title, "kognitiv dissonans efter køb") stay under
it, while a clause copied from an article and lightly punctuated differently reaches it."""
NO_LANGUAGE = "-"
"""The language shown for language-independent texts (a concept's citations)."""

_WORD_RE = re.compile(r"[^\W_]+")
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_TAG_RE = re.compile(r"<[^>\n]*>")
_URL_RE = re.compile(r"\b(?:https?|ftp|mailto):\S+")
_ATTR_LIST_RE = re.compile(r"\{\s*[:#.][^}\n]*\}")
_ADMONITION_RE = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+[^\"\n]*", re.MULTILINE)
_REF_DEF_RE = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)


# -- Data ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """One author text as plain text, and where it is."""

    lang: str
    source: str
    """The file, relative to the project root."""
    field: str
    """The field path (`pl.definition`), or `""` for a whole page."""
    text: str


@dataclass(frozen=True)
class Overlap:
    lang: str
    source: str
    field: str
    line: int | None
    """For a page: the line of the page the run starts on."""
    seed: str
    seed_line: int
    words: int
    run: str
    """The shared words, case-folded, one space apart."""
    original: str
    """The run as the site's plain text writes it."""

    @property
    def where(self) -> str:
        return f"{self.source}: line {self.line}" if self.line else f"{self.source}: {self.field}"


@dataclass(frozen=True)
class Seed:
    name: str
    words: tuple[str, ...]
    lines: tuple[int, ...]
    """The line of each word."""


# -- Plain text ---------------------------------------------------------------------------------

def to_plain(project: Project, lang: str, text: str) -> str:
    """An author text as the reader sees its words. The builder's own helper turns concept and
    Markdown links into their text; what a page may add beyond that (front matter, HTML, URLs,
    attribute lists, admonition markers, reference definitions) is blanked here, keeping line
    breaks so that a page's runs keep their line numbers."""
    def blank(match: re.Match[str]) -> str:
        return "\n" * match.group(0).count("\n")

    text = _FRONT_MATTER_RE.sub(blank, text)
    text = plain_text(project, lang, text)
    text = _REF_DEF_RE.sub("", text)
    text = _ADMONITION_RE.sub(r"\1", text)
    text = _ATTR_LIST_RE.sub(" ", text)
    # A tag becomes a space: block tags (`</td><td>`) must not glue two words together.
    text = _TAG_RE.sub(" ", text)
    text = _URL_RE.sub(" ", text)
    return html.unescape(text)


def words_of(text: str) -> list[re.Match[str]]:
    """The words of a text, each with its place (letters and digits; the rest separates)."""
    return list(_WORD_RE.finditer(unicodedata.normalize("NFC", text)))


def _fold(match: re.Match[str]) -> str:
    return match.group(0).casefold()


def site_texts(project: Project) -> Iterator[Text]:
    """Every author text the loader found, in every kind (glossary, misconception cards, quizzes,
    the assessment, pages), as plain text."""
    default = project.config.default_language
    for text in project.inventory.texts:
        lang = text.lang or default
        yield Text(text.lang or NO_LANGUAGE, text.source, text.field,
                   to_plain(project, lang, text.text))


# -- Seeds --------------------------------------------------------------------------------------

def load_seeds(folder: Path) -> list[Seed]:
    seeds = []
    for path in sorted(folder.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8-sig"))
        found = words_of(text)
        seeds.append(Seed(path.name, tuple(_fold(m) for m in found),
                          tuple(text.count("\n", 0, m.start()) + 1 for m in found)))
    return seeds


Shingle = tuple[str, ...]
SeedIndex = dict[Shingle, list[tuple[int, int]]]
"""An n-word shingle → every (seed number, word position) it starts at."""


def index_seeds(seeds: Sequence[Seed], size: int = MIN_RUN_WORDS) -> SeedIndex:
    index: SeedIndex = {}
    for number, seed in enumerate(seeds):
        for i in range(len(seed.words) - size + 1):
            index.setdefault(seed.words[i:i + size], []).append((number, i))
    return index


# -- Matching -----------------------------------------------------------------------------------

def shared_runs(words: Sequence[str], index: SeedIndex,
                size: int = MIN_RUN_WORDS) -> Iterator[tuple[int, int, int, int]]:
    """Each maximal run of `words` found word for word in one seed, as (seed number, start, end,
    seed position of the start). A run grows while the next shingle continues in the same seed at
    the next position, so a run is always one contiguous stretch of that seed."""
    # Per seed: the seed positions that the current run may be at, and where the run started.
    active: dict[int, tuple[int, set[int], int]] = {}
    for i in range(len(words) - size + 1):
        hits: dict[int, set[int]] = {}
        for seed, position in index.get(tuple(words[i:i + size]), ()):
            hits.setdefault(seed, set()).add(position)
        for seed in list(active):
            start, positions, first = active[seed]
            following = {p + 1 for p in positions} & hits.get(seed, set())
            if following:
                active[seed] = (start, following, first)
                del hits[seed]
            else:
                del active[seed]
                yield seed, start, i - 1 + size, first
        for seed, positions in hits.items():
            active[seed] = (i, positions, min(positions))
    # A run still open matched the last shingle: it reaches the text's end.
    for seed, (start, _, first) in active.items():
        yield seed, start, len(words), first


def overlaps(texts: Iterable[Text], seeds: Sequence[Seed],
             size: int = MIN_RUN_WORDS) -> list[Overlap]:
    index = index_seeds(seeds, size)
    found = []
    for text in texts:
        matches = words_of(text.text)
        folded = [_fold(m) for m in matches]
        for seed, start, end, first in shared_runs(folded, index, size):
            line = (text.text.count("\n", 0, matches[start].start()) + 1) if not text.field else None
            found.append(Overlap(
                lang=text.lang, source=text.source, field=text.field, line=line,
                seed=seeds[seed].name, seed_line=seeds[seed].lines[first], words=end - start,
                run=" ".join(folded[start:end]),
                original=" ".join(text.text[matches[start].start():matches[end - 1].end()].split())))
    return sorted(found, key=lambda o: (o.lang, o.source, o.line or 0, o.field, o.seed))


def project_overlaps(root: Path, seeds: Path, size: int = MIN_RUN_WORDS) -> list[Overlap]:
    """Every run of the project at `root` shared with a seed in the folder `seeds`."""
    project, problems = load_project(root)
    if problems:
        raise SystemExit(f"{root}: the project has problems; run `kb check` first")
    return overlaps(site_texts(project), load_seeds(seeds), size)


# -- Output -------------------------------------------------------------------------------------

def format_report(found: Sequence[Overlap], size: int = MIN_RUN_WORDS) -> str:
    lines = []
    for o in found:
        lines.append(f"{o.lang}  {o.where}")
        lines.append(f"    {o.seed}, line {o.seed_line}, {o.words} words: {o.original}")
    per_lang = Counter(o.lang for o in found)
    summary = ", ".join(f"{lang} {n}" for lang, n in sorted(per_lang.items())) or "none"
    lines.append(f"{len(found)} runs of {size}+ words shared with a seed ({summary})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path())
    parser.add_argument("--seeds", type=Path, default=None,
                        help="folder of seed .txt files (default: ROOT/../shared/seeds)")
    parser.add_argument("--min-words", type=int, default=MIN_RUN_WORDS,
                        help=f"shortest run reported (default {MIN_RUN_WORDS}; lower it to see "
                        "near misses)")
    parser.add_argument("--json", action="store_true", help="the runs as JSON")
    args = parser.parse_args(argv)
    seeds = args.seeds or args.root.resolve().parent / "shared" / "seeds"
    found = project_overlaps(args.root, seeds, args.min_words)
    if args.json:
        print(json.dumps([asdict(o) for o in found], ensure_ascii=False, indent=2))
    else:
        print(format_report(found, args.min_words))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
