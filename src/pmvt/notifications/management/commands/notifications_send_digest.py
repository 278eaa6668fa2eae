"""Send the daily digest to every user with notifications waiting (run once a day).

Running it again the same day sends nothing twice: a user receives at most one digest a day.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pmvt.notifications.services.digest import digest_send_all


class Command(BaseCommand):
    help = "Send the daily digest of notifications (at most one per user and per day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--day",
            help="Day of the digest, YYYY-MM-DD (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = timezone.localdate()
        if options["day"]:
            try:
                day = date.fromisoformat(options["day"])
            except ValueError:
                raise CommandError("Invalid --day: use YYYY-MM-DD.") from None
        report = digest_send_all(day=day)
        self.stdout.write(
            f"{day.isoformat()}: {report.sent} digest(s) sent, "
            f"{report.already_sent} already sent today, {report.users} user(s) waiting."
        )
