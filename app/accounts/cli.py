"""`flask users create`: set-up and recovery without the web."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts import services
from app.accounts.models import User
from app.accounts.rules import RequestKind, Role, normalise_email
from app.errors import AppError
from app.extensions import db
from app.transactions import write_transaction
from app.villages.models import Village

users_cli = AppGroup("users", help="Create users and give them roles.")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), default="visitor")
@click.option("--village", "village_slugs", multiple=True, help="Village slug (hosts; repeatable)")
@click.option("--operator", "operator_name", default="", help="Operator company (operators)")
@click.option("--name", default="")
def create_user(email, password, role, village_slugs, operator_name, name) -> None:
    """Create (or update the password and role of) a user; idempotent by email."""
    if role == Role.HOST and not village_slugs:
        raise click.ClickException("--village is required for a host")
    if role == Role.OPERATOR and not operator_name:
        raise click.ClickException("--operator is required for an operator")
    try:
        with write_transaction():
            user = upsert_user(email, password, role, name)
            for slug in village_slugs:
                village = db.session.scalar(select(Village).where(Village.slug == slug))
                if village is None:
                    raise click.ClickException(f"no village with slug '{slug}'")
                services.grant_role(user, RequestKind.HOST, village)
            if operator_name:
                services.grant_role(user, RequestKind.OPERATOR, None, operator_name)
            user.role = role
    except AppError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"user {user.email}: {user.role}")


def upsert_user(email: str, password: str, role: str, name: str) -> User:
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        user = User(email=normalise_email(email), hostings=[])
        db.session.add(user)
    user.password_hash = services.hash_password(password)
    user.role, user.name = role, name or user.name
    return user
