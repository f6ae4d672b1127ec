"""Host workspace routes (/host/…): the dashboard, a village's edit form, its products."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import maps
from app.accounts.access import current_user_or_none, role_required
from app.bookings import hosting
from app.errors import Invalid
from app.host import forms
from app.requestargs import int_arg
from app.villages import editing

bp = Blueprint("host", __name__, url_prefix="/host")
PER_PAGE = 20


@bp.get("/")
@role_required("host", "admin")
def dashboard():
    page = editing.list_managed_villages(
        current_user_or_none(), page=int_arg("page", 1), per_page=PER_PAGE
    )
    waiting = hosting.inbox(current_user, hosting.InboxFilters(status="pending"), per_page=1)
    return render_template("host/dashboard.html", page=page, waiting=waiting.total)


@bp.route("/villages/<slug>/edit", methods=["GET", "POST"])
@role_required("host", "admin")
def edit_village(slug: str):
    village = editing.get_village_for_edit(slug, current_user_or_none())
    form = forms.VillageForm(obj=village)
    if form.validate_on_submit():
        try:
            editing.update_village(slug, current_user_or_none(), form.village_data())
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Saved: visitors now see the new details."), "success")
            return redirect(url_for("host.edit_village", slug=slug))
    picker = maps.location_picker_map(village)
    page = render_template("host/village_edit.html", village=village, form=form, picker=picker)
    return page, 422 if form.errors else 200


@bp.get("/villages/<slug>/products/")
@role_required("host", "admin")
def products(slug: str):
    village = editing.get_village_for_edit(slug, current_user_or_none())
    return render_template("host/products.html", village=village, delete_form=forms.ConfirmForm())


@bp.route("/villages/<slug>/products/new", methods=["GET", "POST"])
@role_required("host", "admin")
def new_product(slug: str):
    village = editing.get_village_for_edit(slug, current_user_or_none())
    form = forms.ProductForm()
    if form.validate_on_submit():
        try:
            editing.add_product(
                slug, current_user_or_none(), form.product_data(), form.photo_stream()
            )
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Product added."), "success")
            return redirect(url_for("host.products", slug=slug))
    page = render_template("host/product_form.html", village=village, form=form, product=None)
    return page, 422 if form.errors else 200


@bp.route("/villages/<slug>/products/<int:product_id>/edit", methods=["GET", "POST"])
@role_required("host", "admin")
def edit_product(slug: str, product_id: int):
    product = editing.get_product_for_edit(slug, product_id, current_user_or_none())
    form = forms.ProductForm(obj=product)
    if form.validate_on_submit():
        try:
            editing.update_product(slug, product_id, actor=current_user_or_none(),
                                   data=form.product_data(), photo=form.photo_stream())  # fmt: skip
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Product saved."), "success")
            return redirect(url_for("host.products", slug=slug))
    page = render_template(
        "host/product_form.html", village=product.village, form=form, product=product
    )
    return page, 422 if form.errors else 200


@bp.post("/villages/<slug>/products/<int:product_id>/delete")
@role_required("host", "admin")
def delete_product(slug: str, product_id: int):
    form = forms.ConfirmForm()
    if not form.validate_on_submit():
        flash(_("The form expired: please try again."), "error")
    else:
        editing.delete_product(slug, product_id, actor=current_user_or_none())
        flash(_("Product deleted."), "success")
    return redirect(url_for("host.products", slug=slug))
