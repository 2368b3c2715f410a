"""Articles from HTML pages: main text and metadata through trafilatura.

trafilatura drops menus, footers and comments and finds the title, author,
site name and publication date (the latter through htmldate, from the page's
markup and URL only: ``extensive_search`` is off so that a date *in the story*
is never taken for the day it was printed). The page URL is the canonical one
(``<link rel=canonical>``, then ``og:url``) when the page gives it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from detente.model import Article
from detente.sources.problems import Problems
from detente.sources.published import normalise_published

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    # Their warnings ("empty HTML tree", "discarding data") would break the one-line-per-problem
    # output; a reader reports what matters itself. A logger the user configured is left alone.
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.CRITICAL)

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML cannot hold: control characters but tab and line breaks, lone surrogates, U+FFFE and U+FFFF."""
_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr",
}


@dataclass
class Page:
    """What was extracted from one HTML page."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def extract_page(content: bytes | str, url: str | None = None) -> Page | None:
    """Main text and metadata of an HTML document; None when it has no main text.

    ``url`` is where the page was fetched from (a fallback for the page URL and a
    base for a relative canonical link).
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            content, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura/lxml raise many kinds on hostile markup: treat as "no text"
        return None
    if doc is None:
        return None
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        return None
    head = _head_facts(content)
    canonical = head.get("canonical") or head.get("og:url")
    page_url = urljoin(url, canonical) if canonical and url else canonical or getattr(doc, "url", None) or url
    published, _ = normalise_published(getattr(doc, "date", None))
    meta: dict[str, Any] = {}
    for key in ("author", "sitename", "hostname", "description"):
        value = getattr(doc, key, None)
        if value:
            meta[key] = value
    return Page(
        text=text,
        title=getattr(doc, "title", None) or None,
        author=getattr(doc, "author", None) or None,
        published=published,
        sitename=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        url=page_url,
        language=head.get("lang"),
        meta=meta,
    )


def _head_facts(content: bytes | str) -> dict[str, str]:
    """``canonical``, ``og:url`` and ``lang`` (of ``<html lang>``) from the page, where present."""
    import lxml.html

    facts: dict[str, str] = {}
    try:
        tree = lxml.html.document_fromstring(content)
    except Exception:  # lxml's parser errors: nothing to add
        return facts
    for link in tree.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split() and link.get("href", "").strip():
            facts["canonical"] = link.get("href", "").strip()
            break
    for meta in tree.iterfind(".//meta[@content]"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url" and meta.get("content", "").strip():
            facts["og:url"] = meta.get("content", "").strip()
            break
    lang = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    if re.fullmatch(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*", lang):
        facts["lang"] = lang
    return facts


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): tags gone, entities decoded, blocks on lines."""
    import lxml.html

    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    # lxml keeps these in the text it parses but refuses them in text it is given, as the block
    # line breaks below are; no feed means them, so each is read as the space between two words.
    fragment = _NOT_XML.sub(" ", fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # not parseable as HTML: keep it as text
        return fragment.strip()
    for bad in root.iterfind(".//script"):
        bad.drop_tree()
    for bad in root.iterfind(".//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def article_from_page(page: Page, doc_id: str, origin: str, meta: dict[str, Any] | None = None) -> Article:
    """The Article of an extracted page."""
    return Article(
        id=doc_id,
        text=page.text,
        title=page.title,
        url=page.url,
        published=page.published,
        outlet=page.sitename,
        language=page.language,
        meta={**page.meta, **(meta or {})},
        origin=origin,
    )


def read_html(path: Path, problems: Problems, published: str | None = None) -> Iterator[Article]:
    """Read one HTML page; ``published`` (``--published``) dates it only when the page gives no date."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        problems.skip(str(path), None, f"cannot read: {err.strerror or err}")
        return
    if not raw.strip():
        problems.skip(str(path), None, "empty file")
        return
    page = extract_page(raw)
    if page is None:
        problems.skip(str(path), None, "no article text found in the HTML page")
        return
    article = article_from_page(page, path.name, str(path))
    if article.published is None and published:
        article.published = published
    yield article
