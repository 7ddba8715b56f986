"""Alphabetical order per language, from the alphabet declared in `project.yml`.

A small tailoring of the usual dictionary order: each letter of the alphabet is its own primary
weight, so Polish puts Ł after L and Ś after S, and Danish puts Æ, Ø and Å after Z. Other accented
letters sort as their base letter (é as e), case and accents only break ties.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from itertools import groupby
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from builder.sources.project import Language

T = TypeVar("T")

_OTHER = "#"
"""Heading for terms that start with a digit or a symbol."""


_FOLD = {"ł": "l", "ø": "o", "æ": "a", "œ": "o", "đ": "d", "ð": "d", "þ": "t", "ß": "s", "ı": "i"}  # noqa: RUF001
"""Letters with no Unicode decomposition, folded for languages whose alphabet lacks them."""


def _base_letter(char: str) -> str:
    return _FOLD.get(char) or unicodedata.normalize("NFD", char)[0]


def sort_key(language: Language, text: str) -> tuple[tuple[int, ...], str, str]:
    """Primary: letters by the language's alphabet; then accents; then case."""
    position = {letter: i for i, letter in enumerate(language.alphabet)}
    primary: list[int] = []
    for char in text.casefold():
        if char in position:
            primary.append(position[char] + 1)
        elif _base_letter(char) in position:
            primary.append(position[_base_letter(char)] + 1)
        elif char.isalnum():
            # Unknown letters and digits sort before the alphabet, by code point.
            primary.append(-0x110000 + ord(char))
        # Spaces, hyphens and punctuation are ignored at the primary level.
    return tuple(primary), text.casefold(), text.swapcase()


def initial(language: Language, text: str) -> str:
    """The index heading a term belongs under: its first letter of the alphabet, upper-cased."""
    for char in text.casefold():
        if char in language.alphabet:
            return char.upper()
        if _base_letter(char) in language.alphabet:
            return _base_letter(char).upper()
        if char.isalnum():
            return _OTHER
    return _OTHER


def group_by_initial(language: Language, items: Iterable[T],
                     key: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """Sort items by `key` in the language's order and group them under letter headings."""
    ordered = sorted(items, key=lambda item: sort_key(language, key(item)))
    return [(letter, list(group))
            for letter, group in groupby(ordered, key=lambda item: initial(language, key(item)))]
