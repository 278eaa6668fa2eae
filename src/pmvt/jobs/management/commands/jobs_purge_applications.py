"""Delete the CVs and personal data of applications whose offer closed long ago (idempotent)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from pmvt.jobs.services.applications import job_applications_purge


class Command(BaseCommand):
    help = (
        "Efface les CV et les données personnelles des candidatures dont l'offre est close "
        "depuis plus de PMVT_JOB_APPLICATION_RETENTION_DAYS jours. À lancer chaque jour."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Durée de conservation en jours (par défaut : le réglage, 183).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is None:
            days = settings.PMVT_JOB_APPLICATION_RETENTION_DAYS
        count = job_applications_purge(days=days)
        self.stdout.write(f"{count} candidature(s) effacée(s) (conservation : {days} jours).")
