"""Login, logout, registration, profile, passwords, reset by email, and role requests."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from app.accounts import forms, services, sessions
from app.errors import Conflict, Invalid
from app.extensions import db, limiter
from app.i18n import current_language
from app.pages import local_path
from app.villages.models import Village

bp = Blueprint("accounts", __name__, url_prefix="/auth")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATELIMIT"]


def _register_limit() -> str:
    return current_app.config["REGISTER_RATELIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = forms.LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except Invalid as error:
            form.show(error)
        else:
            sessions.start_session(user)
            login_user(user, remember=form.remember.data)
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(local_path(request.args.get("next")) or url_for("accounts.profile"))
    return render_template("accounts/login.html", form=form), 422 if form.errors else 200


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        sessions.end_session(current_user.get_id())
    logout_user()
    flash(_("You are logged out."), "info")
    return redirect(url_for("pages.home"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_register_limit, methods=["POST"])
def register():
    form = forms.RegisterForm()
    if form.validate_on_submit():
        try:
            user = services.register_user(
                form.email.data,
                form.password.data,
                form.name.data or "",
                language=current_language(),
            )
        except (Invalid, Conflict) as error:
            form.show(error)
        else:
            sessions.start_session(user)
            login_user(user)
            flash(_("Your account is ready."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/register.html", form=form), 422 if form.errors else 200


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    form = forms.ProfileForm(obj=current_user)
    if form.validate_on_submit():
        services.update_profile(current_user, form.name.data or "", form.language.data)
        flash(_("Profile saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html", form=form, password_form=forms.ChangePasswordForm()
    )


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = forms.ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user,
                form.current_password.data,
                form.password.data,
                keep_session=current_user.get_id(),
            )
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Password changed."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/password.html", form=form), 422 if form.errors else 200


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def request_reset():
    form = forms.ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(_("If an account uses that email, a reset link is on its way."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except Invalid as error:
            form.show(error)
        else:
            flash(_("Password changed. You can log in now."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form), 422 if form.errors else 200


@bp.route("/request-role", methods=["GET", "POST"])
@login_required
def request_role():
    form = forms.RoleRequestForm()
    form.village.choices = [("", "—")] + [
        (slug, name)
        for slug, name in db.session.execute(
            select(Village.slug, Village.name_vi).order_by(Village.slug)
        )
    ]
    if form.validate_on_submit():
        try:
            services.request_role(
                current_user,
                form.kind.data,
                form.village.data,
                form.operator_name.data or "",
                form.message.data or "",
            )
        except (Invalid, Conflict) as error:
            form.show(error)
        else:
            flash(_("Request sent. An admin will answer by email."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/request_role.html", form=form), 422 if form.errors else 200
