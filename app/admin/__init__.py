"""Admin: approvals of hosts and operators, publishing villages, CSV import/export, users."""
