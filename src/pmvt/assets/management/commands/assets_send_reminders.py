"""Remind both sides of tomorrow's bookings and close unanswered past requests; run it daily."""

from typing import Any

from django.core.management.base import BaseCommand

from pmvt.assets.services.reminders import expire_requests, send_reminders


class Command(BaseCommand):
    help = (
        "Envoie le rappel de la veille des réservations de biens acceptées (une seule fois) et "
        "clôt les demandes restées sans réponse dont la période a commencé."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders()
        closed = expire_requests()
        self.stdout.write(f"{sent} rappel(s) envoyé(s), {closed} demande(s) close(s).")
