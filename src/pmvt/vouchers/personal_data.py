"""Personal data of the vouchers area: export and erasure.

The ledger is an accounting record: its entries stay. Erasure detaches the identity: the
vouchers keep no holder (their remaining value stays on the ledger and expires with the
campaign), and the ledger's `created_by` is emptied when the account itself is deleted.
"""

from typing import Any

from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.vouchers.models import LedgerEntry, Voucher


def export_vouchers_data(user: User) -> dict[str, list[dict[str, Any]]]:
    with scopes_disabled():
        vouchers = list(
            Voucher.objects.filter(holder=user)
            .select_related("territory", "campaign")
            .order_by("created_at", "pk")
        )
        entries: dict[int, list[dict[str, Any]]] = {}
        for entry in (
            LedgerEntry.objects.filter(account__voucher__in=vouchers)
            .select_related("transaction", "account")
            .order_by("pk")
        ):
            entries.setdefault(entry.account.voucher_id or 0, []).append(
                {
                    "date": entry.transaction.created_at.isoformat(),
                    "kind": entry.transaction.kind,
                    "memo": entry.transaction.memo,
                    # Seen from the holder: a credit to the voucher adds value.
                    "amount": str(-entry.amount),
                    "balance_after": str(entry.balance_after),
                }
            )
        return {
            "vouchers": [
                {
                    "territory": v.territory.name,
                    "campaign": v.campaign.name,
                    "code": v.display_code,
                    "issued_value": str(v.issued_value),
                    "paid_amount": str(v.paid_amount),
                    "created_at": v.created_at.isoformat(),
                    "history": entries.get(v.pk, []),
                }
                for v in vouchers
            ]
        }


def erase_vouchers_data(user: User) -> None:
    with scopes_disabled():
        Voucher.objects.filter(holder=user).update(holder=None)
