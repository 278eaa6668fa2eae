"""Demo territorial vouchers of the Pays d'Apt-Luberon.

A running "payez 20 €, recevez 30 €" campaign with a budget, the bakery of acteur@demo.pmvt.fr
and three other verified actors taking part, habitant@demo.pmvt.fr holding a voucher already
spent twice at the bakery; and a free campaign ("Bons solidaires") with claim codes for the
social services. Deterministic (dates relative to the day of loading) and idempotent: a
campaign whose slug exists is left as it is, the purchase and spends carry fixed idempotency
keys. Everything goes through the services, as on the site.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from pmvt.accounts.models import User
from pmvt.actors.models import Actor, ActorKind, ActorStatus, StaffRole
from pmvt.territories.models import Territory
from pmvt.vouchers.models import Campaign, CampaignKind, CampaignStatus, Voucher
from pmvt.vouchers.services.campaigns import (
    campaign_create,
    campaign_open,
    participation_approve,
    participation_request,
)
from pmvt.vouchers.services.issuing import (
    PaymentMethod,
    claim_codes_generate,
    voucher_purchase_record,
)
from pmvt.vouchers.services.spending import voucher_spend

ADMIN_EMAIL = "admin@demo.pmvt.fr"
INHABITANT_EMAIL = "habitant@demo.pmvt.fr"
BAKERY_SLUG = "boulangerie-des-ocres"
BONUS_NAME = "Payez 20 €, recevez 30 €"
FREE_NAME = "Bons solidaires de l'hiver"
OTHER_PARTICIPANTS = 3
DEMO_SPENDS = (("demo-depense-1", Decimal("12.50")), ("demo-depense-2", Decimal("8.00")))


def _campaign(territory: Territory, admin: User, name: str, **values) -> Campaign:
    existing = Campaign.objects.filter(territory=territory, slug=slugify(name)).first()
    if existing is not None:
        return existing
    campaign = campaign_create(territory=territory, by=admin, name=name, **values)
    return campaign_open(campaign=campaign, by=admin)


def _owner(actor: Actor) -> User:
    return actor.staff.get(role=StaffRole.OWNER).user


def load_vouchers(territory: Territory) -> None:
    admin = User.objects.get(email=ADMIN_EMAIL)
    today = timezone.localdate()
    bonus = _campaign(
        territory,
        admin,
        BONUS_NAME,
        kind=CampaignKind.PURCHASE_BONUS,
        description=(
            "Pour soutenir le commerce de proximité, la communauté de communes ajoute 10 € "
            "à chaque bon de 20 € acheté. Les bons se dépensent chez les commerçants, artisans "
            "et producteurs participants, en boutique ou en ligne."
        ),
        price=Decimal("20.00"),
        face_value=Decimal("30.00"),
        max_units=5,
        budget=Decimal("5000.00"),
        per_person_cap=Decimal("150.00"),
        issue_starts=today - timedelta(days=15),
        issue_ends=today + timedelta(days=45),
        spend_deadline=today + timedelta(days=90),
        where_to_buy=(
            "À l'accueil de la communauté de communes, place Gabriel-Péri à Apt, du lundi au "
            "vendredi de 9 h à 12 h.\nÀ l'office de tourisme d'Apt, aux heures d'ouverture.\n"
            "Par virement : écrivez à bons@demo.pmvt.fr, un agent enregistre l'achat à la "
            "réception du virement."
        ),
    )
    free = _campaign(
        territory,
        admin,
        FREE_NAME,
        kind=CampaignKind.FREE,
        description=(
            "Des bons gratuits de 20 € distribués par les centres communaux d'action sociale "
            "aux familles qu'ils accompagnent."
        ),
        price=Decimal("0.00"),
        face_value=Decimal("20.00"),
        max_units=1,
        budget=Decimal("400.00"),
        per_person_cap=Decimal("20.00"),
        issue_starts=today - timedelta(days=5),
        issue_ends=today + timedelta(days=60),
        spend_deadline=today + timedelta(days=120),
    )
    actors = list(
        Actor.objects.filter(
            territory=territory, status=ActorStatus.VERIFIED, kind=ActorKind.BUSINESS
        ).order_by("slug")
    )
    bakery = next((a for a in actors if a.slug == BAKERY_SLUG), None)
    participants = ([bakery] if bakery else []) + [a for a in actors if a.slug != BAKERY_SLUG][
        :OTHER_PARTICIPANTS
    ]
    for campaign in (bonus, free):
        if campaign.status == CampaignStatus.DRAFT:
            continue
        for actor in participants:
            participation = participation_request(campaign=campaign, actor=actor, by=_owner(actor))
            participation_approve(participation=participation, by=admin)

    inhabitant = User.objects.filter(email=INHABITANT_EMAIL).first()
    if inhabitant is not None and bonus.is_issuing_on(today):
        voucher = voucher_purchase_record(
            campaign=bonus,
            holder=inhabitant,
            units=2,
            payment_method=PaymentMethod.COUNTER,
            by=admin,
            idempotency_key="demo-achat-habitant",
        )
        voucher = Voucher.objects.select_related("campaign", "territory", "account").get(
            pk=voucher.pk
        )
        if bakery is not None:
            for key, amount in DEMO_SPENDS:
                voucher_spend(
                    voucher=voucher,
                    actor=bakery,
                    amount=amount,
                    by=_owner(bakery),
                    idempotency_key=key,
                )
    if free.is_issuing_on(today) and not Voucher.objects.filter(campaign=free).exists():
        claim_codes_generate(campaign=free, count=10, by=admin)
