"""Close the published investment calls whose closing date is past (run once a day).

Their pledgers are told the call is closed. Running it again closes nothing twice.
"""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pmvt.investments.services.calls import calls_close_expired


class Command(BaseCommand):
    help = "Close the investment calls whose closing date is past and tell their pledgers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="Today, YYYY-MM-DD (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        day = timezone.localdate()
        if options["day"]:
            try:
                day = date.fromisoformat(options["day"])
            except ValueError:
                raise CommandError("Invalid --day: use YYYY-MM-DD.") from None
        closed = calls_close_expired(today=day)
        self.stdout.write(f"{day.isoformat()}: {closed} investment call(s) closed.")
