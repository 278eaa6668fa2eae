"""Demo assets to share in the CC Pays d'Apt-Luberon (pmvt.assets).

Ten assets, offered by the collectivité (the salle des fêtes, the communal bread oven, a vacant
shop), by actors (the Menuiserie Bérard's workshop, the Repair Café's van) and by inhabitants
(a trailer, a tiller, a garden plot, a projector, a pressure cleaner), with blocked days and a
few bookings: accepted, waiting for an answer (the demo admin and inhabitants answer them in the
walks) and declined. Owners and requesters who are not demo login accounts are inactive
accounts without password.

Deterministic (dates relative to today) and idempotent: an asset whose slug exists is left as
it is, with its bookings. Everything goes through the services.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.actors.models import Actor, ActorStaff, StaffRole
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.assets.models import Asset, AssetCondition, AssetKind
from pmvt.assets.services.assets import (
    AssetData,
    asset_create,
    asset_publish,
    asset_unavailability_add,
)
from pmvt.assets.services.bookings import booking_accept, booking_decline, booking_request
from pmvt.territories.models import Commune, Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
INHABITANT_EMAIL = "habitant@demo.pmvt.fr"
CARPENTER = "menuiserie-berard"
REPAIR_CAFE = "repair-cafe-du-luberon"
LENDERS = {
    "bernard": ("bernard.prete@demo.pmvt.fr", "Bernard Maraîcher", "84118"),
    "sophie": ("sophie.jardin@demo.pmvt.fr", "Sophie Jardinière", "84105"),
    "lucas": ("lucas.video@demo.pmvt.fr", "Lucas Vidéaste", "84003"),
    "martine": ("martine.remorque@demo.pmvt.fr", "Martine Roulier", "84047"),
}
BORROWERS = {
    "claire": ("voisine.claire@demo.pmvt.fr", "Claire Voisine"),
    "karim": ("voisin.karim@demo.pmvt.fr", "Karim Voisin"),
    "lucie": ("voisine.lucie@demo.pmvt.fr", "Lucie Voisine"),
    "paul": ("voisin.paul@demo.pmvt.fr", "Paul Voisin"),
}


@dataclass(frozen=True)
class DemoBooking:
    requester: str  # a key of BORROWERS, or "jean" (the demo inhabitant who logs in)
    in_days: int
    starts: time
    days: int  # how many days later it ends
    ends: time
    message: str
    answer: str = ""
    outcome: str = "accept"  # accept, decline, or "" (waiting for an answer)


@dataclass(frozen=True)
class DemoAsset:
    slug: str
    owner: str  # "collectivite", "actor:<slug>", or a key of LENDERS
    data: dict
    blocked: tuple[tuple[int, int, str], ...] = ()  # (from day, to day, reason), from today
    bookings: tuple[DemoBooking, ...] = field(default_factory=tuple)


DEMO_ASSETS = [
    DemoAsset(
        slug="salle-des-fetes-de-gargas",
        owner="collectivite",
        data={
            "kind": AssetKind.ROOM,
            "title": "Salle des fêtes de Gargas",
            "description": (
                "Grande salle de 180 m² avec cuisine équipée (piano, chambre froide), 120 chaises "
                "et 20 tables. Accessible de plain-pied, toilettes adaptées. Idéale pour un repas "
                "associatif, un bal ou une réunion publique."
            ),
            "commune": "84047",
            "place": "Place de la mairie",
            "capacity": 120,
            "condition": AssetCondition.PRICE,
            "price": Decimal("80.00"),
            "price_unit": "journée",
            "conditions_text": (
                "Gratuit pour les associations du territoire. Caution de 300 € ; la salle est "
                "rendue balayée, la cuisine nettoyée."
            ),
        },
        blocked=((30, 31, "Fête votive"),),
        bookings=(
            DemoBooking(
                "claire",
                12,
                time(14),
                0,
                time(23),
                "Pour les 80 ans de ma mère, une soixantaine de personnes.",
                "C'est noté : les clés sont à retirer en mairie le matin même.",
            ),
            DemoBooking(
                "karim",
                20,
                time(9),
                0,
                time(18),
                "Assemblée générale du club de foot, environ 50 personnes.",
                outcome="",
            ),
        ),
    ),
    DemoAsset(
        slug="atelier-de-la-menuiserie-berard",
        owner=f"actor:{CARPENTER}",
        data={
            "kind": AssetKind.PREMISES,
            "title": "Atelier de la menuiserie Bérard",
            "description": (
                "Notre atelier de 120 m² avec dégauchisseuse, raboteuse, scie à format et "
                "établis, le samedi quand nous ne travaillons pas. Pour vos petits travaux "
                "de menuiserie, accompagnés par l'un de nous la première fois."
            ),
            "commune": "84003",
            "place": "Zone artisanale de Salignan",
            "capacity": 6,
            "condition": AssetCondition.EXCHANGE,
            "conditions_text": "En échange d'un coup de main au rangement du bois, ou d'un gâteau.",
        },
        bookings=(
            DemoBooking(
                "paul",
                9,
                time(9),
                0,
                time(17),
                "Fabriquer des bacs de jardin pour l'école.",
                "Avec plaisir, Louis sera là pour vous montrer les machines.",
            ),
        ),
    ),
    DemoAsset(
        slug="remorque-bachee-750-kg",
        owner="martine",
        data={
            "kind": AssetKind.VEHICLE,
            "title": "Remorque bâchée 750 kg",
            "description": (
                "Remorque simple essieu, 2 m × 1,25 m, bâche et sangles fournies. Sans permis "
                "particulier (moins de 750 kg). Prise 7 broches."
            ),
            "commune": "84047",
            "place": "Hameau des Tourettes",
            "condition": AssetCondition.FREE,
            "conditions_text": "Rendue propre ; un plein de bonne humeur suffit.",
        },
        blocked=((15, 18, "Je m'en sers pour mon déménagement"),),
        bookings=(
            DemoBooking(
                "jean",
                4,
                time(8),
                1,
                time(19),
                "Pour aller à la déchetterie avec des gravats.",
                "Pas de souci, passez la prendre à partir de 8 h.",
            ),
        ),
    ),
    DemoAsset(
        slug="motoculteur-et-sa-fraise",
        owner="bernard",
        data={
            "kind": AssetKind.TOOL,
            "title": "Motoculteur et sa fraise",
            "description": (
                "Motoculteur thermique avec fraise de 80 cm, idéal pour préparer un potager au "
                "printemps. Je peux montrer comment le démarrer et l'entretenir."
            ),
            "commune": "84118",
            "condition": AssetCondition.PRICE,
            "price": Decimal("15.00"),
            "price_unit": "journée",
            "conditions_text": "Le carburant est à votre charge ; rendu avec le plein.",
        },
        bookings=(
            DemoBooking(
                "lucie", 6, time(8), 0, time(18), "Pour le jardin partagé des Argiles.", outcome=""
            ),
        ),
    ),
    DemoAsset(
        slug="local-commercial-vacant-rue-des-marchands",
        owner="collectivite",
        data={
            "kind": AssetKind.PREMISES,
            "title": "Local commercial vacant, rue des Marchands",
            "description": (
                "Ancienne mercerie de 45 m² avec vitrine sur la rue piétonne, arrière-boutique "
                "et point d'eau. La commune le prête pour des boutiques éphémères, des "
                "expositions ou le test d'une activité avant une installation durable."
            ),
            "commune": "84003",
            "place": "Centre historique",
            "capacity": 20,
            "condition": AssetCondition.PRICE,
            "price": Decimal("150.00"),
            "price_unit": "mois",
            "conditions_text": "Convention d'occupation temporaire ; assurance à fournir.",
        },
    ),
    DemoAsset(
        slug="parcelle-du-jardin-partage-des-argiles",
        owner="sophie",
        data={
            "kind": AssetKind.LAND,
            "title": "Parcelle du jardin partagé des Argiles",
            "description": (
                "Une parcelle de 30 m² inoccupée cette saison dans le jardin partagé : terre "
                "amendée, arrosage par goutte-à-goutte, cabane à outils commune."
            ),
            "commune": "84105",
            "place": "Les Argiles",
            "condition": AssetCondition.EXCHANGE,
            "conditions_text": "Participer à deux matinées d'entretien collectif dans la saison.",
        },
    ),
    DemoAsset(
        slug="videoprojecteur-et-ecran",
        owner="lucas",
        data={
            "kind": AssetKind.EQUIPMENT,
            "title": "Vidéoprojecteur et écran",
            "description": (
                "Vidéoprojecteur Full HD (3 500 lumens), écran sur trépied de 2 m et enceinte "
                "Bluetooth, dans leur valise. Parfait pour un ciné-club ou une réunion."
            ),
            "commune": "84003",
            "condition": AssetCondition.FREE,
        },
        bookings=(
            DemoBooking(
                "karim",
                2,
                time(18),
                0,
                time(23),
                "Projection d'un documentaire au foyer.",
                "Désolé, l'ampoule est à changer cette semaine.",
                outcome="decline",
            ),
        ),
    ),
    DemoAsset(
        slug="fourgon-du-repair-cafe",
        owner=f"actor:{REPAIR_CAFE}",
        data={
            "kind": AssetKind.VEHICLE,
            "title": "Fourgon du Repair Café",
            "description": (
                "Fourgon 12 m³, permis B. Prêté aux associations et aux habitants pour un "
                "déménagement solidaire ou le transport de matériel d'une fête."
            ),
            "commune": "84003",
            "condition": AssetCondition.PRICE,
            "price": Decimal("0.30"),
            "price_unit": "kilomètre",
            "conditions_text": "Permis depuis plus de 3 ans ; état des lieux au départ et au retour.",
        },
        bookings=(
            DemoBooking(
                "paul",
                3,
                time(9),
                0,
                time(13),
                "Transporter des meubles pour une famille relogée.",
                "Bien sûr, c'est exactement sa vocation.",
            ),
        ),
    ),
    DemoAsset(
        slug="nettoyeur-haute-pression",
        owner="bernard",
        data={
            "kind": AssetKind.TOOL,
            "title": "Nettoyeur haute pression",
            "description": "Nettoyeur 130 bars avec lance terrasse et rallonge de 10 m.",
            "commune": "84118",
            "condition": AssetCondition.FREE,
        },
    ),
    DemoAsset(
        slug="four-a-pain-communal-de-saignon",
        owner="collectivite",
        data={
            "kind": AssetKind.EQUIPMENT,
            "title": "Four à pain communal de Saignon",
            "description": (
                "Four à bois restauré par les habitants en 2019, avec pétrin et pelles. Il faut "
                "le chauffer trois heures avant d'enfourner : une belle occasion de fournée "
                "collective."
            ),
            "commune": "84105",
            "place": "Quartier du Castellas",
            "capacity": 30,
            "condition": AssetCondition.FREE,
            "conditions_text": "Bois fourni par la commune ; le four est rendu balayé.",
        },
        bookings=(
            DemoBooking(
                "lucie",
                5,
                time(7),
                0,
                time(14),
                "Fournée du quartier pour la fête des voisins.",
                "Bonne fournée ! Le bois est sous l'auvent.",
            ),
        ),
    ),
]


def _in_days(days: int, at: time):
    return paris_datetime(paris(timezone.now()).date() + timedelta(days=days), at)


def _inactive_member(territory: Territory, email: str, name: str, commune: Commune | None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, display_name=name, is_active=False)
    membership_join(user=user, territory=territory, commune=commune)
    return User.objects.get(pk=user.pk)


def _owner(
    spec: DemoAsset, territory: Territory, communes: dict[str, Commune]
) -> tuple[User, Actor | None] | None:
    if spec.owner == "collectivite":
        return User.objects.get(email=ADMIN_EMAIL), None
    if spec.owner.startswith("actor:"):
        actor = Actor.objects.filter(territory=territory, slug=spec.owner[6:]).first()
        if actor is None:
            return None  # The actors (or volunteering) step did not run.
        staff = ActorStaff.objects.filter(actor=actor, role=StaffRole.OWNER).select_related("user")
        return staff[0].user, actor
    email, name, insee = LENDERS[spec.owner]
    return _inactive_member(territory, email, name, communes.get(insee)), None


def _requester(key: str, territory: Territory) -> User:
    if key == "jean":
        return User.objects.get(email=INHABITANT_EMAIL)
    email, name = BORROWERS[key]
    return _inactive_member(territory, email, name, None)


def load_assets(territory: Territory) -> None:
    existing = set(Asset.objects.filter(territory=territory).values_list("slug", flat=True))
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    today = paris(timezone.now()).date()
    for spec in DEMO_ASSETS:
        if spec.slug in existing:
            continue
        found = _owner(spec, territory, communes)
        if found is None:
            continue
        owner, actor = found
        data = AssetData(**(spec.data | {"commune": communes[spec.data["commune"]]}))
        asset = asset_create(
            territory=territory,
            by=owner,
            data=data,
            actor=actor,
            by_collectivite=spec.owner == "collectivite",
        )
        assert asset.slug == spec.slug, asset.slug  # The walks rely on it.
        asset_publish(asset=asset, by=owner)
        for start, end, reason in spec.blocked:
            asset_unavailability_add(
                asset=asset,
                by=owner,
                starts_on=today + timedelta(days=start),
                ends_on=today + timedelta(days=end),
                reason=reason,
            )
        for wish in spec.bookings:
            booking = booking_request(
                asset=asset,
                requester=_requester(wish.requester, territory),
                starts_at=_in_days(wish.in_days, wish.starts),
                ends_at=_in_days(wish.in_days + wish.days, wish.ends),
                message=wish.message,
            )
            if wish.outcome == "accept":
                booking_accept(booking=booking, by=owner, answer=wish.answer)
            elif wish.outcome == "decline":
                booking_decline(booking=booking, by=owner, answer=wish.answer)
