"""Who is asking: the current user (or None for guests) and role-guarded views."""

import functools

from flask import abort
from flask_login import current_user, login_required

from app.accounts.models import User


def current_user_or_none() -> User | None:
    return current_user if current_user.is_authenticated else None


def role_required(*roles: str):
    """Run the view only for a logged-in user who holds one of `roles`."""

    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
