"""`make bench`: generate a large territory on PostgreSQL, serve it with gunicorn, load it with
locust from another process, and write bench/results/<date>.json and <date>.md.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pmvt_bench),
BENCH_USERS (8), BENCH_SECONDS (30 per scenario), BENCH_ACTORS/OFFERS/ORDERS (500/100000/50000),
BENCH_WORKERS (gunicorn workers, default as in production: one per core, at least 2), BENCH_SCENARIOS (a subset, by name),
BENCH_WARMUP (unmeasured seconds before each scenario, 5), BENCH_PREPARE=0 (skip migrate,
collectstatic and generation: reuse the last run's database).
"""

import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", "8100"))
HOST = f"http://127.0.0.1:{PORT}"
USERS = int(os.environ.get("BENCH_USERS", "8"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
# Each scenario first runs unmeasured for this long: the workers' first requests (imports,
# templates, URL resolver, connections) are start-up costs, not the page's.
WARMUP = int(os.environ.get("BENCH_WARMUP", "5"))
ALL_SCENARIOS = ["healthz", "catalog", "search", "actor", "cart_add", "checkout"]
# BENCH_SCENARIOS="healthz checkout" runs a subset (healthz stays the floor of the checks).
SCENARIOS = os.environ.get("BENCH_SCENARIOS", " ".join(ALL_SCENARIOS)).split()
CLASS_OF = {
    "healthz": "Healthz",
    "catalog": "Catalog",
    "search": "Search",
    "actor": "ActorPage",
    "cart_add": "CartAdd",
    "checkout": "Checkout",
}
# As config/gunicorn.conf.py does by default: one worker per processor, at least two.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(max(2, os.cpu_count() or 2))))
TARGETS_P95_MS = {"catalog": 50, "search": 50, "checkout": 150}


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pmvt_bench"
        ),
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"),
        "PMVT_VAR_DIR": str(ROOT / "var" / "bench"),
        # This checkout's code, even when the virtualenv's editable install points elsewhere.
        "PYTHONPATH": str(ROOT / "src"),
    }


def manage(*args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env(), check=True, capture_output=True, text=True
    )
    return done.stdout


def prepare_database() -> None:
    url = env()["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    exists = subprocess.run(
        [
            "psql",
            url.rsplit("/", 1)[0] + "/postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname='{name}'",  # noqa: S608 — our own setting
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    print("migrate…", flush=True)
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    print("generate (first run only: a few minutes)…", flush=True)
    t0 = time.monotonic()
    out = manage(
        "bench_generate",
        "--actors",
        os.environ.get("BENCH_ACTORS", "500"),
        "--offers",
        os.environ.get("BENCH_OFFERS", "100000"),
        "--orders",
        os.environ.get("BENCH_ORDERS", "50000"),
    )
    print(out.strip().splitlines()[-1], f"({time.monotonic() - t0:.0f} s)", flush=True)
    fixture = manage(
        "shell",
        "-c",
        "import json; from django_scopes import scopes_disabled; "
        "from pmvt.catalog.models import OfferVariant; "
        "from itertools import groupby\n"
        "with scopes_disabled():\n"
        "    rows = OfferVariant.objects.filter(offer__actor__status='verified', offer__is_active=True)"
        ".order_by('offer__actor_id', 'pk').values_list('offer__actor_id', 'pk')[:40000]\n"
        "    sellers = [[pk for _, pk in g][:10] for _, g in groupby(rows, key=lambda r: r[0])]\n"
        "print(json.dumps({'sellers': sellers}))",
    )
    (RESULTS / "fixture.json").write_text(fixture.strip().splitlines()[-1])


def cpu_calibration() -> float:
    """Milliseconds a fixed pure-Python loop takes now (median of 5 runs).

    A shared machine's speed drifts (the same loop has taken from 440 to 830 ms here within
    an hour): the figures of a run are read against the calibration taken before and after.
    """
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        runs.append((time.perf_counter() - start) * 1000)
    return round(sorted(runs)[2], 1)


def settle() -> None:
    """Start each scenario from a settled database: the previous one's churn (carts, stock,
    slots, orders) vacuumed and checkpointed now, not by autovacuum during the next one."""
    url = env()["DATABASE_URL"]
    tables = "orders_cart, orders_cartline, orders_pickupslot, catalog_offervariant, orders_order"
    subprocess.run(["psql", url, "-qc", f"VACUUM ANALYZE {tables}"], check=True)
    subprocess.run(["psql", url, "-qc", "CHECKPOINT"], check=True)


def start_server() -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env={
            **env(),
            "GUNICORN_BIND": f"127.0.0.1:{PORT}",
            "GUNICORN_WORKERS": str(WORKERS),
            "GUNICORN_ACCESSLOG": "",
            # Steady state: no worker recycled (and started cold) in the middle of a scenario.
            "GUNICORN_MAX_REQUESTS": "0",
        },
    )
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"{HOST}/healthz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def run_scenario(name: str, seconds: int = SECONDS) -> dict:
    prefix = RESULTS / f".locust-{name}"
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "locust"),
            "-f",
            "bench/locustfile.py",
            "--headless",
            "-u",
            str(USERS),
            "-r",
            str(USERS),
            "-t",
            f"{seconds}s",
            "--host",
            HOST,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            CLASS_OF[name],
        ],
        cwd=ROOT,
        env={**os.environ, "BENCH_SCENARIO": name, "BENCH_FIXTURE": str(RESULTS / "fixture.json")},
        check=False,
    )
    with open(f"{prefix}_stats.csv", newline="") as fh:
        rows = {row["Name"]: row for row in csv.DictReader(fh)}
    for suffix in ("_stats.csv", "_stats_history.csv", "_failures.csv", "_exceptions.csv"):
        Path(f"{prefix}{suffix}").unlink(missing_ok=True)
    row = rows.get(name)
    if row is None:
        return {"requests": 0, "failures": 0}
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "max_ms": round(float(row["Max Response Time"]), 1),
    }


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    if os.environ.get("BENCH_PREPARE", "1") != "0":  # 0: reuse the database of the last run
        prepare_database()
    calibration = {"before_ms": cpu_calibration()}
    server = start_server()
    try:
        figures = {}
        for name in SCENARIOS:
            print(f"scenario {name}: {USERS} clients, {WARMUP} s warm-up, {SECONDS} s…", flush=True)
            settle()
            if WARMUP:
                run_scenario(name, WARMUP)
            figures[name] = run_scenario(name)
            print("  ", figures[name], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    calibration["after_ms"] = cpu_calibration()
    for name in ALL_SCENARIOS:
        figures.setdefault(name, {})
    floor = figures["healthz"].get("rps") or 0
    checks = {
        f"{n} p95 ≤ {t} ms": figures[n].get("p95_ms", 1e9) <= t
        and figures[n].get("failures", 1) == 0
        for n, t in TARGETS_P95_MS.items()
    }
    checks["catalog throughput ≥ healthz / 3"] = (figures["catalog"].get("rps") or 0) >= floor / 3
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
    result = {
        "date": stamp,
        "machine": {
            "cores": os.cpu_count(),
            "python": sys.version.split()[0],
            "cpu_calibration": calibration,
        },
        "load": {
            "clients": USERS,
            "seconds_per_scenario": SECONDS,
            "warmup_seconds": WARMUP,
            "gunicorn_workers": WORKERS,
            "tool": "locust (headless, FastHttpUser)",
        },
        "data": {
            k: os.environ.get(f"BENCH_{k.upper()}", d)
            for k, d in (("actors", "500"), ("offers", "100000"), ("orders", "50000"))
        },
        "scenarios": figures,
        "targets": checks,
    }
    (RESULTS / f"{stamp}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    lines = [
        f"# Benchmark {stamp}",
        "",
        f"{USERS} concurrent clients, {SECONDS} s per scenario after {WARMUP} s of warm-up, "
        f"gunicorn ({WORKERS} workers) on PostgreSQL.",
        f"Machine speed (a fixed Python loop, lower is faster): {calibration['before_ms']} ms "
        f"before, {calibration['after_ms']} ms after.",
        "",
        "| scenario | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, f in figures.items():
        lines.append(
            f"| {name} | {f.get('requests')} | {f.get('failures')} | {f.get('rps')} | {f.get('p50_ms')} | {f.get('p95_ms')} | {f.get('p99_ms')} |"
        )
    lines += ["", *[f"- {'✔' if ok else '✘'} {label}" for label, ok in checks.items()]]
    (RESULTS / f"{stamp}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
