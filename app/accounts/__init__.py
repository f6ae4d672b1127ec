"""Accounts: users, roles, village and operator memberships, login, password reset."""
