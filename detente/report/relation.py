"""The relation index: one dyad's events as a monthly series, a terminal chart and an image.

What counts
    Only events whose ``status`` is ``occurred``. Planned, hypothetical,
    negated and cancelled events did not (or not yet) happen and are left
    out; :func:`left_out` counts them by status.

Where an event goes
    An event dated to a day (``2018-07-16``) or a month (``2018-07``) goes
    to its month. An event dated only to a year (``2018``, or granularity
    ``year``; also seasons such as ``2018-SU``) is *not* spread over the
    months of that year, nor put in January: it is left out of the monthly
    series and counted by year in :func:`left_out`. Undated events are left
    out and counted there too.

The window
    ``since`` and ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) keep
    the events whose date overlaps the window, compared on the common prefix
    exactly as ``Store.timeline`` does, so ``2018-07`` overlaps
    ``since=2018-07-20``. With a bound given, undated events are dropped.
    The series runs from the month of the first counted event to the month
    of the last, every month in between included (months with no event are
    rows of zeros).

The score
    ``score`` of a month = the sum of ``goldstein`` over the month's counted
    events (each event once, however many reports it has). Goldstein values
    run from -10 (most conflictual) to +10 (most cooperative), so the score is
    positive when cooperation outweighs conflict and grows with the number of
    events; ``mean`` = ``score / events`` is the tone alone (None for an
    empty month).
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from detente.model import Event, TimeValue

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

QUAD_CLASSES_BY_NAME = {name.replace(" ", "_"): name for name in QUAD_CLASSES.values()}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?")


@dataclass(frozen=True)
class MonthRow:
    """One month of a dyad: counted events by quad class and their Goldstein score."""

    month: str
    """``YYYY-MM``."""
    verbal_cooperation: int = 0
    material_cooperation: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0
    other: int = 0
    """Counted events with a quad class outside 1-4 (none with the shipped ontology)."""
    score: float = 0.0
    """Sum of ``goldstein`` over the month's counted events."""

    @property
    def events(self) -> int:
        """How many events the month counts."""
        return (
            self.verbal_cooperation
            + self.material_cooperation
            + self.verbal_conflict
            + self.material_conflict
            + self.other
        )

    @property
    def cooperation(self) -> int:
        return self.verbal_cooperation + self.material_cooperation

    @property
    def conflict(self) -> int:
        return self.verbal_conflict + self.material_conflict

    @property
    def mean(self) -> float | None:
        """Mean Goldstein of the month's counted events; None for a month without events."""
        return self.score / self.events if self.events else None


@dataclass(frozen=True)
class LeftOut:
    """What the monthly series does not show, so a caller can say so."""

    year_only: dict[str, int] = field(default_factory=dict)
    """Occurred events dated only to a year, by year (``{"2019": 2}``)."""
    undated: int = 0
    """Occurred events without a date."""
    not_occurred: dict[str, int] = field(default_factory=dict)
    """Events that did not (or not yet) happen, by status (``{"planned": 1}``)."""

    def __bool__(self) -> bool:
        return bool(self.year_only or self.undated or self.not_occurred)

    def sentences(self) -> list[str]:
        """Plain-English lines, each under 80 characters for year counts of normal size."""
        lines = []
        if self.year_only:
            years = ", ".join(f"{year}: {n}" for year, n in sorted(self.year_only.items()))
            n = sum(self.year_only.values())
            lines.append(f"Not charted: {_events(n)} dated only to a year ({years}).")
        if self.undated:
            lines.append(f"Not charted: {_events(self.undated)} without a date.")
        if self.not_occurred:
            kinds = ", ".join(f"{n} {status}" for status, n in sorted(self.not_occurred.items()))
            lines.append(
                f"Not counted: {_events(sum(self.not_occurred.values()))} that did not happen ({kinds})."
            )
        return lines


# -- dates ---------------------------------------------------------------------


def date_precision(date: TimeValue) -> tuple[str, str] | None:
    """``("month", "YYYY-MM")``, ``("year", "YYYY")`` or None, as far as the date goes."""
    match = _DATE.match(date.value or "")
    if match is None:
        return None
    year, month = match.group(1), match.group(2)
    if month and date.granularity != "year" and 1 <= int(month) <= 12:
        return ("month", f"{year}-{month}")
    return ("year", year)


def month_index(month: str) -> int:
    """``YYYY-MM`` as a count of months, so consecutive months differ by one."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_of_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def in_window(date: TimeValue, since: str | None, until: str | None) -> bool:
    """Whether a date overlaps [since, until], compared on the common prefix like the store."""
    value = date.value
    if since is None and until is None:
        return True
    if not value:
        return False
    if since:
        width = min(len(value), len(since))
        if value[:width] < since[:width]:
            return False
    if until:
        width = min(len(value), len(until))
        if value[:width] > until[:width]:
            return False
    return True


def occurred(event: Event) -> bool:
    """Only events that took place count in the index and the tone."""
    return event.status == "occurred"


# -- the index -----------------------------------------------------------------


def relation_index(events: list[Event], since: str | None = None, until: str | None = None) -> list[MonthRow]:
    """Every month from the first to the last counted event, with counts by quad class and the score.

    See the module docstring for what counts (occurred events dated to a
    month or a day, inside the window) and for the score (sum of Goldstein;
    ``MonthRow.mean`` is the mean). Returns ``[]`` when nothing counts.
    """
    counts: dict[str, Counter[int]] = {}
    scores: dict[str, float] = {}
    for event in events:
        if not occurred(event) or not in_window(event.date, since, until):
            continue
        place = date_precision(event.date)
        if place is None or place[0] != "month":
            continue
        month = place[1]
        counts.setdefault(month, Counter())[event.quad_class if event.quad_class in QUAD_CLASSES else 0] += 1
        scores[month] = scores.get(month, 0.0) + float(event.goldstein)
    if not counts:
        return []
    first, last = month_index(min(counts)), month_index(max(counts))
    rows = []
    for index in range(first, last + 1):
        month = month_of_index(index)
        c = counts.get(month, Counter())
        rows.append(
            MonthRow(
                month=month,
                verbal_cooperation=c[1],
                material_cooperation=c[2],
                verbal_conflict=c[3],
                material_conflict=c[4],
                other=c[0],
                score=round(scores.get(month, 0.0), 6),
            )
        )
    return rows


def left_out(events: list[Event], since: str | None = None, until: str | None = None) -> LeftOut:
    """The events in the window that :func:`relation_index` leaves out, and why."""
    year_only: Counter[str] = Counter()
    not_occurred: Counter[str] = Counter()
    undated = 0
    for event in events:
        if not in_window(event.date, since, until):
            continue
        if not occurred(event):
            not_occurred[event.status or "unknown"] += 1
            continue
        place = date_precision(event.date)
        if place is None:
            undated += 1
        elif place[0] == "year":
            year_only[place[1]] += 1
    return LeftOut(dict(sorted(year_only.items())), undated, dict(sorted(not_occurred.items())))


# -- the terminal chart --------------------------------------------------------


def terminal_chart(
    rows: list[MonthRow],
    left: LeftOut | None = None,
    *,
    width: int = 80,
    ascii_only: bool = False,
    collapse: int = 0,
) -> str:
    """One line per month: month, score, a bar of the score around a centre line, counts by quad class.

    Bars to the right of the centre are cooperative (score > 0), to the left
    conflictual; the longest bar is the month with the largest absolute
    score, and any non-zero score gets at least one block. Counts are
    ``V+ M+ V- M-`` (verbal/material cooperation, verbal/material conflict).
    Every line fits in ``width`` columns (80 by default; the bar shrinks to
    fit, down to four blocks a side, and the notes below are wrapped).
    ``left`` (from :func:`left_out`) adds what the months do not show.
    ``collapse`` > 0 folds each run of more than that many months without
    events into one line ("2021-01 ┊ to 2024-12, no events"); the default
    keeps one line per month.
    """
    block, centre, gap = ("#", "|", ":") if ascii_only else ("█", "│", "┊")
    if not rows:
        notes = left.sentences() if left else []
        return "\n".join(["No dated events that took place to chart.", *_wrap(notes, width)]) + "\n"
    show_other = any(row.other for row in rows)
    headers = ["V+", "M+", "V-", "M-", *(["?"] if show_other else [])]
    biggest = max(max(_counts(row)) for row in rows)
    cw = max(2, len(str(biggest)))
    scores = [f"{row.score:+.1f}" if row.score else "0" for row in rows]
    sw = max(5, *(len(s) for s in scores))
    count_width = len(headers) * (cw + 1) - 1
    fixed = 7 + 1 + sw + 2 + 1 + 2 + count_width
    half = max(4, min(24, (width - fixed) // 2))
    scale = max(abs(row.score) for row in rows)

    left_label, right_label = ("conflict", "cooperation") if half >= 12 else ("-", "+")
    bar_head = f"{left_label:<{half}}{centre}{right_label:>{half}}"
    lines = [
        f"{'month':<7} {'score':>{sw}}  {bar_head}  " + " ".join(f"{h:>{cw}}" for h in headers),
    ]
    skip: dict[int, int] = {}  # first index of a folded run -> its last index
    if collapse > 0:
        start = None
        for i, row in enumerate([*rows, None]):
            if row is not None and row.events == 0:
                start = i if start is None else start
                continue
            if start is not None and i - start > collapse:
                skip[start] = i - 1
            start = None
    i = 0
    while i < len(rows):
        row, score = rows[i], scores[i]
        if i in skip:
            end = rows[skip[i]].month
            label = f" to {end}, no events"[:half]
            lines.append(f"{row.month:<7} {'':>{sw}}  {'':>{half}}{gap}{label}".rstrip())
            i = skip[i] + 1
            continue
        i += 1
        length = 0
        if scale and row.score:
            length = max(1, round(abs(row.score) / scale * half))
        negative = block * length if row.score < 0 else ""
        positive = block * length if row.score > 0 else ""
        bar = f"{negative:>{half}}{centre}{positive:<{half}}"
        counts = " ".join(f"{n:>{cw}}" for n in _counts(row)[: len(headers)])
        lines.append(f"{row.month:<7} {score:>{sw}}  {bar}  {counts}")
    unit = scale / half if scale else 0.0
    notes = [
        "score: sum of Goldstein (-10 conflict, +10 cooperation)"
        + (f"; {block} = {unit:.2f} points" if unit else ""),
        "V+ verbal, M+ material cooperation; V- verbal, M- material conflict",
        *(["?: events of no quad class"] if show_other else []),
        *(left.sentences() if left else []),
    ]
    return "\n".join([*lines, "", *_wrap(notes, width)]) + "\n"


def _counts(row: MonthRow) -> tuple[int, int, int, int, int]:
    return (
        row.verbal_cooperation,
        row.material_cooperation,
        row.verbal_conflict,
        row.material_conflict,
        row.other,
    )


def _wrap(notes: list[str], width: int) -> list[str]:
    """Notes wrapped to the width, continuation lines indented."""
    return [line for note in notes for line in textwrap.wrap(note, width, subsequent_indent="  ")]


def _events(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


# -- the image -----------------------------------------------------------------

_COLOURS = {
    "verbal_cooperation": "#9ecae1",
    "material_cooperation": "#3182bd",
    "verbal_conflict": "#fdae6b",
    "material_conflict": "#e6550d",
}


def write_chart(rows: list[MonthRow], path: str | Path, title: str | None = None) -> Path:
    """A PNG or SVG (by the suffix of ``path``) of the monthly series.

    Bars: events per month by quad class, stacked, cooperation above zero and
    conflict below (verbal nearest the axis). Line (right axis): the month's
    score. Both axes are symmetric around zero so their zeros meet. Drawn
    with matplotlib's Agg canvas; nothing is shown on screen.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"chart file must end in .png or .svg, not {path.name!r}")
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with rc_context({"svg.hashsalt": "detente", "svg.fonttype": "none"}):
        figure = Figure(figsize=(max(6.0, min(16.0, 2.0 + 0.22 * len(rows))), 4.2), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        if title:
            axes.set_title(title)
        if not rows:
            axes.text(0.5, 0.5, "No dated events that took place", ha="center", va="center")
            axes.set_axis_off()
        else:
            _draw(axes, rows)
        metadata = {"Date": None} if suffix == ".svg" else {}
        figure.savefig(path, format=suffix[1:], dpi=120, metadata=metadata)
    return path


def _draw(axes, rows: list[MonthRow]) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    x = list(range(len(rows)))
    up = [0.0] * len(rows)
    for name in ("verbal_cooperation", "material_cooperation"):
        values = [getattr(row, name) for row in rows]
        axes.bar(x, values, bottom=up, color=_COLOURS[name], label=QUAD_CLASSES_BY_NAME[name], width=0.8)
        up = [a + b for a, b in zip(up, values, strict=True)]
    down = [0.0] * len(rows)
    for name in ("verbal_conflict", "material_conflict"):
        values = [-getattr(row, name) for row in rows]
        axes.bar(x, values, bottom=down, color=_COLOURS[name], label=QUAD_CLASSES_BY_NAME[name], width=0.8)
        down = [a + b for a, b in zip(down, values, strict=True)]
    reach = max(1.0, *up, *(-d for d in down))
    axes.set_ylim(-reach * 1.1, reach * 1.1)
    axes.axhline(0, color="black", linewidth=0.8)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{abs(value):g}"))
    axes.set_ylabel("events (cooperation up, conflict down)")

    line_axes = axes.twinx()
    scores = [row.score for row in rows]
    line_axes.plot(x, scores, color="black", linewidth=1.2, label="score")
    held = [i for i, row in enumerate(rows) if row.events]
    line_axes.plot(held, [scores[i] for i in held], color="black", marker="o", markersize=3, linestyle="none")
    span = max(1.0, *(abs(s) for s in scores))
    line_axes.set_ylim(-span * 1.1, span * 1.1)
    line_axes.set_ylabel("Goldstein score (sum)")

    step = max(1, len(rows) // 12)
    ticks = x[::step]
    axes.set_xticks(ticks, [rows[i].month for i in ticks], rotation=45, ha="right")
    axes.set_xlim(-0.6, len(rows) - 0.4)
    handles, labels = axes.get_legend_handles_labels()
    more, more_labels = line_axes.get_legend_handles_labels()
    axes.figure.legend(
        handles + more,
        labels + more_labels,
        loc="outside lower center",
        fontsize="small",
        ncols=3,
        frameon=False,
    )
