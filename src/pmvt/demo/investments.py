"""Demo investment calls of the CC Pays d'Apt-Luberon: one published call with pledges and
news, one draft of the collectivité.

The Boulangerie des Ocres (acteur@demo.pmvt.fr) takes over the village grocery of
Saint-Saturnin-lès-Apt and asks for loans and donations; the moderator and the admin demo
accounts have pledged, so that habitant@demo.pmvt.fr finds a progress bar already moving.
The collectivité drafts a citizen solar roof (SCIC shares). Amounts are illustrative.
Deterministic (dates relative to the day of loading) and idempotent: a call whose slug
exists, a pledge that exists, a news item whose title exists, is left as it is. Everything
goes through the services, as on the site.
"""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.investments.models import (
    CallKind,
    CallNews,
    CallStatus,
    Instrument,
    InvestmentCall,
    Pledge,
)
from pmvt.investments.services.calls import (
    call_create,
    call_news_add,
    call_publish,
    call_submit,
)
from pmvt.investments.services.pledges import pledge_set
from pmvt.territories.models import Commune, Territory

ADMIN_EMAIL = "admin@demo.pmvt.fr"
OWNER_EMAIL = "acteur@demo.pmvt.fr"
BAKERY_SLUG = "boulangerie-des-ocres"

GROCERY_SLUG = "reprise-de-lepicerie-de-saint-saturnin-les-apt"
SOLAR_SLUG = "toit-solaire-citoyen-du-gymnase-dapt"

GROCERY: dict[str, Any] = {
    "title": "Reprise de l'épicerie de Saint-Saturnin-lès-Apt",
    "kind": CallKind.SHOP,
    "summary": "La Boulangerie des Ocres reprend l'épicerie du village, fermée depuis le "
    "printemps, pour y vendre pain, produits des fermes voisines et journaux.",
    "description": (
        "L'épicerie de Saint-Saturnin-lès-Apt a fermé au départ en retraite de sa gérante. "
        "La Boulangerie des Ocres la reprend : **dépôt de pain chaque matin**, épicerie de "
        "dépannage, produits des fermes du plateau et point relais.\n\n"
        "## Le budget\n\n"
        "- rachat du fonds et du matériel : 18 000 € ;\n"
        "- remise aux normes de la chambre froide : 12 000 € ;\n"
        "- premier stock et trésorerie : 10 000 €.\n\n"
        "Une banque locale prête le reste ; votre participation montre aussi au banquier que "
        "le village tient à son commerce."
    ),
    "amount_sought": Decimal("40000.00"),
    "instruments": [Instrument.DONATION, Instrument.LOAN],
    "minimum_pledge": Decimal("50.00"),
    "risks": (
        "Le chiffre d'affaires d'une épicerie de village est fragile : si la clientèle ne suit "
        "pas, le commerce peut fermer et un prêt n'être remboursé qu'en partie, ou pas du tout.\n"
        "Les travaux de la chambre froide peuvent coûter plus que prévu et retarder "
        "l'ouverture.\n"
        "Un don n'est pas remboursé."
    ),
    "contact_email": "epicerie@boulangerie-des-ocres.example",
}

SOLAR: dict[str, Any] = {
    "title": "Toit solaire citoyen du gymnase d'Apt",
    "kind": CallKind.ENERGY,
    "summary": "Des panneaux solaires sur le toit du gymnase, portés par une SCIC dont les "
    "habitants deviennent sociétaires.",
    "description": "Une centrale de 100 kWc, l'électricité vendue au réseau.",
    "amount_sought": Decimal("120000.00"),
    "instruments": [Instrument.SHARES],
    "minimum_pledge": Decimal("100.00"),
    "risks": (
        "Une part sociale de SCIC peut perdre de sa valeur ; elle se revend difficilement "
        "et ne rapporte au mieux qu'un intérêt limité."
    ),
}

# (email, amount, instrument, message)
PLEDGES = [
    (
        "moderation@demo.pmvt.fr",
        Decimal("1500.00"),
        Instrument.LOAN,
        "Sur cinq ans si possible. Bravo pour la reprise !",
    ),
    ("admin@demo.pmvt.fr", Decimal("500.00"), Instrument.DONATION, ""),
]

NEWS_TITLE = "Le bail est signé"


def load_investments(territory: Territory) -> None:
    admin = User.objects.get(email=ADMIN_EMAIL)
    today = timezone.localdate()
    existing = set(
        InvestmentCall.objects.filter(territory=territory).values_list("slug", flat=True)
    )
    bakery = Actor.objects.filter(territory=territory, slug=BAKERY_SLUG).first()
    owner = User.objects.filter(email=OWNER_EMAIL).first()
    if bakery is not None and owner is not None and GROCERY_SLUG not in existing:
        call = call_create(
            territory=territory,
            by=owner,
            actor=bakery,
            commune=Commune.objects.get(territory=territory, insee_code="84118"),
            opens_on=today - timedelta(days=20),
            closes_on=today + timedelta(days=40),
            project_starts_on=today + timedelta(days=90),
            **GROCERY,
        )
        assert call.slug == GROCERY_SLUG, call.slug  # The demo's links rely on it.
        call_submit(call=call, by=owner)
        call_publish(call=call, by=admin)
    grocery = InvestmentCall.objects.filter(territory=territory, slug=GROCERY_SLUG).first()
    if grocery is not None and grocery.status == CallStatus.PUBLISHED:
        for email, amount, instrument, message in PLEDGES:
            user = User.objects.filter(email=email).first()
            if user is None or Pledge.objects.filter(call=grocery, user=user).exists():
                continue
            pledge_set(
                call=grocery,
                user=user,
                amount=amount,
                instrument=instrument,
                message=message,
                consent_contact=True,
            )
        if (
            owner is not None
            and not CallNews.objects.filter(call=grocery, title=NEWS_TITLE).exists()
        ):
            call_news_add(
                call=grocery,
                by=owner,
                title=NEWS_TITLE,
                body="Le propriétaire des murs a signé le bail : l'ouverture est prévue "
                "dans trois mois si la collecte aboutit.",
            )
    if SOLAR_SLUG not in existing:
        call = call_create(
            territory=territory,
            by=admin,
            actor=None,
            commune=Commune.objects.get(territory=territory, insee_code="84003"),
            opens_on=today + timedelta(days=10),
            closes_on=today + timedelta(days=100),
            **SOLAR,
        )
        assert call.slug == SOLAR_SLUG, call.slug
