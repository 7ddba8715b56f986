"""What author texts may not hold, and how titles are escaped for MkDocs.

YAML texts and catalogue strings are Markdown written by authors and translators; they end up in
pages, tooltips and the quizzes' HTML. Nothing in them may run script: no raw HTML, no
`javascript:`, `vbscript:` or `data:` URLs (however they are spelled), no event handler or style
attributes through attr_list (`{ onmouseover=… }`). Hand-written pages under `content/` are
trusted and may hold HTML.

The check is two-step so that it stays cheap: a text with none of the characters or words that
could make a link, an attribute or an entity is safe as it is; any other text is rendered with
the Markdown extensions that add attributes and links, and the HTML is inspected.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from html.parser import HTMLParser

import markdown

RAW_HTML_RE = re.compile(
    # A tag, a closing tag, a comment, CDATA or a processing instruction; not an autolink.
    r"<(?![A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>)(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z]|!--|!\[CDATA\[|\?)")
_SUSPECT_RE = re.compile(r"script|data|&|\{|\bon[a-z]+\s*=|\]\s*[(:]|<", re.IGNORECASE)
"""Anything that could become a URL, an attribute or a character reference."""
_BAD_SCHEMES = ("javascript", "vbscript", "data")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "cite", "poster", "background",
                             "xlink:href", "srcset", "data", "longdesc"})
_FORBIDDEN_ATTRIBUTES = frozenset({"style", "srcdoc"})
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

MARKDOWN_EXTENSIONS = ("attr_list", "abbr", "def_list", "footnotes", "tables", "md_in_html")
"""The extensions that can add links or attributes; texts are inspected as they would render."""


def check_markdown(text: str) -> list[str]:
    """What is wrong with an author's Markdown text, safety-wise: one message per kind of fault."""
    control = check_plain(text)
    if control:
        return control
    if RAW_HTML_RE.search(text):
        return ["raw HTML is not allowed; use Markdown"]
    if not _SUSPECT_RE.search(text):
        return []
    return _inspect(_render(text))


@cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))


def _render(text: str) -> str:
    return _markdown().reset().convert(text)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, controls and whitespace dropped."""
    cleaned = "".join(c for c in html.unescape(url) if c > " " and c != "\x7f")
    match = _SCHEME_RE.match(cleaned.lower())
    return match.group(1) if match else None


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.faults: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self._fault(f"an event handler attribute ({name}) is not allowed")
            elif name in _FORBIDDEN_ATTRIBUTES:
                self._fault(f"the attribute {name} is not allowed")
            elif name in _URL_ATTRIBUTES and value and url_scheme(value) in _BAD_SCHEMES:
                self._fault(f"a {url_scheme(value)}: URL is not allowed; link to a page or an "
                            "http(s) address")

    handle_startendtag = handle_starttag

    def _fault(self, message: str) -> None:
        if message not in self.faults:
            self.faults.append(message)


def _inspect(rendered: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(rendered)
    inspector.close()
    return inspector.faults


def find_control(text: str) -> int | None:
    """The index of the first control character (tab and line feed are not), or None."""
    match = _CONTROL_RE.search(text)
    return match.start() if match else None


def check_plain(text: str) -> list[str]:
    """For texts that are not Markdown (codes, names): control characters only."""
    at = find_control(text)
    return [] if at is None else [f"holds the control character U+{ord(text[at]):04X}; delete it"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def html_title(text: str) -> str:
    """A title as MkDocs expects it: MkDocs takes a page title from its `# heading` as escaped
    HTML, and Material prints titles, nav titles and the site name unescaped. So every title the
    builder hands to MkDocs is escaped the same way."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
