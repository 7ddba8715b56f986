"""Live preview: build, serve `site/` on localhost, rebuild on source changes, reload the browser.

MkDocs' own LiveReloadServer does the serving, watching and reloading; a failed rebuild prints
its problems and keeps serving the last good site. Once listening, it prints the address to open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

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


class PreviewServer(LiveReloadServer):
    """MkDocs' server, which says where it listens and refuses paths no file can have."""

    def server_activate(self) -> None:
        super().server_activate()
        click.secho(f"Serving on {self.address()} (Ctrl+C stops)", fg="green", err=True)

    def address(self) -> str:
        """The URL to open, with the port really bound (`--dev-addr 127.0.0.1:0` picks one)."""
        host, port = self.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def serve_request(self, environ: dict[str, Any],
                      start_response: Callable[..., Any]) -> Iterable[bytes]:
        # A NUL byte (`%00`) makes every file call raise, which MkDocs answers with a 500 and a
        # traceback in the terminal: it is the client's mistake, answered 400.
        if "\0" in environ.get("PATH_INFO", ""):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"400 Bad Request: the path holds a NUL byte.\n"]
        return super().serve_request(environ, start_response)


def preview_server(root: Path, site: Path, dev_addr: str,
                   rebuild: Callable[[], None]) -> PreviewServer:
    """The server for `site`, watching the project's sources, not yet listening."""
    host, _, port = dev_addr.rpartition(":")
    server = PreviewServer(builder=rebuild, host=host.strip("[]") or "127.0.0.1",
                           port=int(port), root=str(site))
    for name in watched():
        if (root / name).exists():
            server.watch(str(root / name))
    return server


def serve(root: Path, dev_addr: str, report: Report) -> None:
    site = root / "site"

    def rebuild() -> None:
        try:
            pipeline.build(root, site, report)
        except BuildError as error:
            for problem in error.problems:
                click.secho(str(problem), fg="red", err=True)
            click.secho("Build failed; still serving the last good site.", fg="red", err=True)

    rebuild()
    site.mkdir(exist_ok=True)
    server = preview_server(root, site, dev_addr, rebuild)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
