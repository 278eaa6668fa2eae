"""Load scenarios of `make bench` (run by bench/run.py, one scenario at a time).

bench/run.py picks one user class per scenario (see SCENARIOS).
"""

import json
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, between, task
from locust.exception import StopUser

TERRITORY = os.environ.get("BENCH_TERRITORY", "pays-dapt-luberon")
BASE = f"/t/{TERRITORY}/marche"
PASSWORD = "bench-pmvt-2026"  # noqa: S105 — benchmark accounts.
SEARCH_WORDS = [
    "pommes",
    "miel",
    "fromage chevre",
    "abricots",
    "epicerie",
    "fougasse",
    "bio",
    "confiture",
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
IDEMPOTENCY = re.compile(r'name="idempotency_key" value="([^"]+)"')
FULFILMENT = re.compile(r'name="(fulfilment_\d+)"[^>]*? value="(slot:[^"]+)"')
ACTOR_LINKS = re.compile(rf'href="({BASE}/acteurs/[-\w]+/)"')
REMOVE_LINE = re.compile(rf'action="({BASE}/panier/\d+/retirer/)"')
_buyer_numbers = iter(range(10_000))
# Written by bench/run.py before the load: variant ids grouped by seller.
FIXTURE = json.loads(
    Path(os.environ.get("BENCH_FIXTURE", "bench/results/fixture.json")).read_text()
)


class Base(FastHttpUser):
    """geventhttpclient rather than requests: the load generator shares the server's two cores,
    and the lighter client leaves more of them to the server it measures."""

    abstract = True
    wait_time = between(0, 0)

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.client.cookiejar if c.name == name), "")

    def forget_cookie(self, name: str) -> None:
        for c in [c for c in self.client.cookiejar if c.name == name]:
            self.client.cookiejar.clear(c.domain, c.path, c.name)


class Healthz(Base):
    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="healthz")


class Catalog(Base):
    @task
    def catalog(self) -> None:
        page = random.choice(["", "?sort=price", "?sort=name", "?category="])
        self.client.get(f"{BASE}/catalogue/{page}", name="catalog")


class Search(Base):
    @task
    def search(self) -> None:
        self.client.get(f"{BASE}/catalogue/?q={random.choice(SEARCH_WORDS)}", name="search")


class ActorPage(Base):
    actor_urls: list[str] = []

    def on_start(self) -> None:
        if not ActorPage.actor_urls:
            html = self.client.get(f"{BASE}/acteurs/", name="setup").text
            ActorPage.actor_urls = sorted(set(ACTOR_LINKS.findall(html))) or [f"{BASE}/acteurs/"]

    @task
    def actor(self) -> None:
        self.client.get(random.choice(ActorPage.actor_urls), name="actor")


class LoggedIn(Base):
    abstract = True

    def on_start(self) -> None:
        # Each scenario has its own buyers (the bench territory has 200): carts that cart_add
        # filled must not become the carts the checkout scenario validates.
        offset = {"cart_add": 100}.get(os.environ.get("BENCH_SCENARIO", ""), 0)
        self.number = number = offset + next(_buyer_numbers)
        email = f"acheteur{number:04d}@bench.pmvt.fr"
        html = self.client.get("/compte/login/", name="setup").text
        response = self.client.post(
            "/compte/login/",
            {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": CSRF.search(html)[1]},
            name="setup",
        )
        if not self.cookie("sessionid"):
            raise StopUser(f"login failed for {email}: {response.status_code}")
        sellers = FIXTURE["sellers"]
        # Two sellers per user, three lines from the first and two from the second.
        first, second = (
            sellers[(2 * number) % len(sellers)],
            sellers[(2 * number + 1) % len(sellers)],
        )
        self.lines = [str(v) for v in first[:3] + second[:2]]

    def add(self, variant_id: str, name: str) -> None:
        # The add itself: the page it redirects to is another request, measured elsewhere.
        self.client.post(
            f"{BASE}/panier/ajouter/",
            {"variant_id": variant_id, "quantity": "1"},
            headers={"X-CSRFToken": self.cookie("csrftoken")},
            name=name,
            allow_redirects=False,
        )
        # A browser follows the redirect, and that page shows (and so drops) the "added to
        # your cart" message: without it, the messages cookie would grow with every add.
        self.forget_cookie("messages")


class CartAdd(LoggedIn):
    """Adds, one unit at a time, spread over twenty products of two sellers: each line stays
    far below the 99 units a line may hold, so the scenario measures adds, not refusals."""

    def on_start(self) -> None:
        super().on_start()
        sellers = FIXTURE["sellers"]
        self.lines = [
            str(v)
            for v in sellers[(2 * self.number) % len(sellers)]
            + sellers[(2 * self.number + 1) % len(sellers)]
        ]
        # The carts of the previous run: emptied first, as a buyer would.
        html = self.client.get(f"{BASE}/panier/", name="setup").text
        for url in REMOVE_LINE.findall(html):
            self.client.post(url, headers={"X-CSRFToken": self.cookie("csrftoken")}, name="setup")
        self.forget_cookie("messages")

    @task
    def cart_add(self) -> None:
        self.add(random.choice(self.lines), "cart_add")


class Checkout(LoggedIn):
    """Five lines from two sellers, click & collect for both, pay at pickup."""

    @task
    def checkout(self) -> None:
        for variant_id in self.lines:
            self.add(variant_id, "setup")
        html = self.client.get(f"{BASE}/commande/", name="setup").text
        fulfilment = dict(FULFILMENT.findall(html))
        data = {
            "csrfmiddlewaretoken": CSRF.search(html)[1],
            "idempotency_key": IDEMPOTENCY.search(html)[1],
            "payment_method": "on_pickup",
            **fulfilment,
        }
        # Placing the orders, up to the redirect to the confirmation page (not followed).
        with self.client.post(
            f"{BASE}/commande/", data, name="checkout", catch_response=True, allow_redirects=False
        ) as r:
            if "/commande/confirmation/" not in r.headers.get("Location", ""):
                r.failure(f"checkout did not confirm ({len(fulfilment)} sellers)")


# bench/run.py names the user class of each scenario on locust's command line.
SCENARIOS = {
    "healthz": "Healthz",
    "catalog": "Catalog",
    "search": "Search",
    "actor": "ActorPage",
    "cart_add": "CartAdd",
    "checkout": "Checkout",
}
