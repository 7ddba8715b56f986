"""A synthetic project of N concepts, for measuring the builder at scale (`make bench`).

    .venv/bin/python scripts/synthetic.py 1000 /tmp/kb-1000

The base fixture project (tests/roots/base: its pages, seven concepts, a misconception, two
quizzes and a self-assessment) plus N concepts of about 150 words in each of its four languages
(definition, example and notes, each linking neighbouring concepts), and one quiz of 10
questions per 10 concepts. The words are drawn from a small vocabulary per language, seeded, so
that the same N always gives the same project; the benchmark's peer reads the same texts
(`concepts_of`, `quizzes_of`), so that both sides build equal content.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "pl", "nl", "da")
QUESTIONS_PER_QUIZ = 10
CONCEPTS_PER_QUIZ = 10

# Words with each language's letters (ą, ł, ij, æ, ø, å), so that slugs, sorting and search see
# what real texts hold.
VOCABULARY = {key: text.split() for key, text in {
    "en": "customer purchase doubt choice value price service seller promise trust feeling "
          "decision product expectation return review call letter manual warranty delivery "
          "support comfort regret quality brand friend advice moment week answer",
    "pl": "klient zakup wątpliwość wybór wartość cena obsługa sprzedawca obietnica zaufanie "
          "uczucie decyzja produkt oczekiwanie zwrot opinia rozmowa list instrukcja gwarancja "
          "dostawa wsparcie spokój żal jakość marka znajomy rada chwila tydzień",
    "nl": "klant aankoop twijfel keuze waarde prijs service verkoper belofte vertrouwen gevoel "
          "beslissing product verwachting retour recensie gesprek brief handleiding garantie "
          "levering ondersteuning gemak spijt kwaliteit merk vriend advies moment week",
    "da": "kunde køb tvivl valg værdi pris service sælger løfte tillid følelse beslutning "
          "produkt forventning returnering anmeldelse samtale brev vejledning garanti levering "
          "støtte ro fortrydelse kvalitet mærke ven råd øjeblik uge",
}.items()}
TERM_WORD = {"en": "concept", "pl": "pojęcie", "nl": "begrip", "da": "begreb"}
QUIZ_WORD = {"en": "Quiz", "pl": "Quiz", "nl": "Quiz", "da": "Quiz"}
YES = {"en": "Right.", "pl": "Tak.", "nl": "Ja.", "da": "Ja."}
NO = {"en": "Not this one.", "pl": "Nie ta.", "nl": "Niet deze.", "da": "Ikke denne."}
BANDS = {"en": ["Read the glossary again.", "Well done."],
         "pl": ["Przeczytaj słownik jeszcze raz.", "Dobrze."],
         "nl": ["Lees de woordenlijst nog eens.", "Goed gedaan."],
         "da": ["Læs ordlisten igen.", "Godt klaret."]}


@dataclass(frozen=True)
class Concept:
    id: str
    terms: dict[str, str]
    definition: dict[str, str]
    example: dict[str, str]
    notes: dict[str, str]
    related: tuple[str, ...]


def _sentences(rng: random.Random, lang: str, words: int) -> str:
    """About `words` words as sentences of 8 to 14 words."""
    vocabulary, out, count = VOCABULARY[lang], [], 0
    while count < words:
        n = rng.randint(8, 14)
        sentence = " ".join(rng.choice(vocabulary) for _ in range(n))
        out.append(sentence[0].upper() + sentence[1:] + ".")
        count += n
    return " ".join(out)


def concept_id(i: int) -> str:
    return f"c{i:05d}"


def concepts_of(n: int) -> Iterator[Concept]:
    """The N synthetic concepts, each about 150 words per language."""
    for i in range(n):
        rng = random.Random(i)
        cid = concept_id(i)
        related = tuple(concept_id(j) for j in (i - 1, i + 1) if 0 <= j < n)
        terms, definition, example, notes = {}, {}, {}, {}
        for lang in LANGS:
            word = rng.choice(VOCABULARY[lang])
            terms[lang] = f"{word} {TERM_WORD[lang]} {i}"
            definition[lang] = _sentences(rng, lang, 30)
            example[lang] = _sentences(rng, lang, 50)
            links = " ".join(f"[[{other}]]" for other in related)
            notes[lang] = f"{_sentences(rng, lang, 60)} {links}".strip()
        yield Concept(cid, terms, definition, example, notes, related)


def _question(rng: random.Random, q: int, about: list[Concept]) -> dict[str, object]:
    concept = about[q % len(about)]
    if q % 3 == 2:
        question: dict[str, object] = {"id": f"q{q}", "type": "true-false", "answer": q % 2 == 0}
        for lang in LANGS:
            question[lang] = {
                "prompt": f"{concept.terms[lang]}: {_sentences(rng, lang, 12)}",
                "feedback": {"true": YES[lang], "false": NO[lang]},
                "explanation": f"[[{concept.id}]] {_sentences(rng, lang, 15)}"}
        return question
    correct = rng.randrange(3)
    options = [{"id": letter, **({"correct": True} if k == correct else {})}
               for k, letter in enumerate("abc")]
    question = {"id": f"q{q}", "type": "single", "options": options}
    for lang in LANGS:
        question[lang] = {
            "prompt": f"{concept.terms[lang]}? {_sentences(rng, lang, 10)}",
            "options": {letter: _sentences(rng, lang, 6) for letter in "abc"},
            "feedback": {letter: YES[lang] if k == correct else NO[lang]
                         for k, letter in enumerate("abc")},
            "explanation": f"[[{concept.id}]] {_sentences(rng, lang, 15)}"}
    return question


def quizzes_of(n: int) -> Iterator[dict[str, object]]:
    """One quiz of 10 questions per 10 concepts, each question about one of them."""
    concepts = list(concepts_of(n))
    for k in range(0, n, CONCEPTS_PER_QUIZ):
        rng = random.Random(10**6 + k)
        about = concepts[k:k + CONCEPTS_PER_QUIZ]
        quiz: dict[str, object] = {"id": f"quiz-{k // CONCEPTS_PER_QUIZ:04d}", "pass_mark": 50,
                                   "results": [{"from": 0, "to": 49}, {"from": 50, "to": 100}]}
        for lang in LANGS:
            quiz[lang] = {"title": f"{QUIZ_WORD[lang]} {k // CONCEPTS_PER_QUIZ + 1}",
                          "intro": _sentences(rng, lang, 12), "results": BANDS[lang]}
        quiz["questions"] = [_question(rng, q, about) for q in range(QUESTIONS_PER_QUIZ)]
        yield quiz


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def make(n: int, dest: Path) -> Path:
    """Write the project of N concepts to `dest` (replacing it) and return `dest`."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "tests" / "roots" / "base", dest)
    shutil.copytree(ROOT / "locales", dest / "locales")
    for concept in concepts_of(n):
        data: dict[str, object] = {"id": concept.id, "related": list(concept.related)}
        for lang in LANGS:
            data[lang] = {"term": concept.terms[lang], "definition": concept.definition[lang],
                          "example": concept.example[lang], "notes": concept.notes[lang]}
        (dest / "glossary" / f"{concept.id}.yml").write_text(_dump(data), encoding="utf-8")
    for quiz in quizzes_of(n):
        (dest / "quizzes" / f"{quiz['id']}.yml").write_text(_dump(quiz), encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("concepts", type=int)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    make(args.concepts, args.dest)
    print(f"{args.dest}: {args.concepts} concepts, {-(-args.concepts // CONCEPTS_PER_QUIZ)} "
          "quizzes", file=sys.stderr)


if __name__ == "__main__":
    main()
