"""The investments' share of "download my data" and "delete my account".

Exported: the member's pledges. On erasure the pledges are deleted: a project's totals drop
accordingly (they are always derived from the pledges), and the holder loses the contact it
had been given. The calls and news a person wrote belong to the project and stay, without
their author (created_by is set to null by the account's deletion).
"""

from typing import Any

from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.investments.models import Pledge


def export_investments_data(user: User) -> dict[str, list[dict[str, Any]]]:
    with scopes_disabled():
        pledges = (
            Pledge.objects.filter(user=user)
            .select_related("territory", "call")
            .order_by("created_at", "pk")
        )
        return {
            "pledges": [
                {
                    "territory": p.territory.name,
                    "call": p.call.title,
                    "amount": str(p.amount),
                    "instrument": p.instrument,
                    "message": p.message,
                    "consent_contact": p.consent_contact,
                    "created_at": p.created_at.isoformat(),
                    "updated_at": p.updated_at.isoformat(),
                }
                for p in pledges
            ]
        }


def erase_investments_data(user: User) -> None:
    with scopes_disabled():
        Pledge.objects.filter(user=user).delete()
