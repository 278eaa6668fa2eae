"""The public pages over HTTP: directory and filters, an aid, documents, announcements, and
"which aids for my business?" for a visitor (simulator) and for an actor's team."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pmvt.actors.models import ActorKind, CaplaFamily, StaffRole
from pmvt.aids.models import ActorAidProfile, AidKind, FunderKind, HeadcountRange
from pmvt.aids.services.aids import aid_document_add
from pmvt.aids.services.announcements import announcement_create
from pmvt.aids.services.profiles import actor_aid_profile_set
from pmvt.aids.tests.conftest import NBSP, PUBLIC, add_staff, days, messages_of
from pmvt.aids.tests.test_services import DOCX, PDF
from pmvt.community.models import Theme

NNBSP = "\u202f"  # Thousands separator.


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def titles(response) -> list[str]:
    return [aid.title for aid in response.context["page_obj"].object_list]


# --- the directory ----------------------------------------------------------------------------


def test_the_directory_lists_published_aids_open_ones_first(client, make_aid):
    make_aid("Brouillon", is_published=False)
    make_aid("Clôturée", opens_at=days(-60), deadline=days(-2))
    make_aid("Permanente")
    make_aid("Bientôt close", deadline=days(12))
    make_aid("À venir", opens_at=days(10))

    response = client.get(PUBLIC)

    assert response.status_code == 200
    assert titles(response) == ["Bientôt close", "Permanente", "À venir", "Clôturée"]
    page = text_of(response)
    assert "Clôture dans 12 jours" in page and "Clôturée" in page
    assert "Brouillon" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=loan", ["Prêt d'honneur"]),
        ("financeur=chambre", ["Diagnostic numérique"]),
        ("famille=agriculteur", ["Conversion bio", "Prêt d'honneur"]),
        ("secteur=G", ["Diagnostic numérique", "Prêt d'honneur"]),
        ("periode=ouvertes", ["Diagnostic numérique", "Prêt d'honneur"]),
        ("periode=bientot", ["Diagnostic numérique"]),
        ("theme=THEME", ["Conversion bio"]),
    ],
)
def test_the_directory_filters(client, make_aid, territory, query, expected):
    theme = Theme.objects.create(territory=territory, name="Agriculture", slug="agriculture")
    make_aid("Prêt d'honneur", kind=AidKind.LOAN, funder_kind=FunderKind.OTHER)
    make_aid(
        "Diagnostic numérique",
        kind=AidKind.ADVICE,
        funder_kind=FunderKind.CHAMBER,
        eligible_capla_families=[CaplaFamily.COMMERCANT],
        eligible_naf_sections=["G"],
        deadline=days(10),
    )
    make_aid(
        "Conversion bio",
        eligible_capla_families=[CaplaFamily.AGRICULTEUR],
        eligible_naf_sections=["A"],
        opens_at=days(5),
        themes=[theme],
    )

    response = client.get(f"{PUBLIC}?{query.replace('THEME', str(theme.pk))}")

    assert sorted(titles(response)) == expected


def test_a_bad_filter_shows_everything(client, make_aid):
    make_aid("Prêt d'honneur")

    response = client.get(f"{PUBLIC}?type=gift&secteur=ZZ")

    assert response.status_code == 200
    assert titles(response) == ["Prêt d'honneur"]


def test_the_directory_query_count_does_not_grow(client, make_aid, territory, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Theme.objects.create(territory=territory, name="Commerce", slug="commerce")
    announcement_create(
        territory=territory, by=territory_admin(territory), title="A", body="B", publish=True
    )
    make_aid("Aide 0")
    with CaptureQueriesContext(connection) as few:
        client.get(PUBLIC)
    for n in range(1, 8):
        make_aid(f"Aide {n}", deadline=days(n))
    with CaptureQueriesContext(connection) as many:
        response = client.get(PUBLIC)

    assert len(response.context["page_obj"].object_list) == 8
    assert len(many) == len(few)


def test_the_directory_query_count_is_pinned(
    client, make_aid, territory, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    Theme.objects.create(territory=territory, name="Commerce", slug="commerce")
    for n in range(5):
        make_aid(f"Aide {n}")

    # Territory, themes (form), count, aids, their themes, their communes, announcements.
    with django_assert_num_queries(8):
        client.get(f"{PUBLIC}?famille=artisan")


def territory_admin(territory):
    from pmvt.accounts.models import Membership, Role

    return Membership.objects.select_related("user").get(territory=territory, role=Role.ADMIN).user


def test_the_directory_paginates(client, make_aid):
    for n in range(21):
        make_aid(f"Aide {n:02d}")

    first = client.get(PUBLIC)
    second = client.get(f"{PUBLIC}?page=2")

    assert len(titles(first)) == 20
    assert titles(second) == ["Aide 20"]
    assert "Page 2 sur 2" in text_of(second)


def test_aids_of_another_territory_are_absent_and_404(
    client, make_aid, other_territory, other_admin
):
    elsewhere = make_aid("Aide de Thann", in_territory=other_territory, by=other_admin)

    listing = client.get(PUBLIC)
    page = client.get(f"{PUBLIC}{elsewhere.slug}/")

    assert titles(listing) == []
    assert page.status_code == 404


# --- one aid ----------------------------------------------------------------------------------


def test_an_aid_page_says_who_may_apply_and_until_when(client, make_aid, apt):
    aid = make_aid(
        "Pass commerce",
        description="Pour **moderniser** votre vitrine.\n\n<script>alert(1)</script>",
        amount_min="1000",
        amount_max="8000",
        rate_text="40 % des investissements",
        eligible_capla_families=[CaplaFamily.COMMERCANT, CaplaFamily.ARTISAN],
        eligible_headcounts=[HeadcountRange.MICRO],
        eligible_communes=[apt],
        deadline=days(12),
        link="https://www.maregionsud.fr/",
        contact="Service économie",
    )

    response = client.get(aid.get_absolute_url())

    page = text_of(response)
    assert response.status_code == 200
    assert "Clôture dans 12 jours" in page
    assert f"De 1{NNBSP}000{NBSP}€ à 8{NNBSP}000{NBSP}€" in page
    assert "<strong>moderniser</strong>" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "Commerçant, Artisan" in page
    assert "De 1 à 9 salariés" in page
    assert "https://www.maregionsud.fr/" in page


def test_a_closed_aid_says_so(client, make_aid):
    aid = make_aid(opens_at=days(-60), deadline=days(-1))

    assert "Clôturée" in text_of(client.get(aid.get_absolute_url()))


def test_an_unpublished_aid_is_404_except_for_admins(client, make_aid, admin, member):
    aid = make_aid(is_published=False)

    assert client.get(aid.get_absolute_url()).status_code == 404
    client.force_login(member)
    assert client.get(aid.get_absolute_url()).status_code == 404
    client.force_login(admin)
    response = client.get(aid.get_absolute_url())
    assert response.status_code == 200
    assert "Brouillon, visible des seuls administrateurs" in text_of(response)


def test_documents_are_served_from_the_aid_page(client, make_aid, admin):
    aid = make_aid()
    pdf = aid_document_add(
        aid=aid, by=admin, title="Règlement", upload=SimpleUploadedFile("r.pdf", PDF)
    )
    docx = aid_document_add(
        aid=aid, by=admin, title="Dossier", upload=SimpleUploadedFile("d.docx", DOCX)
    )
    aid_document_add(aid=aid, by=admin, title="Formulaire en ligne", url="https://a.fr/f")

    page = text_of(client.get(aid.get_absolute_url()))
    opened = client.get(pdf.get_absolute_url())
    downloaded = client.get(docx.get_absolute_url())

    assert "Règlement" in page and "(PDF, " in page and "Formulaire en ligne" in page
    assert opened["Content-Type"] == "application/pdf"
    assert b"".join(opened.streaming_content) == PDF
    assert downloaded["Content-Disposition"].startswith("attachment")


def test_documents_of_an_unpublished_aid_are_404(client, make_aid, admin):
    aid = make_aid(is_published=False)
    pdf = aid_document_add(aid=aid, by=admin, title="R", upload=SimpleUploadedFile("r.pdf", PDF))

    assert client.get(pdf.get_absolute_url()).status_code == 404
    assert client.get(f"{PUBLIC}{aid.slug}/documents/999/").status_code == 404


# --- announcements ----------------------------------------------------------------------------


def test_announcements_list_published_ones_only(client, territory, admin, make_aid):
    aid = make_aid("Pass commerce")
    announcement_create(
        territory=territory,
        by=admin,
        title="Pass commerce ouvert",
        body="Déposez **vite**.",
        aid=aid,
        publish=True,
    )
    announcement_create(territory=territory, by=admin, title="Brouillon d'annonce", body="x")

    listing = text_of(client.get(f"{PUBLIC}annonces/"))
    directory = text_of(client.get(PUBLIC))

    assert "Pass commerce ouvert" in listing and "Brouillon d'annonce" not in listing
    assert "Voir l'aide « Pass commerce »" in listing
    assert "Pass commerce ouvert" in directory


def test_the_announcements_query_count_is_pinned(
    client, territory, admin, settings, django_assert_num_queries
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    for n in range(5):
        announcement_create(territory=territory, by=admin, title=f"A{n}", body="B", publish=True)

    # Territory, count, announcements with their aids.
    with django_assert_num_queries(3):
        client.get(f"{PUBLIC}annonces/")


# --- which aids for my business: the simulator -------------------------------------------------


def test_the_simulator_finds_the_aids_and_says_why(client, make_aid, apt):
    make_aid(
        "Pass commerce",
        eligible_capla_families=[CaplaFamily.ARTISAN],
        eligible_headcounts=[HeadcountRange.MICRO],
    )
    make_aid("Conversion bio", eligible_naf_sections=["A"])
    make_aid("Clôturée", opens_at=days(-60), deadline=days(-1))

    form_page = client.get(f"{PUBLIC}mon-entreprise/")
    response = client.get(
        f"{PUBLIC}mon-entreprise/",
        {"type": "business", "naf": "1071c", "effectif": "1-9", "commune": apt.pk},
    )

    assert "Vous êtes" in text_of(form_page)
    assert form_page.context.get("results") is None
    assert titles(response) == ["Pass commerce"]
    assert f"Votre entreprise correspond{NBSP}: artisan, de 1 à 9 salariés." in text_of(response)


def test_the_simulator_takes_a_section_instead_of_a_code(client, make_aid):
    make_aid("Conversion bio", eligible_naf_sections=["A"])

    response = client.get(f"{PUBLIC}mon-entreprise/", {"type": "business", "secteur": "A"})

    assert titles(response) == ["Conversion bio"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"naf": "10.71C"}, "Dites si vous êtes une entreprise, une association"),
        ({"type": "business", "naf": "99.99Z"}, "Ce code NAF n'existe pas"),
        (
            {"type": "business", "naf": "10.71C", "secteur": "G"},
            "Le code NAF 10.71C relève de la section C, pas de la section G.",
        ),
        ({"type": "business", "effectif": "12"}, "Sélectionnez un choix valide."),
    ],
)
def test_the_simulator_explains_bad_input(client, make_aid, query, message):
    make_aid()

    response = client.get(f"{PUBLIC}mon-entreprise/", {"type": "", **query})

    assert response.status_code == 400
    assert message in text_of(response)
    assert response.context.get("results") is None


# --- which aids for my business: an actor's team ------------------------------------------------


def test_an_actors_team_sees_the_aids_of_their_business(client, make_actor, make_aid):
    actor = make_actor()
    make_aid("Pass commerce", eligible_capla_families=[CaplaFamily.ARTISAN])
    make_aid("Aide aux associations", eligible_actor_kinds=[ActorKind.ASSOCIATION])
    client.force_login(actor.staff.get().user)

    response = client.get(f"{PUBLIC}mon-entreprise/")

    assert response.context["actor"] == actor
    assert titles(response) == ["Pass commerce"]
    page = text_of(response)
    assert f"Votre entreprise correspond{NBSP}: artisan." in page
    assert "Votre effectif n'est pas indiqué" in page
    assert "Enregistrer l'effectif" in page


def test_the_owner_tells_the_headcount_and_sees_more_aids(client, make_actor, make_aid):
    actor = make_actor()
    make_aid("Pass commerce", eligible_headcounts=[HeadcountRange.MICRO])
    client.force_login(actor.staff.get().user)

    response = client.post(
        f"{PUBLIC}mon-entreprise/effectif/", {"acteur": actor.slug, "effectif": "1-9"}, follow=True
    )

    assert response.redirect_chain == [(f"{PUBLIC}mon-entreprise/?acteur={actor.slug}", 302)]
    assert messages_of(response) == [
        f"L'effectif est enregistré{NBSP}: la liste des aides est à jour."
    ]
    assert titles(response) == ["Pass commerce"]
    assert ActorAidProfile.objects.get().headcount_range == "1-9"


def test_a_bad_headcount_changes_nothing(client, make_actor):
    actor = make_actor()
    client.force_login(actor.staff.get().user)

    response = client.post(
        f"{PUBLIC}mon-entreprise/effectif/", {"acteur": actor.slug, "effectif": "12"}, follow=True
    )

    assert messages_of(response) == ["Choisissez une tranche d'effectif de la liste."]
    assert ActorAidProfile.objects.count() == 0


def test_a_team_member_may_not_tell_the_headcount(client, make_actor, make_user):
    actor = make_actor()
    employee = make_user("vendeuse@fournil.test")
    add_staff(actor, employee, StaffRole.STAFF)
    client.force_login(employee)

    page = client.get(f"{PUBLIC}mon-entreprise/")
    response = client.post(
        f"{PUBLIC}mon-entreprise/effectif/", {"acteur": actor.slug, "effectif": "1-9"}
    )

    assert "Enregistrer l'effectif" not in text_of(page)
    assert response.status_code == 403
    assert ActorAidProfile.objects.count() == 0


def test_nobody_tells_the_headcount_of_someone_elses_actor(client, make_actor, member):
    actor = make_actor()
    client.force_login(member)

    response = client.post(
        f"{PUBLIC}mon-entreprise/effectif/", {"acteur": actor.slug, "effectif": "1-9"}
    )

    assert response.status_code == 404
    assert ActorAidProfile.objects.count() == 0


def test_a_person_with_two_actors_chooses_one(client, make_actor, make_aid, make_user):
    person = make_user("elodie@fournil.test")
    make_actor("Boulangerie", owner=person)
    farm = make_actor("Ferme des Ocres", owner=person, naf_code="01.13Z")
    make_aid("Conversion bio", eligible_naf_sections=["A"])
    actor_aid_profile_set(actor=farm, by=person, headcount_range=HeadcountRange.NONE)
    client.force_login(person)

    default = client.get(f"{PUBLIC}mon-entreprise/")
    chosen = client.get(f"{PUBLIC}mon-entreprise/", {"acteur": farm.slug})

    assert default.context["actor"].display_name == "Boulangerie"
    assert titles(default) == []
    assert chosen.context["actor"] == farm
    assert titles(chosen) == ["Conversion bio"]
    assert "Sans salarié" in text_of(chosen)


def test_a_pending_actors_team_gets_the_simulator(client, make_actor):
    actor = make_actor(verified=False)
    client.force_login(actor.staff.get().user)

    response = client.get(f"{PUBLIC}mon-entreprise/")

    assert response.context["simulate"] is True
    assert "Vous êtes" in text_of(response)


def test_the_team_may_simulate_for_another_structure(client, make_actor, make_aid):
    actor = make_actor()
    make_aid("Aide aux associations", eligible_actor_kinds=[ActorKind.ASSOCIATION])
    client.force_login(actor.staff.get().user)

    response = client.get(f"{PUBLIC}mon-entreprise/", {"simuler": "1", "type": "association"})

    assert titles(response) == ["Aide aux associations"]


def test_the_simulator_sent_without_choosing_a_type_says_so(client, territory):
    response = client.get(f"{PUBLIC}mon-entreprise/", {"naf": "", "effectif": ""})

    assert response.status_code == 400
    assert "Dites si vous êtes une entreprise, une association" in text_of(response)
