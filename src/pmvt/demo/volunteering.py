"""Demo volunteering missions of the CC Pays d'Apt-Luberon (pmvt.volunteering).

Four missions: the solidarity grocery's weekly distribution (a recurring mission), the Repair
Café's welcome desk, the tourist office's heritage days and the collectivité's clean-up of the
Calavon banks, whose next date is full with a waiting list. The collectivité's mission also has
a date last week, with two volunteers whose hours are still to record (the walk of the demo
admin records them). Volunteers are inactive demo accounts (no password, no email is sent).

Deterministic (dates relative to today) and idempotent: a mission whose slug exists is left
as it is. Everything goes through the services, except last week's date, which the services
rightly refuse to create in the past.
"""

from dataclasses import dataclass
from datetime import time, timedelta

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.actors.models import Actor, ActorStaff, StaffRole
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.core.seats import SeatStatus, seats_recount
from pmvt.territories.models import Commune, Territory
from pmvt.volunteering.models import Mission, Session, Signup
from pmvt.volunteering.services.missions import MissionData, mission_create, mission_publish
from pmvt.volunteering.services.sessions import sessions_add
from pmvt.volunteering.services.signups import signup_create

ADMIN_EMAIL = "admin@demo.pmvt.fr"
GROCERY = "epicerie-solidaire-la-courte-echelle"
REPAIR_CAFE = "repair-cafe-du-luberon"
TOURIST_OFFICE = "office-de-tourisme-pays-dapt-luberon"
VOLUNTEERS = [
    ("voisine.claire@demo.pmvt.fr", "Claire Voisine"),
    ("voisin.karim@demo.pmvt.fr", "Karim Voisin"),
    ("voisine.lucie@demo.pmvt.fr", "Lucie Voisine"),
    ("voisin.paul@demo.pmvt.fr", "Paul Voisin"),
]


@dataclass(frozen=True)
class DemoMission:
    slug: str
    organiser: str | None  # actor slug; None: the collectivité
    data: dict
    in_days: int
    starts: time
    ends: time
    capacity: int
    weeks: int | None = None  # weekly for that many weeks
    volunteers: int = 0  # demo volunteers signed up to the first date, in order


def demo_volunteers(territory: Territory) -> list[User]:
    """The inactive demo neighbours who sign up to missions and activities."""
    users = []
    for email, name in VOLUNTEERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, display_name=name, is_active=False)
        membership_join(user=user, territory=territory)
        users.append(User.objects.get(pk=user.pk))
    return users


def _in_days(days: int, at: time):
    return paris_datetime(paris(timezone.now()).date() + timedelta(days=days), at)


DEMO_MISSIONS = [
    DemoMission(
        slug="distribution-de-lepicerie-solidaire",
        organiser=GROCERY,
        data={
            "title": "Distribution de l'épicerie solidaire",
            "summary": "Accueillir les familles et préparer les colis, chaque mardi matin.",
            "description": (
                "L'épicerie solidaire accueille chaque semaine une quarantaine de familles.\n\n"
                "- accueil et inscription des familles ;\n- mise en rayon et préparation des "
                "colis ;\n- un café pour finir.\n\nAucune compétence particulière : l'équipe vous "
                "forme sur place."
            ),
            "skills": ["accueil", "cuisine", "logistique"],
            "place_name": "Épicerie solidaire La Courte Échelle",
            "address": "12 rue des Marchands",
            "commune": "84003",
            "wheelchair_access": True,
            "seated_tasks": True,
            "accessibility_notes": "Local de plain-pied, toilettes adaptées.",
        },
        in_days=4,
        starts=time(9),
        ends=time(12),
        capacity=4,
        weeks=8,
        volunteers=2,
    ),
    DemoMission(
        slug="accueil-du-repair-cafe",
        organiser=REPAIR_CAFE,
        data={
            "title": "Accueil du Repair Café",
            "summary": "Accueillir les visiteurs et noter les objets à réparer.",
            "description": (
                "Le Repair Café répare grille-pains, vélos et vêtements avec les habitants. "
                "Nous cherchons des bénévoles pour **l'accueil** : noter les objets, orienter "
                "vers les réparateurs, servir le café."
            ),
            "skills": ["accueil", "bricolage"],
            "place_name": "Maison des associations",
            "address": "Place Jean-Jaurès",
            "commune": "84003",
            "wheelchair_access": True,
            "hearing_loop": True,
        },
        in_days=10,
        starts=time(14),
        ends=time(18),
        capacity=3,
    ),
    DemoMission(
        slug="nettoyage-des-berges-du-calavon",
        organiser=None,
        data={
            "title": "Nettoyage des berges du Calavon",
            "summary": "Ramasser les déchets le long de la rivière avec le service environnement.",
            "description": (
                "La communauté de communes organise le nettoyage des berges du Calavon. Gants, "
                "sacs et pinces sont fournis ; prévoyez de bonnes chaussures."
            ),
            "skills": ["jardinage"],
            "place_name": "Pont Julien",
            "commune": "84003",
            "accessibility_notes": "Chemin de terre : non accessible en fauteuil roulant.",
        },
        in_days=6,
        starts=time(9),
        ends=time(12),
        capacity=2,
        volunteers=3,  # Full: the third waits.
    ),
    DemoMission(
        slug="journees-du-patrimoine-accueil-des-visiteurs",
        organiser=TOURIST_OFFICE,
        data={
            "title": "Journées du patrimoine : accueil des visiteurs",
            "summary": "Orienter les visiteurs et présenter les monuments ouverts.",
            "description": (
                "L'office de tourisme cherche des bénévoles pour accueillir les visiteurs des "
                "Journées du patrimoine. Une formation d'une heure est prévue avant l'ouverture."
            ),
            "skills": ["accueil", "langues"],
            "place_name": "Office de tourisme",
            "address": "788 avenue Victor-Hugo",
            "commune": "84003",
            "wheelchair_access": True,
            "sign_language": True,
        },
        in_days=14,
        starts=time(10),
        ends=time(17),
        capacity=6,
        volunteers=1,
    ),
]


def _organiser_user(actor: Actor | None) -> User:
    if actor is None:
        return User.objects.get(email=ADMIN_EMAIL)
    return (
        ActorStaff.objects.filter(actor=actor, role=StaffRole.OWNER).select_related("user")[0].user
    )


def _last_week_date(mission: Mission, volunteers: list[User]) -> None:
    """A date last week with two confirmed volunteers, hours not yet recorded."""
    start = _in_days(-7, time(9))
    session = Session.objects.create(
        territory=mission.territory,
        mission=mission,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=4,
    )
    for volunteer in volunteers[:2]:
        Signup.objects.create(
            territory=mission.territory,
            session=session,
            user=volunteer,
            status=SeatStatus.CONFIRMED,
            created_at=start - timedelta(days=3),
        )
    seats_recount(session=session, seat_model=Signup)


def load_volunteering(territory: Territory) -> None:
    volunteers = demo_volunteers(territory)
    existing = set(Mission.objects.filter(territory=territory).values_list("slug", flat=True))
    actors = {a.slug: a for a in Actor.objects.filter(territory=territory)}
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    for spec in DEMO_MISSIONS:
        if spec.slug in existing:
            continue
        if spec.organiser is not None and spec.organiser not in actors:
            continue  # The actors step did not run.
        actor = actors.get(spec.organiser) if spec.organiser else None
        by = _organiser_user(actor)
        data = MissionData(**(spec.data | {"commune": communes[spec.data["commune"]]}))
        mission = mission_create(territory=territory, organiser=actor, by=by, data=data)
        assert mission.slug == spec.slug, mission.slug  # The walks rely on it.
        sessions_add(
            mission=mission,
            by=by,
            starts_at=_in_days(spec.in_days, spec.starts),
            ends_at=_in_days(spec.in_days, spec.ends),
            capacity=spec.capacity,
            weekly=spec.weeks is not None,
            weeks=spec.weeks,
        )
        mission_publish(mission=mission, by=by)
        first = Session.objects.filter(mission=mission).order_by("starts_at")[0]
        for volunteer in volunteers[: spec.volunteers]:
            signup_create(session=first, user=volunteer, send_email=False)
        if actor is None:
            _last_week_date(mission, volunteers)
