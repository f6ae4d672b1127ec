"""Honest locations: geocoder proposals for coarse village points, reviewed by an admin."""
