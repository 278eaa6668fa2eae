"""The professional space over HTTP: registering, the back-office home, the page, the team."""

import io
import re
from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import (
    Actor,
    ActorInvitation,
    ActorPhoto,
    ActorStaff,
    ActorStatus,
    Closure,
    OpeningHours,
    StaffRole,
)
from pmvt.actors.services.actors import actor_suspend
from pmvt.actors.services.staff import actor_invite, actor_staff_add
from pmvt.actors.tests.conftest import TERRITORY, messages_of
from pmvt.notifications.models import Notification
from pmvt.territories.models import Commune

NBSP = "\u00a0"
ONBOARDING = f"{TERRITORY}/marche/inscrire-mon-activite/"
PRO = f"{TERRITORY}/espace-pro/"


def pro_url(actor, rest="") -> str:
    return f"{PRO}{actor.slug}/{rest}"


def onboarding_post(apt, **values):
    return {
        "kind": "business",
        "legal_name": "SARL Fournil des Ocres",
        "trade_name": "Boulangerie des Ocres",
        "siret": fictitious_siret(12),
        "naf_code": "1071c",
        "commune": apt.pk,
        "address": "14 rue des Marchands",
        "latitude": "",
        "longitude": "",
        "phone": "04 90 74 00 00",
        "email": "contact@fournil.test",
        "website": "",
        "description": "Pains au levain.",
        "labels": ["fait_maison"],
        "offers_click_collect": "on",
        **values,
    }


# --- registration -----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_before_registering(client, territory):
    response = client.get(ONBOARDING)

    assert response.status_code == 302
    assert response["Location"] == f"/compte/login/?next={ONBOARDING}"


def test_the_form_offers_the_territorys_communes_only(client, member, territory, other_territory):
    client.force_login(member)

    response = client.get(ONBOARDING)

    choices = {str(c) for c in response.context["form"].fields["commune"].queryset}
    assert "Apt" in choices
    assert len(choices) == 25
    assert response.context["current_door"] == "market"


def test_registering_creates_a_pending_actor_and_notifies_the_admins(
    client, member, commune, admin, django_capture_on_commit_callbacks
):
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ONBOARDING, onboarding_post(commune), follow=True)

    actor = Actor.objects.get()
    assert response.redirect_chain == [(pro_url(actor), 302)]
    assert (actor.status, actor.naf_code, actor.labels, actor.offers_click_collect) == (
        ActorStatus.PENDING,
        "10.71C",
        ["fait_maison"],
        True,
    )
    content = response.content.decode()
    assert "en attente de vérification par le territoire" in content
    assert "10.71C – Boulangerie et boulangerie-pâtisserie" in content
    assert Notification.objects.get(user=admin).kind == "actor_registered"
    assert ActorStaff.objects.get().user == member


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"siret": "123 456"}, "siret", "Le SIRET doit comporter exactement 14 chiffres."),
        ({"siret": ""}, "siret", "Une entreprise doit indiquer son SIRET (14 chiffres)."),
        ({"naf_code": "10.71X"}, "naf_code", None),
        ({"latitude": "91", "longitude": "5"}, "latitude", None),
        ({"labels": ["meilleur"]}, "labels", None),
        ({"commune": ""}, "commune", None),
    ],
)
def test_a_bad_registration_shows_french_errors_and_creates_nothing(
    client, member, commune, values, field, message
):
    client.force_login(member)

    response = client.post(ONBOARDING, onboarding_post(commune, **values))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert "Le formulaire contient des erreurs" in response.content.decode()
    assert Actor.objects.count() == 0


def test_a_siret_already_registered_is_reported_on_the_field(client, member, commune, actor):
    client.force_login(member)

    response = client.post(ONBOARDING, onboarding_post(commune, siret=actor.siret))

    assert (
        response.context["form"]
        .errors["siret"][0]
        .startswith(f"Un acteur avec ce SIRET est déjà inscrit sur ce territoire{NBSP}:")
    )
    assert Actor.objects.count() == 1


def test_a_commune_of_another_territory_is_refused(client, member, commune, other_territory):
    client.force_login(member)
    elsewhere = Commune.objects.filter(territory=other_territory)[0]

    response = client.post(ONBOARDING, onboarding_post(commune, commune=elsewhere.pk))

    assert "commune" in response.context["form"].errors
    assert Actor.objects.count() == 0


# --- my actors, the back-office home -----------------------------------------------------------


def test_pro_index_lists_my_actors_and_links_to_registration(client, actor, owner, make_actor):
    make_actor("Pas à moi")
    client.force_login(owner)

    response = client.get(PRO)

    assert [a.display_name for a in response.context["actors"]] == ["Boulangerie des Ocres"]
    assert ONBOARDING in response.content.decode()


def test_pro_index_invites_people_without_actor_to_register(client, member):
    client.force_login(member)

    content = client.get(PRO).content.decode()

    assert "Vous ne travaillez pour aucun acteur de ce territoire." in content


def test_pro_index_asks_anonymous_visitors_to_log_in(client, territory):
    assert client.get(PRO)["Location"] == f"/compte/login/?next={PRO}"


def test_the_home_shows_the_status_and_the_tools(client, actor, owner):
    client.force_login(owner)

    response = client.get(pro_url(actor))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Votre page est publiée dans l&#x27;annuaire." in content or (
        "Votre page est publiée dans l'annuaire." in content
    )
    for rest in ("fiche/", "fiche/horaires/", "equipe/", "marches/"):
        assert f'href="{pro_url(actor, rest)}"' in content
    assert f"Votre rôle{NBSP}: Responsable" in content


def test_the_home_tells_why_an_actor_is_suspended(client, actor, owner, admin):
    actor_suspend(actor=actor, by=admin, reason="SIRET radié.")
    client.force_login(owner)

    content = client.get(pro_url(actor)).content.decode()

    assert f"Motif{NBSP}: SIRET radié." in content


def test_the_home_links_to_the_catalog_and_the_orders(client, actor, owner):
    client.force_login(owner)

    content = client.get(pro_url(actor)).content.decode()

    assert f'href="{pro_url(actor, "catalogue/")}"' in content
    assert f'href="{pro_url(actor, "commandes/")}"' in content


def test_staff_members_see_the_home_without_the_page_tools(client, actor, owner, make_user):
    seller = make_user("vendeuse@fournil.test")
    actor_staff_add(actor=actor, user=seller, role=StaffRole.STAFF, by=owner)
    client.force_login(seller)

    content = client.get(pro_url(actor)).content.decode()

    assert f'href="{pro_url(actor, "fiche/")}"' not in content
    assert f'href="{pro_url(actor, "equipe/")}"' not in content


@pytest.mark.parametrize("who", ["member", "admin", "other_admin"])
def test_people_outside_the_team_get_403_on_the_back_office(client, request, actor, who):
    client.force_login(request.getfixturevalue(who))

    for rest in (
        "",
        "fiche/",
        "fiche/horaires/",
        "fiche/fermetures/",
        "fiche/photos/",
        "equipe/",
        "marches/",
    ):
        assert client.get(pro_url(actor, rest)).status_code == 403, rest


def test_anonymous_visitors_are_sent_to_log_in_from_the_back_office(client, actor):
    response = client.get(pro_url(actor))

    assert response["Location"] == f"/compte/login/?next={pro_url(actor)}"


def test_an_actor_of_another_territory_is_not_found_from_this_territory(
    client, make_actor, other_territory
):
    elsewhere = make_actor("Boulangerie de Thann", in_territory=other_territory)
    client.force_login(elsewhere.staff.get().user)

    assert client.get(pro_url(elsewhere)).status_code == 404
    assert client.post(pro_url(elsewhere, "fiche/"), {"address": "x"}).status_code == 404
    assert client.get(f"/t/{other_territory.slug}/espace-pro/{elsewhere.slug}/").status_code == 200


# --- the page ---------------------------------------------------------------------------------


def page_post(actor, **values):
    return {
        "trade_name": "Le Fournil des Ocres",
        "commune": actor.commune_id,
        "address": "14 rue des Marchands",
        "latitude": "43.8765",
        "longitude": "5.3963",
        "phone": "",
        "email": "",
        "website": "",
        "description": "Pains au levain.",
        "labels": ["artisan"],
        "capla_family": "",
        "terms_of_sale": "",
        **values,
    }


def test_an_editor_saves_the_page(client, actor, owner):
    client.force_login(owner)

    response = client.post(pro_url(actor, "fiche/"), page_post(actor), follow=True)

    actor.refresh_from_db()
    assert actor.trade_name == "Le Fournil des Ocres"
    assert actor.labels == ["artisan"]
    assert str(actor.latitude) == "43.876500"
    assert messages_of(response) == ["La page a été enregistrée."]


def test_the_page_form_offers_the_automatic_capla_family(client, actor, owner):
    client.force_login(owner)

    form = client.get(pro_url(actor, "fiche/")).context["form"]

    assert form.fields["capla_family"].choices[0] == (
        "",
        f"Automatique, d'après le code NAF{NBSP}: Artisan",
    )


def test_a_bad_page_shows_errors_and_changes_nothing(client, actor, owner):
    client.force_login(owner)

    response = client.post(pro_url(actor, "fiche/"), page_post(actor, website="pas un site"))

    assert response.status_code == 200
    assert "website" in response.context["form"].errors
    actor.refresh_from_db()
    assert actor.trade_name == ""


def test_a_manager_edits_the_page_but_not_the_team(client, actor, owner, make_user):
    manager = make_user("gerant@fournil.test")
    actor_staff_add(actor=actor, user=manager, role=StaffRole.MANAGER, by=owner)
    client.force_login(manager)

    assert client.get(pro_url(actor, "fiche/")).status_code == 200
    assert client.get(pro_url(actor, "equipe/")).status_code == 403


def test_a_staff_member_cannot_post_the_page(client, actor, owner, make_user):
    seller = make_user("vendeuse@fournil.test")
    actor_staff_add(actor=actor, user=seller, role=StaffRole.STAFF, by=owner)
    client.force_login(seller)

    assert client.post(pro_url(actor, "fiche/"), page_post(actor)).status_code == 403
    actor.refresh_from_db()
    assert actor.trade_name == ""


def hours_post(**values):
    data = {
        f"d{d}_{kind}_{n}": "" for d in range(7) for kind in ("opens", "closes") for n in (1, 2)
    }
    data.update(values)
    return data


def test_an_editor_sets_the_opening_hours(client, actor, owner):
    client.force_login(owner)

    response = client.post(
        pro_url(actor, "fiche/horaires/"),
        hours_post(
            d1_opens_1="08:30",
            d1_closes_1="12:30",
            d1_opens_2="15:00",
            d1_closes_2="19:00",
            d5_opens_1="08:00",
            d5_closes_1="13:00",
        ),
    )

    assert response.status_code == 302
    assert list(OpeningHours.objects.values_list("weekday", "opens", "closes")) == [
        (1, time(8, 30), time(12, 30)),
        (1, time(15), time(19)),
        (5, time(8), time(13)),
    ]
    page = client.get(pro_url(actor, "fiche/horaires/"))
    assert page.context["form"]["d1_opens_2"].value() == time(15)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"d2_opens_1": "09:00", "d2_closes_1": "08:00"},
            f"Le mercredi, l'heure de fermeture (8{NBSP}h) doit être après l'heure "
            f"d'ouverture (9{NBSP}h).",
        ),
        (
            {
                "d2_opens_1": "09:00",
                "d2_closes_1": "13:00",
                "d2_opens_2": "12:00",
                "d2_closes_2": "18:00",
            },
            f"Le mercredi, les plages 9{NBSP}h – 13{NBSP}h et 12{NBSP}h – 18{NBSP}h se "
            "chevauchent.",
        ),
        (
            {"d2_opens_1": "09:00"},
            "Le mercredi, indiquez l'heure d'ouverture et l'heure de fermeture.",
        ),
        ({"d2_opens_1": "9h", "d2_closes_1": "12:00"}, None),
    ],
)
def test_bad_opening_hours_are_refused_and_nothing_changes(client, actor, owner, values, message):
    client.force_login(owner)

    response = client.post(pro_url(actor, "fiche/horaires/"), hours_post(**values))

    assert response.status_code == 200
    form = response.context["form"]
    if message:
        all_errors = [e for errors in form.errors.values() for e in errors]
        assert message in all_errors
    assert OpeningHours.objects.count() == 0


def test_an_editor_adds_and_removes_a_closure(client, actor, owner):
    client.force_login(owner)
    start = timezone.localdate() + timedelta(days=5)

    client.post(
        pro_url(actor, "fiche/fermetures/"),
        {
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=2)).isoformat(),
            "reason": "Inventaire",
        },
    )
    closure = Closure.objects.get()
    assert closure.reason == "Inventaire"

    client.post(pro_url(actor, f"fiche/fermetures/{closure.pk}/retirer/"))
    assert Closure.objects.count() == 0


def test_a_past_closure_is_refused_on_its_field(client, actor, owner):
    client.force_login(owner)
    start = timezone.localdate() - timedelta(days=5)

    response = client.post(
        pro_url(actor, "fiche/fermetures/"),
        {"start_date": start.isoformat(), "end_date": start.isoformat()},
    )

    assert response.context["form"].errors["end_date"] == [
        f"Cette fermeture est déjà passée{NBSP}: indiquez une date de fin à venir."
    ]
    assert Closure.objects.count() == 0


def test_closures_of_another_actor_cannot_be_removed(client, actor, owner, make_actor):
    other = make_actor("Voisin")
    other_owner = other.staff.get().user
    client.force_login(other_owner)
    start = timezone.localdate() + timedelta(days=5)
    client.post(
        pro_url(other, "fiche/fermetures/"),
        {"start_date": start.isoformat(), "end_date": start.isoformat()},
    )
    closure = Closure.objects.get()
    client.force_login(owner)

    assert client.post(pro_url(actor, f"fiche/fermetures/{closure.pk}/retirer/")).status_code == 404
    assert Closure.objects.count() == 1


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), "orange").save(buffer, "JPEG")
    return SimpleUploadedFile("etal.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_an_editor_uploads_and_removes_a_photo(client, actor, owner, media):
    client.force_login(owner)

    client.post(pro_url(actor, "fiche/photos/"), {"image": jpeg(), "alt_text": "L'étal"})

    photo = ActorPhoto.objects.get()
    assert photo.alt_text == "L'étal"
    page = client.get(f"{TERRITORY}/marche/acteurs/{actor.slug}/").content.decode()
    assert 'alt="L&#x27;étal"' in page
    client.post(pro_url(actor, f"fiche/photos/{photo.pk}/retirer/"))
    assert ActorPhoto.objects.count() == 0


def test_a_photo_without_description_is_refused(client, actor, owner, media):
    client.force_login(owner)

    response = client.post(pro_url(actor, "fiche/photos/"), {"image": jpeg(), "alt_text": ""})

    assert "alt_text" in response.context["form"].errors
    assert ActorPhoto.objects.count() == 0


def test_a_non_image_upload_is_refused_with_a_french_message(client, actor, owner, media):
    client.force_login(owner)

    response = client.post(
        pro_url(actor, "fiche/photos/"),
        {"image": SimpleUploadedFile("cv.pdf", b"%PDF-1.4"), "alt_text": "CV"},
    )

    assert response.context["form"].errors["image"] == [
        f"Ce fichier n'est pas une image lisible{NBSP}: envoyez une photo JPEG, PNG ou WebP."
    ]
    assert ActorPhoto.objects.count() == 0


# --- the team ---------------------------------------------------------------------------------


LINK = re.compile(r"http://testserver(/t/pays-dapt-luberon/invitation-equipe/[\w-]+/)")


def test_an_owner_invites_someone_who_accepts(
    client, actor, owner, make_user, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            pro_url(actor, "equipe/"),
            {"email": "vendeuse@fournil.test", "role": "staff"},
            follow=True,
        )
    assert messages_of(response) == ["L'invitation a été envoyée à vendeuse@fournil.test."]
    match = LINK.search(str(mail.outbox[0].body))
    assert match
    link = match[1]

    seller = make_user("vendeuse@fournil.test")
    client.force_login(seller)
    page = client.get(link)
    assert page.status_code == 200
    assert "Rejoindre l'équipe de Boulangerie des Ocres" in page.content.decode()
    response = client.post(link, follow=True)

    assert response.redirect_chain == [(pro_url(actor), 302)]
    assert ActorStaff.objects.get(user=seller).role == StaffRole.STAFF
    assert messages_of(response) == ["Bienvenue dans l'équipe de Boulangerie des Ocres."]


def test_an_invitation_link_asks_anonymous_visitors_to_log_in(client, actor, owner):
    actor_invite(actor=actor, by=owner, email="vendeuse@fournil.test", role="staff")
    url = f"{TERRITORY}/invitation-equipe/quelque-chose/"

    assert client.get(url)["Location"] == f"/compte/login/?next={url}"


def test_a_wrong_invitation_link_says_so_and_adds_nobody(client, actor, member):
    client.force_login(member)

    response = client.post(f"{TERRITORY}/invitation-equipe/faux-jeton/")

    assert response.status_code == 400
    assert "Ce lien d&#x27;invitation n&#x27;est pas valide." in response.content.decode() or (
        "Ce lien d'invitation n'est pas valide." in response.content.decode()
    )
    assert ActorStaff.objects.count() == 1


def test_an_owner_changes_a_role_and_removes_someone(client, actor, owner, make_user):
    seller = make_user("vendeuse@fournil.test")
    staff = actor_staff_add(actor=actor, user=seller, role=StaffRole.STAFF, by=owner)
    client.force_login(owner)

    client.post(pro_url(actor, f"equipe/{staff.pk}/role/"), {"role": "manager"})
    assert ActorStaff.objects.get(pk=staff.pk).role == StaffRole.MANAGER

    client.post(pro_url(actor, f"equipe/{staff.pk}/retirer/"))
    assert not ActorStaff.objects.filter(pk=staff.pk).exists()


def test_the_last_owner_is_told_they_cannot_leave(client, actor, owner):
    client.force_login(owner)
    staff = ActorStaff.objects.get(user=owner)

    response = client.post(
        pro_url(actor, f"equipe/{staff.pk}/role/"), {"role": "staff"}, follow=True
    )

    assert messages_of(response)[0].startswith(
        "L'acteur doit garder au moins un ou une responsable"
    )
    assert ActorStaff.objects.get(pk=staff.pk).role == StaffRole.OWNER


def test_an_owner_revokes_an_invitation(client, actor, owner):
    invitation = actor_invite(actor=actor, by=owner, email="vendeuse@fournil.test", role="staff")
    client.force_login(owner)

    client.post(pro_url(actor, f"equipe/invitations/{invitation.pk}/annuler/"))

    assert ActorInvitation.objects.count() == 0


@pytest.mark.parametrize("role", ["manager", "staff"])
def test_only_owners_manage_the_team(client, actor, owner, make_user, role):
    colleague = make_user(f"{role}@fournil.test")
    staff = actor_staff_add(actor=actor, user=colleague, role=role, by=owner)
    owner_staff = ActorStaff.objects.get(user=owner)
    client.force_login(colleague)

    assert (
        client.post(pro_url(actor, "equipe/"), {"email": "x@y.test", "role": "owner"}).status_code
        == 403
    )
    assert (
        client.post(pro_url(actor, f"equipe/{staff.pk}/role/"), {"role": "owner"}).status_code
        == 403
    )
    assert client.post(pro_url(actor, f"equipe/{owner_staff.pk}/retirer/")).status_code == 403
    assert ActorInvitation.objects.count() == 0
    assert ActorStaff.objects.get(pk=staff.pk).role == role
    assert ActorStaff.objects.filter(pk=owner_staff.pk).exists()


def test_team_pages_of_another_actor_are_not_reachable(client, actor, owner, make_actor):
    other = make_actor("Voisin")
    their_staff = other.staff.get()
    client.force_login(owner)

    assert client.post(pro_url(actor, f"equipe/{their_staff.pk}/retirer/")).status_code == 404
    assert ActorStaff.objects.filter(pk=their_staff.pk).exists()
