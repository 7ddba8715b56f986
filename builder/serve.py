"""Live preview: build, serve `site/` on localhost, rebuild on source changes, reload the browser.

MkDocs' own LiveReloadServer does the serving, watching and reloading; a failed rebuild prints
its problems and keeps serving the last good site.
"""

from __future__ import annotations

from pathlib import Path

import click
from mkdocs.livereload import LiveReloadServer

from builder import pipeline
from builder.pipeline import Report
from builder.problems import BuildError


def watched() -> tuple[str, ...]:
    """Every source folder and file: the YAML kinds' folders among them."""
    from builder.sources import YAML_KINDS
    from builder.sources.catalogues import LOCALES_DIR
    from builder.sources.pages import CONTENT_DIR

    folders = dict.fromkeys(k.folder.split("/")[0] for k in YAML_KINDS)
    return (CONTENT_DIR, *folders, LOCALES_DIR, "mkdocs.yml", "project.yml")


def serve(root: Path, dev_addr: str, report: Report) -> None:
    site = root / "site"
    host, _, port = dev_addr.rpartition(":")

    def rebuild() -> None:
        try:
            pipeline.build(root, site, report)
        except BuildError as error:
            for problem in error.problems:
                click.secho(str(problem), fg="red", err=True)
            click.secho("Build failed; still serving the last good site.", fg="red", err=True)

    rebuild()
    site.mkdir(exist_ok=True)
    server = LiveReloadServer(builder=rebuild, host=host or "127.0.0.1", port=int(port),
                              root=str(site))
    for name in watched():
        if (root / name).exists():
            server.watch(str(root / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
