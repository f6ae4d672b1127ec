"""Outgoing email: SMTP when MAIL_SERVER is set, else the outbox table and the log."""
