"""Writes on user accounts: consent, RGPD export and erasure."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import ConsentRecord, Membership, User
from pmvt.accounts.personal_data import HANDLERS


@transaction.atomic
def user_record_consent(*, user: User, terms_version: str | None = None) -> ConsentRecord:
    version = terms_version or settings.PMVT_TERMS_VERSION
    record = ConsentRecord.objects.create(user=user, terms_version=version)
    # The account shows the same acceptance time as the proof record.
    user.terms_version = version
    user.terms_accepted_at = record.accepted_at
    user.save(update_fields=["terms_version", "terms_accepted_at"])
    return record


def user_export_data(*, user: User) -> dict[str, Any]:
    """Everything PM-VT holds about the user, as a JSON-ready dict (RGPD art. 15 and 20)."""
    with scopes_disabled():
        memberships = list(
            Membership.objects.filter(user=user).select_related("territory", "commune")
        )
    data = {
        "format": "pmvt-export-1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "terms_version": user.terms_version,
            "terms_accepted_at": user.terms_accepted_at.isoformat()
            if user.terms_accepted_at
            else None,
            "two_factor_enabled": Authenticator.objects.filter(user=user).exists(),
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "consents": [
            {"terms_version": c.terms_version, "accepted_at": c.accepted_at.isoformat()}
            for c in user.consents.order_by("accepted_at")
        ],
        "memberships": [
            {
                "territory": m.territory.name,
                "territory_siren": m.territory.siren,
                "role": m.role,
                "commune": m.commune.name if m.commune else None,
                "commune_insee": m.commune.insee_code if m.commune else None,
                "joined_at": m.joined_at.isoformat(),
            }
            for m in memberships
        ],
    }
    with scopes_disabled():
        for handler in HANDLERS.values():
            data[handler.key] = handler.export(user)
    return data


@transaction.atomic
def user_erase(*, user: User) -> None:
    """Delete the account's personal data; keep the bare row so kept records stay consistent.

    Records the law obliges us to keep (orders, invoices, ledgers, in later modules) point at
    this row, which no longer carries a name, an email, a phone or a password.
    """
    user_id = user.pk
    # Changing the password hash also ends every session of the user (session auth hash).
    with scopes_disabled():
        for handler in HANDLERS.values():
            handler.erase(user)
        Membership.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"supprime-{user_id}@invalid.pmvt"
    user.display_name = ""
    user.phone = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    user.save()
