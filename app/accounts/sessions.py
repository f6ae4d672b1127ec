"""Server-side logins: each login is a UserSession row whose token the cookies carry
(Flask-Login's alternative id), so logout, a password change or a reset can end it."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from app.accounts.models import User, UserSession
from app.extensions import db
from app.requestargs import MAX_INT
from app.timeutil import utcnow

#: A login older than the remember-me cookie's lifetime is over whatever its cookies say.
SESSION_DAYS = 365


def start_session(user: User, now: datetime | None = None) -> str:
    """Record a new login for `user` and return its key (what Flask-Login stores)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    db.session.execute(
        delete(UserSession).where(
            UserSession.user_id == user.id,
            UserSession.created_at < now - timedelta(days=SESSION_DAYS),
        )
    )
    db.session.add(UserSession(user_id=user.id, token_hash=_hash(token), created_at=now))
    db.session.commit()
    user.session_key = f"{user.id}:{token}"
    return user.session_key


def load_user(session_key: str) -> User | None:
    """Flask-Login's user loader: the user only while their login's row exists."""
    user_id, _, token = session_key.partition(":")
    if not token or not user_id.isdigit() or not 0 < int(user_id) <= MAX_INT:
        return None
    user = db.session.scalar(
        select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            User.id == int(user_id),
            UserSession.token_hash == _hash(token),
            UserSession.created_at >= utcnow() - timedelta(days=SESSION_DAYS),
        )
    )
    if user is not None:
        user.session_key = session_key
    return user


def end_session(session_key: str) -> None:
    """Logout: the login's cookies stop working, here and wherever they were copied."""
    _user_id, _, token = session_key.partition(":")
    db.session.execute(delete(UserSession).where(UserSession.token_hash == _hash(token)))
    db.session.commit()


def drop_sessions(user_id: int, keep: str = "") -> None:
    """End every login of a user but the one with key `keep` (no commit: the caller's
    password change or reset commits it)."""
    _keep_id, _, token = keep.partition(":")
    query = delete(UserSession).where(UserSession.user_id == user_id)
    if token:
        query = query.where(UserSession.token_hash != _hash(token))
    db.session.execute(query)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
