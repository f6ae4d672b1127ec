"""`flask villages geocode` against a local server answering in Nominatim's format."""

from sqlalchemy import func, select

from app.geocoding.models import GeocodeAnswer, LocationProposal
from app.villages.models import Village
from tests.nominatim import place

KIM_LAN = "Kim Lan, Hà Nội"
TU_VAN = "Từ Vân, Lê Lợi, Hà Nội"


def geocode(runner, *slugs: str):
    args = ["villages", "geocode"]
    for slug in slugs:
        args += ["--village", slug]
    return runner.invoke(args=args)


def proposals(db) -> list[LocationProposal]:
    db.session.expire_all()
    return list(db.session.scalars(select(LocationProposal).order_by(LocationProposal.id)))


def test_a_settlement_near_the_coarse_point_is_proposed_not_applied(
    db, runner, seeded, geocoder_app, nominatim
):
    nominatim.answers[KIM_LAN] = [place(20.958, 105.905, "Kim Lan, Xã Bát Tràng, Hà Nội")]
    result = geocode(runner, "kim-lan")
    assert result.exit_code == 0, result.output
    assert "1 proposals" in result.output
    [proposal] = proposals(db)
    assert (proposal.status, proposal.lat, proposal.lon) == ("pending", 20.958, 105.905)
    assert proposal.category == "place/village" and 0.8 < proposal.distance_km < 1.6
    assert proposal.osm_url == "https://www.openstreetmap.org/node/987654321"
    kim_lan = db.session.scalar(select(Village).where(Village.slug == "kim-lan"))
    assert (kim_lan.lat, kim_lan.coord_precision) == (20.96855, "new-commune")


def test_the_village_name_is_asked_in_its_commune_then_in_hanoi(
    db, runner, seeded, geocoder_app, nominatim
):
    result = geocode(runner, "tu-van")
    assert "0 proposals, 1 without a better point" in result.output
    assert nominatim.queries == [TU_VAN, "Từ Vân, Hà Nội"]
    _at, params, _headers = nominatim.requests[0]
    assert params["countrycodes"] == ["vn"] and params["bounded"] == ["1"]
    assert params["format"] == ["json"]


def test_requests_carry_a_real_user_agent_and_keep_the_minimum_delay(
    db, runner, seeded, geocoder_app, nominatim
):
    geocoder_app.config["GEOCODER_MIN_DELAY"] = 0.3
    geocode(runner, "tu-van", "kim-lan", "van-phuc")
    times = [at for at, _params, _headers in nominatim.requests]
    assert len(times) == 4
    assert all(later - earlier >= 0.25 for earlier, later in zip(times, times[1:], strict=False))
    agents = {headers["User-Agent"] for _at, _params, headers in nominatim.requests}
    assert agents == {"LangNghe-tests/1.0 (test@example.com)"}


def test_the_public_service_is_never_asked_faster_than_once_a_second(app):
    from app.geocoding.nominatim import CachedGeocoder, Settings

    geocoder = CachedGeocoder(Settings("https://nominatim.openstreetmap.org", "ua", 0.0))
    assert geocoder._search.min_delay_seconds == 1.0
    assert geocoder.service == "https://nominatim.openstreetmap.org"


def test_answers_are_cached_so_a_second_run_asks_nothing(
    db, runner, seeded, geocoder_app, nominatim
):
    geocode(runner, "tu-van")
    asked = len(nominatim.requests)
    result = geocode(runner, "tu-van")
    assert len(nominatim.requests) == asked
    assert "0 requests to the geocoder, 2 answers from the cache" in result.output
    assert db.session.scalar(select(func.count(GeocodeAnswer.id))) == 2


def test_roads_and_far_namesakes_are_not_proposed(db, runner, seeded, geocoder_app, nominatim):
    nominatim.answers[KIM_LAN] = [
        place(20.9600, 105.9100, "Đường Kim Lan", kind="residential", category="highway"),
        place(21.3000, 105.4000, "Kim Lan, Sơn Tây"),  # about 60 km away: a namesake
    ]
    result = geocode(runner, "kim-lan")
    assert "0 proposals, 1 without a better point" in result.output
    assert proposals(db) == []


def test_villages_already_at_their_point_are_not_looked_up(
    db, runner, seeded, geocoder_app, nominatim
):
    result = geocode(runner, "bat-trang", "chuong", "ha-thai")
    assert "0 villages looked up" in result.output and nominatim.requests == []


def test_a_village_with_a_pending_proposal_is_skipped(db, runner, seeded, geocoder_app, nominatim):
    nominatim.answers[KIM_LAN] = [place(20.958, 105.905, "Kim Lan, Hà Nội")]
    geocode(runner, "kim-lan")
    result = geocode(runner, "kim-lan")
    assert "0 proposals, 0 without a better point, 1 skipped" in result.output
    assert len(proposals(db)) == 1


def test_an_unreachable_geocoder_fails_clearly(db, runner, seeded, geocoder_app):
    geocoder_app.config["GEOCODER_URL"] = "http://127.0.0.1:9"
    geocoder_app.config["GEOCODER_TIMEOUT"] = 2.0
    result = geocode(runner, "kim-lan")
    assert result.exit_code != 0
    assert "The geocoder at http://127.0.0.1:9 failed on 'kim-lan'" in result.output
