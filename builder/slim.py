"""Assemble stage, first step: the languages' sites made smaller before they go live.

- Source maps go: they serve the theme's developers, and were a quarter of each language.
- Of the search languages the theme ships, each language keeps what its own search loads (the
  `lang` of its search index: lunr's stemmer support, its stemmer, the multi-language glue).
- A theme file that no two languages hold differently is kept once, in the site's `assets/`,
  and every page's reference to it is rewritten to lead there. References stay relative, so
  the site still works from `file://` and under any path on a server; a reference is rewritten
  only where it resolves to that very file, and a file that differs between the languages stays
  in each language's folder. Each language's stemmer moves too: the shared search worker looks
  for it beside itself.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections import defaultdict
from pathlib import Path

ASSETS = "assets"
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)\s*$")
# Relative references in attributes, inline scripts and JSON: "../../assets/x.js", './assets/…'.
# Found by their literal "assets/" (fast), then the "../" before it read backwards.
_ASSET = re.compile(r"""assets/([^"'()\s?#]+)""")
_UP = re.compile(r"""(?:\.\./|\./)*$""")
_OPENERS = "\"'(="
# Where Material's search worker finds lunr's languages: `../lunr/` from itself.
_LUNR = "assets/javascripts/lunr/"


def slim(out: Path, codes: list[str]) -> None:
    """Slim the language folders `out/<code>` in place; shared files go to `out/assets/`."""
    for code in codes:
        drop_source_maps(out / code)
        drop_unused_search_languages(out / code)
    share_assets(out, codes)


def drop_source_maps(site: Path) -> None:
    """The theme's source maps (under `assets/`, where the theme puts its files) and the
    comments that point to them."""
    for path in (site / ASSETS).rglob("*"):
        if path.suffix == ".map":
            path.unlink()
        elif path.suffix in (".js", ".css"):
            data = path.read_bytes()
            if b"sourceMappingURL" in data[-300:]:
                path.write_bytes(_MAP_COMMENT.sub(b"\n", data).rstrip(b"\n") + b"\n")


def _search_languages(site: Path) -> list[str] | None:
    for index in (site / "search" / "search_index.json", site / "search.json"):
        if index.is_file():
            config = json.loads(index.read_text(encoding="utf-8")).get("config", {})
            return [str(lang) for lang in config.get("lang", [])]
    return None


def drop_unused_search_languages(site: Path) -> None:
    """Keep of the theme's lunr files what the worker imports for this site's languages."""
    langs = _search_languages(site)
    lunr = site / _LUNR
    if langs is None or not lunr.is_dir():
        return
    needed = {"min/lunr.stemmer.support.min.js", "LICENSE", "README.txt"}
    needed |= {f"min/lunr.{lang}.min.js" for lang in langs}
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    if "ja" in langs:
        needed.add("tinyseg.js")
    if {"th", "hi"} & set(langs):
        needed.add("wordcut.js")
    for path in lunr.rglob("*"):
        if path.is_file() and path.relative_to(lunr).as_posix() not in needed:
            path.unlink()


def share_assets(out: Path, codes: list[str]) -> set[str]:
    """Move each file of `<code>/assets/` that no two languages hold differently to
    `out/assets/`, rewrite the references to it, and return the moved paths (under `assets/`).
    A file only some languages hold moves too: the search worker finds each language's
    stemmer beside itself, so the stemmers must be where the shared worker is."""
    if len(codes) < 2:
        return set()
    holders: dict[str, list[Path]] = defaultdict(list)
    for code in codes:
        folder = out / code / ASSETS
        for path in folder.rglob("*"):
            if path.is_file():
                holders[path.relative_to(folder).as_posix()].append(path)
    shared = {rel for rel, paths in holders.items()
              if all(_same(paths[0], other) for other in paths[1:])}
    if not shared:
        return shared
    for code in codes:
        _rewrite_references(out / code, shared)
    for rel in sorted(shared):
        first, *others = holders[rel]
        target = out / ASSETS / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        first.rename(target)
        for other in others:
            other.unlink()
    for code in codes:
        _remove_empty_folders(out / code / ASSETS)
    return shared


def _same(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _rewrite_references(site: Path, shared: set[str]) -> None:
    for page in site.rglob("*.html"):
        folder = page.parent.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        changed = _rewritten(text, "" if folder == "." else folder, shared)
        if changed != text:
            page.write_text(changed, encoding="utf-8")


def _rewritten(text: str, folder: str, shared: set[str]) -> str:
    """`text` of a page in `folder` with each reference to a shared file leading one folder
    further up; only a reference that resolves to this language's assets/<file> changes."""
    parts: list[str] = []
    done = 0
    for match in _ASSET.finditer(text):
        rel = match.group(1)
        if rel not in shared:
            continue
        start = match.start()
        up = _UP.search(text, max(done, start - 60), start)
        assert up is not None  # the pattern matches the empty string
        begin = up.start()
        if begin == 0 or text[begin - 1] not in _OPENERS:
            continue
        if not _leads_to_root(folder, text[begin:start]):
            continue
        parts.append(text[done:start])
        parts.append(f"../{ASSETS}/")
        done = start + len(ASSETS) + 1
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


@functools.cache
def _leads_to_root(folder: str, prefix: str) -> bool:
    """Whether `prefix` ("../../") leads from `folder` to the language's root folder."""
    return posixpath.normpath(posixpath.join(folder or ".", prefix or ".")) == "."


def _remove_empty_folders(folder: Path) -> None:
    by_depth: dict[int, list[Path]] = defaultdict(list)
    for path in folder.rglob("*"):
        if path.is_dir():
            by_depth[len(path.parts)].append(path)
    for depth in sorted(by_depth, reverse=True):
        for path in by_depth[depth]:
            if not any(path.iterdir()):
                path.rmdir()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
