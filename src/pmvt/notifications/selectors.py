"""Reads of the notifications area: a user's modes, inbox, unread counts, digest items."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Subquery
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.notifications.kinds import (
    KINDS,
    NotificationKind,
    NotificationMode,
    default_mode,
    is_mandatory,
    mandatory_kinds,
    switchable_kinds,
)
from pmvt.notifications.models import Notification, NotificationPreference
from pmvt.territories.models import Territory


def can_receive_email(user: User) -> bool:
    return bool(user.is_active and user.email and not user.erased_at)


def preference_mode(*, user: User, kind: str) -> NotificationMode:
    """The user's mode for a kind: mandatory kinds are instant; else the stored or default."""
    if is_mandatory(kind):
        return NotificationMode.INSTANT
    stored = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("mode", flat=True)
        .first()
    )
    return NotificationMode(stored) if stored else default_mode(kind)


def preference_modes(*, user: User, kinds: Iterable[str] | None = None) -> dict[str, str]:
    """{kind: mode} for the given kinds (every registered kind by default), in one query."""
    keys = list(KINDS) if kinds is None else list(kinds)
    stored = dict(
        NotificationPreference.objects.filter(user=user, kind__in=keys).values_list("kind", "mode")
    )
    return {
        key: NotificationMode.INSTANT
        if is_mandatory(key)
        else NotificationMode(stored.get(key) or default_mode(key))
        for key in keys
    }


@dataclass(frozen=True)
class PreferenceRow:
    kind: NotificationKind
    mode: str


def preference_page(*, user: User) -> tuple[list[PreferenceRow], list[NotificationKind]]:
    """The switchable kinds with the user's mode, and the mandatory kinds."""
    modes = preference_modes(user=user)
    rows = [PreferenceRow(kind=kind, mode=modes[kind.key]) for kind in switchable_kinds()]
    return rows, mandatory_kinds()


def notification_inbox(*, user: User, territory: Territory) -> QuerySet[Notification]:
    """The user's notifications on this territory: unread first, then the most recent."""
    return (
        Notification.objects.filter(territory=territory, user=user)
        .annotate(unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()))
        .order_by("-unread", "-created_at", "-pk")
    )


def notification_of_user(
    *, user: User, territory: Territory, notification_id: int
) -> Notification | None:
    return Notification.objects.filter(pk=notification_id, territory=territory, user=user).first()


def unread_count(*, user: User, territory: Territory) -> int:
    return Notification.objects.filter(territory=territory, user=user, read_at__isnull=True).count()


def unread_count_subquery(*, user: User, territory: Territory) -> Subquery:
    """unread_count() as a one-value subquery, for the header's counting query."""
    return Subquery(
        Notification.objects.filter(territory=territory, user=user, read_at__isnull=True)
        .order_by()
        .values("territory")
        .annotate(n=Count("pk"))
        .values("n")
    )


@dataclass(frozen=True)
class UnreadElsewhere:
    slug: str
    name: str
    count: int


def unread_elsewhere(*, user: User, territory: Territory) -> list[UnreadElsewhere]:
    """Unread notifications of the user on their other territories, one query."""
    with scopes_disabled():
        rows = (
            Notification.objects.filter(user=user, read_at__isnull=True)
            .exclude(territory=territory)
            .values("territory__slug", "territory__name", "territory__display_name")
            .annotate(count=Count("pk"))
            .order_by("territory__name")
        )
        return [
            UnreadElsewhere(
                slug=row["territory__slug"],
                name=row["territory__display_name"] or row["territory__name"],
                count=row["count"],
            )
            for row in rows
        ]


def digest_users() -> list[int]:
    """Ids of the users who have notifications waiting for a digest."""
    with scopes_disabled():
        return list(
            Notification.objects.filter(digest_pending=True)
            .values_list("user_id", flat=True)
            .distinct()
            .order_by("user_id")
        )
