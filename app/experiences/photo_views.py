"""Host pages for a workshop's photo gallery: upload with a description, edit, reorder, remove."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.access import role_required
from app.errors import Invalid
from app.experiences import forms, photo_services, services
from app.experiences.cards import photo

bp = Blueprint("experience_photos", __name__, url_prefix="/host/experiences")
HOST_ROLES = ("host", "admin")


@bp.get("/<int:experience_id>/photos")
@role_required(*HOST_ROLES)
def index(experience_id: int, form: forms.PhotoForm | None = None):
    experience = services.get_experience_for_edit(experience_id, current_user)
    return render_template(
        "experiences/host_photos.html",
        experience=experience,
        form=form or forms.PhotoForm(),
        text_form=forms.PhotoTextForm(),
        urls={item.id: photo(item.path, "").url for item in experience.photos},
        limit=photo_services.MAX_PHOTOS,
    ), (422 if form is not None else 200)


@bp.post("/<int:experience_id>/photos")
@role_required(*HOST_ROLES)
def add(experience_id: int):
    form = forms.PhotoForm()
    if form.validate_on_submit():
        try:
            photo_services.add_photo(
                experience_id, current_user, form.photo.data, form.alt_vi.data, form.alt_en.data
            )
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Photo added."), "success")
            return _back(experience_id)
    return index(experience_id, form=form)


@bp.post("/<int:experience_id>/photos/<int:photo_id>")
@role_required(*HOST_ROLES)
def describe(experience_id: int, photo_id: int):
    form = forms.PhotoTextForm()
    try:
        if not form.validate_on_submit():
            raise Invalid("bad_text", " ".join(sum(form.errors.values(), [])))
        photo_services.describe_photo(photo_id, current_user, form.alt_vi.data, form.alt_en.data)
    except Invalid as error:
        flash(error.message, "danger")
    else:
        flash(_("Description saved."), "success")
    return _back(experience_id)


@bp.post("/photos/<int:photo_id>/<any(earlier, later):direction>")
@role_required(*HOST_ROLES)
def move(photo_id: int, direction: str):
    experience = photo_services.move_photo(
        photo_id, current_user, -1 if direction == "earlier" else 1
    )
    return _back(experience.id)


@bp.post("/photos/<int:photo_id>/delete")
@role_required(*HOST_ROLES)
def delete(photo_id: int):
    experience = photo_services.remove_photo(photo_id, current_user)
    flash(_("Photo removed."), "success")
    return _back(experience.id)


def _back(experience_id: int):
    return redirect(url_for("experience_photos.index", experience_id=experience_id))
