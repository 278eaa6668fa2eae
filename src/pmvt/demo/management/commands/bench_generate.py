"""`manage.py bench_generate`: the large territory `make bench` measures (idempotent)."""

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from pmvt.demo.bench import BenchSizes, bench_generate


class Command(BaseCommand):
    help = "Generate the benchmark territory: actors, offers and past orders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--actors", type=int, default=500)
        parser.add_argument("--offers", type=int, default=100_000)
        parser.add_argument("--orders", type=int, default=50_000)
        parser.add_argument("--buyers", type=int, default=200)

    def handle(self, *args, **options) -> None:
        sizes = BenchSizes(
            actors=options["actors"],
            offers=options["offers"],
            orders=options["orders"],
            buyers=options["buyers"],
        )
        territory = bench_generate(sizes=sizes, log=self.stdout.write)
        if connection.vendor == "postgresql":
            # Fresh statistics: without them the planner picks plans that take seconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Bench territory ready: /t/{territory.slug}/"))
