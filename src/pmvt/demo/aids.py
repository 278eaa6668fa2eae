"""Demo aid schemes of the CC Pays d'Apt-Luberon: seven aids (one closed), two announcements,
and the bakery's headcount so that acteur@demo.pmvt.fr sees the aids for their business.

The schemes are modelled on real ones (business property aid of the EPCI, the Région Sud's
Pass commerce, honour loans, the CCI's digital diagnosis, organic conversion aid) but their
amounts and dates are illustrative. Deterministic (dates relative to the day of loading) and
idempotent: an aid whose slug exists, an announcement whose title exists, is left as it is.
Everything goes through the services, as on the site.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorKind, CaplaFamily
from pmvt.aids.models import AidKind, AidScheme, Announcement, FunderKind, HeadcountRange
from pmvt.aids.services.aids import aid_create
from pmvt.aids.services.announcements import announcement_create
from pmvt.aids.services.profiles import actor_aid_profile_set
from pmvt.community.models import Theme
from pmvt.territories.models import Commune, Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
OWNER_EMAIL = "acteur@demo.pmvt.fr"
BAKERY_SLUG = "boulangerie-des-ocres"
EPCI = "Communauté de communes Pays d'Apt-Luberon"

B, AS = ActorKind.BUSINESS, ActorKind.ASSOCIATION
C, ART, AGR = CaplaFamily.COMMERCANT, CaplaFamily.ARTISAN, CaplaFamily.AGRICULTEUR
H = HeadcountRange


@dataclass(frozen=True)
class DemoAid:
    slug: str
    values: dict[str, Any]
    opens_in_days: int | None = None  # None: already open.
    closes_in_days: int | None = None  # None: ongoing.
    communes: tuple[str, ...] = ()  # INSEE codes; empty: every commune.
    themes: tuple[str, ...] = ()  # Theme slugs, used when the community step created them.
    extra: dict[str, Any] = field(default_factory=dict)


DEMO_AIDS: list[DemoAid] = [
    DemoAid(
        "aide-a-limmobilier-dentreprise",
        {
            "title": "Aide à l'immobilier d'entreprise",
            "funder_name": EPCI,
            "funder_kind": FunderKind.EPCI,
            "kind": AidKind.GRANT,
            "summary": "Une subvention pour acheter, construire ou rénover le local de votre "
            "commerce ou de votre atelier sur le territoire.",
            "description": (
                "La communauté de communes soutient les entreprises qui s'installent ou "
                "s'agrandissent sur le territoire.\n\n"
                "**Dépenses retenues**\n\n"
                "- achat ou construction d'un local professionnel ;\n"
                "- travaux de rénovation, d'accessibilité ou d'économies d'énergie ;\n"
                "- aménagement intérieur lié à l'activité.\n\n"
                "Le dossier est à déposer **avant** le début des travaux."
            ),
            "amount_min": Decimal("5000"),
            "amount_max": Decimal("30000"),
            "rate_text": "30 % des dépenses retenues (40 % en centre-bourg)",
            "eligible_actor_kinds": [B],
            "eligible_capla_families": [C, ART],
            "eligible_headcounts": [H.NONE, H.MICRO, H.SMALL],
            "link": "https://www.paysapt-luberon.fr/",
            "contact": "Service développement économique\n04 90 00 00 10\neco@demo.pmvt.fr",
        },
        themes=("commerce", "economie"),
    ),
    DemoAid(
        "pass-commerce-de-proximite",
        {
            "title": "Pass commerce de proximité",
            "funder_name": "Région Sud et communauté de communes Pays d'Apt-Luberon",
            "funder_kind": FunderKind.REGION,
            "kind": AidKind.GRANT,
            "summary": "Moderniser la vitrine, l'équipement ou l'accessibilité d'un commerce "
            "ou d'un atelier artisanal de moins de 10 salariés.",
            "description": (
                "Cofinancé par la Région Sud et la communauté de communes, le Pass commerce "
                "aide les petits commerces et les artisans à investir : vitrine, enseigne, "
                "équipement, mise en accessibilité, vente en ligne.\n\n"
                "Le commerce doit être ouvert au public et installé dans une commune du "
                "territoire."
            ),
            "amount_min": Decimal("1000"),
            "amount_max": Decimal("8000"),
            "rate_text": "40 % des investissements, plafonnés à 20 000 €",
            "eligible_actor_kinds": [B],
            "eligible_capla_families": [C, ART],
            "eligible_headcounts": [H.NONE, H.MICRO],
            "link": "https://www.maregionsud.fr/",
            "contact": "Service développement économique\n04 90 00 00 10",
        },
        closes_in_days=75,
        themes=("commerce",),
    ),
    DemoAid(
        "pret-dhonneur-initiative",
        {
            "title": "Prêt d'honneur Initiative",
            "funder_name": "Initiative Pays d'Apt-Luberon (réseau Initiative France)",
            "funder_kind": FunderKind.OTHER,
            "kind": AidKind.LOAN,
            "summary": "Un prêt personnel sans intérêt ni garantie pour créer, reprendre ou "
            "développer une entreprise, avec un parrainage par un chef d'entreprise.",
            "description": (
                "Le prêt d'honneur est accordé au créateur ou au repreneur, qui l'apporte à "
                "son entreprise. Il facilite l'obtention d'un prêt bancaire.\n\n"
                "Un comité d'agrément de chefs d'entreprise du territoire étudie le projet."
            ),
            "amount_min": Decimal("3000"),
            "amount_max": Decimal("30000"),
            "rate_text": "Taux zéro, remboursable sur 5 ans au plus",
            "eligible_actor_kinds": [B],
            "link": "https://www.initiative-france.fr/",
            "contact": "Chargée de mission Initiative : 04 90 00 00 20",
        },
        themes=("economie",),
    ),
    DemoAid(
        "diagnostic-numerique-cci",
        {
            "title": "Diagnostic numérique CCI",
            "funder_name": "CCI de Vaucluse",
            "funder_kind": FunderKind.CHAMBER,
            "kind": AidKind.ADVICE,
            "summary": "Un conseiller fait le point sur votre présence en ligne et vous "
            "propose un plan d'action : site, réseaux sociaux, vente en ligne.",
            "description": (
                "Une demi-journée dans votre commerce avec un conseiller numérique de la CCI, "
                "puis un plan d'action écrit. Session de printemps : inscriptions jusqu'à la "
                "date limite."
            ),
            "rate_text": "Gratuit pour les commerçants du territoire",
            "eligible_actor_kinds": [B],
            "eligible_capla_families": [C],
            "eligible_naf_sections": ["G", "I"],
            "link": "https://www.vaucluse.cci.fr/",
            "contact": "CCI de Vaucluse, pôle numérique",
        },
        closes_in_days=12,
        themes=("numerique",),
    ),
    DemoAid(
        "aide-a-la-conversion-bio",
        {
            "title": "Aide à la conversion bio",
            "funder_name": "État et Union européenne (FEADER)",
            "funder_kind": FunderKind.EUROPE,
            "kind": AidKind.GRANT,
            "summary": "Une aide à l'hectare pendant les cinq ans de conversion d'une "
            "exploitation à l'agriculture biologique.",
            "description": (
                "Versée à l'hectare engagé, selon les cultures : vignes, vergers, maraîchage, "
                "grandes cultures, prairies. La demande se fait avec la déclaration PAC."
            ),
            "rate_text": "De 130 € à 900 € par hectare et par an selon les cultures",
            "eligible_capla_families": [AGR],
            "eligible_naf_sections": ["A"],
            "link": "https://agriculture.gouv.fr/",
            "contact": "Direction départementale des territoires de Vaucluse",
        },
        opens_in_days=-30,
        closes_in_days=120,
        themes=("agriculture",),
    ),
    DemoAid(
        "fonds-daide-a-la-vie-associative",
        {
            "title": "Fonds d'aide à la vie associative",
            "funder_name": EPCI,
            "funder_kind": FunderKind.EPCI,
            "kind": AidKind.GRANT,
            "summary": "Une subvention pour les projets des associations qui animent les "
            "villages : fêtes, marchés, actions pour les jeunes.",
            "amount_min": Decimal("500"),
            "amount_max": Decimal("3000"),
            "eligible_actor_kinds": [AS],
            "contact": "Service vie associative\n04 90 00 00 30",
        },
        closes_in_days=45,
        themes=("vie-associative",),
    ),
    DemoAid(
        "appel-a-projets-commerces-de-village",
        {
            "title": "Appel à projets Commerces de village",
            "funder_name": EPCI,
            "funder_kind": FunderKind.EPCI,
            "kind": AidKind.GRANT,
            "summary": "Pour ouvrir ou reprendre le dernier commerce d'un village : "
            "épicerie, café, multiservice.",
            "amount_max": Decimal("15000"),
            "eligible_actor_kinds": [B],
            "eligible_capla_families": [C],
        },
        opens_in_days=-120,
        closes_in_days=-20,
        communes=("84023", "84060", "84066", "84085", "84128", "84144"),
        themes=("commerce",),
    ),
]

DEMO_ANNOUNCEMENTS: list[tuple[str, str, str | None]] = [
    (
        "Permanences des aides aux entreprises",
        "Le service développement économique tient une permanence **chaque premier mardi du "
        "mois**, de 9 h à 12 h, à l'hôtel de la communauté de communes à Apt.\n\n"
        "Venez avec votre projet : nous vous orientons vers les aides qui vous "
        "correspondent. Sans rendez-vous.",
        None,
    ),
    (
        "Pass commerce : les dossiers sont ouverts",
        "Les commerçants et artisans de moins de 10 salariés peuvent déposer leur dossier de "
        "Pass commerce de proximité. Les investissements ne doivent pas avoir commencé avant "
        "le dépôt.",
        "pass-commerce-de-proximite",
    ),
]


def load_aids(territory: Territory) -> None:
    admin = User.objects.get(email=ADMIN_EMAIL)
    today = timezone.localdate()
    existing = set(AidScheme.objects.filter(territory=territory).values_list("slug", flat=True))
    communes = {c.insee_code: c for c in Commune.objects.filter(territory=territory)}
    themes = {t.slug: t for t in Theme.objects.filter(territory=territory)}
    for spec in DEMO_AIDS:
        if spec.slug in existing:
            continue
        aid = aid_create(
            territory=territory,
            by=admin,
            opens_at=None if spec.opens_in_days is None else today + timedelta(spec.opens_in_days),
            deadline=(
                None if spec.closes_in_days is None else today + timedelta(spec.closes_in_days)
            ),
            eligible_communes=[communes[code] for code in spec.communes],
            themes=[themes[slug] for slug in spec.themes if slug in themes],
            is_published=True,
            **spec.values,
        )
        assert aid.slug == spec.slug, aid.slug  # The demo's links rely on it.
    titles = set(Announcement.objects.filter(territory=territory).values_list("title", flat=True))
    for title, body, aid_slug in DEMO_ANNOUNCEMENTS:
        if title in titles:
            continue
        announcement_create(
            territory=territory,
            by=admin,
            title=title,
            body=body,
            aid=AidScheme.objects.filter(territory=territory, slug=aid_slug).first()
            if aid_slug
            else None,
            publish=True,
        )
    bakery = Actor.objects.filter(territory=territory, slug=BAKERY_SLUG).first()
    owner = User.objects.filter(email=OWNER_EMAIL).first()
    if bakery is not None and owner is not None:
        actor_aid_profile_set(actor=bakery, by=owner, headcount_range=H.MICRO)
