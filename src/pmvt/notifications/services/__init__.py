"""Writes of the notifications area; `notify()` is what every other area calls."""

from pmvt.notifications.services.inbox import notify

__all__ = ["notify"]
