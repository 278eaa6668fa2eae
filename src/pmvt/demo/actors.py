"""Demo actors of the CC Pays d'Apt-Luberon: shops, craftspeople, liberal professions,
farmers, three associations and the tourist office, all verified, and two weekly markets.

Deterministic (fixed seed, fictitious SIRET numbers that no company holds) and idempotent:
an actor or a market whose slug exists is left as it is. Everything goes through the
services, as on the site. The demo user acteur@demo.pmvt.fr owns the bakery; every other
actor has its own owner account, inactive (no password, no email is sent to it).
"""

import random
from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from pmvt.accounts.models import User
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, ActorLabel, Market, MarketStall
from pmvt.actors.services.actors import actor_register, actor_verify
from pmvt.actors.services.markets import market_create, market_stall_set
from pmvt.actors.services.page import actor_closure_add, actor_opening_hours_set
from pmvt.territories.models import Commune, Territory

SEED = 84400  # Apt's postal code.
OWNER_EMAIL = "acteur@demo.pmvt.fr"
ADMIN_EMAIL = "admin@demo.pmvt.fr"

TUE_SAT = (1, 2, 3, 4, 5)
MON_FRI = (0, 1, 2, 3, 4)


def _ranges(days: tuple[int, ...], *spans: tuple[str, str]) -> list[tuple[int, time, time]]:
    return [
        (day, time.fromisoformat(opens), time.fromisoformat(closes))
        for day in days
        for opens, closes in spans
    ]


HOURS: dict[str, list[tuple[int, time, time]]] = {
    "shop": _ranges(TUE_SAT, ("08:30", "12:30"), ("15:00", "19:00")),
    "bakery": _ranges((1, 2, 3, 4, 5, 6), ("06:30", "13:00"))
    + _ranges(TUE_SAT, ("15:30", "19:30")),
    "office": _ranges(MON_FRI, ("09:00", "12:00"), ("14:00", "18:00")),
    "farm": _ranges((2,), ("16:00", "19:00")) + _ranges((5,), ("14:30", "18:00")),
    "restaurant": _ranges((2, 3, 4, 5, 6), ("12:00", "14:00"), ("19:00", "22:00")),
    "association": _ranges((3,), ("18:00", "19:30")),
    "tourism": _ranges((0, 1, 2, 3, 4, 5), ("09:30", "12:30"), ("14:00", "18:00")),
    "none": [],
}


@dataclass(frozen=True)
class DemoActor:
    kind: str
    legal_name: str
    trade_name: str
    naf_code: str
    commune: str  # INSEE code
    address: str
    description: str
    owner: str  # display name of the owner account
    hours: str = "shop"
    labels: tuple[str, ...] = ()
    click_collect: bool = False
    delivery: bool = False
    pro: bool = False
    has_siret: bool = True
    terms: str = ""
    extra: dict = field(default_factory=dict)


B, A, P = ActorKind.BUSINESS, ActorKind.ASSOCIATION, ActorKind.PUBLIC_BODY
L = ActorLabel

DEMO_ACTORS: list[DemoActor] = [
    # Artisans.
    DemoActor(
        B,
        "SARL Fournil des Ocres",
        "Boulangerie des Ocres",
        "10.71C",
        "84003",
        "14 rue des Marchands",
        "Pains au levain cuits au feu de bois, fougasses aux olives et gibassiers. Farines "
        "de blés anciens moulues à Apt.",
        "Élodie Boulangère",
        hours="bakery",
        labels=(L.ARTISAN, L.FAIT_MAISON),
        click_collect=True,
        pro=True,
        terms="Commandes à retirer le jour choisi avant 13 h. Paiement au retrait.",
    ),
    DemoActor(
        B,
        "Confiserie Aptésienne SAS",
        "Confiserie Aptésienne",
        "10.82Z",
        "84003",
        "6 quai de la Liberté",
        "Fruits confits d'Apt selon la tradition : abricots, melons, clémentines, cerises, "
        "confits lentement dans le sirop.",
        "Jacques Confiseur",
        labels=(L.ARTISAN, L.FAIT_MAISON),
        click_collect=True,
        delivery=True,
        pro=True,
    ),
    DemoActor(
        B,
        "Atelier Terre d'Ocre",
        "",
        "23.41Z",
        "84118",
        "Chemin du Moulin",
        "Poterie tournée à la main, grès et faïence aux teintes d'ocre du pays. Stages de "
        "tournage le samedi.",
        "Lucie Potière",
        labels=(L.ARTISAN,),
        click_collect=True,
    ),
    DemoActor(
        B,
        "Menuiserie Bérard",
        "",
        "43.32A",
        "84145",
        "Zone artisanale des Bourguets",
        "Menuiserie bois sur mesure : fenêtres, portes, volets, escaliers en chêne et en mélèze.",
        "Paul Bérard",
        hours="office",
        labels=(L.ARTISAN,),
    ),
    DemoActor(
        B,
        "Savonnerie de Rustrel",
        "",
        "20.41Z",
        "84103",
        "Hameau des Gravières",
        "Savons saponifiés à froid à l'huile d'olive du Luberon et à la lavande fine.",
        "Nadia Savonnière",
        labels=(L.ARTISAN, L.FAIT_MAISON),
        click_collect=True,
        delivery=True,
    ),
    DemoActor(
        B,
        "Salon Émilie Coiffure",
        "",
        "96.02A",
        "84003",
        "22 rue de la République",
        "Coiffure femmes, hommes et enfants, sur rendez-vous.",
        "Émilie Coiffeuse",
        labels=(L.ARTISAN,),
    ),
    DemoActor(
        B,
        "Maçonnerie Pierre Sèche du Luberon",
        "",
        "43.99C",
        "84020",
        "Route de Lacoste",
        "Maçonnerie traditionnelle, restanques et murs en pierre sèche, enduits à la chaux.",
        "Marc Maçon",
        hours="office",
        labels=(L.ARTISAN,),
    ),
    DemoActor(
        B,
        "Les Glaces de Roussillon",
        "",
        "10.52Z",
        "84102",
        "Place de la Mairie",
        "Glaces et sorbets au lait de la ferme et aux fruits du Luberon.",
        "Inès Glacière",
        labels=(L.FAIT_MAISON, L.ARTISAN),
        click_collect=True,
    ),
    # Commerçants.
    DemoActor(
        B,
        "Les Primeurs du Luberon",
        "",
        "47.21Z",
        "84003",
        "3 place de la Bouquerie",
        "Fruits et légumes de saison, en priorité des producteurs du Pays d'Apt.",
        "Karim Primeur",
        labels=(L.PRODUCTEUR_LOCAL,),
        click_collect=True,
        delivery=True,
    ),
    DemoActor(
        B,
        "Fromagerie du Calavon",
        "",
        "47.29Z",
        "84003",
        "9 rue des Marchands",
        "Fromages fermiers affinés sur place : banon, tommes de chèvre, brousses.",
        "Sophie Fromagère",
        labels=(L.AOP_IGP,),
        click_collect=True,
    ),
    DemoActor(
        B,
        "Boucherie Jourdan",
        "",
        "47.22Z",
        "84003",
        "18 avenue Victor-Hugo",
        "Agneau de Sisteron, bœuf et porc des Alpes du Sud, charcuterie maison.",
        "Henri Boucher",
        labels=(L.AOP_IGP, L.FAIT_MAISON),
        click_collect=True,
    ),
    DemoActor(
        B,
        "Le Bocal Aptésien",
        "",
        "47.29Z",
        "84003",
        "5 cours Lauze-de-Perret",
        "Épicerie en vrac et zéro déchet : légumineuses, farines, huiles, produits "
        "d'entretien. Apportez vos contenants.",
        "Clara Épicière",
        labels=(L.BIO,),
        click_collect=True,
        delivery=True,
    ),
    DemoActor(
        B,
        "La Cave du Luberon",
        "",
        "47.25Z",
        "84003",
        "27 rue de la République",
        "Vins des AOC Luberon et Ventoux, bières et spiritueux artisanaux de Provence.",
        "Thomas Caviste",
        labels=(L.PRODUCTEUR_LOCAL,),
        delivery=True,
        pro=True,
    ),
    DemoActor(
        B,
        "Librairie des Ocres",
        "",
        "47.61Z",
        "84003",
        "11 rue des Marchands",
        "Librairie générale, rayon jeunesse et régionalisme, commandes en 48 heures.",
        "Anne Libraire",
        click_collect=True,
    ),
    DemoActor(
        B,
        "Le Bistrot de Lacoste",
        "",
        "56.10A",
        "84058",
        "Place de l'Église",
        "Cuisine provençale de saison avec les produits des fermes voisines.",
        "Julien Cuisinier",
        hours="restaurant",
        labels=(L.FAIT_MAISON, L.MAITRE_RESTAURATEUR),
    ),
    DemoActor(
        B,
        "L'Épicerie de Viens",
        "",
        "47.11B",
        "84144",
        "Grand-Rue",
        "Le commerce du village : épicerie, pain, journaux et produits des fermes du plateau.",
        "Martine Épicière",
        labels=(L.PRODUCTEUR_LOCAL,),
        click_collect=True,
    ),
    DemoActor(
        B,
        "Fleurs de Garance",
        "",
        "47.76Z",
        "84102",
        "Rue des Bourgades",
        "Fleuriste : bouquets de fleurs de saison cultivées en Provence, plantes méditerranéennes.",
        "Garance Fleuriste",
        click_collect=True,
        delivery=True,
    ),
    # Professions libérales.
    DemoActor(
        B,
        "Cabinet de kinésithérapie du Calavon",
        "",
        "86.90E",
        "84003",
        "2 place Jean-Jaurès",
        "Kinésithérapie, rééducation du sport et du dos, sur rendez-vous.",
        "Nicolas Kiné",
        hours="office",
    ),
    DemoActor(
        B,
        "Atelier d'architecture Lauze",
        "",
        "71.11Z",
        "84020",
        "Rue de la Bouquerie",
        "Architecture, rénovation du bâti ancien en pierre et constructions bioclimatiques.",
        "Camille Architecte",
        hours="office",
    ),
    DemoActor(
        B,
        "Claire Roux, ostéopathe",
        "",
        "86.90F",
        "84047",
        "Avenue de la Gare",
        "Ostéopathie pour adultes, enfants et sportifs.",
        "Claire Roux",
        hours="office",
    ),
    DemoActor(
        B,
        "Clinique vétérinaire des Ocres",
        "",
        "75.00Z",
        "84003",
        "Avenue de Viton",
        "Animaux de compagnie et de ferme, urgences sur appel.",
        "Laure Vétérinaire",
        hours="office",
    ),
    DemoActor(
        B,
        "Luberon Conseil",
        "",
        "69.20Z",
        "84003",
        "4 rue Saint-Pierre",
        "Expertise comptable des artisans, commerçants et exploitations agricoles.",
        "Bernard Comptable",
        hours="office",
    ),
    DemoActor(
        B,
        "Cabinet infirmier de Céreste",
        "",
        "86.90D",
        "04045",
        "Place de la République",
        "Soins infirmiers au cabinet et à domicile, sept jours sur sept.",
        "Hélène Infirmière",
        hours="office",
    ),
    # Agriculteurs.
    DemoActor(
        B,
        "EARL Les Jardins de Gargas",
        "Les Jardins de Gargas",
        "01.13Z",
        "84047",
        "Chemin des Grandes Terres",
        "Maraîchage biologique : légumes de saison, melons de Cavaillon, plants au "
        "printemps. Paniers à la ferme le mercredi.",
        "Mathieu Maraîcher",
        hours="farm",
        labels=(L.BIO, L.VENTE_DIRECTE, L.PRODUCTEUR_LOCAL),
        click_collect=True,
    ),
    DemoActor(
        B,
        "GAEC des Vergers de Goult",
        "Vergers de Goult",
        "01.24Z",
        "84051",
        "Route de la Gare",
        "Pommes, cerises et abricots cueillis à maturité, jus de pomme de la ferme.",
        "Chantal Arboricultrice",
        hours="farm",
        labels=(L.HVE, L.VENTE_DIRECTE, L.PRODUCTEUR_LOCAL),
        click_collect=True,
        pro=True,
    ),
    DemoActor(
        B,
        "Le Rucher de Saignon",
        "",
        "01.49Z",
        "84105",
        "Les Tourettes",
        "Miels de lavande, de romarin et de garrigue, pollen et pain d'épices.",
        "Olivier Apiculteur",
        hours="farm",
        labels=(L.BIO, L.VENTE_DIRECTE, L.PRODUCTEUR_LOCAL),
        click_collect=True,
        delivery=True,
    ),
    DemoActor(
        B,
        "Chèvrerie de Lagarde",
        "",
        "01.45Z",
        "84060",
        "Plateau d'Albion, les Esfourniaux",
        "Fromages de chèvre au lait cru de notre troupeau, frais, demi-secs et affinés.",
        "Pauline Chevrière",
        hours="farm",
        labels=(L.FAIT_MAISON, L.VENTE_DIRECTE, L.PRODUCTEUR_LOCAL),
        click_collect=True,
    ),
    DemoActor(
        B,
        "SCEA Domaine des Claparèdes",
        "Domaine des Claparèdes",
        "01.21Z",
        "84073",
        "Chemin des Claparèdes",
        "Vins AOC Luberon rouges, rosés et blancs ; caveau ouvert le samedi après-midi.",
        "François Vigneron",
        hours="farm",
        labels=(L.AOP_IGP, L.HVE, L.VENTE_DIRECTE),
        delivery=True,
        pro=True,
    ),
    DemoActor(
        B,
        "Oliveraie de Saint-Pantaléon",
        "",
        "01.26Z",
        "84114",
        "Chemin des Oliviers",
        "Huile d'olive vierge extra de nos variétés aglandau et picholine, olives de table.",
        "Rémi Oléiculteur",
        hours="farm",
        labels=(L.BIO, L.VENTE_DIRECTE),
        click_collect=True,
    ),
    DemoActor(
        B,
        "Les Lavandes du plateau",
        "",
        "01.28Z",
        "84144",
        "Route de Simiane",
        "Lavande fine et lavandin, huiles essentielles distillées à la ferme.",
        "Agnès Lavandicultrice",
        hours="farm",
        labels=(L.VENTE_DIRECTE, L.PRODUCTEUR_LOCAL),
        delivery=True,
    ),
    # Associations and a public body.
    DemoActor(
        A,
        "AMAP du Pays d'Apt",
        "",
        "94.99Z",
        "84003",
        "Salle des fêtes, avenue de Lattre-de-Tassigny",
        "Association pour le maintien d'une agriculture paysanne : paniers hebdomadaires "
        "des fermes du territoire, distribution le jeudi soir.",
        "Gérard Bénévole",
        hours="association",
        labels=(L.PRODUCTEUR_LOCAL,),
        has_siret=False,
    ),
    DemoActor(
        A,
        "Association La Courte Échelle",
        "Épicerie solidaire La Courte Échelle",
        "88.99B",
        "84003",
        "7 rue du Docteur-Gros",
        "Épicerie solidaire : produits à petit prix pour les foyers orientés par les "
        "services sociaux, ateliers cuisine.",
        "Fatima Coordinatrice",
        hours="association",
    ),
    DemoActor(
        A,
        "Repair Café du Luberon",
        "",
        "94.99Z",
        "84047",
        "Maison des associations",
        "Réparons ensemble petit électroménager, vélos et vêtements, un samedi par mois.",
        "Yves Réparateur",
        hours="none",
        has_siret=False,
    ),
    DemoActor(
        P,
        "Office de tourisme intercommunal Pays d'Apt Luberon",
        "Office de tourisme Pays d'Apt Luberon",
        "79.90Z",
        "84003",
        "788 avenue Victor-Hugo",
        "Informations touristiques, billetterie, cartes de randonnée et idées de visite.",
        "Sandrine Accueil",
        hours="tourism",
    ),
]


@dataclass(frozen=True)
class DemoMarket:
    name: str
    commune: str  # INSEE code
    place: str
    weekday: int
    start_time: time
    end_time: time
    season: tuple[int, int]
    point: tuple[str, str]
    description: str
    stalls: tuple[tuple[str, bool], ...]  # (actor slug, pickup of orders at the stall)


MARKETS = [
    DemoMarket(
        name="Marché d'Apt",
        commune="84003",
        place="Place de la Bouquerie et rues du centre-ville",
        weekday=5,
        start_time=time(8),
        end_time=time(13),
        season=(1, 12),
        point=("43.876200", "5.397100"),
        description="Le grand marché provençal du samedi matin, dans tout le centre ancien.",
        stalls=(
            ("les-jardins-de-gargas", True),
            ("vergers-de-goult", True),
            ("le-rucher-de-saignon", False),
            ("chevrerie-de-lagarde", True),
            ("domaine-des-claparedes", False),
            ("oliveraie-de-saint-pantaleon", True),
            ("les-lavandes-du-plateau", False),
            ("fromagerie-du-calavon", False),
            ("confiserie-aptesienne", True),
            ("les-primeurs-du-luberon", False),
        ),
    ),
    DemoMarket(
        name="Marché de Roussillon",
        commune="84102",
        place="Place de la Poste",
        weekday=3,
        start_time=time(8),
        end_time=time(12, 30),
        season=(4, 10),
        point=("43.902200", "5.292900"),
        description="Petit marché du jeudi matin au cœur du village des ocres, d'avril à octobre.",
        stalls=(
            ("le-rucher-de-saignon", True),
            ("domaine-des-claparedes", False),
            ("vergers-de-goult", False),
            ("les-glaces-de-roussillon", False),
            ("fleurs-de-garance", False),
        ),
    ),
]


def _owner(spec: DemoActor) -> User:
    if spec.owner == "Élodie Boulangère":
        return User.objects.get(email=OWNER_EMAIL)
    email = f"pro.{slugify(spec.trade_name or spec.legal_name)}@demo.pmvt.fr"
    user = User.objects.filter(email=email).first()
    if user is None:
        # No password and inactive: a name on the team list, nobody logs in with it.
        user = User.objects.create_user(email=email, display_name=spec.owner, is_active=False)
    return user


def _point(commune: Commune, rng: random.Random) -> tuple[Decimal | None, Decimal | None]:
    if commune.latitude is None or commune.longitude is None:
        return None, None
    dlat = Decimal(rng.randint(-40, 40)) / Decimal(10_000)
    dlng = Decimal(rng.randint(-40, 40)) / Decimal(10_000)
    return commune.latitude + dlat, commune.longitude + dlng


def load_actors(territory: Territory) -> None:
    """Create the demo actors and markets of `territory` (idempotent)."""
    rng = random.Random(SEED)
    admin = User.objects.get(email=ADMIN_EMAIL)
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    existing = set(Actor.objects.filter(territory=territory).values_list("slug", flat=True))
    for number, spec in enumerate(DEMO_ACTORS, start=101):
        # Draw the random numbers even for existing actors, so the others never change.
        commune = communes[spec.commune]
        latitude, longitude = _point(commune, rng)
        phone = f"04 90 00 {rng.randint(10, 99)} {rng.randint(10, 99)}"
        if slugify(spec.trade_name or spec.legal_name) in existing:
            continue
        owner = _owner(spec)
        actor = actor_register(
            territory=territory,
            by=owner,
            kind=spec.kind,
            legal_name=spec.legal_name,
            trade_name=spec.trade_name,
            commune=commune,
            address=spec.address,
            siret=fictitious_siret(number) if spec.has_siret else "",
            naf_code=spec.naf_code,
            phone=phone,
            email=f"contact.{number}@demo.pmvt.fr",
            description=spec.description,
            labels=list(spec.labels),
            latitude=latitude,
            longitude=longitude,
            offers_click_collect=spec.click_collect,
            offers_delivery=spec.delivery,
            sells_to_professionals=spec.pro,
            terms_of_sale=spec.terms,
            notify_admins=False,
        )
        actor_opening_hours_set(actor=actor, by=owner, hours=HOURS[spec.hours])
        actor_verify(actor=actor, by=admin)
        if spec.legal_name == "Librairie des Ocres":
            start = timezone.localdate() + timedelta(days=21)
            actor_closure_add(
                actor=actor,
                by=owner,
                start_date=start,
                end_date=start + timedelta(days=6),
                reason="Congés annuels",
            )
    _load_markets(territory=territory, admin=admin, communes=communes)


def _load_markets(*, territory: Territory, admin: User, communes: dict[str, Commune]) -> None:
    actors = {a.slug: a for a in Actor.objects.filter(territory=territory)}
    for spec in MARKETS:
        market = Market.objects.filter(territory=territory, slug=slugify(spec.name)).first()
        if market is None:
            market = market_create(
                territory=territory,
                by=admin,
                name=spec.name,
                commune=communes[spec.commune],
                place=spec.place,
                weekday=spec.weekday,
                start_time=spec.start_time,
                end_time=spec.end_time,
                season_start_month=spec.season[0],
                season_end_month=spec.season[1],
                description=spec.description,
                latitude=Decimal(spec.point[0]),
                longitude=Decimal(spec.point[1]),
            )
        present = set(
            MarketStall.objects.filter(market=market).values_list("actor__slug", flat=True)
        )
        for actor_slug, pickup in spec.stalls:
            if actor_slug in present or actor_slug not in actors:
                continue
            market_stall_set(
                market=market, actor=actors[actor_slug], by=admin, offers_pickup=pickup
            )
