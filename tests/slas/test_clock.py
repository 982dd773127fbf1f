"""The working-time arithmetic, as pure functions (Europe/Paris)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from escalade.slas.clock import (
    ClosedPeriod,
    NoWorkingTime,
    Pause,
    WorkCalendar,
    add_working_days,
    add_working_time,
    compute_target,
    pauses_from_statuses,
    slots,
    subtract_working_time,
    time_left,
    working_seconds,
)

PARIS = ZoneInfo("Europe/Paris")
H = 3600
OFFICE = ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 0)))  # 7 h a day
# Monday (1) to Friday (5), GLPI's day codes.
CAL = WorkCalendar(tz=PARIS, segments={d: OFFICE for d in range(1, 6)}, name="Bureau")


def paris(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=PARIS)


def test_working_seconds_inside_one_morning():
    # Tuesday 3 March 2026
    assert working_seconds(CAL, paris(2026, 3, 3, 9), paris(2026, 3, 3, 11)) == 2 * H


def test_lunch_break_does_not_count():
    assert working_seconds(CAL, paris(2026, 3, 3, 11), paris(2026, 3, 3, 14)) == 90 * 60


def test_a_whole_working_day_is_seven_hours():
    assert working_seconds(CAL, paris(2026, 3, 3), paris(2026, 3, 4)) == 7 * H


def test_adding_working_time_skips_lunch_and_the_evening():
    # 4 h from Tuesday 10:00: 2 h till noon, 3 h 30 the afternoon -> Tuesday 15:30.
    assert add_working_time(CAL, paris(2026, 3, 3, 10), 4 * H) == paris(2026, 3, 3, 15, 30)
    # 8 h from Tuesday 10:00: 5 h 30 on Tuesday, 2 h 30 on Wednesday -> 11:00.
    assert add_working_time(CAL, paris(2026, 3, 3, 10), 8 * H) == paris(2026, 3, 4, 11)


def test_a_ticket_opened_in_the_evening_starts_counting_next_morning():
    assert add_working_time(CAL, paris(2026, 3, 3, 19), H) == paris(2026, 3, 4, 9, 30)


def test_a_ticket_crossing_a_weekend():
    # Friday 6 March 16:00 + 2 h: 1 h on Friday, then Monday 9 March 9:30.
    assert add_working_time(CAL, paris(2026, 3, 6, 16), 2 * H) == paris(2026, 3, 9, 9, 30)
    assert working_seconds(CAL, paris(2026, 3, 6, 16), paris(2026, 3, 9, 9, 30)) == 2 * H


def test_a_public_holiday_is_skipped():
    # 1 May 2026 is a Friday (every year: perpetual).
    cal = WorkCalendar(
        tz=PARIS,
        segments=CAL.segments,
        closed=(ClosedPeriod(date(2000, 5, 1), date(2000, 5, 1), perpetual=True),),
    )
    assert add_working_time(cal, paris(2026, 4, 30, 16), 2 * H) == paris(2026, 5, 4, 9, 30)
    assert working_seconds(cal, paris(2026, 5, 1), paris(2026, 5, 2)) == 0


def test_school_holidays_close_a_whole_period():
    # Winter holidays, zone C 2026: Saturday 21 Feb to Monday 9 March (inclusive of the 8th).
    cal = WorkCalendar(
        tz=PARIS,
        segments=CAL.segments,
        closed=(ClosedPeriod(date(2026, 2, 21), date(2026, 3, 8), name="Hiver"),),
    )
    assert add_working_time(cal, paris(2026, 2, 20, 16), 2 * H) == paris(2026, 3, 9, 9, 30)


def test_a_perpetual_period_across_new_year():
    period = ClosedPeriod(date(2000, 12, 24), date(2001, 1, 2), perpetual=True)
    assert period.covers(date(2026, 12, 31)) and period.covers(date(2027, 1, 2))
    assert not period.covers(date(2027, 1, 3)) and not period.covers(date(2026, 12, 23))


def test_dst_spring_forward_counts_the_hour_that_really_passed():
    # Sunday 29 March 2026, 02:00 -> 03:00 in Paris: a 24/7 calendar counts 23 h that day.
    always = WorkCalendar.always(PARIS)
    assert working_seconds(always, paris(2026, 3, 29), paris(2026, 3, 30)) == 23 * H
    # 24 working hours from Saturday noon end on Sunday at 13:00 local (23 h day).
    assert add_working_time(always, paris(2026, 3, 28, 12), 24 * H) == paris(2026, 3, 29, 13)


def test_dst_autumn_back_counts_twenty_five_hours():
    always = WorkCalendar.always(PARIS)
    assert working_seconds(always, paris(2026, 10, 25), paris(2026, 10, 26)) == 25 * H


def test_office_hours_across_dst_keep_local_hours():
    # Friday 27 March 16:00 (UTC+1) + 2 h -> Monday 30 March 9:30 (UTC+2), local time.
    due = add_working_time(CAL, paris(2026, 3, 27, 16), 2 * H)
    assert due == paris(2026, 3, 30, 9, 30)
    assert due.astimezone(UTC) == datetime(2026, 3, 30, 7, 30, tzinfo=UTC)


def test_a_pause_stops_the_clock_and_it_resumes_after():
    # 4 h from Tuesday 9:00, paused from 10:00 to Wednesday 10:00 (7 h of working time).
    pause = Pause(paris(2026, 3, 3, 10), paris(2026, 3, 4, 10))
    due = add_working_time(CAL, paris(2026, 3, 3, 9), 4 * H, [pause])
    # 1 h before the pause, then 3 h from Wednesday 10:00: 2 h till noon, 1 h after lunch.
    assert due == paris(2026, 3, 4, 14, 30)
    assert working_seconds(CAL, paris(2026, 3, 3, 9), due, [pause]) == 4 * H


def test_a_pause_outside_working_hours_changes_nothing():
    pause = Pause(paris(2026, 3, 3, 18), paris(2026, 3, 4, 8))
    assert add_working_time(CAL, paris(2026, 3, 3, 9), 4 * H, [pause]) == add_working_time(
        CAL, paris(2026, 3, 3, 9), 4 * H
    )


def test_compute_target_shows_the_pauses_and_their_working_time():
    pause = Pause(paris(2026, 3, 3, 10), paris(2026, 3, 4, 10))
    target = compute_target(CAL, paris(2026, 3, 3, 9), seconds=4 * H, pauses=[pause])
    assert target.due_without_pauses == paris(2026, 3, 3, 14, 30)
    assert target.due == paris(2026, 3, 4, 14, 30)
    assert target.pauses == [(pause, 7 * H)]
    assert target.paused_seconds == 7 * H and not target.paused


def test_an_open_pause_freezes_the_time_left():
    start = paris(2026, 3, 3, 9)
    pause = Pause(paris(2026, 3, 3, 10), None)
    target = compute_target(CAL, start, seconds=4 * H, pauses=[pause])
    assert target.paused
    # A week later, still waiting: 3 h left, as when the pause began.
    assert time_left(CAL, target, paris(2026, 3, 10, 11), [pause]) == 3 * H


def test_time_left_is_negative_when_late():
    target = compute_target(CAL, paris(2026, 3, 3, 9), seconds=H)
    assert time_left(CAL, target, paris(2026, 3, 3, 11)) == -H
    assert time_left(CAL, target, paris(2026, 3, 3, 9, 30)) == 30 * 60


def test_days_of_working_time():
    # 2 working days from Thursday 10:00 -> Monday 10:00 (skipping the weekend).
    assert add_working_days(CAL, paris(2026, 3, 5, 10), 2) == paris(2026, 3, 9, 10)
    assert add_working_days(CAL, paris(2026, 3, 5, 10), 2, end_of_working_day=True) == paris(
        2026, 3, 9, 17
    )


def test_days_target_is_moved_by_the_paused_working_time():
    pause = Pause(paris(2026, 3, 5, 10), paris(2026, 3, 5, 11))
    target = compute_target(CAL, paris(2026, 3, 5, 10), days=2, pauses=[pause])
    assert target.due == paris(2026, 3, 9, 11)


def test_subtracting_working_time_for_levels_before_the_due_date():
    # 2 h before Monday 9:30 -> Friday 16:00.
    assert subtract_working_time(CAL, paris(2026, 3, 9, 9, 30), 2 * H) == paris(2026, 3, 6, 16)


def test_slots_lists_the_working_slots_counted():
    counted = list(slots(CAL, paris(2026, 3, 3, 10), paris(2026, 3, 3, 15)))
    assert counted == [
        (paris(2026, 3, 3, 10), paris(2026, 3, 3, 12)),
        (paris(2026, 3, 3, 13, 30), paris(2026, 3, 3, 15)),
    ]


def test_pauses_from_the_status_history():
    t = paris(2026, 3, 3, 9)
    history = [
        (t, 1),
        (t + timedelta(hours=1), 4),
        (t + timedelta(hours=2), 2),
        (t + timedelta(hours=3), 4),
    ]
    assert pauses_from_statuses(history, waiting=4) == [
        Pause(t + timedelta(hours=1), t + timedelta(hours=2)),
        Pause(t + timedelta(hours=3), None),
    ]


def test_a_calendar_without_hours_has_no_due_date():
    empty = WorkCalendar(tz=PARIS, segments={})
    with pytest.raises(NoWorkingTime):
        add_working_time(empty, paris(2026, 3, 3), H)
