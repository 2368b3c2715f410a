"""HTML pages: tag soup, hostile encodings and deep nesting never crash; a page's story is always found."""

from __future__ import annotations

import html
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.sources import Problems, read_paths
from tests.fuzz.profiles import budget
from tests.fuzz.strategies import BAD_BYTES, nasty_text, sentences, skip_lines

TAGS = [
    "html", "head", "body", "title", "meta", "link", "div", "p", "span", "article", "main", "section", "nav",
    "footer", "header", "aside", "script", "style", "table", "tr", "td", "ul", "li", "h1", "b", "a", "br", "img",
    "svg", "math", "template", "noscript", "iframe", "textarea", "pre", "figure", "form", "select", "frameset",
]  # fmt: skip
ATTRIBUTES = [
    ' lang="en"', ' lang="x-\u00e9\u00e9"', ' charset="utf-8"', ' charset="no-such-codec"', ' charset="utf-16"',
    ' http-equiv="Content-Type" content="text/html; charset=iso-8859-1"', ' rel="canonical" href="/a/../b"',
    ' rel="canonical" href="http://[::1"', ' property="og:url" content=""', ' property="article:published_time" content="2019-02-30"',
    ' name="date" content="31/31/2020"', ' class="comments"', ' id="main"', " hidden", ' style="display:none"', ' x="\x00"',
]  # fmt: skip
ENTITIES = ["&amp;", "&lt;", "&#0;", "&#x110000;", "&#99999999999;", "&nosuch;", "&", "&#xD800;", "<!--", "-->", "<![CDATA[", "]]>"]

TEXT = st.one_of(nasty_text(30), sentences(), st.sampled_from(ENTITIES))


def _element(tag: str, attributes: list[str], children: list[str], closed: bool) -> str:
    return f"<{tag}{''.join(attributes)}>{''.join(children)}" + (f"</{tag}>" if closed else "")


SOUP = st.recursive(
    TEXT,
    lambda inner: st.builds(_element, st.sampled_from(TAGS), st.lists(st.sampled_from(ATTRIBUTES), max_size=3),
                            st.lists(inner, max_size=4), st.booleans()),
    max_leaves=25,
)
ENCODINGS = ["utf-8", "utf-16", "latin-1", "cp1252", "shift_jis"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("html")


def _read(path: Path) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths([str(path)], problems, languages=None)), problems


def _one_article_or_one_skip(path: Path) -> list:
    articles, problems = _read(path)
    assert len(articles) + len(problems.skipped) == 1
    assert skip_lines(problems.skipped, str(path)) in ([], [None])
    for article in articles:
        assert article.text.strip() and article.id == path.name and article.origin == str(path)
        assert article.published is None or date.fromisoformat(article.published)
    return articles


@budget(ci=40)
@given(page=SOUP, encoding=st.sampled_from(ENCODINGS), junk=st.lists(st.sampled_from(BAD_BYTES), max_size=4),
       depth=st.integers(0, 3000))  # fmt: skip
def test_tag_soup_in_any_encoding_is_one_article_or_one_skip(folder: Path, page: str, encoding: str, junk: list[bytes],
                                                              depth: int) -> None:  # fmt: skip
    path = folder / "soup.html"
    body = "<div>" * depth + page + "</div>" * (depth // 2)
    path.write_bytes(b"".join(junk) + body.encode(encoding, errors="replace"))
    _one_article_or_one_skip(path)


@budget(ci=40)
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_named_html_are_one_article_or_one_skip(folder: Path, data: bytes) -> None:
    path = folder / "bytes.htm"
    path.write_bytes(data)
    _one_article_or_one_skip(path)


STORY = st.lists(sentences(8, 16), min_size=3, max_size=6)


@budget(ci=30)
@given(paragraphs=st.lists(STORY, min_size=1, max_size=3), noise=st.lists(nasty_text(30), max_size=3),
       depth=st.integers(0, 150), encoding=st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]),
       title=nasty_text(20))  # fmt: skip
def test_the_story_of_a_page_is_always_found(folder: Path, paragraphs: list[list[str]], noise: list[str], depth: int,
                                             encoding: str, title: str) -> None:  # fmt: skip
    path = folder / "story.html"
    junk = "".join(f"<nav><a href='/'>{html.escape(n)}</a></nav>" for n in noise)
    story = "".join(f"<p>{html.escape(' '.join(p))}</p>" for p in paragraphs)
    charset = f'<meta charset="{encoding}">' if encoding != "utf-16" else ""
    page = (f"<!DOCTYPE html><html lang=en><head>{charset}<title>{html.escape(title)}</title></head><body>{junk}"
            + "<div>" * depth + f"<article>{story}</article>" + "</div>" * depth + "<footer>Copyright</footer></body></html>")  # fmt: skip
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    [article] = _one_article_or_one_skip(path)
    found = " ".join(article.text.split())
    for paragraph in paragraphs:
        for sentence in paragraph:
            assert sentence in found
