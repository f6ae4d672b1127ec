"""Links that open a route to a point in the visitor's own map app (plain Python: the same
links on pages, in emails and in calendar files). Brand names are not translated."""

from urllib.parse import quote, urlencode


def directions(lat: float, lon: float, label: str = "") -> list[tuple[str, str]]:
    """(app name, URL) for Google Maps, Apple Maps and OpenStreetMap, each asking for a route
    from wherever the visitor is to (lat, lon)."""
    point = f"{lat:.6f},{lon:.6f}"
    apple = {"daddr": point, **({"q": label} if label else {})}
    return [
        (
            "Google Maps",
            "https://www.google.com/maps/dir/?" + urlencode({"api": 1, "destination": point}),
        ),
        ("Apple Maps", "https://maps.apple.com/?" + urlencode(apple, quote_via=quote)),
        ("OpenStreetMap", "https://www.openstreetmap.org/directions?route=" + quote(f";{point}")),
    ]
