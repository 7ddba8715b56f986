"""Benchmark: build the real project a few times; report stage times and the site's size, and
how fast and in how much memory hostile inputs are refused.

    make bench            # or: .venv/bin/python scripts/benchmark.py --runs 5

Figures belong in the README (Benchmarks), not in timed tests.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
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


HOSTILE = {
    "the real project (no problem)": None,
    "alias bomb, 7 levels": "yaml-alias-bomb",
    "alias bomb, 9 levels (10^9 values)": "yaml-bomb-9",
    "nesting 60 deep": "yaml-deep",
    "nesting 10,000 deep": "yaml-deep-10000",
    "a 1.2 MB glossary file": "size-file",
    "a 5,000-character definition": "size-text",
    "a 900,000-character example": "size-wide-text",
    "a 30 MB file beside the pages": "size-asset",
}


def hostile() -> None:
    """`kb check` on each hostile input, in a process of its own: wall time and peak memory."""
    from tests.conftest import make_project

    print("refusing hostile inputs (kb check, whole process):")
    with tempfile.TemporaryDirectory() as tmp:
        for title, scenario in HOSTILE.items():
            root = ROOT if scenario is None else make_project(scenario, Path(tmp))
            start = time.perf_counter()
            process = subprocess.Popen([sys.executable, "-m", "builder", "check", "--root",
                                        str(root)], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            print(f"  {title:<38}{elapsed:6.2f} s {usage.ru_maxrss / 1024:6.0f} MB  exit {code}")
            if scenario is not None:
                shutil.rmtree(root)


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
    hostile()


if __name__ == "__main__":
    main()
