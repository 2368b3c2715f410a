"""Finding a publication date when none is given."""

from __future__ import annotations

from detente.timex import infer_publication


def test_date_in_url_path() -> None:
    found = infer_publication("Body text.", "https://news.example.org/world/2019/05/03/talks-stall")
    assert found is not None and (found.value, found.granularity, found.basis) == (
        "2019-05-03",
        "day",
        "text",
    )
    assert "URL" in found.reason


def test_iso_and_compact_dates_in_url() -> None:
    iso = infer_publication("", "https://example.com/story-2019-06-28-summit")
    compact = infer_publication("", "https://example.com/a/20190628/summit.html")
    assert iso is not None and iso.value == "2019-06-28"
    assert compact is not None and compact.value == "2019-06-28"


def test_published_line() -> None:
    text = "Leaders meet\nPublished Jun 28, 2019 10:02 GMT\nThe leaders met."
    found = infer_publication(text, None)
    assert found is not None and found.value == "2019-06-28" and "Published" in found.reason


def test_dateline_with_year() -> None:
    found = infer_publication("OSAKA, June 29, 2019 (Example Wire) - Leaders met.", None)
    assert found is not None and found.value == "2019-06-29"


def test_more_specific_signal_wins_and_says_so() -> None:
    text = "Updated: 28 June 2019\nThe leaders met."
    found = infer_publication(text, "https://example.com/2019/07/summit")
    assert found is not None and found.value == "2019-06-28"
    assert "2019-07" in found.reason and "specific" in found.reason


def test_nothing_found() -> None:
    assert infer_publication("The leaders met.", "https://example.com/summit") is None
