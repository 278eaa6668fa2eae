"""The pages of the investments area: who sees what, the pledge flow, the holder's back office,
the approval queue, the CSV export; list pages have pinned query counts."""

import csv
import io
from decimal import Decimal

import pytest

from pmvt.accounts.models import Role
from pmvt.actors.models import StaffRole
from pmvt.investments.models import CallDocument, CallStatus, Instrument, InvestmentCall, Pledge
from pmvt.investments.services.calls import call_document_add
from pmvt.investments.tests.conftest import (
    GESTION,
    PUBLIC,
    TERRITORY,
    add_staff,
    days,
    messages_of,
    owner_of,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

PRO = f"{TERRITORY}/espace-pro/boulangerie-des-ocres/investissement/"
SLUG = "reprise-de-lepicerie-du-village"


@pytest.fixture
def call(make_call, bakery):
    return make_call(bakery)


# --- public pages -----------------------------------------------------------------------------


def test_the_list_shows_public_calls_with_progress_and_the_legal_notice(
    client, make_call, bakery, member, make_pledge
):
    call = make_call(bakery, amount_sought=Decimal("1000.00"))
    make_pledge(call, member, "250.00")
    make_call(bakery, title="Brouillon caché", status="draft")

    response = client.get(PUBLIC)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Reprise de l&#x27;épicerie du village" in html
    assert "Brouillon caché" not in html
    assert "ne collecte aucun argent" in html
    assert "2020/1503" in html
    assert '<progress class="invest-progress__bar" max="100" value="25"' in html
    assert "250,00\u00a0€ promis sur 1\u202f000,00\u00a0€ recherchés (25 %)" in html


def test_the_list_filters_by_kind_instrument_commune_and_period(client, make_call, bakery):
    make_call(bakery, title="Épicerie")
    make_call(None, title="Toit solaire", kind="energy", instruments=[Instrument.SHARES])
    closed = make_call(bakery, title="Ancienne ferme", kind="farm")
    InvestmentCall.objects.filter(pk=closed.pk).update(status=CallStatus.CLOSED)

    def titles(query: str) -> list[str]:
        response = client.get(f"{PUBLIC}?{query}")
        return [call.title for call, _totals in response.context["items"]]

    assert titles("type=energy") == ["Toit solaire"]
    assert titles("forme=shares") == ["Toit solaire"]
    assert titles("forme=donation&periode=open") == ["Épicerie"]
    assert titles("periode=closed") == ["Ancienne ferme"]
    commune = InvestmentCall.objects.get(title="Épicerie").commune
    assert commune is not None
    assert titles(f"commune={commune.pk}") == ["Épicerie", "Ancienne ferme"]


def test_the_list_costs_the_same_queries_whatever_its_length(
    client,
    make_call,
    bakery,
    member,
    make_member,
    territory,
    make_pledge,
    django_assert_max_num_queries,
):
    first = make_call(bakery)
    make_pledge(first, member)
    with django_assert_max_num_queries(12) as few:
        client.get(PUBLIC)
    for n in range(6):
        call = make_call(None, title=f"Projet {n}")
        make_pledge(call, make_member(territory))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PUBLIC)
    assert len(response.context["items"]) == 7


def test_a_draft_is_not_found_by_the_public(client, make_call, bakery, member):
    draft = make_call(bakery, status="draft")
    assert client.get(f"{PUBLIC}{draft.slug}/").status_code == 404
    client.force_login(member)
    assert client.get(f"{PUBLIC}{draft.slug}/").status_code == 404
    assert client.get(f"{PUBLIC}{draft.slug}/promesse/").status_code == 404


def test_the_detail_shows_risks_progress_notice_but_no_pledger(client, call, member, make_pledge):
    make_pledge(call, member, "300.00", message="Message privé")

    html = client.get(f"{PUBLIC}{SLUG}/").content.decode()

    assert "Le commerce peut fermer" in html
    assert "perte de tout ou partie du capital" in html
    assert "1 personne" in html
    assert "habitante@apt.test" not in html
    assert "Message privé" not in html
    assert "Se connecter pour faire une promesse" in html


def test_a_member_pledges_sees_it_changes_it_and_withdraws_it(client, call, member, bakery):
    client.force_login(member)
    page = client.get(f"{PUBLIC}{SLUG}/promesse/")
    assert page.status_code == 200
    assert "non engageante" in page.content.decode()

    response = client.post(
        f"{PUBLIC}{SLUG}/promesse/",
        {"amount": "1 500,50", "instrument": "loan", "message": "Bravo", "consent_contact": "on"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{PUBLIC}{SLUG}/"
    assert "Votre promesse est enregistrée" in messages_of(response)[0]
    html = response.content.decode()
    assert "Votre promesse : 1\u202f500,50\u00a0€ (Prêt)." in html
    assert Pledge.objects.get(user=member).amount == Decimal("1500.50")

    client.post(
        f"{PUBLIC}{SLUG}/promesse/",
        {"amount": "200", "instrument": "donation", "consent_contact": "on"},
    )
    assert Pledge.objects.get(user=member).amount == Decimal("200.00")

    response = client.post(f"{PUBLIC}{SLUG}/promesse/retirer/", follow=True)
    assert messages_of(response)[-1] == "Votre promesse est retirée."
    assert not Pledge.objects.exists()


def test_a_pledge_without_consent_is_refused_and_the_form_keeps_the_values(client, call, member):
    client.force_login(member)

    response = client.post(
        f"{PUBLIC}{SLUG}/promesse/", {"amount": "80", "instrument": "loan", "message": "Bonjour"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Cochez cette case pour enregistrer votre promesse" in html
    assert 'value="80"' in html
    assert not Pledge.objects.exists()


def test_a_pledge_with_an_instrument_the_call_refuses_is_refused(client, make_call, bakery, member):
    make_call(bakery, instruments=[Instrument.DONATION])
    client.force_login(member)
    response = client.post(
        f"{PUBLIC}{SLUG}/promesse/",
        {"amount": "80", "instrument": "shares", "consent_contact": "on"},
    )
    assert response.status_code == 200
    assert not Pledge.objects.exists()


def test_pledging_on_a_closed_call_is_refused(client, call, member, bakery):
    from pmvt.investments.services.calls import call_close

    client.force_login(member)
    page = client.get(f"{PUBLIC}{SLUG}/promesse/")
    assert page.status_code == 200
    call_close(call=call, by=owner_of(bakery))
    response = client.post(
        f"{PUBLIC}{SLUG}/promesse/",
        {"amount": "80", "instrument": "loan", "consent_contact": "on"},
        follow=True,
    )
    assert "Les promesses ne sont pas ouvertes" in messages_of(response)[-1]
    assert not Pledge.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in_and_an_outsider_refused(client, call, other_admin):
    response = client.get(f"{PUBLIC}{SLUG}/promesse/")
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "connexion" in response["Location"]
    client.force_login(other_admin)
    assert client.get(f"{PUBLIC}{SLUG}/promesse/").status_code == 403


def test_my_pledges_lists_my_own_only(client, call, member, make_member, territory, make_pledge):
    make_pledge(call, member, "70.00")
    other = make_member(territory)
    make_pledge(call, other, "90.00")
    client.force_login(member)

    html = client.get(f"{PUBLIC}mes-promesses/").content.decode()

    assert "70,00" in html
    assert "90,00" not in html


def test_documents_are_public_pdfs_once_the_call_is_public(client, make_call, bakery):
    call = make_call(bakery, status="draft")
    document = call_document_add(
        call=call, by=owner_of(bakery), title="Plan d'affaires", upload=pdf_upload()
    )
    url = f"{PUBLIC}{call.slug}/documents/{document.pk}/"
    assert client.get(url).status_code == 404  # Draft.

    client.force_login(owner_of(bakery))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


# --- pledges back office: allow and deny ------------------------------------------------------


@pytest.fixture
def pledged(call, member, make_pledge):
    make_pledge(call, member, "120.00", message='=HYPERLINK("http://evil")')
    return call


def test_the_holders_staff_sees_and_exports_the_pledges(client, pledged, bakery, make_user):
    staff = make_user("vendeur@invest.test")
    add_staff(bakery, staff, StaffRole.STAFF)
    client.force_login(staff)

    page = client.get(f"{PRO}{SLUG}/promesses/")
    assert page.status_code == 200
    assert "habitante@apt.test" in page.content.decode()
    export = client.get(f"{PRO}{SLUG}/promesses.csv")
    assert export.status_code == 200
    assert export["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize(
    "who", ["anonymous", "member", "other_actor", "admin", "other_admin", "moderator"]
)
def test_nobody_else_sees_or_exports_the_pledges(
    client,
    pledged,
    who,
    member,
    make_actor,
    admin,
    other_admin,
    make_member,
    territory,
    activate_totp,
):
    users = {
        "anonymous": None,
        "member": make_member(territory),
        "other_actor": owner_of(make_actor("Fromagerie")),
        "admin": admin,
        "other_admin": other_admin,
        "moderator": make_member(territory, Role.MODERATOR),
    }
    user = users[who]
    if user is not None:
        if who in ("admin", "other_admin"):
            activate_totp(user)
        client.force_login(user)
    for url in (
        f"{PRO}{SLUG}/promesses/",
        f"{PRO}{SLUG}/promesses.csv",
        f"{PRO}{SLUG}/",
        f"{GESTION}{SLUG}/promesses/",
        f"{GESTION}{SLUG}/promesses.csv",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        assert b"habitante@apt.test" not in response.content


def test_the_export_is_utf8_with_bom_semicolons_and_formula_safe(client, pledged, bakery):
    client.force_login(owner_of(bakery))

    raw = client.get(f"{PRO}{SLUG}/promesses.csv").content

    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Nom",
        "Courriel",
        "Montant (€)",
        "Forme",
        "Message",
        "Promise le",
        "Modifiée le",
    ]
    assert rows[1][1:5] == ["habitante@apt.test", "120,00", "Prêt", '\'=HYPERLINK("http://evil")']
    assert len(rows) == 2


def test_the_pledges_page_costs_the_same_queries_whatever_its_length(
    client, call, bakery, make_member, territory, make_pledge, django_assert_max_num_queries
):
    make_pledge(call, make_member(territory))
    client.force_login(owner_of(bakery))
    with django_assert_max_num_queries(20) as few:
        client.get(f"{PRO}{SLUG}/promesses/")
    for _n in range(5):
        make_pledge(call, make_member(territory))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"{PRO}{SLUG}/promesses/")
    assert len(response.context["pledges"]) == 6


# --- holder back office -----------------------------------------------------------------------


def test_an_owner_creates_edits_uploads_and_submits_a_call(client, bakery, admin):
    client.force_login(owner_of(bakery))
    assert client.get(PRO).status_code == 200
    response = client.post(
        f"{PRO}nouveau/",
        {
            "title": "Une ferme maraîchère",
            "kind": "farm",
            "summary": "Des légumes bio pour les cantines.",
            "amount_sought": "25 000",
            "instruments": ["loan", "shares"],
            "minimum_pledge": "100",
            "opens_on": days(1).isoformat(),
            "closes_on": days(60).isoformat(),
            "risks": "Une mauvaise saison peut retarder les remboursements.",
        },
    )
    call = InvestmentCall.objects.get()
    assert response["Location"] == f"{PRO}une-ferme-maraichere/"
    assert (call.amount_sought, call.instruments) == (Decimal("25000.00"), ["loan", "shares"])

    page = client.get(f"{PRO}une-ferme-maraichere/")
    assert page.status_code == 200
    client.post(
        f"{PRO}une-ferme-maraichere/documents/",
        {"document-title": "Statuts", "document-file": pdf_upload()},
    )
    assert CallDocument.objects.filter(call=call).count() == 1
    bad = client.post(
        f"{PRO}une-ferme-maraichere/documents/",
        {"document-title": "Image", "document-file": pdf_upload("x.pdf", b"\x89PNG....")},
    )
    assert "n&#x27;est pas un document PDF" in bad.content.decode()

    response = client.post(f"{PRO}une-ferme-maraichere/soumettre/", follow=True)
    assert "Le projet est soumis" in messages_of(response)[0]
    call.refresh_from_db()
    assert call.status == CallStatus.SUBMITTED


def test_bad_call_input_shows_the_error_and_creates_nothing(client, bakery):
    client.force_login(owner_of(bakery))
    response = client.post(
        f"{PRO}nouveau/",
        {
            "title": "Sans risques",
            "kind": "shop",
            "summary": "…",
            "amount_sought": "-5",
            "instruments": ["loan"],
            "opens_on": days(1).isoformat(),
            "closes_on": days(60).isoformat(),
            "risks": "",
        },
    )
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs" in response.content.decode()
    assert not InvestmentCall.objects.exists()


def test_a_staff_member_reads_but_cannot_edit(client, make_call, bakery, make_user):
    draft = make_call(bakery, status="draft")
    staff = make_user("vendeur@invest.test")
    add_staff(bakery, staff, StaffRole.STAFF)
    client.force_login(staff)

    assert client.get(f"{PRO}{draft.slug}/").status_code == 200
    assert client.get(f"{PRO}nouveau/").status_code == 403
    assert client.post(f"{PRO}{draft.slug}/soumettre/").status_code == 403
    assert client.post(f"{PRO}{draft.slug}/", {"title": "Pirate"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT


def test_another_actors_owner_cannot_reach_a_call_through_its_own_space(client, call, make_actor):
    other = make_actor("Fromagerie du Luberon")
    client.force_login(owner_of(other))
    other_pro = f"{TERRITORY}/espace-pro/{other.slug}/investissement/"
    assert client.get(f"{other_pro}{SLUG}/").status_code == 404
    assert client.get(f"{other_pro}{SLUG}/promesses.csv").status_code == 404
    assert client.post(f"{PRO}{SLUG}/cloturer/").status_code == 403


def test_the_holder_closes_and_posts_news(client, call, bakery, member, make_pledge):
    make_pledge(call, member)
    client.force_login(owner_of(bakery))

    client.post(f"{PRO}{SLUG}/actualites/", {"news-title": "Bail signé", "news-body": "Enfin."})
    response = client.post(f"{PRO}{SLUG}/cloturer/", follow=True)

    assert "Les promesses sont closes" in messages_of(response)[-1]
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    assert "Bail signé" in client.get(f"{PUBLIC}{SLUG}/").content.decode()


def test_the_pro_list_costs_the_same_queries_whatever_its_length(
    client, make_call, bakery, django_assert_max_num_queries
):
    make_call(bakery)
    client.force_login(owner_of(bakery))
    with django_assert_max_num_queries(20) as few:
        client.get(PRO)
    for n in range(5):
        make_call(bakery, title=f"Projet {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(PRO)
    assert len(response.context["items"]) == 6


# --- the territory's approval -----------------------------------------------------------------


def test_the_admin_reviews_the_queue_publishes_and_rejects(admin_client, make_call, bakery):
    first = make_call(bakery, status="submitted")
    second = make_call(bakery, status="submitted", title="Deuxième projet")
    make_call(bakery, status="draft", title="Brouillon privé")

    page = admin_client.get(GESTION)
    html = page.content.decode()
    assert "2 projets attendent votre décision." in html
    assert "Brouillon privé" not in html

    review = admin_client.get(f"{GESTION}{first.slug}/")
    assert review.status_code == 200
    assert "Publier le projet" in review.content.decode()
    admin_client.post(f"{GESTION}{first.slug}/publier/")
    first.refresh_from_db()
    assert first.status == CallStatus.PUBLISHED

    empty = admin_client.post(f"{GESTION}{second.slug}/refuser/", {"reject-reason": ""})
    assert empty.status_code == 200
    second.refresh_from_db()
    assert second.status == CallStatus.SUBMITTED
    admin_client.post(f"{GESTION}{second.slug}/refuser/", {"reject-reason": "Pièces manquantes."})
    second.refresh_from_db()
    assert (second.status, second.rejection_reason) == (CallStatus.REJECTED, "Pièces manquantes.")


def test_an_actors_draft_is_not_in_the_back_office(admin_client, make_call, bakery):
    draft = make_call(bakery, status="draft")
    assert admin_client.get(f"{GESTION}{draft.slug}/").status_code == 404


def test_the_admin_presents_and_manages_a_call_of_the_collectivite(
    admin_client, make_call, member, make_pledge
):
    response = admin_client.post(
        f"{GESTION}nouveau/",
        {
            "title": "Toit solaire citoyen",
            "kind": "energy",
            "summary": "Des panneaux sur le gymnase.",
            "amount_sought": "120000",
            "instruments": ["shares"],
            "opens_on": days(0).isoformat(),
            "closes_on": days(60).isoformat(),
            "risks": "Une part de SCIC peut perdre de sa valeur.",
        },
    )
    assert response["Location"] == f"{GESTION}toit-solaire-citoyen/"
    admin_client.post(f"{GESTION}toit-solaire-citoyen/soumettre/")
    admin_client.post(f"{GESTION}toit-solaire-citoyen/publier/")
    call = InvestmentCall.objects.get()
    assert call.status == CallStatus.PUBLISHED
    make_pledge(call, member, "100", instrument=Instrument.SHARES)
    pledges = admin_client.get(f"{GESTION}toit-solaire-citoyen/promesses/")
    assert "habitante@apt.test" in pledges.content.decode()


def test_the_back_office_is_for_admins_only(client, member, other_admin, activate_totp, make_call):
    call = make_call(None)
    for user in (None, member, other_admin):
        if user is not None:
            if user == other_admin:
                activate_totp(user)
            client.force_login(user)
        for url in (GESTION, f"{GESTION}nouveau/", f"{GESTION}{call.slug}/"):
            assert client.get(url).status_code in (302, 403), (user, url)
        assert client.post(f"{GESTION}{call.slug}/cloturer/").status_code in (302, 403)
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED


def test_the_admin_list_costs_the_same_queries_whatever_its_length(
    admin_client, make_call, bakery, django_assert_max_num_queries
):
    make_call(bakery)
    with django_assert_max_num_queries(25) as few:
        admin_client.get(GESTION)
    for n in range(5):
        make_call(bakery, title=f"Projet {n}", status="submitted" if n % 2 else "published")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client.get(GESTION)
    assert len(response.context["items"]) == 6


def test_the_market_door_shows_the_live_line(client, make_call, bakery):
    make_call(bakery)
    make_call(bakery, title="Bientôt", opens_on=days(3), closes_on=days(20))

    html = client.get(f"{TERRITORY}/marche/").content.decode()

    assert "Investir localement" in html
    assert "1 projet ouvert aux promesses" in html
