"""Roles and requests: plain Python so the rules read (and test) without Flask."""

from enum import StrEnum


class Role(StrEnum):
    VISITOR = "visitor"
    HOST = "host"
    OPERATOR = "operator"
    ADMIN = "admin"


class RequestKind(StrEnum):
    HOST = "host"
    OPERATOR = "operator"


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


#: Passwords shorter than this are refused; longer ones are hashed with scrypt.
MIN_PASSWORD_LENGTH = 10
RESET_TOKEN_HOURS = 2


def role_after_approval(current: Role, kind: RequestKind) -> Role:
    """An approved request raises a visitor to host or operator; an admin stays admin."""
    if current == Role.ADMIN:
        return current
    return Role.HOST if kind == RequestKind.HOST else Role.OPERATOR


def normalise_email(email: str) -> str:
    return email.strip().lower()
