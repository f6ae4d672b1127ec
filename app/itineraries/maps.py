"""A route's map: its start, its villages numbered in order, the line between them."""

from flask_babel import gettext as _

from app import maps
from app.i18n import tr
from app.itineraries.models import Itinerary
from app.itineraries.services import plannable_villages, start_place


def route_map(itinerary: Itinerary) -> maps.EmbeddedMap:
    place = start_place(itinerary)
    stops = [
        maps.MapStop(number, village.lat, village.lon, tr(village, "name"), "village")
        for number, village in enumerate(plannable_villages(itinerary), 1)
    ]
    legend = {"start": _("Start and end: %(place)s", place=tr(place, "name")),
              "village": _("Village on the route")}  # fmt: skip
    return maps.plan_map((place.lat, place.lon), stops, legend)
