"""Quiz form: the patterns in the quizzes' form that give answers away (issue 14).

    .venv/bin/python scripts/quiz_form.py [--root .] [--json]

A test-wise learner scores above their knowledge when the form of the items leaks the key. Per
quiz, and for all quizzes together (a learner who takes every quiz learns the habits of their
author), this reports:

(a) Key positions: where the key of each single-answer question (single, spot-misconception)
    stands among its options, lettered A, B, C … in authored order. Authored order is what the
    presenter, the worksheets and the printed handouts show, so it counts even for a quiz whose
    options are shuffled online (marked "shuffled").
(b) Multiple-answer patterns: questions where all options but one are correct, where all are, or
    where only one is. Each is a strategy that pays ("tick all but the odd one out", "tick
    everything": partial credit gives full marks for it) or a single-answer item in disguise.
(c) Option length: how often the key of a single-answer question with 3 or more options is the
    strictly longest option (ties give nothing away), and the mean ratio of the key's length to
    the mean length of its distractors, in characters of plain text, in each language (the
    translations differ).
(d) Spot-the-misconception prompts that name the confusion they test. The words that name a
    card are derived from the project, per language: the glossary terms (term, synonyms, forms)
    of the card's concept and of the concepts it is confused with, the card's id in the default
    language (ids are written in it), and the words of the card's claim that no other card's
    claim uses. Words shared by more than half of the cards (at least two) are the quizzes'
    topic ("dissonance"), not a cue, and so are words shorter than MIN_CUE_WORD_CHARS (articles
    and prepositions of multi-word terms: "door", "na", "den"). Inflected forms and compounds
    match: a prompt word matches a cue word when they share a long prefix (satysfakcją,
    satysfakcja) or one ends with the other (tevredenheid, aankooptevredenheid).
(e) True/false balance: the share of statements whose answer is "true"; guessers favour "true",
    so a bank keyed mostly true rewards guessing.

How the thresholds were chosen. The authors place every key and write every option, so a
balanced form is always reachable; the rules measure what a learner could exploit, not whether
the imbalance is statistically significant (with 5 to 11 questions per quiz no test has the
power to tell). Hence simple share rules, with two guards:

- below a minimum number of items a share is reported but not flagged (one question moved
  changes it by 20 points or more);
- a position (or answer) is over-used only when its count also exceeds the balanced count, the
  expected count rounded up: 3 keys at A of 7 three-option questions (43 %) is as balanced as 7
  questions can be, and is not flagged.

Exit status 1 when any threshold is broken.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.class_report import plain_text  # noqa: E402
from builder.load import load_project  # noqa: E402
from builder.model import Project  # noqa: E402
from builder.sources.quizzes import LETTERS, Question, Quiz  # noqa: E402

# -- Thresholds ---------------------------------------------------------------------------------

MAX_KEY_SHARE = 0.40
"""(a) Most keys one position may hold. Above the 1/3 of three-option and 1/4 of four-option
questions: a learner who always picks that letter gains at least 7 points over chance."""
MIN_KEY_ITEMS = 5
"""(a), (e) Fewest questions for which a position share is flagged."""
MAX_ALL_BUT_ONE_SHARE = 0.30
"""(b) Most multiple-answer questions with every option but one correct."""
MAX_ALL_CORRECT_SHARE = 0.20
"""(b) Most multiple-answer questions with every option correct: ticking everything scores full
marks on them, so they stay rare (but not absent, or "never all" becomes the cue)."""
MAX_ONE_CORRECT_SHARE = 0.30
"""(b) Most multiple-answer questions with a single correct option (a single-answer question in
disguise; now and then it keeps "always at least two" from being a rule)."""
MIN_MULTIPLE_ITEMS = 4
"""(b) Fewest multiple-answer questions for which the shares are flagged: with four, one item
of a pattern (25 %) passes and two fail."""
MAX_LONGEST_SHARE = 0.40
"""(c) Most single-answer questions (3 or more options) whose key is the longest option; chance
is 1/3 or 1/4. "Pick the longest" is the best-known test-wise strategy."""
MAX_LENGTH_RATIO = 1.25
"""(c) Highest mean ratio of the key's length to its distractors' mean length: options should be
about equally long; a key a quarter longer than the rest, on average, stands out."""
MIN_LENGTH_ITEMS = 5
"""(c) Fewest single-answer questions for which the length figures are flagged."""
MAX_NAMING_PROMPTS = 0
"""(d) Spot-the-misconception prompts that may name the confusion they test: none."""
MIN_CUE_WORD_CHARS = 5
"""(d) Shortest word that can name a card (shorter ones are mostly articles and prepositions)."""
MAX_RARE_TEXT_SHARE = 0.01
"""(d) A claim word names its card only when the project uses it in at most 1 % of its texts in
that language (or in MIN_RARE_TEXTS): "dążyć" (3 of 716 Polish texts) does, "noget" (45 of 575
Danish texts) does not."""
MIN_RARE_TEXTS = 3
"""(d) The claim, the card's explanation and the prompt itself may all use a rare word."""
PREFIX_SHARE = 0.6
"""(d) Two words match by prefix when they share all but the last letter of the shorter one and
at least this share of the longer one: case endings (satysfakcja, satysfakcją; longer ones are
in the glossary's `forms`) match; "positive" and "position", or a compound's first part
("kunder" in "kundeservicen"), do not."""
MAX_TRUE_SHARE = 0.65
"""(e) Most true/false statements one answer may key (chance is 1/2)."""

ALL = "(all)"
"""The scope of the figures over every quiz together."""
SINGLE_ANSWER = ("single", "spot-misconception")

_WORD_RE = re.compile(r"[^\W\d_]+")


# -- Data ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Positions:
    """How many keys each position (or true/false answer) holds, against chance."""

    items: int
    counts: Mapping[str, int]
    expected: Mapping[str, float]
    over: tuple[str, ...]
    """The positions that break the threshold."""

    def share(self, position: str) -> float:
        return self.counts[position] / self.items if self.items else 0.0


@dataclass(frozen=True)
class MultiplePatterns:
    items: int
    all_but_one: tuple[str, ...]
    """Question ids."""
    all_correct: tuple[str, ...]
    one_correct: tuple[str, ...]
    over: tuple[str, ...]
    """The patterns that break their threshold: all_but_one, all_correct, one_correct."""


@dataclass(frozen=True)
class LengthBias:
    items: int
    """Single-answer questions with 3 or more options."""
    longest: tuple[str, ...]
    """Those whose key is strictly the longest option."""
    expected_longest: float
    ratio_items: int
    """Single-answer questions (any number of options) in the ratio."""
    mean_ratio: float
    over: tuple[str, ...]
    """"longest", "ratio" or both."""


@dataclass(frozen=True)
class PromptCue:
    question: str
    card: str
    words: tuple[str, ...]
    """The prompt's words that name the card."""
    prompt: str


@dataclass(frozen=True)
class Finding:
    """A threshold broken."""

    scope: str
    """A quiz id or ALL."""
    lang: str | None
    check: str
    message: str


@dataclass(frozen=True)
class ScopeReport:
    scope: str
    shuffled: bool
    keys: Positions
    multiple: MultiplePatterns
    true_false: Positions
    lengths: Mapping[str, LengthBias]
    spot_prompts: int
    cues: Mapping[str, tuple[PromptCue, ...]]


@dataclass(frozen=True)
class Report:
    scopes: tuple[ScopeReport, ...]
    findings: tuple[Finding, ...]
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(THRESHOLDS))


THRESHOLDS = {name: value for name, value in globals().items()
              if name.startswith(("MAX_", "MIN_")) or name == "PREFIX_SHARE"}
"""Every threshold, for the JSON report."""


# -- (a), (e) Positions -------------------------------------------------------------------------

def over_used(counts: Mapping[str, int], expected: Mapping[str, float], limit: float,
              min_items: int) -> tuple[str, ...]:
    """The positions holding more than `limit` of the items and more than the balanced count
    (the expected count rounded up); nothing below `min_items`."""
    items = sum(counts.values())
    if items < min_items:
        return ()
    # Rounded first: 0.1 added ten times is not 1.0, and ceil would count it as 2.
    return tuple(p for p, n in counts.items()
                 if n / items > limit and n > math.ceil(round(expected[p], 9)))


def key_positions(questions: Sequence[Question]) -> Positions:
    single = [q for q in questions if q.type in SINGLE_ANSWER]
    width = max((len(q.options) for q in single), default=0)
    counts = dict.fromkeys(LETTERS[:width], 0)
    expected = dict.fromkeys(LETTERS[:width], 0.0)
    for question in single:
        for i, option in enumerate(question.options):
            expected[LETTERS[i]] += 1 / len(question.options)
            counts[LETTERS[i]] += option.correct
    return Positions(len(single), counts, expected,
                     over_used(counts, expected, MAX_KEY_SHARE, MIN_KEY_ITEMS))


def true_false_balance(questions: Sequence[Question]) -> Positions:
    answers = [q.correct_ids for q in questions if q.type == "true-false"]
    counts = {"true": sum("true" in a for a in answers), "false": sum("false" in a for a in answers)}
    expected = dict.fromkeys(counts, len(answers) / 2)
    return Positions(len(answers), counts, expected,
                     over_used(counts, expected, MAX_TRUE_SHARE, MIN_KEY_ITEMS))


# -- (b) Multiple-answer patterns ---------------------------------------------------------------

def multiple_patterns(questions: Sequence[Question]) -> MultiplePatterns:
    multiple = [q for q in questions if q.type == "multiple"]
    # A two-option question with one key is both "all but one" and "one": it counts in both.
    all_but_one = tuple(q.id for q in multiple if len(q.correct_ids) == len(q.options) - 1)
    all_correct = tuple(q.id for q in multiple if len(q.correct_ids) == len(q.options))
    one_correct = tuple(q.id for q in multiple if len(q.correct_ids) == 1)
    over: list[str] = []
    if len(multiple) >= MIN_MULTIPLE_ITEMS:
        for name, ids, limit in (("all_but_one", all_but_one, MAX_ALL_BUT_ONE_SHARE),
                                 ("all_correct", all_correct, MAX_ALL_CORRECT_SHARE),
                                 ("one_correct", one_correct, MAX_ONE_CORRECT_SHARE)):
            if len(ids) / len(multiple) > limit:
                over.append(name)
    return MultiplePatterns(len(multiple), all_but_one, all_correct, one_correct, tuple(over))


# -- (c) Option length --------------------------------------------------------------------------

def option_length(project: Project, lang: str, text: str) -> int:
    """Characters a reader sees: links by their text, runs of spaces as one."""
    return len(" ".join(plain_text(project, lang, text).split()))


def length_bias(project: Project, questions: Sequence[Question], lang: str) -> LengthBias:
    longest: list[str] = []
    ratios: list[float] = []
    items = 0
    expected = 0.0
    for question in (q for q in questions if q.type in SINGLE_ANSWER):
        texts = question.text(lang).options
        key = [option_length(project, lang, texts[o.id]) for o in question.options if o.correct]
        rest = [option_length(project, lang, texts[o.id]) for o in question.options if not o.correct]
        if len(key) != 1 or not rest:
            continue
        ratios.append(key[0] / (sum(rest) / len(rest)))
        if len(question.options) >= 3:
            items += 1
            expected += 1 / len(question.options)
            if key[0] > max(rest):
                longest.append(question.id)
    mean_ratio = sum(ratios) / len(ratios) if ratios else 0.0
    over: list[str] = []
    if items >= MIN_LENGTH_ITEMS and len(longest) / items > MAX_LONGEST_SHARE \
            and len(longest) > math.ceil(round(expected, 9)):
        over.append("longest")
    if len(ratios) >= MIN_LENGTH_ITEMS and mean_ratio > MAX_LENGTH_RATIO:
        over.append("ratio")
    return LengthBias(items, tuple(longest), expected, len(ratios), mean_ratio, tuple(over))


# -- (d) Prompts that name the confusion --------------------------------------------------------

def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD_RE.findall(text)]


def same_word(a: str, b: str) -> bool:
    """One word, inflected or as a compound's head: satysfakcja ~ satysfakcją, tevredenheid ~
    aankooptevredenheid."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < MIN_CUE_WORD_CHARS:
        return False
    prefix = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y),
                  len(short))
    return (prefix >= max(MIN_CUE_WORD_CHARS, len(short) - 1) and prefix >= PREFIX_SHARE * len(long)) \
        or long.endswith(short)


def _any_same(word: str, pool: Iterable[str]) -> bool:
    return any(same_word(word, other) for other in pool)


def _part_of(a: str, b: str) -> bool:
    """Looser than same_word: also a compound's first part (aankoop, aankoopdissonantie)."""
    short, long = sorted((a, b), key=len)
    return same_word(a, b) or (len(short) >= MIN_CUE_WORD_CHARS and long.startswith(short))


def _long_words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in words(text) if len(w) >= MIN_CUE_WORD_CHARS}


def _rare(word: str, vocabularies: Sequence[set[str]]) -> bool:
    """Whether the project uses the word (in any form) in few of its texts in the language."""
    limit = max(MIN_RARE_TEXTS, MAX_RARE_TEXT_SHARE * len(vocabularies))
    uses = 0
    for vocabulary in vocabularies:
        uses += word in vocabulary or _any_same(word, vocabulary)
        if uses > limit:
            return False
    return True


def card_words(project: Project, lang: str) -> tuple[dict[str, set[str]], set[str]]:
    """Per misconception card, the words that name it in `lang`; and the topic words, which name
    no card in particular."""
    cards = project.misconceptions
    known = {c.id for c in project.concepts}
    named: dict[str, set[str]] = {}
    for card in cards:
        terms = [t for concept in (card.concept, *card.confused_with) if concept in known
                 for t in (project.concept(concept).text(lang).all_terms
                           + project.concept(concept).text(lang).forms)]
        if lang == project.config.default_language:
            terms.append(card.id.replace("-", " "))
        named[card.id] = _long_words(terms)
    # The claim's own wording: only its rare words, or "noget" and "eller" would name a card.
    vocabularies = [set(words(t.text)) for t in project.inventory.texts if t.lang == lang]
    claims = {card.id: _long_words([plain_text(project, lang, card.text(lang).claim)])
              for card in cards}
    for card in cards:
        others = [w for other, ws in claims.items() if other != card.id for w in ws]
        named[card.id] |= {w for w in claims[card.id]
                           if not _any_same(w, others) and _rare(w, vocabularies)}
    pool = {w for ws in named.values() for w in ws}
    topic = {w for w in pool if (n := sum(any(_part_of(w, x) for x in ws) for ws in named.values()))
             > len(cards) / 2 and n >= 2}
    return {card: {w for w in ws if not _any_same(w, topic)} for card, ws in named.items()}, topic


def prompt_cues(project: Project, questions: Sequence[Question], lang: str) -> list[PromptCue]:
    named, topic = card_words(project, lang)
    cues = []
    for question in (q for q in questions if q.type == "spot-misconception"):
        targets = [o.misconception for o in question.options if o.correct and o.misconception] \
            or [o.misconception for o in question.options if o.misconception]
        prompt = plain_text(project, lang, question.text(lang).prompt)
        for card in dict.fromkeys(t for t in targets if t in named):
            hits = tuple(dict.fromkeys(
                w for w in words(prompt)
                if not _any_same(w, topic) and _any_same(w, named[card])))
            if hits:
                cues.append(PromptCue(question.id, card, hits, prompt))
    return cues


# -- The report ---------------------------------------------------------------------------------

def scope_report(project: Project, scope: str, questions: Sequence[Question],
                 shuffled: bool) -> ScopeReport:
    langs = project.config.codes
    return ScopeReport(
        scope=scope, shuffled=shuffled, keys=key_positions(questions),
        multiple=multiple_patterns(questions), true_false=true_false_balance(questions),
        lengths={lang: length_bias(project, questions, lang) for lang in langs},
        spot_prompts=sum(q.type == "spot-misconception" for q in questions),
        cues={lang: tuple(prompt_cues(project, questions, lang)) for lang in langs})


def findings(scope: ScopeReport) -> list[Finding]:
    found = []
    s = scope.scope
    for position in scope.keys.over:
        found.append(Finding(s, None, "key-position", f"{scope.keys.counts[position]} of "
                             f"{scope.keys.items} keys at {position} "
                             f"({scope.keys.share(position):.0%} > {MAX_KEY_SHARE:.0%})"))
    m = scope.multiple
    limits = {"all_but_one": MAX_ALL_BUT_ONE_SHARE, "all_correct": MAX_ALL_CORRECT_SHARE,
              "one_correct": MAX_ONE_CORRECT_SHARE}
    for name in m.over:
        ids = getattr(m, name)
        found.append(Finding(s, None, f"multiple-{name.replace('_', '-')}",
                             f"{len(ids)} of {m.items} multiple-answer questions "
                             f"{name.replace('_', ' ')} ({len(ids) / m.items:.0%} > "
                             f"{limits[name]:.0%}): {', '.join(ids)}"))
    for answer in scope.true_false.over:
        found.append(Finding(s, None, "true-false", f"{scope.true_false.counts[answer]} of "
                             f"{scope.true_false.items} statements are {answer} "
                             f"({scope.true_false.share(answer):.0%} > {MAX_TRUE_SHARE:.0%})"))
    for lang, bias in scope.lengths.items():
        if "longest" in bias.over:
            found.append(Finding(s, lang, "length-longest",
                                 f"the key is the longest option in {len(bias.longest)} of "
                                 f"{bias.items} ({len(bias.longest) / bias.items:.0%} > "
                                 f"{MAX_LONGEST_SHARE:.0%}): {', '.join(bias.longest)}"))
        if "ratio" in bias.over:
            found.append(Finding(s, lang, "length-ratio", f"the key is {bias.mean_ratio:.2f} times "
                                 f"as long as its distractors (> {MAX_LENGTH_RATIO})"))
    if s != ALL:  # a prompt belongs to one quiz; the pooled row would repeat it
        for lang, cues in scope.cues.items():
            for cue in cues if len(cues) > MAX_NAMING_PROMPTS else ():
                found.append(Finding(s, lang, "prompt-names-card", f"{cue.question}: the prompt "
                                     f"names {cue.card} ({', '.join(cue.words)})"))
    return found


def analyse(project: Project) -> Report:
    quizzes: Sequence[Quiz] = project.quizzes
    scopes = [scope_report(project, q.id, q.questions, q.shuffle_options) for q in quizzes]
    scopes.append(scope_report(project, ALL, [x for q in quizzes for x in q.questions],
                               any(q.shuffle_options for q in quizzes)))
    return Report(tuple(scopes), tuple(f for s in scopes for f in findings(s)))


def analyse_root(root: Path) -> Report:
    project, problems = load_project(root)
    if problems:
        raise SystemExit(f"{root}: the project has problems; run `kb check` first")
    return analyse(project)


# -- Output -------------------------------------------------------------------------------------

def _table(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    cells = [list(map(str, head)), *([str(c) for c in row] for row in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    # Names left, figures right, the flag or the list of questions (last) left.
    last = len(head) - 1
    return ["  ".join(c.ljust(w) if i in (0, last) else c.rjust(w) for i, (c, w) in
                      enumerate(zip(row, widths, strict=True))).rstrip() for row in cells]


def _mark(over: Iterable[str]) -> str:
    return "FLAG " + ",".join(over) if over else ""


def format_report(report: Report) -> str:
    scopes = report.scopes
    width = max((len(s.keys.counts) for s in scopes), default=0)
    letters = LETTERS[:width]
    out = [f"(a) key positions, single-answer questions, authored order "
           f"(flag: > {MAX_KEY_SHARE:.0%} at one letter, n >= {MIN_KEY_ITEMS})"]
    out += _table(["quiz", "n", *letters, "max", ""], (
        [s.scope + (" (shuffled)" if s.shuffled and s.scope != ALL else ""), s.keys.items,
         *(s.keys.counts.get(x, "") for x in letters),
         f"{max((s.keys.share(x) for x in s.keys.counts), default=0):.0%}", _mark(s.keys.over)]
        for s in scopes))
    out += ["", f"(b) multiple-answer questions (flag: all but one > {MAX_ALL_BUT_ONE_SHARE:.0%}, "
            f"all > {MAX_ALL_CORRECT_SHARE:.0%}, one > {MAX_ONE_CORRECT_SHARE:.0%}, "
            f"n >= {MIN_MULTIPLE_ITEMS})"]
    out += _table(["quiz", "n", "all-but-one", "all", "one", ""], (
        [s.scope, s.multiple.items, len(s.multiple.all_but_one), len(s.multiple.all_correct),
         len(s.multiple.one_correct), _mark(s.multiple.over)] for s in scopes))
    out += ["", f"(c) option length, single-answer questions (flag: key longest > "
            f"{MAX_LONGEST_SHARE:.0%} of n(3+), or mean ratio > {MAX_LENGTH_RATIO}, "
            f"n >= {MIN_LENGTH_ITEMS})"]
    out += _table(["quiz", "lang", "n(3+)", "longest", "chance", "ratio", ""], (
        [s.scope, lang, b.items, len(b.longest), f"{b.expected_longest:.1f}",
         f"{b.mean_ratio:.2f}" if b.ratio_items else "-", _mark(b.over)]
        for s in scopes for lang, b in s.lengths.items()))
    out += ["", "(d) spot-the-misconception prompts that name the card they test"]
    out += _table(["quiz", "lang", "spot", "naming", "questions (words)"], (
        [s.scope, lang, s.spot_prompts, len(cues),
         "; ".join(f"{c.question} ({', '.join(c.words)})" for c in cues)]
        for s in scopes if s.scope != ALL and s.spot_prompts for lang, cues in s.cues.items()))
    out += ["", f"(e) true/false statements (flag: > {MAX_TRUE_SHARE:.0%} one answer, "
            f"n >= {MIN_KEY_ITEMS})"]
    out += _table(["quiz", "n", "true", "false", ""], (
        [s.scope, s.true_false.items, s.true_false.counts["true"], s.true_false.counts["false"],
         _mark(s.true_false.over)] for s in scopes))
    out += ["", f"{len(report.findings)} thresholds broken" + (":" if report.findings else "")]
    out += [f"  {f.scope}{' ' + f.lang if f.lang else ''}: {f.check}: {f.message}"
            for f in report.findings]
    return "\n".join(out)


def to_json(report: Report) -> str:
    return json.dumps(asdict(report), ensure_ascii=False, indent=2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path())
    parser.add_argument("--json", action="store_true", help="the whole report as JSON")
    args = parser.parse_args(argv)
    report = analyse_root(args.root)
    print(to_json(report) if args.json else format_report(report))
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
