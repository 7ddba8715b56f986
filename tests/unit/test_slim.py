"""builder/slim.py: source maps dropped, each language keeping the search languages it loads,
and theme files the languages hold alike kept once at the site's root, every reference to them
rewritten to a relative path that resolves to that file."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from builder.slim import drop_source_maps, drop_unused_search_languages, share_assets, slim

LUNR = "assets/javascripts/lunr/min"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def page(depth_prefix: str, extra: str = "") -> str:
    return (f'<link rel="stylesheet" href="{depth_prefix}assets/stylesheets/main.css">'
            f'<script src="{depth_prefix}assets/javascripts/bundle.js"></script>'
            f'<script id="__config" type="application/json">{{"base": "{depth_prefix or "."}",'
            f' "search": "{depth_prefix}assets/javascripts/workers/kb-search.js?w=search.js"}}'
            f'</script><img src="{depth_prefix}assets/images/own.png">{extra}')


def make_site(out: Path, codes: list[str]) -> None:
    for code in codes:
        site = out / code
        write(site / "assets/stylesheets/main.css", "body{}\n/*# sourceMappingURL=main.css.map*/")
        write(site / "assets/stylesheets/main.css.map", "{}")
        write(site / "assets/javascripts/bundle.js", "run()\n//# sourceMappingURL=bundle.js.map\n")
        write(site / "assets/javascripts/workers/kb-search.js", "w()")
        write(site / "assets/images/own.png", f"picture of {code}")  # differs per language
        write(site / LUNR / "lunr.stemmer.support.min.js", "support")
        for lang in ("pl", "da", "ja"):
            write(site / LUNR / f"lunr.{lang}.min.js", lang)
        write(site / "assets/javascripts/lunr/tinyseg.js", "ja")
        write(site / "search/search_index.json", json.dumps({"config": {"lang": [code]}}))
        write(site / "index.html", page(""))
        write(site / "glossary/apple/index.html", page("../../", ' <a href="assets/x.html">'))
        write(site / "quizzes/index.html", page("./../"))


def test_source_maps_and_their_comments_go(tmp_path: Path) -> None:
    make_site(tmp_path, ["pl"])
    drop_source_maps(tmp_path / "pl")
    assert not list((tmp_path / "pl").rglob("*.map"))
    assert (tmp_path / "pl/assets/javascripts/bundle.js").read_text() == "run()\n"
    assert (tmp_path / "pl/assets/stylesheets/main.css").read_text() == "body{}\n"


def test_each_language_keeps_the_stemmers_its_search_loads(tmp_path: Path) -> None:
    make_site(tmp_path, ["pl", "en"])
    for code in ("pl", "en"):
        drop_unused_search_languages(tmp_path / code)
    assert sorted(p.name for p in (tmp_path / "pl" / LUNR).iterdir()) == [
        "lunr.pl.min.js", "lunr.stemmer.support.min.js"]
    assert sorted(p.name for p in (tmp_path / "en" / LUNR).iterdir()) == [
        "lunr.stemmer.support.min.js"]
    assert not (tmp_path / "pl/assets/javascripts/lunr/tinyseg.js").exists()


def test_shared_files_move_to_the_root_and_every_reference_follows(tmp_path: Path) -> None:
    codes = ["en", "pl", "da"]
    make_site(tmp_path, codes)
    slim(tmp_path, codes)
    root = tmp_path / "assets"
    assert (root / "javascripts/bundle.js").is_file()
    assert (root / "stylesheets/main.css").is_file()
    # Each language's stemmer is beside the shared worker, which loads ../lunr/min/ from itself.
    assert sorted(p.name for p in (root / "javascripts/lunr/min").iterdir()) == [
        "lunr.da.min.js", "lunr.pl.min.js", "lunr.stemmer.support.min.js"]
    for code in codes:
        # What differs between the languages stays in each.
        assert (tmp_path / code / "assets/images/own.png").read_text() == f"picture of {code}"
        assert not (tmp_path / code / "assets/javascripts").exists()
        for html in (tmp_path / code).rglob("*.html"):
            text = html.read_text(encoding="utf-8")
            for groups in re.findall(r'(?:href|src)="([^"]+)"|"search": "([^"?]+)', text):
                ref = next(r for r in groups if r)
                target = posixpath.normpath(posixpath.join(
                    html.parent.relative_to(tmp_path).as_posix(), ref))
                assert (tmp_path / target).is_file() or ref == "assets/x.html", (html, ref)
    # A relative "assets/" that is not the language's assets folder is left alone.
    assert '<a href="assets/x.html">' in (tmp_path / "pl/glossary/apple/index.html").read_text()
    assert '"base": "./../"' in (tmp_path / "pl/quizzes/index.html").read_text()


def test_a_file_two_languages_hold_differently_stays_in_each(tmp_path: Path) -> None:
    codes = ["en", "pl"]
    make_site(tmp_path, codes)
    write(tmp_path / "pl/assets/javascripts/bundle.js", "another bundle")
    moved = share_assets(tmp_path, codes)
    assert "javascripts/bundle.js" not in moved and "stylesheets/main.css" in moved
    assert (tmp_path / "pl/assets/javascripts/bundle.js").read_text() == "another bundle"
    assert 'src="assets/javascripts/bundle.js"' in (tmp_path / "pl/index.html").read_text()
    assert 'href="../assets/stylesheets/main.css"' in (tmp_path / "pl/index.html").read_text()


def test_one_language_shares_nothing(tmp_path: Path) -> None:
    make_site(tmp_path, ["pl"])
    assert share_assets(tmp_path, ["pl"]) == set()
    assert not (tmp_path / "assets").exists()
