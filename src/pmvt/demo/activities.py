"""Demo activities for seniors and youth of the CC Pays d'Apt-Luberon (pmvt.activities).

Five activities: the collectivité's weekly digital-help workshop for seniors and youth indoor
football, the tourist office's outing to the Roussillon ochres (a price, a reduced price, and
a full session with a waiting list), the solidarity grocery's anti-waste cooking workshop and
the AMAP's gardening for children. The people registered are the inactive demo neighbours of
pmvt.demo.volunteering (one of them registers her mother).

Deterministic (dates relative to today) and idempotent: an activity whose slug exists is left
as it is. Everything goes through the services.
"""

from dataclasses import dataclass
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.activities.models import Activity, Session
from pmvt.activities.services.activities import ActivityData, activity_create, activity_publish
from pmvt.activities.services.registrations import registration_create
from pmvt.activities.services.sessions import sessions_add
from pmvt.actors.models import Actor, ActorStaff, StaffRole
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.demo.volunteering import ADMIN_EMAIL, GROCERY, TOURIST_OFFICE, demo_volunteers
from pmvt.territories.models import Commune, Territory

AMAP = "amap-du-pays-dapt"


@dataclass(frozen=True)
class DemoActivity:
    slug: str
    organiser: str | None  # actor slug; None: the collectivité
    data: dict
    in_days: int
    starts: time
    ends: time
    capacity: int
    weeks: int | None = None
    # (demo neighbour index, relative's name or "") registered to the first session, in order.
    registrations: tuple[tuple[int, str], ...] = ()


DEMO_ACTIVITIES = [
    DemoActivity(
        slug="atelier-numerique-premiers-pas-sur-tablette",
        organiser=None,
        data={
            "title": "Atelier numérique : premiers pas sur tablette",
            "summary": "Envoyer des photos, faire un appel vidéo, prendre rendez-vous en ligne.",
            "description": (
                "Un conseiller numérique de la communauté de communes vous accompagne, en petit "
                "groupe, à votre rythme. Tablettes prêtées sur place."
            ),
            "kind": "numerique",
            "age_group": "seniors",
            "min_age": 60,
            "place_name": "Médiathèque",
            "address": "Place Carnot",
            "commune": "84003",
            "wheelchair_access": True,
            "hearing_loop": True,
            "transport_help": True,
        },
        in_days=2,
        starts=time(14),
        ends=time(16),
        capacity=6,
        weeks=6,
        registrations=((1, ""),),
    ),
    DemoActivity(
        slug="foot-en-salle-pour-les-12-15-ans",
        organiser=None,
        data={
            "title": "Foot en salle pour les 12-15 ans",
            "summary": "Entraînement et petits matchs au gymnase, le mercredi après-midi.",
            "description": "Encadré par un éducateur sportif. Apportez des baskets propres.",
            "kind": "sport",
            "age_group": "ados",
            "min_age": 12,
            "max_age": 15,
            "price": "2",
            "reduced_price_text": "Gratuit avec le Pass jeunes du territoire.",
            "place_name": "Gymnase municipal",
            "commune": "84003",
            "wheelchair_access": True,
        },
        in_days=3,
        starts=time(14),
        ends=time(16),
        capacity=16,
        weeks=4,
        registrations=((0, "Théo Voisine"),),
    ),
    DemoActivity(
        slug="sortie-aux-ocres-de-roussillon",
        organiser=TOURIST_OFFICE,
        data={
            "title": "Sortie aux ocres de Roussillon",
            "summary": "Une après-midi sur le sentier des ocres, transport en car compris.",
            "description": (
                "Départ en car de la gare routière d'Apt, visite guidée du sentier des ocres, "
                "goûter au village. Prévoir de bonnes chaussures."
            ),
            "kind": "sortie",
            "age_group": "seniors",
            "price": "12.50",
            "reduced_price_text": "6 € pour les bénéficiaires du CCAS.",
            "place_name": "Gare routière",
            "commune": "84003",
            "accessibility_notes": "Sentier en pente : une partie seulement est praticable en fauteuil.",
        },
        in_days=8,
        starts=time(13, 30),
        ends=time(18),
        capacity=3,
        # Full: the fourth waits.
        registrations=((0, ""), (0, "Jeanne Voisine"), (2, ""), (3, "")),
    ),
    DemoActivity(
        slug="atelier-cuisine-anti-gaspi",
        organiser=GROCERY,
        data={
            "title": "Atelier cuisine anti-gaspi",
            "summary": "Cuisiner les invendus de l'épicerie et repartir avec les recettes.",
            "description": "Un atelier pour tous, en famille ou entre voisins.",
            "kind": "atelier",
            "age_group": "tous",
            "place_name": "Épicerie solidaire La Courte Échelle",
            "address": "12 rue des Marchands",
            "commune": "84003",
            "wheelchair_access": True,
        },
        in_days=9,
        starts=time(10),
        ends=time(12),
        capacity=10,
    ),
    DemoActivity(
        slug="jardinage-avec-les-enfants",
        organiser=AMAP,
        data={
            "title": "Jardinage avec les enfants",
            "summary": "Semer, arroser, goûter : une matinée au jardin de l'AMAP.",
            "description": "Pour les 6-11 ans, accompagnés d'un adulte.",
            "kind": "atelier",
            "age_group": "enfants",
            "min_age": 6,
            "max_age": 11,
            "place_name": "Jardin de l'AMAP",
            "commune": "84003",
        },
        in_days=11,
        starts=time(10),
        ends=time(12),
        capacity=8,
    ),
]


def _in_days(days: int, at: time):
    return paris_datetime(paris(timezone.now()).date() + timedelta(days=days), at)


def _organiser_user(actor: Actor | None) -> User:
    if actor is None:
        return User.objects.get(email=ADMIN_EMAIL)
    staff = ActorStaff.objects.filter(actor=actor, role=StaffRole.OWNER).select_related("user")
    return staff[0].user


def load_activities(territory: Territory) -> None:
    neighbours = demo_volunteers(territory)
    existing = set(Activity.objects.filter(territory=territory).values_list("slug", flat=True))
    actors = {a.slug: a for a in Actor.objects.filter(territory=territory)}
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    for spec in DEMO_ACTIVITIES:
        if spec.slug in existing:
            continue
        if spec.organiser is not None and spec.organiser not in actors:
            continue  # The actors step did not run.
        actor = actors.get(spec.organiser) if spec.organiser else None
        by = _organiser_user(actor)
        values = spec.data | {
            "commune": communes[spec.data["commune"]],
            "price": Decimal(spec.data.get("price", "0")),
        }
        activity = activity_create(
            territory=territory, organiser=actor, by=by, data=ActivityData(**values)
        )
        assert activity.slug == spec.slug, activity.slug  # The walks rely on it.
        sessions_add(
            activity=activity,
            by=by,
            starts_at=_in_days(spec.in_days, spec.starts),
            ends_at=_in_days(spec.in_days, spec.ends),
            capacity=spec.capacity,
            weekly=spec.weeks is not None,
            weeks=spec.weeks,
        )
        activity_publish(activity=activity, by=by)
        first = Session.objects.filter(activity=activity).order_by("starts_at")[0]
        for index, relative in spec.registrations:
            registration_create(
                session=first, user=neighbours[index], participant_name=relative, send_email=False
            )
