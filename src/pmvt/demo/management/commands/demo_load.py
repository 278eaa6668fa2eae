"""`manage.py demo_load`: load (or refresh) the demo territory; safe to run twice."""

from django.core.management.base import BaseCommand

from pmvt.demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load the demo territory (CC Pays d'Apt-Luberon) and its demo accounts."

    def handle(self, *args, **options) -> None:
        territory = demo_load()
        self.stdout.write(self.style.SUCCESS(f"Demo territory ready: /t/{territory.slug}/"))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            role = account.role or "operator"
            line = f"  {account.email:<28} {role}"
            if account.totp_secret:
                line += f"  TOTP secret {account.totp_secret} (code: manage.py demo_totp {account.email})"
            self.stdout.write(line)
