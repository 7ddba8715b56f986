"""One command measured in a process of its own, for the benchmarks (benchmark.py, scale.py,
peer.py): wall time, CPU time and peak memory.

A child's peak memory counts its parent's at exec (Linux keeps the larger), so the command is
started by a bare Python that has loaded nothing (`LAUNCHER`), not by the benchmark with its
built sites. CPU time is the command's and every process it waited for; peak memory is that
of the largest single process of the tree (Linux reports the maximum, not the sum).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
with open(sys.argv[1], "wb") as log:
    child = subprocess.Popen(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
      os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    peak_mb: float
    code: int
    output: str
    """What the command printed, stdout and stderr together."""


def launch(command: list[str], cwd: Path) -> Run:
    """Run `command` in `cwd` under the launcher; its exit status is the caller's to judge."""
    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        measured = subprocess.run([sys.executable, "-c", LAUNCHER, log.name, *command],
                                  capture_output=True, text=True, check=False, cwd=cwd)
        output = Path(log.name).read_text(encoding="utf-8", errors="replace")
    try:
        seconds, cpu, peak, code = measured.stdout.split()
    except ValueError:
        raise RuntimeError(f"the launcher failed:\n{measured.stderr[-3000:]}") from None
    # ru_maxrss is in KiB on Linux.
    return Run(float(seconds), float(cpu), int(peak) / 1024, int(code), output)


def succeeded(run: Run, what: str) -> Run:
    """`run`, or a RuntimeError with the end of its output if it failed."""
    if run.code != 0:
        tail = "\n".join(run.output.splitlines()[-30:])
        raise RuntimeError(f"{what} exited with {run.code}:\n{tail}")
    return run
