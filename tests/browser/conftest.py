"""Debian Chromium driven by Playwright, and the built fixture site served on localhost."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, Request, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium calls Google's hosts at start-up.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Debian's chromium (make test does)"
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(built_base: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_base))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@dataclass
class Watched:
    """A page whose console errors and requests to other hosts are recorded."""

    page: Page
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.hostname in (
        "127.0.0.1", "localhost")


@pytest.fixture
def open_page(browser: Browser) -> Iterator[functools.partial[Watched]]:
    contexts = []

    def make(locale: str = "en-US") -> Watched:
        context = browser.new_context(locale=locale)
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page)

        def guard(route: object, request: Request) -> None:
            if _is_local(request.url):
                route.continue_()  # type: ignore[attr-defined]
            else:
                watched.foreign.append(request.url)
                route.abort()  # type: ignore[attr-defined]

        context.route("**/*", guard)
        page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
        page.on("pageerror", lambda e: watched.errors.append(str(e)))
        return watched

    yield functools.partial(make)
    for context in contexts:
        context.close()
