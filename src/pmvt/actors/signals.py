"""Signals other areas listen to; actors must not import the areas built on it.

`actor_public_changed` is sent, inside the transaction, when something other areas show about
an actor changes: its page (names, commune, labels, fulfilment) or its status (verified,
suspended). The catalog reindexes the actor's offers and refreshes its public pages.
"""

from django.dispatch import Signal

actor_public_changed = Signal()  # kwargs: actor
