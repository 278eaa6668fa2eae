"""Delete the anonymous carts whose session is over (idempotent, to run daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from pmvt.orders.services.retention import carts_purge_abandoned


class Command(BaseCommand):
    help = (
        "Efface les paniers ouverts sans compte dont la session a pris fin (plus personne ne "
        "peut les retrouver). Les paniers des comptes sont gardés. À lancer chaque jour."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = carts_purge_abandoned()
        self.stdout.write(f"{count} panier(s) abandonné(s) effacé(s).")
