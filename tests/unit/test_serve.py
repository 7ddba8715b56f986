"""`kb serve`: it prints the address it listens on, and a path with a NUL byte is answered 400
without a traceback; measured on a real server (in a thread, then `kb serve` as a process)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder.serve import PreviewServer, preview_server

URL = re.compile(r"Serving on (http://127\.0\.0\.1:(\d+)/)")


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[tuple[int, str]]:
    """A preview server on a free port in a thread, over a site of one page: its port and what
    it printed on starting."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")
    (tmp_path / "content").mkdir()
    server: PreviewServer = preview_server(tmp_path, site, "127.0.0.1:0", lambda: None)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    printed = ""
    for _ in range(100):
        printed += capsys.readouterr().err
        if URL.search(printed):
            break
        time.sleep(0.05)
    yield server.server_address[1], printed
    server.shutdown()
    thread.join(5)


def test_the_address_is_printed_with_the_port_really_bound(running: tuple[int, str]) -> None:
    port, printed = running
    match = URL.search(printed)
    assert match, printed
    assert int(match[2]) == port != 0
    assert get(port, "/")[0] == 200


@pytest.mark.parametrize("path", ["/%00", "/index.html%00", "/a%00b/", "/%00/../index.html"])
def test_a_nul_byte_is_a_bad_request_not_a_crash(
        path: str, running: tuple[int, str], capsys: pytest.CaptureFixture[str]) -> None:
    port, _ = running
    status, body = get(port, path)
    assert status == 400, body
    assert body.startswith(b"400 Bad Request") and b"Traceback" not in body
    assert "Traceback" not in capsys.readouterr().err
    status, page = get(port, "/index.html")  # and it serves on
    assert status == 200 and b"home" in page


def test_kb_serve_as_a_process(project: Callable[[str], Path]) -> None:
    """`kb serve` builds the project, prints its address, refuses `%00` with a 400 and no
    traceback, and stops cleanly on Ctrl+C."""
    root = project("base")
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "serve", "--root", str(root), "--dev-addr", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    lines: list[str] = []
    try:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            if match := URL.search(line):
                break
        else:
            pytest.fail("".join(lines))
        port = int(match[2])
        assert get(port, "/en/index.html")[0] == 200
        status, body = get(port, "/en/%00.html")
        assert status == 400, body
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Traceback" not in "".join(lines) + err, err
