from decimal import Decimal

import pytest
from django.core.cache import cache

from pmvt.accounts.models import Role
from pmvt.actors.models import StaffRole
from pmvt.portal.doors import door_sections
from pmvt.vouchers.ledger import last_balance
from pmvt.vouchers.models import (
    CampaignKind,
    LedgerTransaction,
    Participation,
    ParticipationStatus,
    Statement,
    TransactionKind,
    Voucher,
)
from pmvt.vouchers.services.spending import voucher_spend
from pmvt.vouchers.tests.conftest import TERRITORY, add_staff, key, owner_of

pytestmark = pytest.mark.django_db
D = Decimal
MARKET = f"{TERRITORY}/marche/bons/"
GESTION = f"{TERRITORY}/gestion/bons/"


@pytest.fixture
def admin_client(client, admin, activate_totp):
    activate_totp(admin)
    client.force_login(admin)
    return client


def pro(actor, page: str = "") -> str:
    return f"{TERRITORY}/espace-pro/{actor.slug}/bons/{page}"


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- agent pages -------------------------------------------------------------------------------


def test_agent_pages_are_for_the_territory_admins(client, member, campaign, voucher):
    pages = [
        GESTION,
        f"{GESTION}nouvelle/",
        f"{GESTION}campagnes/{campaign.slug}/",
        f"{GESTION}campagnes/{campaign.slug}/achat/",
        f"{GESTION}campagnes/{campaign.slug}/recus/{voucher.code}/",
        f"{GESTION}remboursements/",
        f"{GESTION}remboursements.csv",
    ]
    for page in pages:
        assert client.get(page).status_code == 302  # To the login page.
    client.force_login(member)
    for page in pages:
        assert client.get(page).status_code == 403, page


def test_agent_of_another_territory_is_refused(client, other_admin, activate_totp, campaign):
    activate_totp(other_admin)
    client.force_login(other_admin)
    assert client.get(f"{GESTION}campagnes/{campaign.slug}/").status_code in (403, 404)


def test_agent_pages_answer_the_admin(
    admin_client, campaign, voucher, django_assert_max_num_queries
):
    for page in [
        GESTION,
        f"{GESTION}nouvelle/",
        f"{GESTION}campagnes/{campaign.slug}/",
        f"{GESTION}campagnes/{campaign.slug}/achat/",
        f"{GESTION}campagnes/{campaign.slug}/recus/{voucher.code}/",
        f"{GESTION}remboursements/",
    ]:
        assert admin_client.get(page).status_code == 200, page


def test_agent_creates_and_opens_a_campaign(admin_client, territory):
    response = admin_client.post(
        f"{GESTION}nouvelle/",
        {
            "name": "Noël à Apt",
            "kind": CampaignKind.PURCHASE_BONUS,
            "face_value": "30",
            "price": "20",
            "max_units": "5",
            "budget": "1000",
            "per_person_cap": "90",
            "issue_starts": "2026-01-01",
            "issue_ends": "2099-12-01",
            "spend_deadline": "2099-12-31",
        },
    )
    assert response.status_code == 302
    page = response["Location"]
    response = admin_client.post(f"{page}ouvrir/", follow=True)
    assert "La campagne est ouverte" in " ".join(messages_of(response))


def test_agent_records_a_purchase_for_a_member(admin_client, campaign, member):
    form = admin_client.get(f"{GESTION}campagnes/{campaign.slug}/achat/").context["form"]
    data = {
        "email": member.email.upper(),
        "units": "2",
        "payment_method": "counter",
        "idempotency_key": form.initial["idempotency_key"],
    }
    response = admin_client.post(f"{GESTION}campagnes/{campaign.slug}/achat/", data, follow=True)
    assert response.status_code == 200
    voucher = Voucher.objects.get()
    assert (voucher.holder, voucher.issued_value) == (member, D("60.00"))
    assert voucher.display_code in response.content.decode()
    # The same form sent twice records one purchase.
    admin_client.post(f"{GESTION}campagnes/{campaign.slug}/achat/", data)
    assert Voucher.objects.count() == 1


def test_purchase_for_an_unknown_email_changes_nothing(admin_client, campaign):
    response = admin_client.post(
        f"{GESTION}campagnes/{campaign.slug}/achat/",
        {
            "email": "inconnu@apt.test",
            "units": "1",
            "payment_method": "counter",
            "idempotency_key": key(),
        },
    )
    assert response.status_code == 400
    assert Voucher.objects.count() == 0


def test_agent_approves_a_participation(admin_client, campaign, make_actor):
    from pmvt.vouchers.services.campaigns import participation_request

    actor = make_actor("Épicerie du Cours")
    participation = participation_request(campaign=campaign, actor=actor, by=owner_of(actor))
    admin_client.post(
        f"{GESTION}campagnes/{campaign.slug}/participations/{participation.pk}/accepter/"
    )
    assert Participation.objects.get(pk=participation.pk).status == ParticipationStatus.APPROVED


def test_free_campaign_grants_and_exports_claim_codes(admin_client, make_campaign, member):
    campaign = make_campaign(
        "Bons solidaires",
        kind=CampaignKind.FREE,
        price=D("0"),
        face_value=D("15"),
        budget=D("150"),
        per_person_cap=D("15"),
    )
    page = f"{GESTION}campagnes/{campaign.slug}/gratuits/"
    assert admin_client.get(page).status_code == 200
    admin_client.post(page, {"form": "grant", "emails": f"{member.email}\ninconnu@apt.test"})
    assert Voucher.objects.filter(holder=member).count() == 1
    admin_client.post(page, {"form": "codes", "count": "3"})
    assert Voucher.objects.filter(holder__isnull=True).count() == 3
    response = admin_client.get(f"{GESTION}campagnes/{campaign.slug}/codes.csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    assert body.count("\n") == 4


def test_statements_csv_for_the_treasurer(admin_client, voucher, shop):
    voucher_spend(
        voucher=voucher, actor=shop, amount=D("12.5"), by=owner_of(shop), idempotency_key=key()
    )
    response = admin_client.get(f"{GESTION}remboursements.csv")
    lines = response.content.decode("utf-8").lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Raison sociale;SIRET;IBAN")
    assert lines[1].split(";")[0] == shop.legal_name
    assert "12,50" in lines[1]
    page = admin_client.get(f"{GESTION}remboursements/")
    assert shop.legal_name in page.content.decode()
    # The current month cannot be paid yet.
    admin_client.post(
        f"{GESTION}remboursements/payer/",
        {
            "campaign": voucher.campaign_id,
            "actor": shop.pk,
            "mois": page.context["period"].strftime("%Y-%m"),
        },
    )
    assert not Statement.objects.filter(status="paid").exists()
    for campaign_id, actor_id in (("²", shop.pk), (voucher.campaign_id, "x"), ("9" * 40, "1")):
        response = admin_client.post(
            f"{GESTION}remboursements/payer/",
            {"campaign": campaign_id, "actor": actor_id, "mois": "2026-01"},
        )
        assert response.status_code == 404
    assert not Statement.objects.filter(status="paid").exists()


# --- holder pages ------------------------------------------------------------------------------


def test_home_lists_campaigns_for_everyone_and_vouchers_for_the_holder(
    client, campaign, voucher, member, buy, django_assert_max_num_queries
):
    assert client.get(MARKET).status_code == 200
    for _n in range(2):
        buy(campaign, member)
    client.force_login(member)
    with django_assert_max_num_queries(25):
        response = client.get(MARKET)
    assert len(response.context["vouchers"]) == 3
    assert voucher.display_code in response.content.decode()


def test_voucher_page_and_qr_are_for_its_holder_only(
    client, voucher, member, make_member, territory
):
    page = f"{MARKET}{voucher.code}/"
    assert client.get(page).status_code == 302
    client.force_login(make_member(territory))
    assert client.get(page).status_code == 404
    assert client.get(f"{page}qr.svg").status_code == 404
    client.force_login(member)
    response = client.get(page)
    assert response.status_code == 200
    assert "30,00" in response.content.decode()
    qr = client.get(f"{page}qr.svg")
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"


def test_public_campaign_page(client, campaign, shop):
    response = client.get(f"{MARKET}campagnes/{campaign.slug}/")
    assert response.status_code == 200
    assert shop.display_name in response.content.decode()


def test_draft_campaign_page_is_hidden(client, make_campaign):
    draft = make_campaign("Brouillon", open_it=False)
    assert client.get(f"{MARKET}campagnes/{draft.slug}/").status_code == 404


def test_claim_wrong_codes_are_rate_limited(client, member, make_campaign, admin):
    from pmvt.vouchers.services.issuing import claim_codes_generate

    campaign = make_campaign(
        "Bons solidaires",
        kind=CampaignKind.FREE,
        price=D("0"),
        face_value=D("15"),
        budget=D("150"),
        per_person_cap=D("15"),
    )
    [code] = claim_codes_generate(campaign=campaign, count=1, by=admin)
    client.force_login(member)
    for _n in range(5):
        response = client.post(f"{MARKET}reclamer/", {"code": "FAUXCODE99"}, follow=True)
        assert "n'existe pas" in " ".join(messages_of(response))
    response = client.post(f"{MARKET}reclamer/", {"code": code.claim_code}, follow=True)
    assert "Trop de codes erronés" in " ".join(messages_of(response))
    assert Voucher.objects.get(pk=code.pk).holder is None
    cache.clear()
    response = client.post(f"{MARKET}reclamer/", {"code": code.claim_code}, follow=True)
    assert Voucher.objects.get(pk=code.pk).holder == member


def test_door_section_says_which_campaign_runs(campaign, territory):
    [section] = [
        s for s in door_sections("market", territory=territory) if s.section.key == "vouchers"
    ]
    assert section.live == "Campagne en cours : Payez 20, recevez 30"


# --- seller pages ------------------------------------------------------------------------------


def test_cash_in_is_for_the_actor_team(client, shop, member, make_member, territory):
    page = pro(shop, "encaisser/")
    assert client.get(page).status_code == 302
    client.force_login(member)
    assert client.get(page).status_code == 403
    staff = make_member(territory, Role.ACTOR_MEMBER)
    add_staff(shop, staff, StaffRole.STAFF)
    client.force_login(staff)
    assert client.get(page).status_code == 200
    assert client.get(pro(shop)).status_code == 200
    assert client.get(pro(shop, "releves/")).status_code == 200


def test_cash_in_refused_to_a_pending_actor(client, make_actor):
    pending = make_actor("Atelier en attente", verified=False)
    client.force_login(owner_of(pending))
    assert client.get(pro(pending, "encaisser/")).status_code == 403


def test_cash_in_by_code_in_three_steps(client, shop, voucher):
    client.force_login(owner_of(shop))
    page = pro(shop, "encaisser/")
    response = client.post(page, {"step": "lookup", "code": voucher.display_code.lower()})
    assert response.status_code == 200
    assert response.context["balance"] == D("30.00")
    spend_form = response.context["spend_form"]
    data = {
        "step": "spend",
        "code": voucher.code,
        "amount": "12,50",
        "idempotency_key": spend_form.initial["idempotency_key"],
    }
    response = client.post(page, data, follow=True)
    assert "Paiement de 12,50" in " ".join(messages_of(response))
    assert last_balance(voucher.account) == D("17.50")
    client.post(page, data)  # Sent twice: spent once.
    assert last_balance(voucher.account) == D("17.50")
    assert len(response.context["cash_ins"]) == 1


@pytest.mark.parametrize("amount", ["0", "-3", "40", "1,005", "douze"])
def test_cash_in_bad_amounts_change_nothing(client, shop, voucher, amount):
    client.force_login(owner_of(shop))
    response = client.post(
        pro(shop, "encaisser/"),
        {"step": "spend", "code": voucher.code, "amount": amount, "idempotency_key": key()},
    )
    assert response.status_code == 400
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.SPEND).exists()


def test_cash_in_wrong_codes_are_rate_limited(client, shop, voucher):
    client.force_login(owner_of(shop))
    page = pro(shop, "encaisser/")
    for _n in range(5):
        response = client.post(page, {"step": "lookup", "code": "ZZZZ-ZZZZ"})
        assert "Aucun bon ne correspond" in response.content.decode()
    response = client.post(page, {"step": "lookup", "code": voucher.code})
    assert "Trop de codes erronés" in response.content.decode()


def test_cash_in_refuses_a_non_participating_actor(client, make_actor, voucher):
    other = make_actor("Épicerie du Cours")
    client.force_login(owner_of(other))
    response = client.post(pro(other, "encaisser/"), {"step": "lookup", "code": voucher.code})
    assert "ne participe pas" in response.content.decode()


def test_seller_refunds_a_cash_in(client, shop, voucher):
    spend = voucher_spend(
        voucher=voucher, actor=shop, amount=D("10"), by=owner_of(shop), idempotency_key=key()
    )
    client.force_login(owner_of(shop))
    client.post(
        pro(shop, f"encaissements/{spend.pk}/rembourser/"),
        {"amount": "4", "idempotency_key": key()},
    )
    assert last_balance(voucher.account) == D("24.00")


def test_seller_staff_cannot_opt_in_but_owner_can(
    client, campaign, make_actor, make_member, territory
):
    actor = make_actor("Épicerie du Cours")
    staff = make_member(territory, Role.ACTOR_MEMBER)
    add_staff(actor, staff, StaffRole.STAFF)
    client.force_login(staff)
    assert client.post(pro(actor, f"participer/{campaign.slug}/")).status_code == 403
    assert not Participation.objects.filter(actor=actor).exists()
    client.force_login(owner_of(actor))
    client.post(pro(actor, f"participer/{campaign.slug}/"))
    assert Participation.objects.get(actor=actor).status == ParticipationStatus.PENDING


def test_seller_statements_list(client, shop, voucher, django_assert_max_num_queries):
    for _n in range(3):
        voucher_spend(
            voucher=voucher, actor=shop, amount=D("1"), by=owner_of(shop), idempotency_key=key()
        )
    client.force_login(owner_of(shop))
    with django_assert_max_num_queries(20):
        response = client.get(pro(shop, "releves/"))
    [row] = response.context["rows"]
    assert row.amount == D("3.00")


def test_admin_campaign_page_queries_do_not_grow_with_vouchers(
    admin_client, campaign, make_member, territory, buy, django_assert_max_num_queries
):
    for _n in range(3):
        buy(campaign, make_member(territory))
    with django_assert_max_num_queries(30):
        response = admin_client.get(f"{GESTION}campagnes/{campaign.slug}/")
    assert response.context["page_obj"].paginator.count == 3
