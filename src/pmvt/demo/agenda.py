"""Demo agenda of the CC Pays d'Apt-Luberon: a month of events, dated from today.

- the Saturday market festivities in Apt (the tourist office), a choir concert in Bonnieux
  (paid), story time at the media library every Wednesday for a month, the AMAP's weekly
  basket evening, the Repair Café every month in Gargas (the association's own page), a
  youth futsal tournament in Roussillon (registration, many seats);
- a digital workshop for seniors in Apt with 4 seats, full, and 2 people waiting: the demo
  inhabitant (habitant@demo.pmvt.fr) can join the waiting list, a registered person can
  cancel and see the first one waiting promoted;
- a botanical walk proposed by the demo inhabitant, waiting for the demo moderator.

Dates are relative to the day of loading, so the agenda is alive whenever the demo is loaded.
Idempotent by slug: an event that exists is left as it is (its dates too). Everything goes
through the services, as on the site; the demo participants are inactive accounts (no password,
no email is sent to them: registrations are made without confirmation emails).
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.accounts.services.memberships import membership_join
from pmvt.actors.models import Actor
from pmvt.agenda.models import Event, Occurrence, Recurrence
from pmvt.agenda.recurrence import paris, paris_datetime
from pmvt.agenda.services.events import EventData, event_create
from pmvt.agenda.services.registrations import registration_create
from pmvt.community.models import Theme, Visibility
from pmvt.territories.models import Commune, Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
INHABITANT_EMAIL = "habitant@demo.pmvt.fr"
WORKSHOP_SLUG = "atelier-numerique-pour-les-seniors"
PENDING_SLUG = "balade-botanique-dans-les-ocres"
PARTICIPANTS = [
    ("participant.1@demo.pmvt.fr", "Josette Ribaud"),
    ("participant.2@demo.pmvt.fr", "Marcel Giraud"),
    ("participant.3@demo.pmvt.fr", "Odette Blanc"),
    ("participant.4@demo.pmvt.fr", "René Castel"),
    ("participant.5@demo.pmvt.fr", "Simone Arnaud"),
    ("participant.6@demo.pmvt.fr", "Paul Roux"),
]


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    title: str
    description: str
    commune: str  # INSEE code
    place_name: str
    address: str
    weekday: int  # The first date: this weekday, at least `after_days` from today.
    after_days: int
    start: time
    end: time
    themes: tuple[str, ...] = ()  # Theme slugs, used when the community step created them.
    organiser: str = ""  # Actor slug (its owner publishes), else the author publishes.
    organiser_name: str = ""
    author: str = ADMIN_EMAIL
    contact_email: str = ""
    contact_phone: str = ""
    recurrence: str = Recurrence.NONE
    until_days: int | None = None
    is_free: bool = True
    price: Decimal | None = None
    price_text: str = ""
    capacity: int | None = None
    waiting_list: bool = False
    wheelchair: bool = False
    hearing_loop: bool = False
    sign_language: bool = False
    accessibility_notes: str = ""
    registrants: list[str] = field(default_factory=list)  # Emails, in order.


DEMO_EVENTS = [
    DemoEvent(
        slug="fete-du-marche-dapt",
        title="Fête du marché d'Apt",
        description=(
            "Le grand marché provençal du samedi fête ses producteurs : dégustations de "
            "fruits confits et de fromages de chèvre, démonstration de tournage sur bois, "
            "fanfare dans les rues du centre ancien.\n\n"
            "Venez avec votre panier : **les producteurs du territoire** vous attendent."
        ),
        commune="84003",
        place_name="Place de la Bouquerie",
        address="Place de la Bouquerie et rues du centre-ville",
        weekday=5,
        after_days=2,
        start=time(8, 30),
        end=time(13),
        themes=("commerce-local", "culture-et-patrimoine"),
        organiser="office-de-tourisme-pays-dapt-luberon",
        contact_phone="04 90 74 03 18",
        wheelchair=True,
        accessibility_notes="Rues pavées dans le centre ancien ; toilettes accessibles place "
        "Jean-Jaurès.",
    ),
    DemoEvent(
        slug="concert-de-lensemble-vocal-du-luberon",
        title="Concert de l'ensemble vocal du Luberon",
        description=(
            "Chants sacrés et profanes de Provence, de Monteverdi à Darius Milhaud. "
            "Trente choristes, un orgue positif, une heure et demie de musique."
        ),
        commune="84020",
        place_name="Église haute de Bonnieux",
        address="Montée de l'église",
        weekday=5,
        after_days=8,
        start=time(20, 30),
        end=time(22),
        themes=("culture-et-patrimoine",),
        organiser_name="Ensemble vocal du Luberon",
        contact_email="ensemble.vocal@demo.pmvt.fr",
        is_free=False,
        price=Decimal("12.00"),
        price_text="Gratuit pour les moins de 12 ans",
        hearing_loop=True,
        accessibility_notes="Accès par des marches : prévenez les organisateurs, une entrée "
        "de plain-pied peut être ouverte.",
    ),
    DemoEvent(
        slug="lheure-du-conte-a-la-mediatheque",
        title="L'heure du conte à la médiathèque",
        description="Des histoires lues à voix haute pour les enfants de 3 à 7 ans et leurs "
        "parents, chaque mercredi matin.",
        commune="84003",
        place_name="Médiathèque intercommunale",
        address="Rue de la Sous-Préfecture",
        weekday=2,
        after_days=1,
        start=time(10, 30),
        end=time(11, 30),
        themes=("jeunesse", "culture-et-patrimoine"),
        organiser_name="Médiathèque intercommunale",
        contact_email="mediatheque@demo.pmvt.fr",
        recurrence=Recurrence.WEEKLY,
        until_days=30,
        wheelchair=True,
        sign_language=True,
        accessibility_notes="Une séance par mois est contée en langue des signes.",
    ),
    DemoEvent(
        slug="distribution-des-paniers-de-lamap",
        title="Distribution des paniers de l'AMAP",
        description="Les fermes du territoire livrent les paniers de la semaine. Les "
        "curieux sont les bienvenus pour découvrir l'AMAP et ses producteurs.",
        commune="84003",
        place_name="Salle des fêtes",
        address="Avenue de Lattre-de-Tassigny",
        weekday=3,
        after_days=1,
        start=time(18),
        end=time(19, 30),
        themes=("commerce-local", "environnement"),
        organiser="amap-du-pays-dapt",
        recurrence=Recurrence.WEEKLY,
        until_days=30,
        wheelchair=True,
    ),
    DemoEvent(
        slug="repair-cafe-du-luberon",
        title="Repair Café du Luberon",
        description=(
            "Apportez votre grille-pain, votre vélo ou votre pantalon déchiré : des "
            "bénévoles vous aident à les réparer vous-même. Café et gâteaux offerts."
        ),
        commune="84047",
        place_name="Maison des associations",
        address="Place de la Mairie",
        weekday=5,
        after_days=3,
        start=time(14),
        end=time(17, 30),
        themes=("environnement", "solidarites"),
        organiser="repair-cafe-du-luberon",
        contact_email="repair.cafe@demo.pmvt.fr",
        recurrence=Recurrence.MONTHLY,
        wheelchair=True,
    ),
    DemoEvent(
        slug=WORKSHOP_SLUG,
        title="Atelier numérique pour les seniors",
        description=(
            "Envoyer des photos à ses petits-enfants, faire ses démarches en ligne, se "
            "méfier des arnaques : un atelier en petit groupe, sur votre téléphone ou sur "
            "les tablettes prêtées.\n\nQuatre places seulement : inscrivez-vous."
        ),
        commune="84003",
        place_name="Espace France Services",
        address="Rue Louis-Rousset",
        weekday=1,
        after_days=4,
        start=time(14),
        end=time(16),
        themes=("solidarites",),
        organiser_name="Centre intercommunal d'action sociale",
        contact_email="cias@demo.pmvt.fr",
        contact_phone="04 90 00 12 34",
        capacity=4,
        waiting_list=True,
        wheelchair=True,
        hearing_loop=True,
        registrants=[email for email, _ in PARTICIPANTS],
    ),
    DemoEvent(
        slug="tournoi-de-futsal-des-jeunes",
        title="Tournoi de futsal des jeunes",
        description="Tournoi amical pour les 11-17 ans, par équipes de cinq. Inscription "
        "individuelle : les équipes sont formées sur place. Goûter offert.",
        commune="84102",
        place_name="Gymnase intercommunal",
        address="Route de Gordes",
        weekday=6,
        after_days=10,
        start=time(10),
        end=time(17),
        themes=("jeunesse",),
        organiser_name="Service jeunesse intercommunal",
        contact_email="jeunesse@demo.pmvt.fr",
        capacity=40,
        wheelchair=True,
        registrants=[email for email, _ in PARTICIPANTS[:2]],
    ),
    DemoEvent(
        slug=PENDING_SLUG,
        title="Balade botanique dans les ocres",
        description="Je propose une balade de deux heures pour reconnaître les plantes du "
        "sentier des ocres. Bonnes chaussures conseillées.",
        commune="84102",
        place_name="Parking du sentier des ocres",
        address="",
        weekday=6,
        after_days=6,
        start=time(9, 30),
        end=time(11, 30),
        themes=("environnement",),
        author=INHABITANT_EMAIL,
    ),
]


def _first_date(today: date, spec: DemoEvent) -> date:
    day = today + timedelta(days=spec.after_days)
    return day + timedelta(days=(spec.weekday - day.weekday()) % 7)


def _participants(territory: Territory) -> dict[str, User]:
    people = {}
    for email, name in PARTICIPANTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            # No password and inactive: a name on a list, nobody logs in with it.
            user = User.objects.create_user(email=email, display_name=name, is_active=False)
        membership_join(user=user, territory=territory)
        people[email] = user
    return people


def load_agenda(territory: Territory) -> None:
    """Create the demo events of `territory` (idempotent)."""
    today = paris(timezone.now()).date()
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    themes = {t.slug: t for t in Theme.objects.filter(territory=territory)}
    actors = {a.slug: a for a in Actor.objects.filter(territory=territory)}
    existing = set(Event.objects.filter(territory=territory).values_list("slug", flat=True))
    people = _participants(territory)
    for spec in DEMO_EVENTS:
        if spec.slug in existing:
            continue
        actor = actors.get(spec.organiser) if spec.organiser else None
        if actor is not None:
            author = actor.staff.select_related("user").order_by("pk")[0].user
        else:
            author = User.objects.get(email=spec.author)
        first = _first_date(today, spec)
        data = EventData(
            title=spec.title,
            description=spec.description,
            commune=communes[spec.commune],
            place_name=spec.place_name,
            address=spec.address,
            starts_at=paris_datetime(first, spec.start),
            ends_at=paris_datetime(first, spec.end),
            themes=[themes[slug] for slug in spec.themes if slug in themes],
            organiser=actor,
            organiser_name=spec.organiser_name,
            contact_email=spec.contact_email,
            contact_phone=spec.contact_phone,
            recurrence=spec.recurrence,
            recurrence_until=first + timedelta(days=spec.until_days) if spec.until_days else None,
            is_free=spec.is_free,
            price=spec.price,
            price_text=spec.price_text,
            registration_enabled=spec.capacity is not None,
            capacity=spec.capacity,
            waiting_list=spec.waiting_list,
            wheelchair_access=spec.wheelchair,
            hearing_loop=spec.hearing_loop,
            sign_language=spec.sign_language,
            accessibility_notes=spec.accessibility_notes,
        )
        event = _create(territory=territory, author=author, data=data, spec=spec)
        occurrence = Occurrence.objects.filter(event=event).order_by("starts_at")[0]
        for email in spec.registrants:
            registration_create(occurrence=occurrence, user=people[email], send_email=False)


def _create(*, territory: Territory, author: User, data: EventData, spec: DemoEvent) -> Event:
    # An actor's owner account is inactive in the demo: publish as it would, the membership
    # checks look at the membership, not at the account's activity.
    event = event_create(territory=territory, by=author, data=data)
    assert event.slug == spec.slug, event.slug  # The demo's links rely on it.
    if spec.author == INHABITANT_EMAIL and event.visibility != Visibility.PENDING:
        # The territory publishes inhabitants' content directly: keep one proposal pending
        # anyway, so that the demo moderator has an event to review.
        Event.objects.filter(pk=event.pk).update(visibility=Visibility.PENDING)
    return event
