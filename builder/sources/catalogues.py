"""Interface strings: the gettext catalogues under `locales/`, read with Babel.

Babel's reader forgives a great deal (an unclosed string, a keyword misspelt), so each catalogue
is first read by a strict reader that names the line of any syntax error. Then, per catalogue:
the `Language` header matches its folder, the plural forms agree with the language's rules in
Babel's CLDR data (Polish needs three), every translation keeps the placeholders of its msgid
(`Catalog.check()`) and formats without error, and no translation holds raw HTML or a script URL
(Jinja trusts translations as they are). Against the template (`messages.pot`): every msgid is
translated, none is fuzzy, plural entries have every form. Catalogues are compiled in memory, so
a build never uses a stale `.mo`.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from builder.problems import Problems
from builder.safety import check_markdown
from builder.sources.base import Kind, Source
from builder.sources.files import Finder, Found, read_text

if TYPE_CHECKING:
    from builder.model import Project
    from builder.sources.project import ProjectConfig

LOCALES_DIR = "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
"""The language of the msgids; its catalogue may leave every msgstr empty."""
SUMMARY_AFTER = 8
"""More problems of one sort than this in one catalogue are summed up in one line."""


def catalogue_rel(lang: str) -> str:
    return f"{LOCALES_DIR}/{lang}/LC_MESSAGES/{DOMAIN}.po"


def template_rel() -> str:
    return f"{LOCALES_DIR}/{DOMAIN}.pot"


@dataclass(frozen=True)
class Catalogue:
    """One language's catalogue (or, with `lang` None, the template)."""

    lang: str | None
    rel: str
    catalog: Catalog
    lines: dict[str, int]
    """msgid → the line its entry starts on, for problems."""

    @property
    def translations(self) -> gettext.NullTranslations:
        buffer = BytesIO()
        write_mo(buffer, self.catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)


class Catalogues(Kind):
    name = "catalogues"

    def find(self, finder: Finder, config: ProjectConfig) -> list[Found]:
        wanted = [template_rel(), *(catalogue_rel(lang) for lang in config.codes)]
        return [f for f in (finder.file(rel) for rel in wanted) if f is not None]

    def load(self, found: Found, config: ProjectConfig) -> Source:
        problems = Problems()
        lang = None if found.rel == template_rel() else found.rel.split("/")[1]
        text = read_text(found, problems, limit=2_000_000)
        entry = None
        if text is not None:
            lines = check_syntax(text, found.rel, problems)
            if not problems and lang is not None:
                _check_header(text, lang, found.rel, problems)
            if not problems:
                try:
                    catalog = read_po(BytesIO(text.encode("utf-8")), locale=lang,
                                      abort_invalid=True)
                except (PoFileError, ValueError) as error:
                    problems.add(found.rel, "(file)", f"invalid catalogue: {error}")
                else:
                    if lang is not None:
                        _check_messages(catalog, lines, found.rel, problems)
                    if not problems:
                        entry = Catalogue(lang, found.rel, catalog, lines)
        return Source(self.name, found.rel, lang, entry, tuple(problems))

    def check(self, project: Project, problems: Problems) -> None:
        sources = {s.rel: s for s in project.inventory.of(self.name)}
        template_source = sources.get(template_rel())
        if template_source is None:
            problems.add(template_rel(), "(file)", "missing; run `make i18n`")
            return
        for lang in project.config.codes:
            if catalogue_rel(lang) not in sources:
                problems.add(catalogue_rel(lang), "(file)", "missing catalogue; create it with "
                             f"`pybabel init -D {DOMAIN} -i {template_rel()} -d {LOCALES_DIR} "
                             f"-l {lang}` (or `make i18n`)")
        template = template_source.entry
        if template is None:
            return
        for catalogue in project.inventory.entries(self.name):
            if catalogue.lang not in (None, SOURCE_LANGUAGE):
                _check_against(template.catalog, catalogue, problems)


# -- Strict syntax ----------------------------------------------------------------------------------

_STRING = r'"(?:[^"\\]|\\.)*"'
_LINE_RE = re.compile(rf"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+({_STRING})\s*$")
_CONTINUATION_RE = re.compile(rf"^({_STRING})\s*$")
_KEYWORD_RE = re.compile(r"^(msg[\w]*)(\[\d+\])?\s*")
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
_ESCAPE_RE = re.compile(r"\\(.)")


def check_syntax(text: str, rel: str, problems: Problems) -> dict[str, int]:
    """Read the catalogue line by line as gettext does, adding a problem per broken line.
    Returns msgid → the line its entry starts on, for later problems."""
    reader = _PoReader(rel, problems)
    for number, raw in enumerate(text.split("\n"), start=1):
        reader.line(number, raw.strip())
    reader.end()
    return reader.lines


class _PoReader:
    """The states of a catalogue entry: idle → [ctxt] → id → [plural] → str."""

    def __init__(self, rel: str, problems: Problems) -> None:
        self.rel, self.problems = rel, problems
        self.lines: dict[str, int] = {}
        self.state = "idle"
        self.entry_line, self.msgid, self.last_index = 0, "", -1

    def fault(self, number: int, message: str) -> None:
        self.problems.add(self.rel, f"line {number}", message)

    def line(self, number: int, line: str) -> None:
        if not line or line.startswith("#"):
            return
        match = _LINE_RE.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unescape(match.group(3))
            if keyword == "msgstr":
                self.msgstr(number, None if index is None else int(index))
            else:
                self.start(number, keyword, value)
            self.state = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "plural"}.get(
                keyword, "str")
            return
        continuation = _CONTINUATION_RE.match(line)
        if continuation:
            if self.state == "idle":
                self.fault(number, "a string where none belongs")
            elif self.state == "id":
                self.msgid += _unescape(continuation.group(1))
            return
        keyword_match = _KEYWORD_RE.match(line)
        if keyword_match and keyword_match.group(1) not in _KEYWORDS:
            self.fault(number, f"unknown keyword {keyword_match.group(1)!r}")
        elif keyword_match or line.startswith('"'):
            self.fault(number, 'a string that is not closed (a missing " at the end, or a " '
                       'inside it that should be written \\")')
        else:
            self.fault(number, f"not a catalogue line: {line[:40]!r}")
            return
        # Read on as if the keyword were right, so that one broken line is one problem.
        if keyword_match:
            keyword = next((k for k in _KEYWORDS if keyword_match.group(1).startswith(k)), "msgstr")
            self.state = {"msgctxt": "ctxt", "msgid": "id", "msgid_plural": "plural"}.get(
                keyword, "str")
            if keyword == "msgid":
                self.entry_line, self.msgid = number, ""

    def start(self, number: int, keyword: str, value: str) -> None:
        """msgctxt, msgid or msgid_plural."""
        if keyword == "msgid_plural":
            if self.state != "id":
                self.fault(number, "msgid_plural must follow a msgid")
            return
        if keyword == "msgid" and self.state == "ctxt":
            self.msgid = value
            return
        self.end()
        self.entry_line, self.msgid = number, value if keyword == "msgid" else ""

    def msgstr(self, number: int, index: int | None) -> None:
        state = self.state
        wanted = 0 if state == "plural" else self.last_index + 1
        if index is None and state == "plural":
            self.fault(number, "a plural entry needs msgstr[0], msgstr[1]… instead of msgstr")
        elif index is not None and state == "id":
            self.fault(number, "msgstr[N] belongs to a plural entry (with msgid_plural); use msgstr")
        elif state not in ("id", "plural") and not (index is not None and state == "str"
                                                    and self.last_index >= 0):
            self.fault(number, "msgstr without a msgid before it")
        elif index is not None and index != wanted:
            self.fault(number, f"expected msgstr[{wanted}]")
        if state in ("id", "plural"):
            if self.msgid and self.msgid in self.lines:
                self.fault(self.entry_line, f"msgid {_short(self.msgid)} is translated twice "
                           f"(also at line {self.lines[self.msgid]})")
            self.lines.setdefault(self.msgid, self.entry_line)
        self.last_index = index if index is not None else -1

    def end(self) -> None:
        if self.state in ("ctxt", "id", "plural"):
            self.fault(self.entry_line, f"msgid {_short(self.msgid)} has no msgstr")
        self.state = "idle"


def _unescape(quoted: str) -> str:
    return _ESCAPE_RE.sub(lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), quoted[1:-1])


# -- Per catalogue ----------------------------------------------------------------------------------

_HEADER_RE = re.compile(r'^"([A-Za-z-]+):\s*(.*?)(?:\\n)?"$')


def _header(text: str) -> dict[str, tuple[str, int]]:
    """The header entry's fields (`Language`, `Plural-Forms`), each with the line it starts on;
    a field continued on the next line is joined."""
    fields: dict[str, tuple[str, int]] = {}
    last = ""
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if (line.startswith("msgid") and line != 'msgid ""') or (not line and fields):
            break
        match = _HEADER_RE.match(line)
        if match:
            last = match.group(1)
            fields[last] = (match.group(2), number)
        elif line.startswith('"') and last:
            value, start = fields[last]
            fields[last] = (value + line.strip('"').removesuffix("\\n"), start)
    return fields


def _check_header(text: str, lang: str, rel: str, problems: Problems) -> None:
    header = _header(text)
    declared, line = header.get("Language", ("", 1))
    if declared and declared.replace("_", "-").lower() != lang.lower():
        problems.add(rel, f"line {line}", f"the header says Language: {declared}, but the "
                     f"catalogue is in the {lang!r} folder")
    if "Plural-Forms" not in header:
        return  # Babel then uses the language's own rules
    value, line = header["Plural-Forms"]
    where = f"line {line}"
    expected = get_plural(lang.replace("-", "_"))
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$", value)
    if not match:
        problems.add(rel, where, f"cannot read the Plural-Forms header {value!r}")
        return
    count, expression = int(match.group(1)), match.group(2)
    if count != expected.num_plurals:
        problems.add(rel, where, f"nplurals={count}, but {lang} has {expected.num_plurals} plural "
                     f"forms in CLDR (Plural-Forms: {expected.plural_forms})")
        return
    try:
        ours, theirs = gettext.c2py(expression), gettext.c2py(expected.plural_expr)
    except (ValueError, SyntaxError):
        problems.add(rel, where, f"the plural expression {expression!r} is not valid")
        return
    wrong = next((n for n in range(1001) if ours(n) != theirs(n)), None)
    if wrong is not None:
        problems.add(rel, where, f"the plural expression picks form {ours(wrong)} for {wrong}, "
                     f"where {lang} uses form {theirs(wrong)} (CLDR: {expected.plural_expr})")


_PLACEHOLDER_RE = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%]")


def _check_messages(catalog: Catalog, lines: dict[str, int], rel: str, problems: Problems) -> None:
    checked = {id(m): errors for m, errors in catalog.check()}
    for message in catalog:
        if not message.id or not message.string:
            continue
        key = _key(message)
        where = f"line {lines.get(key, message.lineno or 0)}"
        errors = checked.get(id(message), ())
        for error in errors:
            problems.add(rel, where, f"msgid {_short(key)}: {error}")
        for string in _strings(message) if not errors else ():
            fault = _format_fault(key, _strings(message, ids=True), string)
            if fault:
                problems.add(rel, where, f"msgid {_short(key)}: {fault}")
            for safety_fault in check_markdown(string) if string else ():
                problems.add(rel, where, f"msgid {_short(key)}: {safety_fault}")


def _format_fault(key: str, msgids: list[str], string: str) -> str | None:
    """Templates format every translation with `%` (Jinja's newstyle gettext), even one whose
    msgid has no placeholder; a stray `%` would stop the build."""
    names = {n for msgid in msgids for n in _PLACEHOLDER_RE.findall(msgid) if n}
    formatted = any("%" in msgid for msgid in msgids)
    if not formatted:
        if "%" in string:
            return ("a % in a message whose msgid has no placeholder; write the percent sign "
                    "out (procent, pct.) or ask for a placeholder")
        return None
    try:
        string % dict.fromkeys(names, 1)
    except KeyError as error:
        return f"the placeholder %({error.args[0]})… is not in the msgid"
    except (TypeError, ValueError):
        return "a % that is not a placeholder of the msgid; write a literal percent sign as %%"
    return None


def _short(msgid: str) -> str:
    return repr(msgid if len(msgid) <= 60 else msgid[:59] + "…")


def _key(message: Message) -> str:
    return message.id[0] if isinstance(message.id, list | tuple) else message.id


def _strings(message: Message, ids: bool = False) -> list[str]:
    value = message.id if ids else message.string
    return list(value) if isinstance(value, list | tuple) else [value]


# -- Against the template ---------------------------------------------------------------------------

def _check_against(template: Catalog, catalogue: Catalogue, problems: Problems) -> None:
    rel, catalog = catalogue.rel, catalogue.catalog
    found: dict[str, list[tuple[str, str]]] = {}
    for message in template:
        if not message.id:
            continue
        key = _key(message)
        own = catalog.get(message.id)
        where = f"line {catalogue.lines[key]}" if key in catalogue.lines else f"msgid {_short(key)}"
        if own is None:
            found.setdefault("missing", []).append((f"msgid {_short(key)}", "missing; run `make i18n` "
                                                    "and translate it"))
        elif own.fuzzy:
            found.setdefault("fuzzy", []).append((where, f"msgid {_short(key)}: marked fuzzy; review "
                                                  "the translation"))
        elif not any(_strings(own)):
            found.setdefault("untranslated", []).append((where, f"msgid {_short(key)}: not "
                                                         "translated"))
        elif isinstance(own.string, list | tuple):
            if len(own.string) != catalog.num_plurals or not all(own.string):
                found.setdefault("plural", []).append((where, f"msgid {_short(key)}: needs "
                                                       f"{catalog.num_plurals} plural forms "
                                                       f"({catalog.plural_forms})"))
        elif not own.string:
            found.setdefault("untranslated", []).append((where, f"msgid {_short(key)}: not "
                                                         "translated"))
    total = sum(1 for m in template if m.id)
    for kind, items in found.items():
        if len(items) > SUMMARY_AFTER:
            where, first = items[0]
            what = {"missing": "are missing", "fuzzy": "are marked fuzzy",
                    "untranslated": "are not translated", "plural": "lack plural forms"}[kind]
            problems.add(rel, "(file)", f"{len(items)} of {total} messages {what} (the first: "
                         f"{where}: {first}); `make i18n` brings the catalogue up to date")
        else:
            for where, message in items:
                problems.add(rel, where, message)


def iter_messages(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


KIND = Catalogues()
