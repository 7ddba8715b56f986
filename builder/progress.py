"""Which file the builder is working on, for the last guard of the command line: an unexpected
exception is reported in one line naming that file (`kb --debug` shows the traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

_stack: list[str] = []
_failed_in: list[str] = []


@contextmanager
def processing(what: str) -> Iterator[None]:
    """Mark `what` (a file, or a stage and a language) as being worked on."""
    _stack.append(what)
    try:
        yield
    except BaseException:
        if not _failed_in:
            _failed_in.append(what)
        raise
    finally:
        _stack.pop()


def current() -> str | None:
    """The innermost thing being worked on when the exception was raised (or now)."""
    return _failed_in[0] if _failed_in else (_stack[-1] if _stack else None)


def reset() -> None:
    _stack.clear()
    _failed_in.clear()
