"""Benchmark: build the real project a few times; report stage times and the site's size, and
how fast and in how much memory hostile inputs are refused; then synthetic projects of 100 to
5,000 concepts beside the hand-assembled peer (scripts/scale.py).

    make bench            # or: .venv/bin/python scripts/benchmark.py --runs 5 --scales 100,1000

Figures belong in the README (Benchmarks), not in timed tests.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
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
    from measure import launch

    from tests.conftest import make_project

    print("refusing hostile inputs (kb check, whole process):")
    with tempfile.TemporaryDirectory() as tmp:
        for title, scenario in HOSTILE.items():
            root = ROOT if scenario is None else make_project(scenario, Path(tmp))
            run = launch([sys.executable, "-m", "builder", "check", "--root", str(root)], ROOT)
            print(f"  {title:<38}{run.seconds:6.2f} s {run.peak_mb:6.0f} MB  exit {run.code}")
            if scenario is not None:
                shutil.rmtree(root)


def timed_build(root: Path, site: Path) -> tuple[float, dict[str, float]]:
    """One build: its wall time and each stage's, as the builder reports them."""
    lines: list[str] = []
    start = time.perf_counter()
    pipeline.build(root, site, lines.append)
    total = time.perf_counter() - start
    stages = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 2 and parts[1].endswith("s"):
            stages[parts[0]] = float(parts[1][:-1])
    return total, stages


def copy_project(dest: Path) -> Path:
    """The real project's sources, to edit and configure without touching the repository."""
    root = dest / "project"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", ".build-*", ".kb-cache", "tests", "__pycache__", "*.egg-info"))
    return root


def handouts_bench(runs: int) -> None:
    """The printed handouts' cost: a build with an empty cache, with nothing changed, and after
    editing one definition and one quiz question."""
    from builder import handouts

    with tempfile.TemporaryDirectory() as tmp:
        root, site = copy_project(Path(tmp)), Path(tmp) / "site"
        os.environ["KB_CACHE_DIR"] = str(Path(tmp) / "cache")
        cold, cold_stage = [], []
        for _ in range(runs):
            shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
            total, stages = timed_build(root, site)
            cold.append(total)
            cold_stage.append(stages["handouts"])
        warm, warm_stage = [], []
        for _ in range(runs):
            total, stages = timed_build(root, site)
            warm.append(total)
            warm_stage.append(stages["handouts"])
        # One Danish definition: the Danish glossary is printed again, nothing else.
        concept = root / "glossary" / "buyers-remorse.yml"
        lines = concept.read_text(encoding="utf-8").splitlines()
        at = max(i for i, line in enumerate(lines) if line.strip() == "definition: >-") + 1
        lines[at] = lines[at].rstrip() + " (edited)"
        concept.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _, concept_edit = timed_build(root, site)
        # One Polish question: the Polish worksheet and answer key of that quiz.
        quiz = root / "quizzes" / "concepts.yml"
        quiz.write_text(quiz.read_text(encoding="utf-8").replace(
            "Czym jest dysonans poznawczy?", "Czym właściwie jest dysonans poznawczy?"),
            encoding="utf-8")
        _, quiz_edit = timed_build(root, site)
        count = len(list((site / "en" / handouts.HANDOUTS_DIR).glob("*.pdf")))
        size, _ = folder_size(site)
        pdfs = sum(p.stat().st_size for p in site.rglob("*.pdf"))
        med = statistics.median
        # The site's own pages link to the handouts: the build without them is a warm build
        # less its handouts stage.
        without = med(warm) - med(warm_stage)
        print(f"handouts: {count} PDFs per language, {pdfs / 1e6:.1f} MB of the {size / 1e6:.1f} MB "
              f"site; median of {runs} runs")
        print(f"  build less the handouts stage   {without:6.2f} s")
        print(f"  with an empty cache             {med(cold):6.2f} s  (handouts stage "
              f"{med(cold_stage):.2f} s, +{100 * (med(cold) / without - 1):.0f} %)")
        print(f"  nothing changed                 {med(warm):6.2f} s  (handouts stage "
              f"{med(warm_stage):.2f} s, +{100 * (med(warm) / without - 1):.0f} %)")
        print(f"  one definition edited           {concept_edit['handouts']:6.2f} s handouts stage (1 PDF)")
        print(f"  one quiz question edited        {quiz_edit['handouts']:6.2f} s handouts stage (2 PDFs)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Any other option goes to scripts/scale.py (--scales, --peer-scales, "
               "--zensical-scales).")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("real", "scale"),
                        help="only the real project's figures, or only those at scale")
    args, rest = parser.parse_known_args()
    if args.only != "scale":
        real_project(args.runs)
    if args.only != "real":
        import scale

        scale.main(rest)


def real_project(runs: int) -> None:
    stages: dict[str, list[float]] = defaultdict(list)
    totals: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        for _ in range(runs):
            total, times = timed_build(ROOT, site)
            totals.append(total)
            for name, seconds in times.items():
                stages[name].append(seconds)
        project, _ = pipeline.check(ROOT, lambda _: None)
        print(f"build of {len(project.concepts)} concepts, "
              f"{len({p.path for p in project.pages})} pages, "
              f"{len(project.config.languages)} languages; median of {runs} runs "
              "(handouts from the cache)")
        for name, times in stages.items():
            print(f"  {name:<10}{statistics.median(times):7.2f} s")
        print(f"  {'total':<10}{statistics.median(totals):7.2f} s")
        size, count = folder_size(site)
        print(f"site: {size / 1e6:.1f} MB in {count} files")
        for lang in project.config.codes:
            lang_size, lang_count = folder_size(site / lang)
            print(f"  {lang}: {lang_size / 1e6:.1f} MB in {lang_count} files")
        for shared in ("assets", "downloads"):
            shared_size, shared_count = folder_size(site / shared)
            print(f"  {shared + '/':<10}{shared_size / 1e6:.1f} MB in {shared_count} files "
                  "(once for every language)")
    handouts_bench(runs)
    engine_size()
    hostile()


if __name__ == "__main__":
    main()
