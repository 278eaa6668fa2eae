"""Factories of the investments' tests. Data goes through the services, as on the site."""

import itertools
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
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
from pmvt.investments.models import CallKind, Instrument, InvestmentCall, Pledge
from pmvt.investments.services.calls import call_create, call_publish, call_submit
from pmvt.investments.services.pledges import pledge_set
from pmvt.territories.models import Commune, Territory

TERRITORY = "/t/pays-dapt-luberon"
PUBLIC = f"{TERRITORY}/marche/investissement/"
GESTION = f"{TERRITORY}/gestion/investissement/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def pdf_upload(name: str = "plan.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def make_actor(territory, operator) -> Callable[..., Actor]:
    """An actor registered by `owner` (a new account if none), verified unless told."""

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
            owner = User.objects.create_user(f"owner-{number}@invest.test", "pass-Luberon-84")
        actor = actor_register(
            territory=where,
            by=owner,
            kind=ActorKind.BUSINESS,
            legal_name=name,
            commune=Commune.objects.filter(territory=where).order_by("pk")[0],
            address="1 place de la Bouquerie",
            siret=fictitious_siret(700 + number),
            naf_code="10.71C",
            notify_admins=False,
        )
        if verified:
            actor_verify(actor=actor, by=operator)
        return Actor.objects.select_related("territory", "commune").get(pk=actor.pk)

    return make


def add_staff(actor: Actor, user: User, role: str = StaffRole.STAFF) -> None:
    owner = actor.staff.get(role=StaffRole.OWNER).user
    actor_staff_add(actor=actor, user=user, role=role, by=owner)


def owner_of(actor: Actor) -> User:
    return actor.staff.get(role=StaffRole.OWNER).user


@pytest.fixture
def bakery(make_actor) -> Actor:
    return make_actor()


@pytest.fixture
def make_call(territory, admin) -> Callable[..., InvestmentCall]:
    """A call held by `actor` (None: the collectivité), published unless told otherwise."""

    def make(
        actor: Actor | None = None, *, status: str = "published", **values: Any
    ) -> InvestmentCall:
        by = values.pop("by", None) or (owner_of(actor) if actor else admin)
        defaults: dict[str, Any] = {
            "title": "Reprise de l'épicerie du village",
            "kind": CallKind.SHOP,
            "summary": "L'épicerie rouvre avec le pain du matin.",
            "amount_sought": Decimal("10000.00"),
            "instruments": [Instrument.DONATION, Instrument.LOAN],
            "opens_on": days(-1),
            "closes_on": days(30),
            "risks": "Le commerce peut fermer ; un prêt peut ne pas être remboursé.",
        }
        call = call_create(
            territory=values.pop("in_territory", territory),
            by=by,
            actor=actor,
            **{**defaults, **values},
        )
        if status in ("submitted", "published"):
            call_submit(call=call, by=by)
        if status == "published":
            reviewer = (
                admin
                if call.territory_id == territory.pk
                else User.objects.filter(is_superuser=True).get()
            )
            call_publish(call=call, by=reviewer)
        return InvestmentCall.objects.select_related("territory", "actor", "commune").get(
            pk=call.pk
        )

    return make


@pytest.fixture
def make_pledge() -> Callable[..., Pledge]:
    def make(call: InvestmentCall, user: User, amount: str = "100", **values: Any) -> Pledge:
        defaults: dict[str, Any] = {
            "instrument": Instrument.LOAN,
            "consent_contact": True,
            "message": "",
        }
        return pledge_set(call=call, user=user, amount=Decimal(amount), **{**defaults, **values})

    return make


@pytest.fixture
def admin_client(client, admin, activate_totp):
    """The territory's admin, logged in with two-factor authentication (the back office needs it)."""
    activate_totp(admin)
    client.force_login(admin)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
