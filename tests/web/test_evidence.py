"""Evidence on the page: the trigger found in its sentence, and only http(s) links."""

from __future__ import annotations

import pytest

from detente.model import Mention, Span
from detente.web.evidence import Piece, safe_url, sentence_pieces


def test_the_trigger_is_found_by_its_offsets() -> None:
    mention = Mention("a", "He met him, and met again.", 100, 126, trigger=Span("met", 116, 119))
    assert sentence_pieces(mention) == [Piece("He met him, and "), Piece("met", True), Piece(" again.")]


def test_offsets_that_do_not_fit_fall_back_to_the_words() -> None:
    mention = Mention("a", "They met.", 10, 19, trigger=Span("met", 500, 503))
    assert sentence_pieces(mention) == [Piece("They "), Piece("met", True), Piece(".")]


@pytest.mark.parametrize("trigger", [None, Span("", 0, 0), Span("talks", 0, 5)])
def test_without_a_trigger_in_the_sentence_it_is_whole(trigger: Span | None) -> None:
    assert sentence_pieces(Mention("a", "They met.", 0, 9, trigger=trigger)) == [Piece("They met.")]


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://news.example/a", "https://news.example/a"),
        (" http://news.example/a ", "http://news.example/a"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//news.example/a", None),
        ("https://", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_only_web_addresses_are_linked(url: str | None, safe: str | None) -> None:
    assert safe_url(url) == safe
