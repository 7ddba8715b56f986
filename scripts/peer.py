"""The benchmark's peer: the synthetic project's content hand-assembled for Material for MkDocs
with mkdocs-static-i18n and mkdocs-quiz, as a user of those plugins would write it, built in a
virtual environment of its own with pinned versions.

    .venv/bin/python scripts/peer.py 1000 --work /tmp/peer-work

Same content as `scripts/synthetic.py` (`concepts_of`, `quizzes_of`): per language a page per
concept, a glossary index, a page per quiz in mkdocs-quiz's own syntax and a home page. The
synthetic project's base fixture (seven concepts, a handful of pages, two quizzes and a
self-assessment) is left out: its pages are negligible beside N concepts.

Differences the plugins impose, not choices of this script: mkdocs-quiz has no result bands or
pass mark (its results panel shows the score only), has no true/false type (a two-option
single-choice question stands in), and ships no Polish, Dutch or Danish strings (its buttons
and panels are English there).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import launch, succeeded
from synthetic import LANGS, Concept, concepts_of, quizzes_of

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LANG = LANGS[0]
# Same MkDocs and Material as our builder, so that the comparison is of the assembly, not of
# releases.
PEER_REQUIREMENTS = (
    "mkdocs==1.6.1",
    "mkdocs-material==9.8.1",
    "mkdocs-static-i18n==1.3.1",
    "mkdocs-quiz==1.7.1",
)
STAMP = "peer-requirements.txt"

LANGUAGE_NAMES = {"en": "English", "pl": "Polski", "nl": "Nederlands", "da": "Dansk"}
# The labels a peer user writes by hand; the same words as our catalogues in locales/.
LABELS = {
    "en": {"Glossary": "Glossary", "Quizzes": "Quizzes", "Example": "Example", "Notes": "Notes",
           "True": "True", "False": "False"},
    "pl": {"Glossary": "Słownik", "Quizzes": "Quizy", "Example": "Przykład", "Notes": "Uwagi",
           "True": "Prawda", "False": "Fałsz"},
    "nl": {"Glossary": "Woordenlijst", "Quizzes": "Quizzen", "Example": "Voorbeeld",
           "Notes": "Toelichting", "True": "Waar", "False": "Niet waar"},
    "da": {"Glossary": "Ordliste", "Quizzes": "Quizzer", "Example": "Eksempel",
           "Notes": "Bemærkninger", "True": "Sandt", "False": "Falsk"},
}
SITE_NAME = "Synthetic glossary"
LINK = re.compile(r"\[\[(c\d+)\]\]")


# -- The virtual environment -----------------------------------------------------------------------

def ensure_venv(path: Path) -> Path:
    """The peer's virtual environment at `path`, created and installed unless its stamp already
    lists the same requirements; returns its Python."""
    python = path / "bin" / "python"
    stamp = path / STAMP
    wanted = "\n".join(PEER_REQUIREMENTS) + "\n"
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    if path.exists():
        # A half-installed or differently pinned environment: start clean rather than upgrade.
        shutil.rmtree(path)
    for command in (["python3", "-m", "venv", str(path)],
                    [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     *PEER_REQUIREMENTS]):
        # Captured: pip warns about every unreachable index even with --quiet; shown on failure.
        run = subprocess.run(command, capture_output=True, text=True, check=False)
        if run.returncode:
            tail = "\n".join((run.stdout + run.stderr).splitlines()[-30:])
            raise RuntimeError(f"{' '.join(command[:4])} failed:\n{tail}")
    # Written last: an interrupted install leaves no stamp and is redone.
    stamp.write_text(wanted, encoding="utf-8")
    return python


# -- The project -----------------------------------------------------------------------------------

def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def page_name(stem: str, lang: str) -> str:
    """static-i18n's suffix structure: `c00001.pl.md`; links name `c00001.md` and the plugin
    picks the page of the linking page's language."""
    return f"{stem}.{lang}.md"


def linked(text: str, lang: str, terms: dict[str, dict[str, str]], to_glossary: str) -> str:
    """`[[c00001]]` as an ordinary Markdown link to that concept's page, its term as label.
    Left as `[[…]]`, mkdocs-quiz would also read it as a fill-in-the-blank."""
    return LINK.sub(lambda m: f"[{terms[m[1]][lang]}]({to_glossary}{m[1]}.md)", text)


def first_sentence(text: str) -> str:
    # Our glossary index shows each definition's first sentence; the synthetic sentences end
    # in a full stop and hold no other.
    return text.split(". ", 1)[0].rstrip(".") + "."


def concept_page(concept: Concept, lang: str, terms: dict[str, dict[str, str]]) -> str:
    labels = LABELS[lang]
    notes = linked(concept.notes[lang], lang, terms, "")
    return (f"# {capfirst(concept.terms[lang])}\n\n{concept.definition[lang]}\n\n"
            f"## {labels['Example']}\n\n{concept.example[lang]}\n\n"
            f"## {labels['Notes']}\n\n{notes}\n")


def glossary_index(concepts: list[Concept], lang: str) -> str:
    entries = sorted(concepts, key=lambda c: c.terms[lang].casefold())
    lines = [f"- [**{capfirst(c.terms[lang])}**]({c.id}.md): {first_sentence(c.definition[lang])}"
             for c in entries]
    return f"# {LABELS[lang]['Glossary']}\n\n" + "\n".join(lines) + "\n"


def quiz_question(question: dict[str, object], lang: str,
                  terms: dict[str, dict[str, str]]) -> str:
    """One question in mkdocs-quiz's syntax: the prompt, `- [x]` for the right option and
    `- [ ]` for the others, each option's feedback as the blockquote right under it, and the
    explanation as the content shown after answering."""
    text = question[lang]
    assert isinstance(text, dict)
    if question["type"] == "true-false":
        # No true/false type in mkdocs-quiz: two options, the right one checked.
        options = [(LABELS[lang]["True"], question["answer"] is True, text["feedback"]["true"]),
                   (LABELS[lang]["False"], question["answer"] is False, text["feedback"]["false"])]
    else:
        raw = question["options"]
        assert isinstance(raw, list)
        options = [(text["options"][o["id"]], bool(o.get("correct")), text["feedback"][o["id"]])
                   for o in raw]
    lines = ["<quiz>", linked(text["prompt"], lang, terms, "../glossary/")]
    for label, right, feedback in options:
        lines += [f"- [{'x' if right else ' '}] {label}", f"> {feedback}"]
    lines += ["", linked(text["explanation"], lang, terms, "../glossary/"), "</quiz>"]
    return "\n".join(lines)


def quiz_page(quiz: dict[str, object], lang: str, terms: dict[str, dict[str, str]],
              quiz_on_every_page: bool) -> str:
    text = quiz[lang]
    questions = quiz["questions"]
    assert isinstance(text, dict) and isinstance(questions, list)
    # With the plugin off by default, the quiz pages turn it on (its documented front matter).
    front = "" if quiz_on_every_page else "---\nquiz:\n  enabled: true\n---\n\n"
    body = "\n\n".join(quiz_question(q, lang, terms) for q in questions)
    return (f"{front}# {text['title']}\n\n{text['intro']}\n\n<!-- mkdocs-quiz intro -->\n\n"
            f"{body}\n\n<!-- mkdocs-quiz results -->\n")


def home_page(lang: str) -> str:
    labels = LABELS[lang]
    return (f"# {SITE_NAME}\n\n- [{labels['Glossary']}](glossary/index.md)\n"
            f"- [{labels['Quizzes']}](quizzes/index.md)\n")


def quizzes_index(quizzes: list[dict[str, object]], lang: str) -> str:
    lines = []
    for quiz in quizzes:
        text = quiz[lang]
        assert isinstance(text, dict)
        lines.append(f"- [{text['title']}]({quiz['id']}.md): {text['intro']}")
    return f"# {LABELS[lang]['Quizzes']}\n\n" + "\n".join(lines) + "\n"


def mkdocs_config(quiz_on_every_page: bool) -> dict[str, object]:
    languages = [{"locale": lang, "name": LANGUAGE_NAMES[lang], "build": True,
                  "default": lang == DEFAULT_LANG,
                  # Folder sections are titled by their folder name: translate the two.
                  "nav_translations": {"Glossary": LABELS[lang]["Glossary"],
                                       "Quizzes": LABELS[lang]["Quizzes"]}}
                 for lang in LANGS]
    return {
        "site_name": SITE_NAME,
        # As ours: no web fonts. static-i18n sets theme.language (and search's) per language.
        "theme": {"name": "material", "font": False},
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "suffix", "languages": languages}},
            # mkdocs-quiz adds its 60 KB of inline CSS and JavaScript to every page it processes,
            # all of them by default; its `enabled_by_default: false` keeps that to quiz pages.
            "mkdocs_quiz" if quiz_on_every_page else {"mkdocs_quiz": {"enabled_by_default": False}},
        ],
    }


def write_peer_project(n: int, dest: Path, *, quiz_on_every_page: bool = False) -> Path:
    """Write the peer's MkDocs project for N concepts to `dest` (replacing it); return its
    mkdocs.yml."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    (docs / "glossary").mkdir(parents=True)
    (docs / "quizzes").mkdir()
    concepts = list(concepts_of(n))
    quizzes = list(quizzes_of(n))
    terms = {c.id: c.terms for c in concepts}

    def write(rel: str, text: str) -> None:
        (docs / rel).write_text(text, encoding="utf-8")

    for lang in LANGS:
        write(page_name("index", lang), home_page(lang))
        write(f"glossary/{page_name('index', lang)}", glossary_index(concepts, lang))
        write(f"quizzes/{page_name('index', lang)}", quizzes_index(quizzes, lang))
        for concept in concepts:
            write(f"glossary/{page_name(concept.id, lang)}", concept_page(concept, lang, terms))
        for quiz in quizzes:
            write(f"quizzes/{page_name(str(quiz['id']), lang)}",
                  quiz_page(quiz, lang, terms, quiz_on_every_page))
    config = dest / "mkdocs.yml"
    config.write_text(yaml.safe_dump(mkdocs_config(quiz_on_every_page), allow_unicode=True,
                                     sort_keys=False), encoding="utf-8")
    return config


# -- The build -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeerResult:
    """One build of the peer."""

    seconds: float
    """Wall time of the whole `mkdocs build` process."""
    peak_mb: float
    site_bytes: int
    files: int
    language_bytes: dict[str, int]
    """Bytes per language, and under "shared" the theme's assets and the site-wide files."""
    output: str
    """What the build printed: with --quiet, its errors and Material's end-of-life notice."""


# At the site's root with static-i18n: the default language's pages, a folder per other
# language, and these, which serve every language (static-i18n makes one search index of all).
SHARED = {"assets", "search", "404.html", "sitemap.xml", "sitemap.xml.gz"}


def site_owner(rel: Path) -> str:
    top = rel.parts[0]
    if top in LANGS and top != DEFAULT_LANG:
        return top
    return "shared" if top in SHARED else DEFAULT_LANG


def measure_site(site: Path) -> tuple[int, int, dict[str, int]]:
    total, count = 0, 0
    by_language: dict[str, int] = defaultdict(int)
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            count += 1
            by_language[site_owner(path.relative_to(site))] += size
    return total, count, dict(by_language)


def build_peer(python: Path, project: Path, site: Path) -> PeerResult:
    """One `mkdocs build` of the peer in the peer's environment: time, peak memory and size."""
    # Absolute, as the build runs in the project; not resolved, which would leave the venv.
    command = [str(python.absolute()), "-m", "mkdocs", "build", "--quiet", "--config-file",
               str(project.absolute() / "mkdocs.yml"), "--site-dir", str(site.absolute())]
    run = succeeded(launch(command, cwd=project), "the peer's build")
    total, count, by_language = measure_site(site)
    return PeerResult(run.seconds, run.peak_mb, total, count, by_language, run.output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("concepts", type=int)
    parser.add_argument("--work", type=Path, help="where the project and site go (default: a "
                        "temporary folder, removed afterwards)")
    parser.add_argument("--venv", type=Path, default=ROOT / ".bench" / "peer-venv")
    parser.add_argument("--quiz-on-every-page", action="store_true",
                        help="mkdocs-quiz's default: its CSS and JavaScript on every page")
    args = parser.parse_args()
    python = ensure_venv(args.venv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        project, site = work / "project", work / "site"
        write_peer_project(args.concepts, project, quiz_on_every_page=args.quiz_on_every_page)
        result = build_peer(python, project, site)
    print(f"peer (Material + static-i18n + mkdocs-quiz), {args.concepts} concepts, "
          f"{len(LANGS)} languages:")
    print(f"  build     {result.seconds:7.2f} s  peak {result.peak_mb:6.0f} MB")
    print(f"  site      {result.site_bytes / 1e6:7.1f} MB in {result.files} files")
    for owner, size in sorted(result.language_bytes.items()):
        print(f"    {owner:<8}{size / 1e6:7.1f} MB")
    if result.output.strip():
        print(f"  printed:\n{result.output}", end="")


if __name__ == "__main__":
    main()
