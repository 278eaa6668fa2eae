"""Retention of carts: an anonymous visitor's cart lives as long as the session that holds it.

The cart's id is kept in the visitor's session only. Once that session has expired or was
deleted (logout, `clearsessions`), nobody can reach the cart again: its lines would stay in
the database for ever. A signed-in buyer's cart is theirs and is kept.
"""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.orders.models import Cart

# A cart created in this request belongs to a session that is already saved; the margin only
# keeps the purge away from anything touched today.
GRACE = timedelta(days=1)
BATCH = 500


def carts_purge_abandoned() -> int:
    """Delete the anonymous carts (and their lines) whose session is over. Idempotent.

    Returns the number of carts deleted. Both session engines in use (`db`, `cached_db`) keep
    every session in the database table, which is the reference here.
    """
    now = timezone.now()
    # NOT EXISTS, an anti-join on the sessions' primary key, not NOT IN: stays fast with
    # millions of sessions.
    live_session = Exists(
        Session.objects.filter(session_key=OuterRef("session_key"), expire_date__gt=now)
    )
    with scopes_disabled():
        ids = list(
            Cart.objects.filter(user__isnull=True, updated_at__lt=now - GRACE)
            .exclude(live_session)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        deleted = 0
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                # Re-checked in the batch: the owner may have come back since the read above.
                batch = Cart.objects.filter(
                    pk__in=ids[start : start + BATCH],
                    user__isnull=True,
                    updated_at__lt=now - GRACE,
                ).exclude(live_session)
                deleted += batch.delete()[1].get(Cart._meta.label, 0)
    return deleted
