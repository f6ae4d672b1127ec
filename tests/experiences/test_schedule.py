"""Weekly rules -> slot instants (plain Python): month boundaries, holidays, time zones."""

from datetime import UTC, date, datetime, time

import pytest

from app.errors import Invalid
from app.experiences.schedule import (
    WeeklyRule,
    parse_times,
    public_holidays,
    reconcile,
    slot_starts,
)


def rule(**changes) -> WeeklyRule:
    values = {
        "weekdays": frozenset({0, 4}),
        "start_times": (time(9), time(14, 30)),
        "starts_on": date(2027, 1, 25),
        "ends_on": date(2027, 3, 31),
        "capacity": 8,
    }
    return WeeklyRule(**{**values, **changes})


def test_generation_crosses_a_month_boundary_in_hanoi_time():
    starts = slot_starts(rule(), set(), date(2027, 1, 25), date(2027, 2, 5))
    # Mon 25 Jan, Fri 29 Jan, Mon 1 Feb, Fri 5 Feb: two times each
    assert len(starts) == 8
    assert starts[0] == datetime(2027, 1, 25, 2, 0, tzinfo=UTC)  # 09:00 in Hanoi
    assert starts[-1] == datetime(2027, 2, 5, 7, 30, tzinfo=UTC)  # 14:30 in Hanoi
    assert {start.month for start in starts} == {1, 2}


def test_tet_and_other_public_holidays_are_skipped():
    holidays = public_holidays(date(2027, 2, 1), date(2027, 2, 28))
    assert date(2027, 2, 6) in holidays  # Tết Nguyên Đán 2027
    assert date(2027, 2, 8) in holidays  # Monday, third day of Tết
    starts = slot_starts(rule(), set(holidays), date(2027, 2, 1), date(2027, 2, 12))
    days = sorted({start.astimezone(UTC).date() for start in starts})
    assert date(2027, 2, 8) not in days
    assert days == [date(2027, 2, 1), date(2027, 2, 12)]  # Fri 5 Feb and 9 Feb: Tết holidays


def test_a_village_closed_day_is_skipped():
    starts = slot_starts(rule(), {date(2027, 2, 1)}, date(2027, 2, 1), date(2027, 2, 1))
    assert starts == []


def test_window_is_clipped_to_the_rule_dates():
    starts = slot_starts(
        rule(ends_on=date(2027, 1, 25)), set(), date(2027, 1, 1), date(2027, 12, 31)
    )
    assert len(starts) == 2


def test_local_midnight_slot_lands_on_the_previous_utc_day():
    early = slot_starts(rule(start_times=(time(6),)), set(), date(2027, 1, 25), date(2027, 1, 25))
    assert early == [datetime(2027, 1, 24, 23, 0, tzinfo=UTC)]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"weekdays": frozenset()}, "weekdays"),
        ({"start_times": ()}, "start_times"),
        ({"ends_on": date(2027, 1, 1)}, "ends_on"),
        ({"weekdays": frozenset({7})}, "weekdays"),
    ],
)
def test_bad_rules_name_the_field(changes, field):
    with pytest.raises(Invalid) as caught:
        rule(**changes)
    assert field in caught.value.fields


def test_parse_times_sorts_dedupes_and_names_bad_values():
    assert parse_times("14:00, 09:00;09:00") == (time(9), time(14))
    with pytest.raises(Invalid) as caught:
        parse_times("9am")
    assert "start_times" in caught.value.fields


def test_reconcile_never_drops_booked_slots():
    a, b, c = (datetime(2027, 1, day, 2, tzinfo=UTC) for day in (25, 26, 27))
    change = reconcile({a: (1, 0), b: (2, 3)}, [c])
    assert change.create == [c]
    assert change.delete == [1]
    assert change.kept == [2]
