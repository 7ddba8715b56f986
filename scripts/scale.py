"""The benchmark at scale: synthetic projects of N concepts (`synthetic.py`) built by this
builder and, in the same run, the hand-assembled peer on equal content (`peer.py`), side by
side, with the issue's targets checked. `make bench` runs it after the real project's figures;
alone:

    .venv/bin/python scripts/scale.py --scales 100,1000,2000,5000 --peer-scales 100,1000

Each build runs in a process of its own, started by a bare Python (`measure.py`), so that its
wall time, CPU time and peak memory are its own. The synthetic projects set `handouts: false`:
the peer has no printed handouts, and their cost is measured on the real project instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import peer
import synthetic
from measure import Run, launch, succeeded

ROOT = Path(__file__).resolve().parent.parent
# The builder's own stages: everything but the MkDocs run (compile runs inside each
# language's MkDocs process and is reported by it, as CPU seconds summed over the languages).
OWN = ("load", "validate", "handouts", "exports", "compile", "assemble")

TARGET_OWN_SHARE = 0.10
TARGET_RATIO = {100: 0.35, 1000: 0.10}
TARGET_LINEARITY = 0.15
TARGET_PEAK_MB = 300
TARGET_PEAK_AT = 5000


@dataclass(frozen=True)
class Ours:
    n: int
    run: Run
    stages: dict[str, float]
    site_bytes: int
    language_bytes: dict[str, int] = field(default_factory=dict)

    @property
    def own(self) -> float:
        return sum(self.stages.get(name, 0.0) for name in OWN)

    @property
    def own_share(self) -> float:
        """Of the build's CPU time, the share of our own stages."""
        return self.own / self.run.cpu if self.run.cpu else 0.0


def stages_of(output: str) -> dict[str, float]:
    """The stage lines the builder prints: `name   1.23s`."""
    stages = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].endswith("s"):
            try:
                stages[parts[0]] = float(parts[1][:-1])
            except ValueError:
                continue
    return stages


def make_project(n: int, dest: Path) -> Path:
    root = synthetic.make(n, dest)
    config = root / "project.yml"
    config.write_text(config.read_text(encoding="utf-8") + "handouts: false\n", encoding="utf-8")
    return root


def build_ours(n: int, work: Path, engine: str = "mkdocs") -> Ours:
    root = make_project(n, work / f"kb-{n}")
    site = work / f"kb-{n}-site"
    run = succeeded(launch([sys.executable, "-m", "builder", "build", "--root", str(root),
                            "--site-dir", str(site), "--engine", engine], cwd=ROOT),
                    f"kb build --engine {engine}")
    total, by_language = 0, {}
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            top = path.relative_to(site).parts[0]
            key = top if top in synthetic.LANGS else "shared"
            by_language[key] = by_language.get(key, 0) + size
    shutil.rmtree(site)
    shutil.rmtree(root)
    return Ours(n, run, stages_of(run.output), total, by_language)


def serve_rebuild(work: Path, n: int = 100) -> tuple[float, dict[str, float]]:
    """What `kb serve` does after one glossary file changes: the whole build again, in the
    serving process (MkDocs already imported), the compiled sources not cached."""
    from builder import pipeline

    root = make_project(n, work / f"serve-{n}")
    site = work / f"serve-{n}-site"
    pipeline.build(root, site, lambda _: None)
    glossary = sorted((root / "glossary").glob("c*.yml"))[n // 2]
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "definition: ", "definition: Edited. ", 1), encoding="utf-8")
    lines: list[str] = []
    start = time.perf_counter()
    pipeline.build(root, site, lines.append)
    seconds = time.perf_counter() - start
    shutil.rmtree(site)
    shutil.rmtree(root)
    return seconds, stages_of("\n".join(lines))


def mb(size: float) -> str:
    return f"{size / 1e6:,.1f} MB"


def mark(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="100,1000,2000,5000")
    parser.add_argument("--peer-scales", default="100,1000",
                        help="the peer grows quadratically (1.5 GB of site at 1,000 concepts, "
                        "2.8 min); beyond 1,000 it is left out unless named here")
    parser.add_argument("--zensical-scales", default="100,1000",
                        help="also build these with `kb build --engine zensical`")
    parser.add_argument("--venv", type=Path, default=ROOT / ".bench" / "peer-venv")
    args = parser.parse_args(argv)
    scales = [int(n) for n in args.scales.split(",") if n]
    peer_scales = {int(n) for n in args.peer_scales.split(",") if n}
    zensical_scales = [int(n) for n in args.zensical_scales.split(",") if n]
    python = peer.ensure_venv(args.venv) if peer_scales else None
    ours: dict[int, Ours] = {}
    theirs: dict[int, peer.PeerResult] = {}
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        for n in scales:
            ours[n] = build_ours(n, work)
            line = ours[n]
            print(f"  built {n:,} concepts: ours {line.run.seconds:.1f} s", end="", flush=True)
            if n in peer_scales and python is not None:
                project = work / f"peer-{n}"
                peer.write_peer_project(n, project)
                theirs[n] = peer.build_peer(python, project, work / f"peer-{n}-site")
                shutil.rmtree(work / f"peer-{n}")
                shutil.rmtree(work / f"peer-{n}-site")
                print(f", peer {theirs[n].seconds:.1f} s", end="")
            print()
        zensical = {n: build_ours(n, work, "zensical") for n in zensical_scales}
        rebuild, rebuild_stages = serve_rebuild(work)
    report(ours, theirs, rebuild, rebuild_stages)
    if zensical:
        print("\nthe same projects with `kb build --engine zensical`:")
        print("| concepts | wall | CPU | peak | site | compile | zensical | vs MkDocs |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, line in zensical.items():
            versus = f"{line.run.seconds / ours[n].run.seconds:.2f}x" if n in ours else "–"
            print(f"| {n:,} | {line.run.seconds:.1f} s | {line.run.cpu:.1f} s | "
                  f"{line.run.peak_mb:.0f} MB | {mb(line.site_bytes)} | "
                  f"{line.stages.get('compile', 0):.2f} | {line.stages.get('zensical', 0):.2f} | "
                  f"{versus} |")


def report(ours: dict[int, Ours], theirs: dict[int, peer.PeerResult], rebuild: float,
           rebuild_stages: dict[str, float]) -> None:
    print(f"\nat scale: synthetic concepts of about 150 words per language, one quiz of 10 "
          f"questions per 10 concepts, {len(synthetic.LANGS)} languages, {os.cpu_count()} cores; "
          "whole process, one run each")
    print("| concepts | this builder | peak | site | peer (Material + static-i18n + "
          "mkdocs-quiz) | peak | site | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, line in ours.items():
        other = theirs.get(n)
        peer_cells = (f"{other.seconds:.1f} s | {other.peak_mb:.0f} MB | {mb(other.site_bytes)}"
                      if other else "not run | | ")
        ratio = f"{line.run.seconds / other.seconds:.2f}" if other else "–"
        print(f"| {n:,} | {line.run.seconds:.1f} s | {line.run.peak_mb:.0f} MB | "
              f"{mb(line.site_bytes)} | {peer_cells} | {ratio} |")
    print("\nthis builder's stages (s; compile is CPU summed over the languages' processes, "
          "inside mkdocs' wall time):")
    names = ["load", "validate", "exports", "compile", "mkdocs", "assemble"]
    print("| concepts | " + " | ".join(names) + " | wall | CPU | own stages' share of CPU |")
    print("|---:|" + "---:|" * (len(names) + 3))
    for n, line in ours.items():
        cells = " | ".join(f"{line.stages.get(name, 0.0):.2f}" for name in names)
        print(f"| {n:,} | {cells} | {line.run.seconds:.1f} | {line.run.cpu:.1f} | "
              f"{100 * line.own_share:.0f} % |")
    print("\nsite per language (MB; 'shared' is the theme's assets kept once, the downloads "
          "and the root pages):")
    for n, line in ours.items():
        parts = ", ".join(f"{key} {size / 1e6:.1f}" for key, size in sorted(line.language_bytes.items()))
        print(f"  {n:,}: {parts}")

    print("\ntargets:")
    worst = max(line.own_share for line in ours.values())
    print(f"  own stages at most {TARGET_OWN_SHARE:.0%} of a build at every scale: "
          f"{mark(worst <= TARGET_OWN_SHARE)} (largest share {worst:.0%})")
    for n, target in TARGET_RATIO.items():
        if n in ours and n in theirs:
            ratio = ours[n].run.seconds / theirs[n].seconds
            print(f"  at most {target}x the peer at {n:,} concepts: {mark(ratio <= target)} "
                  f"({ratio:.2f}x)")
        else:
            print(f"  at most {target}x the peer at {n:,} concepts: not measured")
    large = [n for n in ours if n >= 1000]
    if len(large) >= 2:
        per = {n: ours[n].run.seconds / n for n in large}
        base = per[min(large)]
        spread = max(abs(value / base - 1) for value in per.values())
        figures = ", ".join(f"{n:,}: {1000 * value:.1f} ms" for n, value in per.items())
        print(f"  linear (time per concept within ±{TARGET_LINEARITY:.0%} of {min(large):,}'s): "
              f"{mark(spread <= TARGET_LINEARITY)} ({figures}; largest deviation {spread:.0%})")
    if TARGET_PEAK_AT in ours:
        peak = ours[TARGET_PEAK_AT].run.peak_mb
        print(f"  peak memory under {TARGET_PEAK_MB} MB at {TARGET_PEAK_AT:,}: "
              f"{mark(peak < TARGET_PEAK_MB)} ({peak:.0f} MB)")
    print(f"  kb serve, one glossary file changed at 100 concepts, rebuilt in under 1 s: "
          f"{mark(rebuild < 1.0)} ({rebuild:.2f} s: " + ", ".join(
              f"{name} {seconds:.2f}" for name, seconds in rebuild_stages.items()) + ")")


if __name__ == "__main__":
    main()
