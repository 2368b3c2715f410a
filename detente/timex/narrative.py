"""The article's running reference time.

News narrates: after "In March 2018, ..." a bare "in July" or "two days
later" is read against March 2018, not against the publication date. The
narrative is the sequence of resolved dates in text order; the anchor at an
offset is the latest one that starts before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..model import TimeValue, Timex
from .dates import parse_value
from .eventdate import to_time_value
from .normalise import Anchor

QUARTER = re.compile(r"^\d{4}-Q[1-4]$")

ANCHOR_GRANULARITIES = {"year", "half", "quarter", "season", "month", "week", "day", "time"}
"""Granularities precise enough to carry a story forward (decades and refs are not)."""


class Narrative:
    """Resolved dates in text order, queried by character offset."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._timexes: list[Timex] = []
        self._story_starts: list[int] = []
        self._story: list[Timex] = []
        self._guessed: set[int] = set()
        self._quarter_starts: list[int] = []
        self._quarters: list[Timex] = []

    def add(self, timex: Timex, story: bool = True, guessed: bool = False, reported: bool = False) -> None:
        """Record ``timex`` if it can serve as a reference time (timexes arrive in text order).

        ``story`` says whether it also sets the time of the story for bare month
        names: "In 2018, ..." does, "the 2018 budget" does not. ``guessed`` says
        that its year was not in the text but guessed from publication,
        ``reported`` that it names a quarter a business story reports on (not
        a comparison with one, "the year-ago quarter").
        """
        if (
            timex.type in ("DATE", "TIME")
            and timex.value is not None
            and timex.granularity in ANCHOR_GRANULARITIES
            and parse_value(timex.value) is not None
        ):
            self._starts.append(timex.start)
            self._timexes.append(timex)
            if guessed:
                self._guessed.add(timex.start)
            if reported and QUARTER.match(timex.value):
                self._quarter_starts.append(timex.start)
                self._quarters.append(timex)
            if story:
                self._story_starts.append(timex.start)
                self._story.append(timex)

    def timex_before(self, offset: int, story: bool = False) -> Timex | None:
        """The latest reference time (or story time) that starts before ``offset``."""
        starts, timexes = (self._story_starts, self._story) if story else (self._starts, self._timexes)
        index = bisect_left(starts, offset)
        return timexes[index - 1] if index else None

    def anchor_before(self, offset: int, story: bool = False) -> Anchor | None:
        """The reference time before ``offset`` as an anchor for resolution."""
        timex = self.timex_before(offset, story)
        if timex is None or timex.value is None:
            return None
        parsed = parse_value(timex.value)
        if parsed is None:
            return None
        return Anchor(parsed[0], timex.text, timex.value, timex.start in self._guessed)

    def quarter_before(self, offset: int) -> Anchor | None:
        """The latest quarter named before ``offset``: the reporting period of business news.

        "Profit rose in the third quarter ... from $2m a year earlier": the
        comparison, "the quarter" and "the year-ago period" all count from the
        quarter being reported, not from whatever date came last.
        """
        index = bisect_left(self._quarter_starts, offset)
        if not index:
            return None
        timex = self._quarters[index - 1]
        parsed = parse_value(timex.value or "")
        return Anchor(parsed[0], timex.text, timex.value or "") if parsed else None

    def value_at(self, offset: int) -> TimeValue | None:
        """The story time at ``offset`` in event-date form, with basis ``narrative``.

        Only dates that set the story's time count: "the 2016 election" names
        an election, it does not move the narrative to 2016.
        """
        timex = self.timex_before(offset, story=True)
        if timex is None:
            return None
        value = to_time_value(timex)
        if value is None:
            return None
        reason = f"running date of the article: '{timex.text}' ({timex.value}) at offset {timex.start}"
        return TimeValue(value.value, value.granularity, "narrative", reason)
