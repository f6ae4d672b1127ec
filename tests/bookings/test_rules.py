"""Booking rules (plain Python)."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.bookings.rules import (
    REFERENCE_ALPHABET,
    ItemStatus,
    before_cutoff,
    check_transition,
    hold_expiry,
    is_live,
    new_reference,
)
from app.errors import Conflict

NOW = datetime(2027, 3, 1, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("pending", ItemStatus.CONFIRMED, True),
        ("pending", ItemStatus.EXPIRED, True),
        ("confirmed", ItemStatus.CANCELLED, True),
        ("confirmed", ItemStatus.DECLINED, False),
        ("declined", ItemStatus.CONFIRMED, False),
        ("expired", ItemStatus.CONFIRMED, False),
        ("cancelled", ItemStatus.CANCELLED, False),
    ],
)
def test_transitions(current, target, allowed):
    if allowed:
        check_transition(current, target)
    else:
        with pytest.raises(Conflict):
            check_transition(current, target)


def test_references_are_readable_aloud():
    rng = random.Random(4)
    reference = new_reference(rng.randrange)
    assert reference.startswith("LN-") and len(reference) == 9
    assert set(reference[3:]) <= set(REFERENCE_ALPHABET)
    assert not set("O0I1L5S2Z8B") & set(REFERENCE_ALPHABET)


def test_hold_lapses_after_the_hours_or_at_the_start_whichever_is_first():
    far = NOW + timedelta(days=10)
    assert hold_expiry(NOW, 48, far) == NOW + timedelta(hours=48)
    soon = NOW + timedelta(hours=20)
    assert hold_expiry(NOW, 48, soon) == soon


@pytest.mark.parametrize(
    ("hours_before", "cutoff", "ok"),
    [(13, 12, True), (12, 12, True), (11, 12, False), (0, 0, True)],
)
def test_cutoff(hours_before, cutoff, ok):
    assert before_cutoff(NOW + timedelta(hours=hours_before), NOW, cutoff) is ok


def test_an_expired_hold_is_not_live_even_before_it_is_marked():
    assert is_live("pending", NOW + timedelta(minutes=1), NOW)
    assert not is_live("pending", NOW, NOW)
    assert is_live("confirmed", None, NOW)
    assert not is_live("cancelled", None, NOW)
