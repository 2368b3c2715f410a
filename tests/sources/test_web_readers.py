"""HTML pages, RSS/Atom feeds (files and URLs) and WARC archives: articles read, bad input one line each."""

from __future__ import annotations

import gzip
import http.server
import inspect
import io
import os
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from detente.sources import Problems, read_paths, reader_for
from detente.sources.warc import iter_warc, read_warc

STORY = (
    "Russian President Vladimir Putin met Chinese President Xi Jinping in Osaka on Friday, "
    "the Kremlin said in a statement. The two leaders discussed trade, security and the "
    "situation on the Korean peninsula, according to officials who attended the talks."
)


def _read(paths: list[str], published: str | None = None) -> tuple[list, Problems]:
    problems = Problems(stream=io.StringIO())
    return list(read_paths(paths, problems, published)), problems


def _page(title: str = "Putin meets Xi", body: str = STORY, head: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><title>{title} - Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-06-28T10:00:00+00:00">
{head}</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>
<footer>Copyright 2019 Example Times. All rights reserved.</footer></body></html>"""


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_gives_text_title_author_date_site_and_canonical_url(tmp_path: Path) -> None:
    path = tmp_path / "putin.html"
    path.write_text(_page(head='<link rel="canonical" href="https://example.com/2019/06/28/putin-xi">'), encoding="utf-8")
    articles, problems = _read([str(path)])
    assert problems.skipped == [] and problems.exit_code == 0
    [article] = articles
    assert article.id == "putin.html"
    assert "Vladimir Putin met Chinese President Xi Jinping" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.title == "Putin meets Xi"
    assert article.meta["author"] == "Jane Doe"
    assert article.published == "2019-06-28"
    assert article.outlet == "Example Times"
    assert article.url == "https://example.com/2019/06/28/putin-xi"
    assert article.language == "en"
    assert article.origin == str(path)


def test_html_url_from_og_url_and_published_option_only_as_fallback(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    page = _page(head='<meta property="og:url" content="https://example.com/og-story">')
    path.write_text(page.replace('<meta property="article:published_time" content="2019-06-28T10:00:00+00:00">', ""),
                    encoding="utf-8")
    articles, _ = _read([str(path)], published="2020-01-02")
    assert articles[0].url == "https://example.com/og-story"
    assert articles[0].published == "2020-01-02"


def test_html_without_text_and_binary_txt_are_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text(
        "<html><head><title>x</title><script>var a = 1;</script></head><body><img src='a.png'></body></html>"
    )
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(64))
    articles, problems = _read([str(tmp_path / "empty.html"), str(tmp_path / "photo.txt")])
    assert articles == []
    assert problems.skipped == [
        f"detente: skipped {tmp_path / 'empty.html'}: no article text found in the HTML page",
        f"detente: skipped {tmp_path / 'photo.txt'}: binary file, not text",
    ]


# --- feeds ------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Wire</title><link>https://wire.example</link>
<language>en-us</language>
<item><title>Putin meets Xi</title><link>https://wire.example/putin-xi</link>
<guid>wire-1</guid><pubDate>Fri, 28 Jun 2019 23:30:00 -0400</pubDate>
<description>&lt;p&gt;Putin &lt;b&gt;met&lt;/b&gt; Xi in Osaka.&lt;/p&gt;&lt;p&gt;They talked trade &amp;amp; security.&lt;/p&gt;</description>
</item>
<item><title>Trump calls Macron</title><link>https://wire.example/trump-macron</link>
<pubDate>Sat, 29 Jun 2019 08:00:00 GMT</pubDate><description>Trump called Macron.</description></item>
<item><title>Photo gallery</title><link>https://wire.example/gallery</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:atom-news</id>
<updated>2019-07-01T00:00:00Z</updated>
<entry><title>Xi visits Pyongyang</title><id>urn:atom-news:1</id>
<link href="https://atom.example/xi-pyongyang"/><published>2019-06-20T09:00:00+09:00</published>
<updated>2019-06-21T00:00:00Z</updated><author><name>A. Writer</name></author>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Xi Jinping arrived in Pyongyang.&lt;br/&gt;Kim Jong Un greeted him.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_items_become_articles_with_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, problems = _read([str(path)])
    assert [a.id for a in articles] == ["wire-1", "https://wire.example/trump-macron"]
    first = articles[0]
    assert first.text == "Putin met Xi in Osaka.\nThey talked trade & security."
    assert first.title == "Putin meets Xi"
    assert first.url == "https://wire.example/putin-xi"
    assert first.published == "2019-06-28"  # the outlet's day, not UTC's 29th
    assert first.outlet == "World Wire"
    assert first.language == "en-us"
    assert first.origin == f"{path}:1"
    assert problems.skipped == [f"detente: skipped {path}:3: feed entry has no text"]


def test_atom_entry_takes_full_content_and_published_date(tmp_path: Path) -> None:
    path = tmp_path / "news.atom"
    path.write_text(ATOM, encoding="utf-8")
    articles, problems = _read([str(path)])
    assert problems.skipped == []
    [article] = articles
    assert article.id == "urn:atom-news:1"
    assert article.text == "Xi Jinping arrived in Pyongyang.\nKim Jong Un greeted him."
    assert article.published == "2019-06-20"
    assert article.url == "https://atom.example/xi-pyongyang"
    assert article.outlet == "Atom News"
    assert article.meta["author"] == "A. Writer"


def test_a_date_no_one_can_read_is_kept_unparsed_and_never_tried_as_updated(tmp_path: Path) -> None:
    """feedparser answers a missing ``updated`` with ``published`` and a DeprecationWarning; the reader asks
    for each date itself, so under ``-W error`` a feed with an unreadable date is still read."""
    path = tmp_path / "wire.rss"
    path.write_text('<rss version="2.0"><channel><title>Wire</title><item><guid>w1</guid><pubDate>yesterday</pubDate>'
                    "<description>Putin met Xi in Osaka.</description></item></channel></rss>", encoding="utf-8")  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        [article], problems = _read([str(path)])
    assert article.published is None and article.meta["published_unparsed"] == "yesterday" and not problems.skipped


def test_an_xml_file_that_is_not_a_feed_and_a_feed_that_is_not_xml(tmp_path: Path) -> None:
    (tmp_path / "broken.rss").write_text("this is { not xml at all\n", encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    articles, problems = _read([str(tmp_path / "broken.rss"), str(tmp_path / "sitemap.xml")])
    assert articles == []
    assert len(problems.skipped) == 2
    assert problems.skipped[0].startswith(f"detente: skipped {tmp_path / 'broken.rss'}: not an RSS/Atom feed")
    assert problems.skipped[1].startswith(f"detente: skipped {tmp_path / 'sitemap.xml'}: not an RSS/Atom feed")
    assert all("\n" not in line for line in problems.skipped)


@pytest.fixture
def local_server(tmp_path: Path) -> Iterator[str]:
    """An HTTP server on the loopback address serving tmp_path (no outside network here)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_feed_urls_are_fetched_and_a_failed_fetch_is_one_line(tmp_path: Path, local_server: str) -> None:
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    articles, problems = _read([f"{local_server}/wire.rss", f"{local_server}/missing.rss"])
    assert [a.id for a in articles] == ["wire-1", "https://wire.example/trump-macron"]
    assert articles[0].origin == f"{local_server}/wire.rss:1"
    assert problems.skipped[-1] == f"detente: skipped {local_server}/missing.rss: cannot fetch: HTTP 404 File not found"


def test_an_unreachable_feed_url_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.error
    import urllib.request

    def refuse(*_args, **_kwargs):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    articles, problems = _read(["https://news.example/feed.xml"])
    assert articles == []
    assert problems.skipped == ["detente: skipped https://news.example/feed.xml: cannot fetch: "
                                "[Errno -3] Temporary failure in name resolution"]


# --- WARC -------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _warc(records: list[tuple[str, str, bytes, str]], gz: bool = True) -> bytes:
    """(type, url, body, content type) -> WARC bytes, one gzip member per record when ``gz``."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for kind, url, body, content_type in records:
        if kind == "request":
            headers = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=headers)
        else:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2021-03-04T05:06:07Z"})
        writer.write_record(record)
    return buf.getvalue()


def _cc_news() -> list[tuple[str, str, bytes, str]]:
    first = _page(head='<link rel="canonical" href="https://example.com/putin-xi">').encode()
    second = _page("Trump calls Macron", STORY.replace("Putin", "Trump")).encode()
    return [
        ("request", "https://example.com/putin-xi", b"", ""),
        ("response", "https://example.com/putin-xi?utm=1", first, "text/html; charset=utf-8"),
        ("response", "https://example.com/logo.png", PNG, "image/png"),
        ("response", "https://example.com/trump-macron", second, "text/html"),
    ]


def test_warc_gz_reads_html_responses_only_and_keeps_warc_date_apart(tmp_path: Path) -> None:
    path = tmp_path / "CC-NEWS-1.warc.gz"
    path.write_bytes(_warc(_cc_news()))
    articles, problems = _read([str(path)])
    assert problems.skipped == [] and problems.exit_code == 0
    assert [a.title for a in articles] == ["Putin meets Xi", "Trump calls Macron"]
    first = articles[0]
    assert first.id.startswith("urn:uuid:")
    assert first.url == "https://example.com/putin-xi"
    assert first.published == "2019-06-28"  # from the page, not the crawl
    assert first.meta["warc_date"] == "2021-03-04T05:06:07Z"
    assert first.meta["warc_target_uri"] == "https://example.com/putin-xi?utm=1"
    assert first.origin == f"{path}:2"
    assert articles[1].url == "https://example.com/trump-macron"
    assert "Vladimir Trump" in articles[1].text


def test_uncompressed_warc_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "news.warc"
    path.write_bytes(_warc(_cc_news(), gz=False))
    articles, problems = _read([str(path)])
    assert [a.title for a in articles] == ["Putin meets Xi", "Trump calls Macron"]
    assert problems.skipped == []


def test_truncated_warc_gz_is_one_line_naming_the_record(tmp_path: Path) -> None:
    data = _warc(_cc_news())
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    articles, problems = _read([str(path)])
    assert [a.title for a in articles] == ["Putin meets Xi"]
    assert len(problems.skipped) == 1
    assert problems.skipped[0].startswith(f"detente: skipped {path}:4: record 4 ")
    assert problems.exit_code == 1


def test_truncated_inside_a_record_header_is_one_line_too(tmp_path: Path) -> None:
    records = _cc_news()
    whole = _warc(records)
    head = _warc(records[:3])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(whole[: len(head) + 15])  # a few bytes into the fourth gzip member
    articles, problems = _read([str(path)])
    assert [a.title for a in articles] == ["Putin meets Xi"]
    assert len(problems.skipped) == 1
    assert f"{path}:4: record 4" in problems.skipped[0]


def test_a_corrupt_record_is_one_line_and_the_rest_is_read(tmp_path: Path) -> None:
    records = _cc_news()
    members = [_warc([r]) for r in records]
    broken = bytearray(members[1])
    broken[30:80] = b"X" * 50  # inside the deflate stream of record 2
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(members[0] + bytes(broken) + members[2] + members[3])
    articles, problems = _read([str(path)])
    assert [a.title for a in articles] == ["Trump calls Macron"]
    assert len(problems.skipped) == 1
    assert problems.skipped[0].startswith(f"detente: skipped {path}:2: record 2 at byte {len(members[0])} is corrupt")
    assert "\n" not in problems.skipped[0]


def test_a_corrupt_record_in_an_uncompressed_warc(tmp_path: Path) -> None:
    records = _cc_news()
    parts = [_warc([r], gz=False) for r in records]
    parts[1] = parts[1].replace(b"WARC/1.", b"GARBAGE", 1)
    path = tmp_path / "bad.warc"
    path.write_bytes(b"".join(parts))
    articles, problems = _read([str(path)])
    assert [a.title for a in articles] == ["Trump calls Macron"]
    assert len(problems.skipped) == 1 and f"{path}:2: record 2" in problems.skipped[0]


def test_a_gzip_that_is_not_a_warc_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(gzip.compress(b"just some notes\n" * 10))
    articles, problems = _read([str(path)])
    assert articles == []
    assert len(problems.skipped) == 1 and f"{path}:1: record 1" in problems.skipped[0]


class CountingReader(io.RawIOBase):
    """A seekable file that counts the bytes handed out."""

    def __init__(self, data: bytes) -> None:
        self.inner = io.BytesIO(data)
        self.served = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.inner.seek(offset, whence)

    def tell(self) -> int:
        return self.inner.tell()

    def readinto(self, buffer) -> int:
        chunk = self.inner.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def test_the_warc_reader_is_lazy(tmp_path: Path) -> None:
    noise = [("response", f"https://example.com/img{i}.png", os.urandom(40_000), "image/png") for i in range(60)]
    data = _warc(_cc_news()[:2] + noise)
    assert len(data) > 2_000_000
    path = tmp_path / "big.warc.gz"
    path.write_bytes(data)
    assert inspect.isgeneratorfunction(read_warc)
    stream = CountingReader(data)
    articles = iter_warc(stream, str(path), Problems(stream=io.StringIO()))
    assert inspect.isgenerator(articles)
    assert stream.served == 0
    first = next(articles)
    assert first.title == "Putin meets Xi"
    assert stream.served < len(data) / 10
    articles.close()


# --- dispatch ---------------------------------------------------------------------------------


def test_suffix_dispatch_and_directories(tmp_path: Path) -> None:
    assert reader_for(Path("x/CC-NEWS.WARC.GZ")) is read_warc
    assert reader_for(Path("x/notes.gz")) is None
    (tmp_path / "a.html").write_text(_page(), encoding="utf-8")
    (tmp_path / "b.warc.gz").write_bytes(_warc(_cc_news()))
    (tmp_path / "c.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "d.png").write_bytes(PNG)
    articles, problems = _read([str(tmp_path)])
    assert len(articles) == 1 + 2 + 2
    assert len(problems.skipped) == 1  # the RSS item without text
