"""Factories of the jobs' tests. Data goes through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, StaffRole
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.actors.services.staff import actor_staff_add
from pmvt.demo.jobs import tiny_pdf
from pmvt.jobs.models import Contract, JobApplication, JobOffer, SalaryPeriod
from pmvt.jobs.services.applications import job_application_submit
from pmvt.jobs.services.offers import OfferValues, job_offer_create
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
PUBLIC = f"{TERRITORY}/marche/emplois/"
GESTION = f"{TERRITORY}/gestion/emplois/"
_numbers = itertools.count(1)

PDF = tiny_pdf("CV de test")


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path) -> Path:
    """CVs go to a fresh private directory, removed with the test."""
    settings.PMVT_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PMVT_PRIVATE_ROOT


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def pdf_upload(name: str = "cv.pdf", content: bytes = PDF, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


@pytest.fixture
def apt(territory) -> Commune:
    return Commune.objects.get(territory=territory, insee_code="84003")


@pytest.fixture
def gargas(territory) -> Commune:
    return Commune.objects.get(territory=territory, insee_code="84047")


@pytest.fixture
def make_actor(territory, operator, make_member) -> Callable[..., Actor]:
    """An actor registered by `owner` (a new member if none), verified unless told."""

    def make(
        name: str = "Boulangerie des Ocres",
        *,
        owner: User | None = None,
        verified: bool = True,
        in_territory: Territory | None = None,
    ) -> Actor:
        where = in_territory or territory
        number = next(_numbers)
        if owner is None:
            owner = make_member(where, email=f"owner-{number}@jobs.test")
        actor = actor_register(
            territory=where,
            by=owner,
            kind=ActorKind.BUSINESS,
            legal_name=name,
            commune=Commune.objects.filter(territory=where).order_by("insee_code")[0],
            address="1 place de la Bouquerie",
            siret=fictitious_siret(7000 + number),
            naf_code="10.71C",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return Actor.objects.select_related("territory", "commune").get(pk=actor.pk)

    return make


def owner_of(actor: Actor) -> User:
    return actor.staff.get(role=StaffRole.OWNER).user


def add_staff(actor: Actor, user: User, role: str = StaffRole.STAFF) -> User:
    actor_staff_add(actor=actor, user=user, role=role, by=owner_of(actor))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def bakery(make_actor) -> Actor:
    return make_actor("Boulangerie des Ocres")


@pytest.fixture
def baker(bakery) -> User:
    return owner_of(bakery)


def offer_values(commune: Commune, **overrides: Any) -> OfferValues:
    values: dict[str, Any] = {
        "title": "Vendeur ou vendeuse en boulangerie",
        "contract": Contract.CDD,
        "commune": commune,
        "closes_on": days(20),
        "description": "La vente au comptoir, **six mois**.",
        "hours_per_week": Decimal("30"),
        "skills": "Vente, encaissement",
        "salary_min": Decimal("11.88"),
        "salary_max": Decimal("12.50"),
        "salary_period": SalaryPeriod.HOUR,
    }
    values.update(overrides)
    return OfferValues(**values)


@pytest.fixture
def make_offer(territory, apt) -> Callable[..., JobOffer]:
    """A published offer of `actor` (or of the collectivité with by=an admin)."""

    def make(
        actor: Actor | None = None,
        *,
        by: User | None = None,
        publish: bool = True,
        **overrides: Any,
    ) -> JobOffer:
        where = actor.territory if actor is not None else territory
        author = by or owner_of(actor)  # type: ignore[arg-type]
        commune = overrides.pop("commune", None) or (
            apt if where == territory else Commune.objects.filter(territory=where)[0]
        )
        offer = job_offer_create(
            territory=where,
            by=author,
            actor=actor,
            values=offer_values(commune, **overrides),
            publish=publish,
        )
        return JobOffer.objects.select_related("territory", "actor", "commune").get(pk=offer.pk)

    return make


@pytest.fixture
def offer(make_offer, bakery) -> JobOffer:
    return make_offer(bakery)


def apply(offer: JobOffer, user: User, *, message: str = "Bonjour", cv=None) -> JobApplication:
    application = job_application_submit(
        offer=offer, by=user, message=message, cv=cv or pdf_upload()
    )
    return JobApplication.objects.select_related("offer", "offer__actor", "applicant").get(
        pk=application.pk
    )


@pytest.fixture
def admin_client(client, admin, activate_totp):
    """The territory's admin, logged in with two-factor authentication (gestion needs it)."""
    activate_totp(admin)
    client.force_login(admin)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
