"""`python -m builder._mkdocs build …`: MkDocs' own command line (after `--zensical`,
Zensical's), in a process that dies with the builder. On Linux it asks the kernel for SIGKILL
when its parent dies (PR_SET_PDEATHSIG), and gives up at once if the parent is already gone; so
a killed `kb build` leaves no MkDocs or Zensical writing into its work folder."""

from __future__ import annotations

import ctypes
import os
import signal
import sys


def die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if str(os.getppid()) != os.environ.get("KB_PARENT", str(os.getppid())):
        sys.exit(1)  # the parent died before the request was made


if __name__ == "__main__":
    die_with_parent()
    if sys.argv[1:2] == ["--zensical"]:  # builder/zensical.py
        del sys.argv[1]
        from zensical.main import cli as zensical_cli

        zensical_cli(prog_name="zensical")
    else:
        from mkdocs.__main__ import cli

        cli(prog_name="mkdocs")
