"""Writes of the agenda: events, their dates, registrations."""
