"""Add the dates of recurring events that entered the rolling horizon (run it daily)."""

from typing import Any

from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from pmvt.agenda.services.occurrences import occurrences_extend_horizon


class Command(BaseCommand):
    help = "Matérialise les dates des événements récurrents sur l'horizon glissant d'un an."

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            count = occurrences_extend_horizon()
        self.stdout.write(f"{count} recurring event(s) brought up to date.")
