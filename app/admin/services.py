"""Admin use cases: review role requests, publish or hide villages, manage users' roles."""

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import RoleRequest, User, VillageHost
from app.accounts.rules import RequestStatus, Role, normalise_email
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.extensions import db
from app.transactions import write_transaction
from app.villages.models import Village
from app.villages.services import Page, check_paging


def _require_admin(actor: User | None) -> None:
    if actor is None or not actor.is_admin:
        raise Forbidden("forbidden", _("Only an admin can do this."))


def pending_requests(actor: User) -> list[RoleRequest]:
    _require_admin(actor)
    query = (
        select(RoleRequest)
        .where(RoleRequest.status == RequestStatus.PENDING)
        .options(selectinload(RoleRequest.user), selectinload(RoleRequest.village))
        .order_by(RoleRequest.created_at)
    )
    return list(db.session.scalars(query))


def recent_decisions(actor: User, limit: int = 10) -> list[RoleRequest]:
    _require_admin(actor)
    query = (
        select(RoleRequest)
        .where(RoleRequest.status != RequestStatus.PENDING)
        .options(selectinload(RoleRequest.user), selectinload(RoleRequest.decided_by))
        .order_by(RoleRequest.decided_at.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def all_villages(actor: User, page: int, per_page: int = 50) -> Page:
    """Every village, published or hidden, for the admin list."""
    _require_admin(actor)
    check_paging(page, per_page)
    total = db.session.scalar(select(func.count(Village.id))) or 0
    rows = db.session.scalars(
        select(Village).order_by(Village.slug).limit(per_page).offset((page - 1) * per_page)
    )
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


@write_transaction()
def set_village_published(slug: str, actor: User, published: bool) -> Village:
    _require_admin(actor)
    village = db.session.scalar(select(Village).where(Village.slug == slug))
    if village is None:
        raise NotFound("unknown_village", _("No such village."))
    village.is_published = published
    return village


def list_users(actor: User, query: str, page: int, per_page: int = 25) -> Page:
    _require_admin(actor)
    check_paging(page, per_page)
    condition = User.email.contains(normalise_email(query), autoescape=True) if query else True
    total = db.session.scalar(select(func.count(User.id)).where(condition)) or 0
    rows = db.session.scalars(
        select(User)
        .where(condition)
        .options(
            selectinload(User.hostings).selectinload(VillageHost.village),
            selectinload(User.operator),
        )
        .order_by(User.email)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


@write_transaction()
def change_role(user_id: int, actor: User, role: str) -> User:
    """Set a user's role; a visitor loses memberships; an admin cannot demote themself."""
    _require_admin(actor)
    if role not in {item.value for item in Role}:
        raise Invalid("unknown_role", _("Unknown role."), {"role": _("unknown role")})
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("unknown_user", _("No such user."))
    if user.id == actor.id and role != Role.ADMIN:
        raise Conflict("self_demotion", _("You cannot remove your own admin role."))
    user.role = role
    if role == Role.VISITOR:
        user.hostings.clear()
        user.operator = None
    return user
