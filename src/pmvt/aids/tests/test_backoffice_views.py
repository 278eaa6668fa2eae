"""The back office over HTTP: write an aid, attach documents, publish it, write announcements."""

import html
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pmvt.aids.models import AidDocument, AidScheme, Announcement
from pmvt.aids.services.announcements import announcement_create
from pmvt.aids.tests.conftest import GESTION, messages_of
from pmvt.aids.tests.test_services import PDF

AID_POST = {
    "title": "Pass commerce de proximité",
    "summary": "Moderniser la vitrine d'un commerce.",
    "kind": "grant",
    "funder_name": "Région Sud",
    "funder_kind": "region",
    "description": "Pour **moderniser**.",
    "amount_min": "1 500,50",
    "amount_max": "8000",
    "rate_text": "40 % des dépenses",
    "eligible_actor_kinds": ["business"],
    "eligible_capla_families": ["commercant", "artisan"],
    "eligible_naf_sections": ["G"],
    "eligible_headcounts": ["0", "1-9"],
    "deadline": "2030-06-30",
    "link": "https://www.maregionsud.fr/",
    "contact": "04 90 00 00 10",
    "is_published": "on",
}


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_an_admin_creates_an_aid(admin_client, territory, apt):
    response = admin_client.post(
        f"{GESTION}nouvelle/", {**AID_POST, "eligible_communes": [apt.pk]}, follow=True
    )

    aid = AidScheme.objects.get()
    assert response.redirect_chain == [(f"{GESTION}pass-commerce-de-proximite/", 302)]
    assert (aid.amount_min, aid.amount_max) == (Decimal("1500.50"), Decimal("8000.00"))
    assert aid.eligible_capla_families == ["commercant", "artisan"]
    assert list(aid.eligible_communes.all()) == [apt]
    assert aid.is_published
    assert messages_of(response) == [
        "L'aide est enregistrée. Vous pouvez maintenant y joindre des documents."
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Ce champ est obligatoire."),
        ({"amount_min": "beaucoup"}, "Saisissez un nombre."),
        (
            {"amount_min": "9000"},
            "Le montant maximum doit être supérieur ou égal au montant minimum.",
        ),
        ({"opens_at": "2030-07-01"}, "La date limite doit être après l'ouverture des demandes."),
        ({"eligible_naf_sections": ["Z"]}, "Sélectionnez un choix valide."),
        ({"deadline": "30/02/2030"}, "Saisissez une date valide."),
    ],
)
def test_a_bad_aid_form_says_why_and_changes_nothing(admin_client, change, message):
    response = admin_client.post(f"{GESTION}nouvelle/", {**AID_POST, **change})

    assert response.status_code == 400
    assert message in text_of(response)
    assert AidScheme.objects.count() == 0


def test_an_admin_edits_publishes_and_unpublishes(admin_client, make_aid):
    aid = make_aid("Pass commerce", is_published=False)

    edit_page = admin_client.get(aid.get_admin_url())
    edited = admin_client.post(aid.get_admin_url(), {**AID_POST, "title": "Pass commerce 2030"})
    published = admin_client.post(f"{aid.get_admin_url()}publication/", {"publier": "oui"})
    aid.refresh_from_db()
    assert (aid.title, aid.slug, aid.is_published) == ("Pass commerce 2030", "pass-commerce", True)
    admin_client.post(f"{aid.get_admin_url()}publication/", {"publier": "non"})
    aid.refresh_from_db()

    assert edit_page.status_code == 200 and "Publier l'aide" in text_of(edit_page)
    assert edited.status_code == 302 and published.status_code == 302
    assert not aid.is_published


def test_an_admin_attaches_then_removes_a_document(admin_client, make_aid):
    aid = make_aid()

    added = admin_client.post(
        f"{aid.get_admin_url()}documents/",
        {"document-title": "Règlement", "document-file": SimpleUploadedFile("r.pdf", PDF)},
        follow=True,
    )
    document = AidDocument.objects.get()
    removed = admin_client.post(
        f"{aid.get_admin_url()}documents/{document.pk}/retirer/", follow=True
    )

    assert messages_of(added) == ["Le document est ajouté."]
    assert document.file_format == "pdf"
    assert messages_of(removed) == ["Le document est retiré."]
    assert AidDocument.objects.count() == 0


def test_a_fake_document_is_refused_with_a_clear_message(admin_client, make_aid):
    aid = make_aid()

    response = admin_client.post(
        f"{aid.get_admin_url()}documents/",
        {
            "document-title": "Règlement",
            "document-file": SimpleUploadedFile("r.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )

    assert response.status_code == 400
    assert "Ce fichier n'est pas un document PDF, ODT ou DOCX." in text_of(response)
    assert AidDocument.objects.count() == 0


def test_an_admin_writes_edits_and_deletes_an_announcement(admin_client, make_aid):
    aid = make_aid("Pass commerce")

    created = admin_client.post(
        f"{GESTION}annonces/nouvelle/",
        {"title": "Dossiers ouverts", "body": "Déposez **vite**.", "aid": aid.pk, "publish": "on"},
        follow=True,
    )
    announcement = Announcement.objects.get()
    edited = admin_client.post(
        f"{GESTION}annonces/{announcement.pk}/",
        {"title": "Dossiers ouverts !", "body": "B"},
        follow=True,
    )
    announcement.refresh_from_db()
    assert (announcement.title, announcement.published_at, announcement.aid) == (
        "Dossiers ouverts !",
        None,
        None,
    )
    deleted = admin_client.post(f"{GESTION}annonces/{announcement.pk}/supprimer/", follow=True)

    assert messages_of(created) == messages_of(edited) == ["L'annonce est enregistrée."]
    assert "Dossiers ouverts" in text_of(created)
    assert messages_of(deleted) == ["L'annonce est supprimée."]
    assert Announcement.objects.count() == 0


def test_a_bad_announcement_form_changes_nothing(admin_client):
    response = admin_client.post(f"{GESTION}annonces/nouvelle/", {"title": "T", "body": ""})

    assert response.status_code == 400
    assert "Texte\u00a0: Ce champ est obligatoire." in text_of(response)
    assert Announcement.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    ["", "nouvelle/", "annonces/", "annonces/nouvelle/", "pass-commerce/"],
)
def test_the_back_office_is_for_admins_only(client, make_aid, member, path):
    make_aid("Pass commerce")
    client.force_login(member)

    assert client.get(f"{GESTION}{path}").status_code == 403


def test_a_member_cannot_post_to_the_back_office(client, make_aid, member, territory, admin):
    aid = make_aid("Pass commerce", is_published=False)
    announcement = announcement_create(territory=territory, by=admin, title="T", body="B")
    client.force_login(member)

    for path, data in [
        ("nouvelle/", AID_POST),
        ("pass-commerce/publication/", {"publier": "oui"}),
        ("pass-commerce/documents/", {"document-title": "R", "document-url": "https://a.fr"}),
        (f"annonces/{announcement.pk}/supprimer/", {}),
    ]:
        assert client.post(f"{GESTION}{path}", data).status_code == 403
    aid.refresh_from_db()
    assert (AidScheme.objects.count(), aid.is_published) == (1, False)
    assert (AidDocument.objects.count(), Announcement.objects.count()) == (0, 1)


def test_the_back_office_of_another_territory_is_404(
    admin_client, make_aid, other_territory, other_admin
):
    make_aid("Aide de Thann", in_territory=other_territory, by=other_admin)

    assert admin_client.get(f"{GESTION}aide-de-thann/").status_code == 404


def test_the_admin_list_shows_every_aid(admin_client, make_aid):
    make_aid("Publiée")
    make_aid("En préparation", is_published=False)

    response = admin_client.get(GESTION)

    page = text_of(response)
    assert "Aides et annonces" in page  # The back office's navigation.
    assert [aid.title for aid in response.context["page_obj"].object_list] == [
        "En préparation",
        "Publiée",
    ]
    assert "Brouillon" in page and "Sans date limite" in page


def test_the_admin_list_query_count_is_pinned(
    admin_client, make_aid, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    for n in range(5):
        make_aid(f"Aide {n}")
    admin_client.get(GESTION)  # Warm the per-user caches (two-factor, membership).

    # Session, user, two-factor, memberships, territory, count, aids.
    with django_assert_num_queries(9):
        admin_client.get(GESTION)
    for n in range(5, 10):
        make_aid(f"Aide {n}")
    with django_assert_num_queries(9):
        admin_client.get(GESTION)
