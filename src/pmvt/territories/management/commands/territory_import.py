"""`manage.py territory_import <SIREN> [...] | --all`: create or update territories."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from pmvt.territories.official_data import UnknownEpciError, all_epci, get_epci
from pmvt.territories.services.territories import territory_import


class Command(BaseCommand):
    help = "Import (or update) EPCI territories and their member communes from the official data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sirens", nargs="*", help="SIREN of the EPCI to import.")
        parser.add_argument("--all", action="store_true", help="Import all 1,255 EPCI.")

    def handle(self, *args, **options) -> None:
        sirens: list[str] = options["sirens"]
        if options["all"]:
            if sirens:
                raise CommandError("Give either SIREN numbers or --all, not both.")
            sirens = sorted(all_epci())
        if not sirens:
            raise CommandError("Give at least one SIREN, or --all.")
        unknown = []
        for siren in sirens:
            try:
                get_epci(siren)
            except UnknownEpciError:
                unknown.append(siren)
        if unknown:
            # Check every SIREN before writing anything: a bad one changes nothing.
            raise CommandError(
                "Unknown EPCI SIREN (not in the official data): " + ", ".join(unknown)
            )
        with transaction.atomic():
            reports = [territory_import(siren=siren) for siren in sirens]
        verbosity = options["verbosity"]
        for report in reports:
            if verbosity >= 1 and (len(reports) <= 20 or verbosity >= 2):
                self.stdout.write(str(report))
        created = sum(r.created for r in reports)
        communes = sum(r.communes_created for r in reports)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(reports)} territories imported ({created} new), {communes} communes created."
            )
        )
