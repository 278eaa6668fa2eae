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
                raise CommandError("Donnez soit des numéros SIREN, soit --all, pas les deux.")
            sirens = sorted(all_epci())
        if not sirens:
            raise CommandError("Donnez au moins un numéro SIREN, ou --all.")
        malformed = [s for s in sirens if not (len(s) == 9 and s.isdigit())]
        if malformed:
            raise CommandError(
                "SIREN mal formé (9 chiffres attendus), rien n'a été importé : "
                + ", ".join(malformed)
            )
        unknown = []
        for siren in sirens:
            try:
                get_epci(siren)
            except UnknownEpciError:
                unknown.append(siren)
        if unknown:
            # Check every SIREN before writing anything: a bad one changes nothing.
            raise CommandError(
                "SIREN inconnu : aucun EPCI de ce numéro dans les données officielles "
                "(découpage administratif), rien n'a été importé : " + ", ".join(unknown)
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
                f"{len(reports)} territoire(s) importé(s) ({created} nouveau(x)), "
                f"{communes} commune(s) créée(s)."
            )
        )
