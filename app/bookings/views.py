"""Guest booking pages: book slots (one or a planned day), the manage page, cancel, move,
and "My bookings" for logged-in visitors."""

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.accounts.access import current_user_or_none
from app.bookings import forms, services
from app.bookings.rules import LIVE
from app.errors import Conflict, Invalid
from app.experiences import services as experiences
from app.experiences.models import Experience, Slot
from app.extensions import db, limiter
from app.i18n import current_language
from app.operators.models import Departure
from app.requestargs import bounded_int
from app.timeutil import to_local, utcnow

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
    return render_template("bookings/new.html", form=form, slots=slots, departure=departure), (
        422 if form.errors or form.form_errors else 200
    )


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
    first = to_local(now).date()
    moves = {
        item.id: experiences.bookable_slots(
            item.slot.experience, first, first + timedelta(days=60), now
        )
        for item in booking.items
        if item.slot and item.status in LIVE
    }
    return render_template(
        "bookings/manage.html",
        booking=booking,
        token=token,
        moves=moves,
        is_new=request.args.get("new") == "1",
        form=forms.AnswerForm(),
    )


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
