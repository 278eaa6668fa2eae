"""Factories of the Maison's tests.

Skills, assets and projects are built by other areas at the same time: their rows are created
here directly from the shared models (the contract), the Maison's own data through its services.
The crafted world: four communes of the Pays d'Apt on a north–south line (0, 8, 20 and 50 km
from Apt), a collective project with a skill need, a volunteers need and a room need.
"""

import itertools
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from pmvt.accounts.models import Role, User
from pmvt.assets.models import (
    Asset,
    AssetCondition,
    AssetKind,
    AssetStatus,
    Booking,
    BookingStatus,
)
from pmvt.catalog.text import search_text
from pmvt.maison.selectors import need_period
from pmvt.projects.models import (
    MemberRole,
    Need,
    NeedKind,
    Project,
    ProjectMember,
    ProjectStatus,
)
from pmvt.skills.models import ProfileSkill, SkillLevel, SkillProfile, SkillTerm, Spirit, Visibility
from pmvt.territories.models import Commune

T = "/t/pays-dapt-luberon/valeurs/maison/"
_numbers = itertools.count(1)
APT = (Decimal("43.876000"), Decimal("5.396000"))


@pytest.fixture(autouse=True)
def _no_scope_in_set_up() -> Iterator[None]:
    """Let the tests set data up directly; each request still runs in its territory's scope."""
    with scopes_disabled():
        yield


@pytest.fixture
def places(territory) -> dict[str, Commune]:
    """Four communes at 0, 8, 20 and 50 km north of Apt (latitude steps of ~111 km/degree)."""
    communes = list(Commune.objects.filter(territory=territory).order_by("insee_code")[:4])
    named = {}
    for key, commune, km in zip(("a", "b", "c", "d"), communes, (0, 8, 20, 50), strict=True):
        commune.latitude = APT[0] + Decimal(km) / Decimal("111.195")
        commune.longitude = APT[1]
        commune.save(update_fields=["latitude", "longitude"])
        named[key] = commune
    return named


@pytest.fixture
def make_term(territory) -> Callable[..., SkillTerm]:
    def make(label: str) -> SkillTerm:
        return SkillTerm.objects.create(
            territory=territory,
            label=label,
            slug=f"maison-test-{next(_numbers)}",
            search_text=search_text(label),
        )

    return make


@pytest.fixture
def terms(make_term) -> dict[str, SkillTerm]:
    return {
        "compta": make_term("Comptabilité"),
        "gestion": make_term("Gestion associative"),
        "tableur": make_term("Tableur"),
        "jardin": make_term("Jardinage"),
        "web": make_term("Création de sites web"),
    }


@pytest.fixture
def make_person(make_member, territory) -> Callable[..., tuple[User, SkillProfile]]:
    """A member of the territory with a skill profile."""

    def make(
        name: str,
        *,
        skills: list[tuple[SkillTerm, int]] = (),  # type: ignore[assignment]
        keywords: str = "",
        presentation: str = "",
        hours: int = 0,
        communes: list[Commune] = (),  # type: ignore[assignment]
        home: Commune | None = None,
        remote: bool = False,
        spirits: list[str] = (),  # type: ignore[assignment]
        visibility: str = Visibility.PUBLIC,
        active: bool = True,
        available_until: date | None = None,
        email: str | None = None,
    ) -> tuple[User, SkillProfile]:
        user = make_member(
            territory,
            Role.MEMBER,
            email=email or f"{name.lower()}@maison.test",
            commune=home,
            display_name=f"{name} Compte",
        )
        labels = " ".join(term.label for term, _level in skills)
        profile = SkillProfile.objects.create(
            territory=territory,
            user=user,
            public_name=name,
            presentation=presentation,
            keywords=keywords,
            hours_per_month=hours,
            remote=remote,
            spirits=list(spirits),
            visibility=visibility,
            is_active=active,
            available_until=available_until,
            search_text=search_text(f"{labels} {keywords} {presentation}"),
        )
        profile.communes.set(communes)
        for term, level in skills:
            ProfileSkill.objects.create(profile=profile, term=term, level=level)
        return User.objects.get(pk=user.pk), profile

    return make


@pytest.fixture
def make_project(territory, make_member) -> Callable[..., Project]:
    def make(
        *,
        carrier: User | None = None,
        title: str = "Épicerie solidaire de Saignon",
        communes: list[Commune] = (),  # type: ignore[assignment]
        status: str = ProjectStatus.RUNNING,
    ) -> Project:
        number = next(_numbers)
        carrier = carrier or make_member(territory, email=f"porteur-{number}@maison.test")
        project = Project.objects.create(
            territory=territory,
            title=title,
            slug=f"projet-{number}",
            summary="Un projet collectif du territoire.",
            problem="Les habitants manquent d'un lieu pour s'entraider.",
            status=status,
            created_by=carrier,
        )
        project.communes.set(communes)
        ProjectMember.objects.create(project=project, user=carrier, role=MemberRole.CARRIER)
        return project

    return make


@pytest.fixture
def make_need(territory) -> Callable[..., Need]:
    def make(project: Project, *, kind: str = NeedKind.SKILL, **values: Any) -> Need:
        skill_terms = values.pop("skill_terms", [])
        values.setdefault("title", "Un coup de main")
        need = Need.objects.create(territory=territory, project=project, kind=kind, **values)
        need.skill_terms.set(skill_terms)
        return need

    return make


@pytest.fixture
def make_asset(territory, make_member) -> Callable[..., Asset]:
    def make(
        title: str,
        *,
        commune: Commune,
        owner: User | None = None,
        kind: str = AssetKind.ROOM,
        condition: str = AssetCondition.FREE,
        status: str = AssetStatus.PUBLISHED,
    ) -> Asset:
        number = next(_numbers)
        owner = owner or make_member(territory, email=f"proprietaire-{number}@maison.test")
        return Asset.objects.create(
            territory=territory,
            owner=owner,
            kind=kind,
            title=title,
            slug=f"bien-{number}",
            description="Un bien à partager.",
            commune=commune,
            condition=condition,
            price=Decimal("20.00") if condition == AssetCondition.PRICE else None,
            status=status,
        )

    return make


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def world(places, terms, make_person, make_project, make_need, make_asset) -> dict[str, Any]:
    """The crafted fixtures whose rankings the tests pin."""
    carrier, carrier_profile = make_person(
        "Hélène",
        skills=[(terms["compta"], SkillLevel.EXPERT), (terms["gestion"], SkillLevel.EXPERT)],
        hours=20,
        communes=[places["a"]],
        spirits=[Spirit.VOLUNTEER],
    )
    teammate, _teammate_profile = make_person(
        "Bruno",
        skills=[(terms["compta"], SkillLevel.EXPERT), (terms["tableur"], SkillLevel.EXPERT)],
        hours=20,
        communes=[places["a"]],
        spirits=[Spirit.VOLUNTEER],
    )
    project = make_project(carrier=carrier, communes=[places["a"]])
    ProjectMember.objects.create(project=project, user=teammate, role=MemberRole.MEMBER)
    people = {
        "claire": make_person(
            "Claire",
            skills=[
                (terms["compta"], SkillLevel.EXPERT),
                (terms["gestion"], SkillLevel.CONFIRMED),
                (terms["tableur"], SkillLevel.CONFIRMED),
            ],
            presentation="Ancienne comptable, je tiens les comptes de deux associations.",
            hours=10,
            communes=[places["b"]],
            spirits=[Spirit.VOLUNTEER],
        ),
        "marc": make_person(
            "Marc",
            skills=[
                (terms["compta"], SkillLevel.CONFIRMED),
                (terms["tableur"], SkillLevel.INTERMEDIATE),
            ],
            keywords="trésorerie, potager",
            presentation="Trésorier du club de foot, secret bien gardé.",
            hours=12,
            home=places["a"],
            spirits=[Spirit.VOLUNTEER, Spirit.EXCHANGE],
            visibility=Visibility.PRIVATE,
            email="marc.secret@maison.test",
        ),
        "sophie": make_person(
            "Sophie",
            skills=[
                (terms["compta"], SkillLevel.INTERMEDIATE),
                (terms["gestion"], SkillLevel.INTERMEDIATE),
                (terms["tableur"], SkillLevel.INTERMEDIATE),
            ],
            hours=4,
            communes=[places["c"]],
            spirits=[Spirit.PAID],
            visibility=Visibility.MEMBERS,
        ),
        "leo": make_person(
            "Léo",
            skills=[(terms["jardin"], SkillLevel.CONFIRMED)],
            keywords="potager, jardin, semis",
            hours=6,
            communes=[places["c"]],
            spirits=[Spirit.VOLUNTEER],
        ),
        "nina": make_person(
            "Nina",
            skills=[(terms["web"], SkillLevel.EXPERT), (terms["tableur"], SkillLevel.EXPERT)],
            hours=8,
            communes=[places["d"]],
            remote=True,
            spirits=[Spirit.EXCHANGE],
        ),
        "paul": make_person(  # Would be first, but paused his profile.
            "Paul",
            skills=[(terms["compta"], SkillLevel.EXPERT), (terms["gestion"], SkillLevel.EXPERT)],
            hours=30,
            communes=[places["a"]],
            spirits=[Spirit.VOLUNTEER],
            active=False,
        ),
        "rose": make_person(  # Would be first, but was available until yesterday.
            "Rose",
            skills=[(terms["compta"], SkillLevel.EXPERT), (terms["gestion"], SkillLevel.EXPERT)],
            hours=30,
            communes=[places["a"]],
            spirits=[Spirit.VOLUNTEER],
            available_until=in_days(-1),
        ),
    }
    accounting = make_need(
        project,
        kind=NeedKind.SKILL,
        title="Tenir la comptabilité de l'épicerie",
        skill_terms=[terms["compta"], terms["gestion"], terms["tableur"]],
        keywords="bilan, trésorerie",
        min_level=SkillLevel.CONFIRMED,
        hours_per_month=8,
        commune=places["a"],
    )
    garden = make_need(
        project,
        kind=NeedKind.VOLUNTEERS,
        title="Chantier participatif au jardin partagé",
        keywords="jardin, potager",
        hours_per_month=4,
        people=2,
        commune=places["c"],
    )
    website = make_need(
        project,
        kind=NeedKind.SKILL,
        title="Refaire le site de l'épicerie",
        skill_terms=[terms["web"]],
        hours_per_month=6,
        remote_ok=True,
    )
    room = make_need(
        project,
        kind=NeedKind.ASSET,
        title="Une salle pour l'assemblée générale",
        asset_kind=AssetKind.ROOM,
        starts_on=in_days(10),
        ends_on=in_days(11),
        commune=places["a"],
    )
    assets = {
        "grange": make_asset("Grange des Argiles", commune=places["b"]),
        "salle": make_asset(
            "Salle des fêtes d'Apt", commune=places["a"], condition=AssetCondition.PRICE
        ),
        "booked": make_asset("Salle Saint-Pierre", commune=places["a"]),
        "tool": make_asset("Broyeur de végétaux", commune=places["a"], kind=AssetKind.TOOL),
        "draft": make_asset("Salle en travaux", commune=places["a"], status=AssetStatus.DRAFT),
        "far": make_asset(
            "Salle du moulin", commune=places["c"], condition=AssetCondition.EXCHANGE
        ),
    }
    period = need_period(room)
    assert period is not None
    Booking.objects.create(
        territory=room.territory,
        asset=assets["booked"],
        requester=carrier,
        starts_at=period[0] + timedelta(hours=9),
        ends_at=period[0] + timedelta(hours=12),
        status=BookingStatus.ACCEPTED,
    )
    return {
        "carrier": carrier,
        "carrier_profile": carrier_profile,
        "teammate": teammate,
        "project": project,
        "people": people,
        "accounting": accounting,
        "garden": garden,
        "website": website,
        "room": room,
        "assets": assets,
    }
