"""The geocoder: geopy's Nominatim client behind geopy's RateLimiter, answers cached in the
database so a second run asks the service nothing it has asked before.

Nominatim's usage policy (operations.osmfoundation.org/policies/nominatim/) asks for a real
user agent, at most one request per second, and caching; all three are enforced here.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from sqlalchemy import select

from app.extensions import db
from app.geocoding.models import GeocodeAnswer
from app.geocoding.rules import HANOI_BOX
from app.timeutil import utcnow

PUBLIC_SERVICE = "nominatim.openstreetmap.org"
#: The public service's policy: never more than one request per second.
PUBLIC_MIN_DELAY = 1.0


@dataclass(frozen=True)
class Settings:
    url: str
    user_agent: str
    min_delay: float = PUBLIC_MIN_DELAY
    timeout: float = 10.0

    @classmethod
    def from_config(cls, config) -> "Settings":
        return cls(
            config["GEOCODER_URL"],
            config["GEOCODER_USER_AGENT"],
            config["GEOCODER_MIN_DELAY"],
            config["GEOCODER_TIMEOUT"],
        )


class CachedGeocoder:
    """Searches Nominatim (rate-limited) unless the database already holds the answer."""

    def __init__(self, settings: Settings):
        parts = urlsplit(settings.url if "://" in settings.url else f"https://{settings.url}")
        domain = (parts.netloc + parts.path).rstrip("/")
        delay = settings.min_delay
        if parts.hostname == PUBLIC_SERVICE:
            delay = max(delay, PUBLIC_MIN_DELAY)
        self.service = f"{parts.scheme}://{domain}"
        client = Nominatim(
            user_agent=settings.user_agent,
            domain=domain,
            scheme=parts.scheme,
            timeout=settings.timeout,
        )
        self._search = RateLimiter(
            client.geocode, min_delay_seconds=delay, max_retries=1, swallow_exceptions=False
        )
        self.requests = 0
        self.cached = 0

    def search(self, query: str) -> list[dict]:
        """Nominatim's raw results for `query` (cached; new answers are added, not committed)."""
        stored = db.session.scalar(
            select(GeocodeAnswer).where(
                GeocodeAnswer.service == self.service, GeocodeAnswer.query == query
            )
        )
        if stored is not None:
            self.cached += 1
            return list(stored.results)
        south, west, north, east = HANOI_BOX
        self.requests += 1
        found = self._search(
            query,
            exactly_one=False,
            limit=5,
            country_codes="vn",
            viewbox=[(north, west), (south, east)],
            bounded=True,
            language="vi",
        )
        results = [location.raw for location in found or []]
        db.session.add(
            GeocodeAnswer(service=self.service, query=query, results=results, fetched_at=utcnow())
        )
        return results
