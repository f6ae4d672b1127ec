"""Problem and Candidate validation: bad input fails early with a clear ValueError."""

import pytest

from app.planner import Candidate, Infeasible, Problem


def square(size: int, value: float = 10.0) -> list[list[float]]:
    return [[0.0 if i == j else value for j in range(size)] for i in range(size)]


def test_windows_become_tuples_of_floats():
    cand = Candidate("a", 1, 30, [[60, 90], (120, 120)])
    assert cand.windows == ((60.0, 90.0), (120.0, 120.0))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"windows": ()}, "at least one window"),
        ({"windows": ((90, 60),)}, "not a valid range"),
        ({"windows": ((120, 130), (60, 70))}, "sorted"),
        ({"duration": -5}, "duration"),
        ({"score": float("nan")}, "score"),
    ],
)
def test_invalid_candidate_is_refused(kwargs, message):
    fields = {"key": "a", "score": 1, "duration": 30, "windows": ((0, 100),)} | kwargs
    with pytest.raises(ValueError, match=message):
        Candidate(**fields)


@pytest.mark.parametrize(
    ("travel", "kwargs", "message"),
    [
        (square(2), {}, "3x3"),
        ([[0, 1, 2], [1, 0], [2, 1, 0]], {}, "3x3"),
        ([[0, -1, 2], [1, 0, 1], [2, 1, 0]], {}, "non-negative"),
        (square(3), {"day_start": 100, "day_end": 50}, "day_start"),
        (square(3), {"max_stops": -1}, "max_stops"),
    ],
)
def test_invalid_problem_is_refused(travel, kwargs, message):
    fields = {"day_start": 0, "day_end": 600} | kwargs
    with pytest.raises(ValueError, match=message):
        Problem([Candidate("a", 1, 30, ((0, 100),))], travel, **fields)


def test_duplicate_keys_are_refused():
    cands = [Candidate("a", 1, 30, ((0, 100),)), Candidate("a", 2, 30, ((0, 100),))]
    with pytest.raises(ValueError, match="unique"):
        Problem(cands, square(4), 0, 600)


def test_infeasible_names_the_keys():
    error = Infeasible(["bat-trang", "van-phuc"])
    assert error.keys == ("bat-trang", "van-phuc")
    assert error.code == "infeasible"
    assert "bat-trang, van-phuc" in error.message == str(error)
