"""Account use cases: register, authenticate, passwords and reset tokens, profile, role requests."""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.accounts import sessions
from app.accounts.models import Operator, PasswordResetToken, RoleRequest, User, VillageHost
from app.accounts.rules import (
    MIN_PASSWORD_LENGTH,
    RESET_TOKEN_HOURS,
    RequestKind,
    RequestStatus,
    Role,
    normalise_email,
    role_after_approval,
)
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.extensions import db
from app.notifications import services as notifications
from app.timeutil import utcnow
from app.urls import external_url
from app.villages.models import Village

#: Checked against when the email is unknown, so both paths take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def hash_password(password: str) -> str:
    """Scrypt hash of a password long enough to keep."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(
            "weak_password",
            _("The password needs at least %(n)d characters.", n=MIN_PASSWORD_LENGTH),
            {"password": _("at least %(n)d characters", n=MIN_PASSWORD_LENGTH)},
        )
    return generate_password_hash(password)


def register_user(email: str, password: str, name: str = "", language: str = "vi") -> User:
    """A new visitor account; the email must be free."""
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        role=Role.VISITOR,
        language=language,
    )
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            "email_taken",
            _("An account with this email already exists."),
            {"email": _("already registered")},
        ) from None
    return user


def authenticate(email: str, password: str, now: datetime | None = None) -> User:
    """The active user with this email and password, or Invalid (same message either way)."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    valid = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    if user is None or not valid or not user.is_active:
        raise Invalid(
            "bad_credentials",
            _("Wrong email or password."),
            {"password": _("Wrong email or password.")},
        )
    user.last_login_at = now or utcnow()
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str, keep_session: str = "") -> None:
    """A new password ends every other login of the user (a stolen cookie dies with it)."""
    if not check_password_hash(user.password_hash, current):
        raise Invalid(
            "bad_password",
            _("Your current password is not right."),
            {"current_password": _("not your current password")},
        )
    user.password_hash = hash_password(new)
    sessions.drop_sessions(user.id, keep=keep_session)
    db.session.commit()


def update_profile(user: User, name: str, language: str) -> None:
    user.name, user.language = name.strip(), language
    db.session.commit()


def request_password_reset(email: str, now: datetime | None = None) -> None:
    """Mail a single-use link valid RESET_TOKEN_HOURS; unknown emails get no mail (and no hint)."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.is_active:
        return
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    db.session.add(
        PasswordResetToken(
            user=user,
            token_hash=_token_hash(token),
            created_at=now,
            expires_at=now + timedelta(hours=RESET_TOKEN_HOURS),
        )
    )
    link = external_url("accounts.reset_password", token=token)
    notifications.queue_email(
        user.email,
        _("Reset your Làng Nghề password"),
        _(
            "Open this link within %(hours)d hours to choose a new password:\n\n%(link)s\n\n"
            "If you did not ask for it, ignore this message.",
            hours=RESET_TOKEN_HOURS,
            link=link,
        ),
        kind="password_reset",
    )
    db.session.commit()
    notifications.deliver_pending()


def reset_password(token: str, new_password: str, now: datetime | None = None) -> User:
    """Set a new password with a live token, spend the token (and every other one), and end
    every login of the user: whoever held the old password is out."""
    now = now or utcnow()
    record = db.session.scalar(
        select(PasswordResetToken)
        .where(PasswordResetToken.token_hash == _token_hash(token))
        .with_for_update()
    )
    if record is None or record.used_at is not None or record.expires_at <= now:
        raise Invalid(
            "bad_token",
            _("This reset link is not valid any more. Ask for a new one."),
            {"token": _("expired or already used")},
        )
    record.user.password_hash = hash_password(new_password)
    for other in db.session.scalars(
        select(PasswordResetToken).where(
            PasswordResetToken.user_id == record.user_id, PasswordResetToken.used_at.is_(None)
        )
    ):
        other.used_at = now
    sessions.drop_sessions(record.user_id)
    db.session.commit()
    return record.user


def request_role(
    user: User, kind: str, village_slug: str = "", operator_name: str = "", message: str = ""
) -> RoleRequest:
    """Ask an admin to make `user` a host of a village or a member of an operator company."""
    village = None
    if kind == RequestKind.HOST:
        village = db.session.scalar(select(Village).where(Village.slug == village_slug))
        if village is None:
            raise Invalid("unknown_village", _("Choose a village."), {"village": _("unknown")})
    elif not operator_name.strip():
        raise Invalid(
            "operator_missing", _("Name the operator company."), {"operator_name": _("required")}
        )
    pending = db.session.scalar(
        select(RoleRequest).where(
            RoleRequest.user_id == user.id, RoleRequest.status == RequestStatus.PENDING
        )
    )
    if pending is not None:
        raise Conflict("request_pending", _("You already have a request waiting for an admin."))
    request = RoleRequest(
        user=user,
        kind=kind,
        village=village,
        message=message.strip(),
        operator_name=operator_name.strip(),
    )
    db.session.add(request)
    db.session.commit()
    return request


def decide_request(request_id: int, actor: User, approve: bool, note: str = "") -> RoleRequest:
    """An admin approves (granting the role and membership) or rejects a pending request."""
    if not actor.is_admin:
        raise Forbidden("forbidden", _("Only an admin can decide requests."))
    request = db.session.get(RoleRequest, request_id)
    if request is None:
        raise NotFound("unknown_request", _("No such request."))
    if request.status != RequestStatus.PENDING:
        raise Conflict("already_decided", _("This request has already been decided."))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by, request.decided_at, request.decision_note = actor, utcnow(), note.strip()
    if approve:
        grant_role(request.user, request.kind, request.village, request.operator_name)
    verdict = _("approved") if approve else _("rejected")
    notifications.queue_email(
        request.user.email,
        _("Your request was %(verdict)s", verdict=verdict),
        _("An admin %(verdict)s your request.\n\n%(note)s", verdict=verdict, note=note),
        kind="role_request",
    )
    db.session.commit()
    notifications.deliver_pending()
    return request


def grant_role(user: User, kind: str, village: Village | None, operator_name: str = "") -> None:
    """Give `user` the host or operator role with its membership (no commit)."""
    user.role = role_after_approval(Role(user.role), RequestKind(kind))
    if kind == RequestKind.HOST and village is not None and village.id not in user.village_ids:
        user.hostings.append(VillageHost(village=village))
    if kind == RequestKind.OPERATOR:
        user.operator = operator_named(operator_name)


def operator_named(name: str) -> Operator:
    operator = db.session.scalar(select(Operator).where(Operator.name == name.strip()))
    if operator is None:
        operator = Operator(name=name.strip())
        db.session.add(operator)
    return operator


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
