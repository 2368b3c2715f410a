"""Parameter checks: the command line's date and type rules, each failure a 400 naming the parameter."""

from __future__ import annotations

import pytest

from detente.web import params
from detente.web.params import Problem


@pytest.mark.parametrize("value", ["2018", "2018-07", "2018-07-16", " 2018-07-16 "])
def test_dates_as_the_command_line_takes_them(value: str) -> None:
    assert params.day(value, "since") == value.strip()


@pytest.mark.parametrize("value", ["18", "2018-7", "2018-13", "2018-02-30", "20180716", "2018-07-16T10:00", "soon"])
def test_other_dates_are_refused(value: str) -> None:
    with pytest.raises(Problem) as found:
        params.day(value, "until")
    assert found.value.status == 400 and found.value.message.startswith("until:")


def test_a_window_must_be_in_order() -> None:
    assert params.window("2018", "2018-07") == ("2018", "2018-07")
    assert params.window(None, "") == (None, None)
    with pytest.raises(Problem, match="after"):
        params.window("2019-01", "2018-12-31")


def test_lists_are_comma_separated_and_checked() -> None:
    assert params.types("consult, agree,") == ("CONSULT", "AGREE")
    assert params.quad_classes("1,4") == (1, 4)
    assert params.statuses("Planned") == ("planned",)
    for check, bad in ((params.types, "MEET"), (params.quad_classes, "0"), (params.quad_classes, "one"), (params.statuses, "likely")):
        with pytest.raises(Problem):
            check(bad)


def test_text_is_trimmed_and_bounded() -> None:
    assert params.text("  Putin ", "a") == "Putin"
    assert params.text("   ", "a") is None
    with pytest.raises(Problem, match="at most"):
        params.text("x" * (params.MAX_TEXT + 1), "a")
    with pytest.raises(Problem, match="control"):
        params.text("Pu\x00tin", "a")
