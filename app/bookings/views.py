"""Guest booking pages: book slots (one or a planned day), the manage page, cancel, move,
and "My bookings" for logged-in visitors."""

from datetime import date, datetime

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.access import current_user_or_none
from app.bookings import forms, maps, moving, notifications, quote, services, visits
from app.errors import Conflict, Invalid
from app.experiences.models import Experience, Slot
from app.extensions import db, limiter
from app.i18n import current_language
from app.operators.models import Departure
from app.requestargs import bounded_int, str_arg
from app.timeutil import utcnow

bp = Blueprint("bookings", __name__, url_prefix="/bookings")


def _requested_departure() -> Departure | None:
    departure_id = bounded_int(request.values.get("departure_id", 0))
    return db.get_or_404(Departure, departure_id) if departure_id else None


def _requested_slots() -> list[Slot]:
    ids = sorted({bounded_int(value) for value in request.values.getlist("slot_id")} - {0})
    if not ids or len(ids) > services.MAX_ITEMS:
        abort(400, _("Choose between 1 and %(n)d slots to book.", n=services.MAX_ITEMS))
    slots = db.session.scalars(
        select(Slot)
        .where(Slot.id.in_(ids))
        .options(selectinload(Slot.experience).selectinload(Experience.village))
        .order_by(Slot.starts_at)
    ).all()
    if len(slots) != len(ids):
        abort(404, _("One of these slots does not exist."))
    return list(slots)


@bp.route("/new", methods=["GET", "POST"])
@limiter.limit(lambda: "20 per minute", methods=["POST"])
def new():
    departure = _requested_departure()
    slots = [] if departure else _requested_slots()
    form = forms.BookingForm(obj=current_user_or_none())
    if request.method == "GET":
        form.adults.data = request.args.get("adults", type=int) or form.adults.default
        form.children.data = request.args.get("children", type=int) or 0
    form.fresh_token()
    if form.validate_on_submit():
        try:
            booking, token, _created = services.request_booking(
                _booking_request(form, slots, departure), current_user_or_none(), utcnow()
            )
        except (Invalid, Conflict) as error:
            form.show(error)
        else:
            return redirect(
                url_for("bookings.manage", reference=booking.reference, token=token, new=1)
            )
    offer = quote.for_form(slots, departure, form.adults.data, form.children.data)
    page = render_template("bookings/new.html", form=form, departure=departure, quote=offer)
    return page, (422 if form.errors or form.form_errors else 200)


def _booking_request(
    form: forms.BookingForm, slots: list[Slot], departure: Departure | None
) -> services.BookingRequest:
    return services.BookingRequest(
        slot_ids=tuple(slot.id for slot in slots),
        departure_id=departure.id if departure else None,
        adults=form.adults.data,
        children=form.children.data or 0,
        name=form.name.data,
        email=form.email.data,
        phone=form.phone.data,
        note=form.note.data or "",
        language=current_language(),
        idempotency_key=f"form:{form.form_token.data}",
    )


@bp.get("/<reference>")
def manage(reference: str):
    booking = services.find_booking(reference, request.args.get("token", ""))
    token, now = request.args["token"], utcnow()
    guest_visits = visits.visits(booking.items)
    return render_template(
        "bookings/manage.html",
        booking=booking,
        token=token,
        visits=guest_visits,
        meeting=maps.meeting_map(guest_visits),
        movable={visit.item.id for visit in guest_visits if _movable(visit, now)},
        status_labels=visits.STATUS_LABELS,
        manage_url=notifications.manage_link(booking, token),
        now=now,
        is_new=request.args.get("new") == "1",
    )


def _movable(visit: visits.Visit, now) -> bool:
    """A live workshop item before its cut-off can look for another date."""
    return visit.is_workshop and visit.is_live and now <= visit.cutoff_at


@bp.get("/<reference>/calendar.ics")
def calendar(reference: str):
    """The booking's calendar file (the one every email attaches), to add it again."""
    token = request.args.get("token", "")
    booking = services.find_booking(reference, token)
    link = notifications.manage_link(booking, token)
    body = notifications.booking_ics(booking, booking.items, link)
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="{booking.reference}.ics"'},
    )


@bp.get("/<reference>/cancel")
def confirm_cancel(reference: str):
    """ "Are you sure?": what cancelling means, before the guest says yes (works without JS)."""
    token = request.args.get("token", "")
    booking = services.find_booking(reference, token)
    item_id = request.args.get("item_id", type=int)
    chosen = [visit for visit in visits.visits(booking.items) if item_id in (None, visit.item.id)]
    if item_id is not None and not chosen:
        abort(404)
    return render_template(
        "bookings/cancel.html",
        booking=booking,
        token=token,
        item_id=item_id,
        visits=[visit for visit in chosen if visit.is_live],
        now=utcnow(),
    )


@bp.get("/<reference>/items/<int:item_id>/move")
def choose_move(reference: str, item_id: int):
    """A month calendar of the workshop's other free slots; choosing one posts the move."""
    token = request.args.get("token", "")
    booking = services.find_booking(reference, token)
    found = next((v for v in visits.visits(booking.items) if v.item.id == item_id), None)
    now = utcnow()
    if found is None or not _movable(found, now):
        abort(404)
    month = moving.move_month(found.item, _month_arg(), now)
    return render_template(
        "bookings/move.html", booking=booking, token=token, visit=found, month=month,
        form=forms.MoveForm(),
    )  # fmt: skip


def _month_arg() -> date | None:
    """?month=2026-12 (None when absent), or a clear error naming the field."""
    raw = str_arg("month", limit=7)
    if not raw:
        return None
    try:
        return datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        raise Invalid(
            "bad_month", _("month must look like 2026-12."), {"month": _("like 2026-12")}
        ) from None


@bp.post("/<reference>/cancel")
def cancel(reference: str):
    token = request.args.get("token", "")
    item_id = request.form.get("item_id", type=int)
    try:
        services.guest_cancel(reference, token, utcnow(), item_id=item_id)
    except Conflict as error:
        flash(error.message, "danger")
    else:
        flash(_("Cancelled. The places are free again."), "success")
    return redirect(url_for("bookings.manage", reference=reference, token=token))


@bp.post("/<reference>/items/<int:item_id>/move")
def move(reference: str, item_id: int):
    token = request.args.get("token", "")
    form = forms.MoveForm()
    if form.validate_on_submit():
        try:
            services.move_item(reference, token, item_id, form.slot_id.data, utcnow())
        except (Invalid, Conflict) as error:
            flash(error.message, "danger")
        else:
            flash(_("Moved to the new date."), "success")
    return redirect(url_for("bookings.manage", reference=reference, token=token))


@bp.get("/mine")
@login_required
def mine():
    return render_template(
        "bookings/mine.html",
        bookings=services.user_bookings(current_user),
        token_for=services.manage_token,
    )
