"""Score bands, shared by the quizzes (a message per band) and the self-assessment (a level per
band): whole percents from 0 to 100, in order, without gaps or overlaps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from builder.fields import Field, ListOf, Number, Record, Slug, Walk


@dataclass(frozen=True)
class Band:
    """A score range, in whole percent."""

    low: int
    high: int
    level: str | None = None
    """The assessment's level id (quiz bands have none)."""

    def holds(self, score: int) -> bool:
        return self.low <= score <= self.high


BAND = Record("band", (
    Field("from", Number(0, 100), True, "Lowest percent of the band."),
    Field("to", Number(0, 100), True, "Highest percent of the band."),
), noun="score band", example="{from: 0, to: 49}")

LEVEL_BAND = Record("level_band", (
    Field("from", Number(0, 100), True, "Lowest score of the band."),
    Field("to", Number(0, 100), True, "Highest score of the band."),
    Field("level", Slug(), True, "The level this band stands for."),
), noun="score band", example="{from: 0, to: 44, level: attention}")


def bands(record: Record) -> ListOf:
    return ListOf(record, min_items=1, max_items=100)


def to_bands(items: list[dict[str, Any]]) -> tuple[Band, ...]:
    return tuple(Band(b["from"], b["to"], b.get("level")) for b in items)


def levels_of(items: list[dict[str, Any]]) -> tuple[str, ...]:
    """Level ids from lowest to highest, each once."""
    return tuple(dict.fromkeys(b["level"] for b in items if b.get("level")))


def covers(name: str) -> Callable[[dict[str, Any], Walk], None]:
    """A rule: the bands in field `name` cover 0 to 100 in order, without gaps."""
    def check(data: dict[str, Any], walk: Walk) -> None:
        expected = 0
        items = data[name]
        for i, band in enumerate(items):
            if band["from"] != expected or band["to"] < band["from"]:
                walk.report(f"bands must cover 0 to 100 in order without gaps: expected from "
                            f"{expected}", at=f"{name}[{i}]")
                return
            expected = band["to"] + 1
        if expected != 101:
            walk.report("the last band must end at 100", at=f"{name}[{len(items) - 1}].to")
    return check
