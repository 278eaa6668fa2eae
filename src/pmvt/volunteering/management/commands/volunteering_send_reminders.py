"""Email the volunteers whose mission date is tomorrow; run it once a day (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from pmvt.volunteering.services.reminders import send_reminders


class Command(BaseCommand):
    help = "Envoie le rappel de la veille aux bénévoles inscrits (une seule fois par inscription)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
