"""Expire the vouchers past their spending deadline (idempotent: run it daily)."""

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from pmvt.vouchers.services.spending import vouchers_expire


class Command(BaseCommand):
    help = "Move what is left on vouchers past their spending deadline to the expired account."

    def handle(self, *args, **options) -> None:
        with scopes_disabled():
            count = vouchers_expire()
        self.stdout.write(f"{count} voucher(s) expired.")
