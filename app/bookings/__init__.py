"""Bookings: requests that hold places, confirmation, cancellation, moves, audit, notices."""
