"""Host workspace routes (/host/…)."""

from flask import Blueprint, render_template

from app.accounts.access import role_required

bp = Blueprint("host", __name__, url_prefix="/host")


@bp.get("/")
@role_required("host", "admin")
def dashboard():
    return render_template("host/dashboard.html")
