"""Datelines at the head of an article or paragraph."""

from __future__ import annotations

from .conftest import Analyse, find


def test_dateline_takes_publication_year(analyse: Analyse) -> None:
    text = "WASHINGTON, January 28 (TASS) – The State Department said talks would resume."
    timex = find(analyse(text, published="2021-01-29"), "January 28")
    assert (timex.value, timex.basis) == ("2021-01-28", "publication")
    assert "dateline" in timex.reason


def test_dateline_after_publication_is_previous_year(analyse: Analyse) -> None:
    text = "BRUSSELS, December 30 (Example Wire) - Ministers met late into the night."
    timex = find(analyse(text, published="2022-01-02"), "December 30")
    assert timex.value == "2021-12-30"


def test_dateline_in_a_later_paragraph(analyse: Analyse) -> None:
    text = "Leaders gathered again.\nHELSINKI, July 16 (Example Wire) - The two presidents met for hours."
    timex = find(analyse(text, published="2018-07-17"), "July 16")
    assert timex.value == "2018-07-16"
    assert "dateline" in timex.reason


def test_dateline_without_date_gives_nothing(analyse: Analyse) -> None:
    analysis = analyse("MOSCOW (Reuters) - The Kremlin declined to comment.", published="2021-06-15")
    assert analysis.timexes == []
