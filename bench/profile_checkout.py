"""Time, and optionally profile, the bench's checkout loop in-process (Django test client).

Run after `make bench` has generated the bench territory, from the repository root:

    DJANGO_SETTINGS_MODULE=config.settings.bench \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pmvt_bench \\
    SECRET_KEY=bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGH \\
    PMVT_VAR_DIR=var/bench PROF=post .venv/bin/python bench/profile_checkout.py

It prints the median single-request time of an add to cart, the checkout page and the checkout
POST (5 lines from 2 sellers, click & collect), then with PROF=add|get|post a cProfile of that
request (SORT=cumulative|tottime, N rows). Without load, so each figure is one request's cost.
"""

import cProfile
import json
import os
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULFILMENT = re.compile(r'name="(fulfilment_\d+)"[^>]*? value="(slot:[^"]+)"')
IDEMPOTENCY = re.compile(r'name="idempotency_key" value="([^"]+)"')
BASE = f"/t/{os.environ.get('BENCH_TERRITORY', 'pays-dapt-luberon')}/marche"


def main() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.test import Client

    from pmvt.accounts.models import User

    sellers = json.loads((ROOT / "bench" / "results" / "fixture.json").read_text())["sellers"]
    lines = sellers[0][:3] + sellers[1][:2]
    client = Client(HTTP_HOST="127.0.0.1")
    buyers = User.objects.filter(email__startswith="acheteur").order_by("pk")
    client.force_login(buyers[int(os.environ.get("BUYER", "3"))])
    profile = cProfile.Profile()
    part = os.environ.get("PROF", "")

    def timed(name: str, call, times: dict[str, float]):
        if part == name:
            profile.enable()
        start = time.perf_counter()
        result = call()
        times[name] = times.get(name, 0.0) + (time.perf_counter() - start) * 1000
        profile.disable()
        return result

    def iteration() -> dict[str, float]:
        times: dict[str, float] = {}
        for variant_id in lines:
            timed(
                "add",
                lambda v=variant_id: client.post(
                    f"{BASE}/panier/ajouter/", {"variant_id": v, "quantity": "1"}
                ),
                times,
            )
        times["add"] /= len(lines)
        html = timed("get", lambda: client.get(f"{BASE}/commande/").content.decode(), times)
        data = {"idempotency_key": IDEMPOTENCY.search(html)[1], "payment_method": "on_pickup"}
        for name, value in FULFILMENT.findall(html):
            data.setdefault(name, value)
        response = timed("post", lambda: client.post(f"{BASE}/commande/", data), times)
        assert response.status_code == 302, response.status_code
        return times

    for _ in range(3):  # Warm the caches and the connection.
        iteration()
    profile = cProfile.Profile()
    runs = [iteration() for _ in range(8)]
    for name in ("add", "get", "post"):
        values = sorted(run[name] for run in runs)
        print(f"{name}: median {values[len(values) // 2]:.1f} ms")
    if part:
        stats = pstats.Stats(profile)
        if os.environ.get("CALLERS"):
            stats.sort_stats("cumulative").print_callers(os.environ["CALLERS"])
            return
        if os.environ.get("CALLEES"):
            stats.sort_stats("cumulative").print_callees(os.environ["CALLEES"])
            return
        stats.sort_stats(os.environ.get("SORT", "cumulative")).print_stats(
            int(os.environ.get("N", "60"))
        )


if __name__ == "__main__":
    main()
