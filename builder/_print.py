"""`python -m builder._print JOBS.json`: print HTML documents to PDF with WeasyPrint, in a process
of its own that dies with the builder (as `builder._mkdocs` does). JOBS.json is a list of
`{"html": path, "target": path}`; each PDF is written beside its target and renamed into place,
so that a killed run never leaves half a PDF in the cache."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from builder._mkdocs import die_with_parent


def print_pdf(html: str, target: Path) -> None:
    import weasyprint

    fd, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(fd)
    try:
        weasyprint.HTML(string=html, base_url=str(target.parent)).write_pdf(temporary)
        Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)


if __name__ == "__main__":
    die_with_parent()
    for job in json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")):
        print_pdf(Path(job["html"]).read_text(encoding="utf-8"), Path(job["target"]))
