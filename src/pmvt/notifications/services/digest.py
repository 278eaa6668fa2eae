"""The daily digest: one email per user listing what waited, at most once a day."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.core.email import email_on_commit
from pmvt.notifications.kinds import EMAIL_MODES
from pmvt.notifications.links import absolute_url, site_url, unsubscribe_url
from pmvt.notifications.models import DigestDelivery, Notification
from pmvt.notifications.selectors import can_receive_email, digest_users, preference_modes


@dataclass(frozen=True)
class DigestReport:
    users: int  # Users who had notifications waiting.
    sent: int  # Digests sent now.
    already_sent: int  # Users whose digest of the day was already sent.


def _email(*, user: User, day: date, items: list[Notification]) -> None:
    groups = [
        (territory, list(notes)) for territory, notes in groupby(items, key=lambda n: n.territory)
    ]
    context = {
        "day": date_format(day, "l j F Y"),
        "groups": [
            (territory, [(n, absolute_url(n.url)) for n in notes]) for territory, notes in groups
        ],
        "site_url": site_url(),
    }
    count = len(items)
    subject = ngettext(
        "Votre résumé du jour, %(count)d notification",
        "Votre résumé du jour, %(count)d notifications",
        count,
    ) % {"count": count}
    if len(groups) == 1:
        subject = f"[{groups[0][0].public_name}] {subject}"
    email_on_commit(
        subject=subject,
        body=render_to_string("notifications/email/digest.txt", context),
        to=[user.email],
        unsubscribe_url=unsubscribe_url(user=user),
    )


@transaction.atomic
def digest_send(*, user: User, day: date) -> DigestDelivery | None:
    """Send the user's digest of `day`, unless already sent; None when nothing was sent.

    The unique (user, day) row is written first: a second run, even concurrent, fails on it
    and sends nothing. Items whose kind no longer asks for email are dropped, not sent.
    """
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(user=user, day=day)
    except IntegrityError:
        return None
    with scopes_disabled():
        pending = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(user=user, digest_pending=True)
            .select_related("territory")
            .order_by("territory__name", "territory_id", "created_at", "pk")
        )
        modes = preference_modes(user=user, kinds={n.kind for n in pending})
        items = [n for n in pending if modes[n.kind] in EMAIL_MODES]
        if not can_receive_email(user):
            items = []
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            digest_pending=False, digested_at=timezone.now()
        )
    if not items:
        delivery.delete()
        return None
    _email(user=user, day=day, items=items)
    delivery.item_count = len(items)
    delivery.save(update_fields=["item_count"])
    return delivery


def digest_send_all(*, day: date | None = None) -> DigestReport:
    """Send the digest of every user with notifications waiting (one transaction each)."""
    day = day or timezone.localdate()
    user_ids = digest_users()
    sent = already = 0
    users = User.objects.in_bulk(user_ids)
    with translation.override(settings.LANGUAGE_CODE):
        for user_id in user_ids:
            if DigestDelivery.objects.filter(user_id=user_id, day=day).exists():
                already += 1
                continue
            if digest_send(user=users[user_id], day=day) is not None:
                sent += 1
    return DigestReport(users=len(user_ids), sent=sent, already_sent=already)
