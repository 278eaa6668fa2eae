"""`manage.py demo_totp <email>`: print the current TOTP code of a demo account."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pmvt.demo.loader import DEMO_ACCOUNTS

TOTP_PERIOD = 30


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (demo secrets are public)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args, **options) -> None:
        account = next((a for a in DEMO_ACCOUNTS if a.email == options["email"]), None)
        if account is None or not account.totp_secret:
            raise CommandError("This is not a demo account with two-factor authentication.")
        counter = int(time.time()) // TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(account.totp_secret, counter)))
