"""Who hears about a call: its holder's team, the territory's admins, its pledgers."""

from django.db.models import QuerySet
from django_scopes import scopes_disabled

from pmvt.accounts.models import Membership, Role, User
from pmvt.investments.models import InvestmentCall, Pledge
from pmvt.notifications.services import notify
from pmvt.territories.models import Territory


def territory_admins(territory: Territory) -> QuerySet[User]:
    with scopes_disabled():
        user_ids = list(
            Membership.objects.filter(territory=territory, role=Role.ADMIN).values_list(
                "user_id", flat=True
            )
        )
    return User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk")


def holder_team(call: InvestmentCall) -> QuerySet[User]:
    """The people who read the pledges of the call (see access.can_view_pledges)."""
    if call.actor is None:
        return territory_admins(call.territory)
    return User.objects.filter(actor_roles__actor=call.actor, is_active=True).order_by("pk")


def notify_users(
    users: QuerySet[User] | list[User],
    *,
    call: InvestmentCall,
    kind: str,
    title: str,
    body: str,
    url: str,
) -> int:
    count = 0
    for user in users:
        notify(user=user, territory=call.territory, kind=kind, title=title, body=body, url=url)
        count += 1
    return count


def pledgers(call: InvestmentCall) -> list[User]:
    return [
        pledge.user
        for pledge in Pledge.objects.filter(call=call, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ]
