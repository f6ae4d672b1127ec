"""The geodesic travel estimate and the OSRM fallback (plain)."""

import pytest

from app.trips import travel

HOAN_KIEM = (21.0287, 105.8524)
BAT_TRANG = (20.983, 105.917)


def test_same_point_is_zero():
    assert travel.estimate([HOAN_KIEM, HOAN_KIEM], "car").minutes[0][1] == 0


@pytest.mark.parametrize(
    ("mode", "low", "high"), [("car", 20, 40), ("motorbike", 15, 35), ("bicycle", 40, 75)]
)
def test_hoan_kiem_to_bat_trang_takes_a_believable_time(mode, low, high):
    matrix = travel.estimate([HOAN_KIEM, BAT_TRANG], mode)
    assert 10 < matrix.km[0][1] < 14  # about 8.4 km straight, x 1.35 on the road
    assert low < matrix.minutes[0][1] < high
    assert matrix.minutes[0][1] == matrix.minutes[1][0]


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="mode"):
        travel.matrix([HOAN_KIEM, BAT_TRANG], "plane")


def test_unreachable_routing_server_falls_back_to_the_estimate():
    matrix = travel.matrix(
        [HOAN_KIEM, BAT_TRANG], "car", routing_url="http://127.0.0.1:9", timeout=0.5
    )
    assert matrix.source == "geodesic"
    assert matrix.minutes == travel.estimate([HOAN_KIEM, BAT_TRANG], "car").minutes
