"""Reads on accounts and memberships."""

from django.db.models import Count, Q, QuerySet
from django_scopes import scopes_disabled

from pmvt.accounts.models import Membership, Role, User
from pmvt.territories.models import Territory


def membership_list_of_user(*, user: User) -> list[Membership]:
    with scopes_disabled():
        return list(
            Membership.objects.filter(user=user, territory__is_active=True)
            .select_related("territory", "commune")
            .order_by("territory__name")
        )


def membership_list(
    *, territory: Territory, query: str = "", role: str = ""
) -> QuerySet[Membership]:
    qs = Membership.objects.filter(territory=territory).select_related("user", "commune")
    if query:
        qs = qs.filter(Q(user__email__icontains=query) | Q(user__display_name__icontains=query))
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("-joined_at", "-pk")


def membership_counts_by_role(*, territory: Territory) -> dict[str, int]:
    rows = (
        Membership.objects.filter(territory=territory)
        .values("role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["role"]: row["n"] for row in rows}


def territory_admin_users(*, territory: Territory) -> list[User]:
    """The active administrators of a territory (for notifications)."""
    return list(
        User.objects.filter(
            memberships__territory=territory,
            memberships__role=Role.ADMIN,
            is_active=True,
        ).order_by("pk")
    )
