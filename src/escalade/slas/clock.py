"""Working-time arithmetic: pure functions, no database, no clock.

A ``WorkCalendar`` is the working hours per weekday (local wall-clock segments in
a time zone) and the closed days (public holidays, school holidays). Instants are
aware datetimes; the arithmetic is done on real elapsed seconds between the
local segment bounds, so a DST change counts the hour that really passed.

``Pause`` intervals (the ticket « En attente ») are removed from the working
time: the clock stops while paused and resumes after.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DAY = timedelta(days=1)
# A due date further than this from its start is refused (a calendar with no hours).
HORIZON_DAYS = 3 * 366


class NoWorkingTime(ValueError):
    """The calendar has no working time ahead: no due date can be computed."""


@dataclass(frozen=True)
class ClosedPeriod:
    """A holiday: from ``begin`` to ``end`` (dates, inclusive); ``perpetual``: every year."""

    begin: date
    end: date
    perpetual: bool = False
    name: str = ""

    def covers(self, day: date) -> bool:
        if not self.perpetual:
            return self.begin <= day <= self.end
        key = (day.month, day.day)
        start, stop = (self.begin.month, self.begin.day), (self.end.month, self.end.day)
        if start <= stop:
            return start <= key <= stop
        return key >= start or key <= stop  # e.g. 24 Dec - 2 Jan


@dataclass(frozen=True)
class WorkCalendar:
    """Working hours per weekday (GLPI's day codes: 0 = Sunday … 6 = Saturday)."""

    tz: ZoneInfo
    segments: dict[int, tuple[tuple[time, time], ...]]
    closed: tuple[ClosedPeriod, ...] = ()
    name: str = ""

    @classmethod
    def always(cls, tz: ZoneInfo) -> WorkCalendar:
        """No calendar: every hour counts (24/7)."""
        whole = ((time(0), time(0)),)  # 00:00 to the next midnight
        return cls(tz=tz, segments={d: whole for d in range(7)}, name="24/7")

    def is_closed(self, day: date) -> bool:
        return any(p.covers(day) for p in self.closed)

    def day_slots(self, day: date) -> list[tuple[datetime, datetime]]:
        """The working slots of one local day, as aware datetimes (UTC)."""
        if self.is_closed(day):
            return []
        glpi_day = (day.weekday() + 1) % 7
        slots = []
        for begin, end in sorted(self.segments.get(glpi_day, ())):
            start = _local(day, begin, self.tz)
            stop = (
                _local(day + DAY, time(0), self.tz) if end == time(0) else _local(day, end, self.tz)
            )
            if stop > start:
                slots.append((start, stop))
        return slots

    def has_hours(self) -> bool:
        return any(self.segments.get(d) for d in range(7))


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A local wall-clock instant as UTC; a time skipped by DST moves forward (fold=0)."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=tz)
    # A non-existent local time (spring forward) round-trips to a later one.
    return aware.astimezone(UTC)


@dataclass(frozen=True)
class Pause:
    """The clock stopped from ``start`` to ``end`` (None: still stopped)."""

    start: datetime
    end: datetime | None


def slots(cal: WorkCalendar, start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The working slots between two instants, clipped to them, in order."""
    if end <= start:
        return
    day = start.astimezone(cal.tz).date() - DAY
    last = end.astimezone(cal.tz).date()
    while day <= last:
        for a, b in cal.day_slots(day):
            a, b = max(a, start), min(b, end)
            if b > a:
                yield a, b
        day += DAY


def subtract_pauses(
    intervals: Sequence[tuple[datetime, datetime]], pauses: Sequence[Pause], until: datetime
) -> list[tuple[datetime, datetime]]:
    out = list(intervals)
    for p in pauses:
        p_end = p.end or until
        kept = []
        for a, b in out:
            if p_end <= a or p.start >= b:
                kept.append((a, b))
                continue
            if a < p.start:
                kept.append((a, p.start))
            if p_end < b:
                kept.append((p_end, b))
        out = kept
    return out


def working_seconds(
    cal: WorkCalendar, start: datetime, end: datetime, pauses: Sequence[Pause] = ()
) -> int:
    """Working seconds between two instants, minus the paused working time."""
    kept = subtract_pauses(list(slots(cal, start, end)), pauses, end)
    return int(sum((b - a).total_seconds() for a, b in kept))


def add_working_time(
    cal: WorkCalendar, start: datetime, seconds: int, pauses: Sequence[Pause] = ()
) -> datetime:
    """The instant when ``seconds`` of working time have passed since ``start``.

    Paused intervals do not count. An open pause (``end`` None) stops the clock for
    good: the answer is computed as if it had ended when it started — the caller
    shows the clock as stopped.
    """
    if seconds < 0:
        raise ValueError("seconds must be >= 0")
    if not cal.has_hours():
        raise NoWorkingTime(cal.name)
    closed_pauses = [p if p.end is not None else Pause(p.start, p.start) for p in pauses]
    left = float(seconds)
    day = start.astimezone(cal.tz).date() - DAY
    limit = day + timedelta(days=HORIZON_DAYS)
    while day <= limit:
        day_slots = [(max(a, start), b) for a, b in cal.day_slots(day) if b > start]
        for a, b in subtract_pauses(day_slots, closed_pauses, start):
            length = (b - a).total_seconds()
            if length >= left:
                return a + timedelta(seconds=left)
            left -= length
        day += DAY
    raise NoWorkingTime(cal.name)


def subtract_working_time(cal: WorkCalendar, end: datetime, seconds: int) -> datetime:
    """The instant ``seconds`` of working time before ``end`` (no pauses: levels before)."""
    if seconds < 0:
        raise ValueError("seconds must be >= 0")
    if not cal.has_hours():
        raise NoWorkingTime(cal.name)
    left = float(seconds)
    if left == 0:
        return end
    day = end.astimezone(cal.tz).date() + DAY
    limit = day - timedelta(days=HORIZON_DAYS)
    while day >= limit:
        for a, b in reversed(cal.day_slots(day)):
            b = min(b, end)
            if b <= a:
                continue
            length = (b - a).total_seconds()
            if length >= left:
                return b - timedelta(seconds=left)
            left -= length
        day -= DAY
    raise NoWorkingTime(cal.name)


def add_working_days(
    cal: WorkCalendar, start: datetime, days: int, *, end_of_working_day: bool = False
) -> datetime:
    """GLPI's days of working time: the same hour ``days`` working days later.

    A working day is a day with working hours that is not closed. With
    ``end_of_working_day`` the due date is the end of that day's last slot.
    Starting outside working hours counts from the next working moment.
    """
    if not cal.has_hours():
        raise NoWorkingTime(cal.name)
    begin = add_working_time(cal, start, 0)  # the next working moment
    local = begin.astimezone(cal.tz)
    day = local.date()
    counted = 0
    guard = 0
    while counted < days:
        day += DAY
        guard += 1
        if guard > HORIZON_DAYS:
            raise NoWorkingTime(cal.name)
        if cal.day_slots(day):
            counted += 1
    todays = cal.day_slots(day)
    if end_of_working_day:
        return todays[-1][1]
    target = _local(day, local.time().replace(tzinfo=None), cal.tz)
    # Inside the day's hours, or the next working moment after.
    for a, b in todays:
        if a <= target < b:
            return target
        if target < a:
            return a
    return add_working_time(cal, target, 0)


@dataclass
class Target:
    """One due date and how it was computed (shown on the ticket page)."""

    start: datetime
    seconds: int  # working time allowed (0 for a days-based target)
    days: int
    due: datetime  # with the closed pauses
    due_without_pauses: datetime
    pauses: list[tuple[Pause, int]] = field(default_factory=list)  # with their working seconds
    paused: bool = False  # an open pause: the clock is stopped

    @property
    def paused_seconds(self) -> int:
        return sum(s for _, s in self.pauses)


def compute_target(
    cal: WorkCalendar,
    start: datetime,
    *,
    seconds: int = 0,
    days: int = 0,
    end_of_working_day: bool = False,
    pauses: Sequence[Pause] = (),
) -> Target:
    """A due date from its start, allowance and the pauses since the start.

    Minutes and hours: the working time is consumed outside the pauses. Days: the
    day-based date is moved by the working time that was paused (as GLPI does).
    """
    relevant = [p for p in pauses if p.end is None or p.end > start]
    relevant = [Pause(max(p.start, start), p.end) for p in relevant]
    paused = any(p.end is None for p in relevant)
    if days:
        plain = add_working_days(cal, start, days, end_of_working_day=end_of_working_day)
    else:
        plain = add_working_time(cal, start, seconds)
    counted = []
    for p in relevant:
        stop = p.end or p.start
        counted.append((p, working_seconds(cal, p.start, stop)))
    if days:
        due = add_working_time(cal, plain, sum(s for _, s in counted)) if counted else plain
    else:
        due = add_working_time(cal, start, seconds, relevant)
    return Target(
        start=start,
        seconds=seconds,
        days=days,
        due=due,
        due_without_pauses=plain,
        pauses=counted,
        paused=paused,
    )


def time_left(
    cal: WorkCalendar, target: Target, now: datetime, pauses: Sequence[Pause] = ()
) -> int:
    """Working seconds left until the due date (negative: late by that much).

    While paused the time left is frozen at its value when the pause began.
    """
    open_pause = next((p for p in pauses if p.end is None), None)
    at = min(now, open_pause.start) if open_pause else now
    if at <= target.due:
        return working_seconds(cal, at, target.due)
    return -working_seconds(cal, target.due, at)


def pauses_from_statuses(
    changes: Sequence[tuple[datetime, int]], *, waiting: int, initial: int | None = None
) -> list[Pause]:
    """Pauses from a ticket's status history: (instant, new status) in order."""
    pauses: list[Pause] = []
    since: datetime | None = None
    current = initial
    for at, status in changes:
        if status == waiting and current != waiting:
            since = at
        elif status != waiting and current == waiting and since is not None:
            pauses.append(Pause(since, at))
            since = None
        current = status
    if since is not None:
        pauses.append(Pause(since, None))
    return pauses
