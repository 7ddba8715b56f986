"""Benchmark: build the real project a few times; report stage times and the site's size.

    make bench            # or: .venv/bin/python scripts/benchmark.py --runs 5

Figures belong in the README (Benchmarks), not in timed tests.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import pipeline  # noqa: E402


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# The quiz engine's files and their budget (issue 4): at most 15 KB uncompressed together.
QUIZ_ENGINE = ("builder/theme/assets/javascripts/kb-quiz.js", "builder/theme/assets/stylesheets/kb-quiz.css")
QUIZ_ENGINE_BUDGET = 15 * 1024


ASSESSMENT = ("builder/theme/assets/javascripts/kb-assessment.js",
              "builder/theme/assets/stylesheets/kb-assessment.css")


def _sizes(title: str, names: tuple[str, ...]) -> int:
    total = 0
    print(f"{title} (uncompressed / gzip):")
    for name in names:
        data = (ROOT / name).read_bytes()
        total += len(data)
        print(f"  {Path(name).name:<18}{len(data) / 1024:6.1f} KB {len(gzip.compress(data)) / 1024:6.1f} KB")
    return total


def engine_size() -> None:
    total = _sizes("quiz engine", QUIZ_ENGINE)
    print(f"  {'total':<18}{total / 1024:6.1f} KB of {QUIZ_ENGINE_BUDGET // 1024} KB budget"
          f"{'' if total <= QUIZ_ENGINE_BUDGET else '  OVER BUDGET'}")
    total = _sizes("self-assessment", ASSESSMENT)
    print(f"  {'total':<18}{total / 1024:6.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    stages: dict[str, list[float]] = defaultdict(list)
    totals: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        for _ in range(args.runs):
            lines: list[str] = []
            start = time.perf_counter()
            project = pipeline.build(ROOT, site, lines.append)
            totals.append(time.perf_counter() - start)
            for line in lines:
                parts = line.split()
                if len(parts) == 2 and parts[1].endswith("s"):
                    stages[parts[0]].append(float(parts[1][:-1]))
        print(f"build of {len(project.concepts)} concepts, "
              f"{len({p.path for p in project.pages})} pages, "
              f"{len(project.config.languages)} languages; median of {args.runs} runs")
        for name, times in stages.items():
            print(f"  {name:<10}{statistics.median(times):7.2f} s")
        print(f"  {'total':<10}{statistics.median(totals):7.2f} s")
        size, count = folder_size(site)
        print(f"site: {size / 1e6:.1f} MB in {count} files")
        for lang in project.config.codes:
            lang_size, lang_count = folder_size(site / lang)
            print(f"  {lang}: {lang_size / 1e6:.1f} MB in {lang_count} files")
    engine_size()


if __name__ == "__main__":
    main()
