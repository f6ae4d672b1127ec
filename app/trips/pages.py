"""What the planner templates need: the form's choices, names, maps, action links, reasons."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict
from wtforms import SelectChoice

from app import maps
from app.experiences import cards
from app.experiences.models import Experience
from app.extensions import db
from app.i18n import tr
from app.trips import services
from app.trips.forms import PlannerForm, fixed_value
from app.trips.places import KNOWN_PLACES
from app.trips.result import DayPlan, Stop
from app.trips.wording import describe
from app.villages.models import Village
from app.villages.services import all_crafts


@dataclass(frozen=True)
class Label:
    title: str
    place: str
    meeting_point: str = ""
    details: tuple[str, ...] = ()
    link: str = ""


def planner_form(args: MultiDict) -> PlannerForm:
    """The planner form bound to `args`, with its choices in the visitor's language."""
    form = PlannerForm(formdata=args if "date" in args else None)
    form.place.choices = [SelectChoice("", _("Custom point (map or numbers)"))] + [
        SelectChoice(place.key, tr(place, "name"), {"data-lat": place.lat, "data-lon": place.lon})
        for place in KNOWN_PLACES
    ]
    form.crafts.choices = [SelectChoice(craft.slug, tr(craft, "name")) for craft in all_crafts()]
    form.include.choices = form.pin.choices = _wish_choices()
    return form


def picker(form: PlannerForm) -> maps.LocationPicker:
    """The start map, its pin on the chosen start when there is one."""
    lat, lon = form.start_point
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return maps.start_picker_map(None)
    return maps.start_picker_map((lat, lon))


def _wish_choices() -> list[SelectChoice]:
    experiences = db.session.scalars(
        select(Experience)
        .join(Village)
        .where(Experience.is_published.is_(True), Village.is_published.is_(True))
        .options(selectinload(Experience.village))
        .order_by(Village.name_vi)
    )
    villages = db.session.scalars(
        select(Village)
        .where(Village.is_published.is_(True), Village.lat.is_not(None))
        .order_by(Village.name_vi)
    )
    workshops, walks = _("Workshops"), _("Villages")
    return [
        SelectChoice(f"e:{e.id}", f"{tr(e, 'title')} — {e.village.name_vi}", optgroup=workshops)
        for e in experiences
    ] + [SelectChoice(f"v:{v.slug}", v.name_vi, optgroup=walks) for v in villages]


def labels(plans: list[DayPlan]) -> dict[str, Label]:
    """A title and a place name for every stop key of `plans`."""
    villages, experiences = services.names_for(plans)
    found = {}
    for plan in plans:
        for stop in plan.stops:
            found[stop.ref] = _label(stop, villages, experiences)
    return found


def _label(stop: Stop, villages: dict, experiences: dict) -> Label:
    village = villages.get(stop.village)
    place = tr(village, "name") if village else (stop.village or _("Start"))
    if stop.kind == "lunch":
        return Label(_("Lunch break"), place, details=(_("Lunch near %(place)s", place=place),))
    if stop.kind == "experience" and stop.experience_id in experiences:
        return _workshop_label(stop, experiences[stop.experience_id], place)
    link = url_for("villages.detail", slug=village.slug, _external=True) if village else ""
    return Label(
        _("Walk around %(village)s", village=place),
        place,
        details=(_("Village: %(place)s", place=place),),
        link=link,
    )


def _workshop_label(stop: Stop, experience: Experience, place: str) -> Label:
    """A planned workshop: what, where to meet, and the link that books its slot."""
    title, meeting = tr(experience, "title"), experience.meeting_point_or_village
    link = (
        url_for("bookings.new", slot_id=stop.slot_id, _external=True)
        if stop.slot_id
        else url_for("experiences.detail", experience_id=experience.id, _external=True)
    )
    details = (
        _("Workshop: %(title)s", title=title),
        _("Village: %(place)s", place=place),
        _("Meeting point: %(place)s", place=meeting),
        _("Not booked yet. Book your places: %(link)s", link=link),
    )
    return Label(title, place, meeting_point=meeting, details=details, link=link)


def context(plans: list[DayPlan], *, args: MultiDict, read_only: bool = False) -> dict:
    """Template variables for a planned trip (live or saved)."""
    villages, experiences = services.names_for(plans)
    crafts = {craft.slug: tr(craft, "name") for craft in all_crafts()}
    names = {key: _label_from(key, villages, experiences) for key in _keys(plans)}
    return {
        "plans": plans,
        "labels": {s.ref: _label(s, villages, experiences) for p in plans for s in p.stops},
        "photos": stop_photos(plans, villages, experiences),
        "maps": [_map(plan, villages, experiences) for plan in plans],
        "notices": [[describe(u.reason) for u in _notices(plan)] for plan in plans],
        "reasons": [
            [(crafts.get(u.id, u.id) if u.kind == "craft" else names[u.key],
              describe(u.reason, crafts)) for u in plan.unplaced if u not in _notices(plan)]
            for plan in plans
        ],
        "actions": {} if read_only else _actions(plans, args),
        "book_urls": [_book_url(plan, args) for plan in plans],
        "read_only": read_only,
    }  # fmt: skip


def stop_photos(plans: list[DayPlan], villages: dict, experiences: dict) -> dict:
    """A picture for every workshop and village stop of the timeline (a photo when there is
    one, else the craft's drawing): three queries for the whole trip."""
    covers = cards.experience_covers(experiences.values())
    found = cards.village_photos({village.id for village in villages.values()})
    photos = {}
    for stop in (stop for plan in plans for stop in plan.stops):
        village = villages.get(stop.village)
        if stop.kind == "experience" and stop.experience_id in covers:
            photos[stop.ref] = covers[stop.experience_id]
        elif stop.kind == "village" and village is not None:
            craft = village.crafts[0].slug if village.crafts else None
            photos[stop.ref] = found.get(village.id) or cards.drawing(craft)
    return photos


def _keys(plans: list[DayPlan]) -> set[str]:
    return {u.key for plan in plans for u in plan.unplaced if u.kind != "notice"}


def _notices(plan: DayPlan) -> list:
    """What the visitor must know about the whole day (not about one wish)."""
    return [u for u in plan.unplaced if u.kind == "notice"]


def _label_from(key: str, villages: dict, experiences: dict) -> str:
    if key == "lunch":
        return _("Lunch break")
    prefix, value = key.split(":", 1)
    if prefix == "e" and value.isdigit() and int(value) in experiences:
        return tr(experiences[int(value)], "title")
    if prefix == "v" and value in villages:
        return tr(villages[value], "name")
    return value


def _map(plan: DayPlan, villages: dict, experiences: dict) -> maps.EmbeddedMap:
    stops = [
        maps.MapStop(s.number, *s.point, _label(s, villages, experiences).title, s.kind)
        for s in plan.stops
    ]
    legend = {
        "start": _("Start and end"),
        "experience": _("Workshop"),
        "village": _("Village walk"),
        "lunch": _("Lunch"),
    }
    return maps.plan_map(plan.start, stops, legend)


def _actions(plans: list[DayPlan], args: MultiDict) -> dict[str, dict]:
    """Per stop key: links that re-plan without it, with it pinned, or with a similar one."""
    links = {}
    for stop in (stop for plan in plans for stop in plan.stops if stop.kind != "lunch"):
        links[stop.key] = {
            "drop": _replan(args, drop=stop.key),
            "pin": None
            if stop.is_pinned
            else _replan(args, pin=stop.key, fix=fixed_value(stop.key, stop.start)),
            "like": _replan(args, drop=stop.key, crafts=stop.craft)
            if stop.kind == "experience" and stop.craft
            else None,
        }
    return links


def _replan(args: MultiDict, **added: str) -> str:
    query = MultiDict(args)
    key = added.get("drop") or added.get("pin")
    query.setlist("fix", [v for v in query.getlist("fix") if v.partition("@")[0] != key])
    for name, value in added.items():
        if value not in query.getlist(name):
            query.add(name, value)
    if "drop" in added:
        query.setlist("pin", [k for k in query.getlist("pin") if k != added["drop"]])
        query.setlist("include", [k for k in query.getlist("include") if k != added["drop"]])
    return url_for("trips.index", **query.to_dict(flat=False))


def _book_url(plan: DayPlan, args: MultiDict) -> str | None:
    if not plan.slot_ids:
        return None
    adults = args.get("adults", "2")
    children = args.get("children", "0") or "0"
    return url_for("bookings.new", slot_id=plan.slot_ids, adults=adults, children=children)
