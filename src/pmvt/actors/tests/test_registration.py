"""Registering an actor, and editing what its page shows."""

from decimal import Decimal

import pytest
from django.core import mail

from pmvt.accounts.models import Membership, Role
from pmvt.actors.identifiers import fictitious_siret
from pmvt.actors.models import Actor, ActorKind, ActorStaff, ActorStatus, CaplaFamily, StaffRole
from pmvt.actors.services.actors import ActorFieldError, actor_register, actor_update_page
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.notifications.models import Notification
from pmvt.territories.models import Commune


def register(territory, owner, commune, **values):
    defaults = {
        "kind": ActorKind.BUSINESS,
        "legal_name": "SARL Fournil des Ocres",
        "trade_name": "Boulangerie des Ocres",
        "siret": fictitious_siret(7),
        "naf_code": "10.71C",
        "address": "14 rue des Marchands",
    }
    return actor_register(territory=territory, by=owner, commune=commune, **{**defaults, **values})


def test_registers_a_pending_actor_owned_by_the_registrant(territory, owner, commune):
    actor = register(territory, owner, commune, phone="04 90 74 00 00", labels=["bio"])

    assert actor.status == ActorStatus.PENDING
    assert actor.slug == "boulangerie-des-ocres"
    assert actor.siret == fictitious_siret(7)
    assert actor.siren == fictitious_siret(7)[:9]
    assert actor.naf_code == "10.71C"
    assert actor.naf_label == "Boulangerie et boulangerie-pâtisserie"
    assert actor.capla_family == CaplaFamily.ARTISAN
    assert actor.capla_family_overridden is False
    assert (actor.phone, actor.labels) == ("04 90 74 00 00", ["bio"])
    assert list(ActorStaff.objects.values_list("actor", "user", "role")) == [
        (actor.pk, owner.pk, StaffRole.OWNER)
    ]
    assert not actor.is_public


def test_registration_makes_a_plain_member_an_actor_member(territory, owner, commune):
    register(territory, owner, commune)

    assert Membership.objects.get(user=owner, territory=territory).role == Role.ACTOR_MEMBER


def test_registration_joins_the_territory_if_needed(territory, make_user, commune):
    newcomer = make_user("nouvelle@apt.test")

    register(territory, newcomer, commune)

    assert Membership.objects.get(user=newcomer, territory=territory).role == Role.ACTOR_MEMBER


def test_registration_keeps_an_admins_role(territory, admin, commune):
    register(territory, admin, commune)

    assert Membership.objects.get(user=admin, territory=territory).role == Role.ADMIN


def test_registration_notifies_the_territorys_admins(
    territory, owner, commune, admin, make_member, django_capture_on_commit_callbacks
):
    second_admin = make_member(territory, Role.ADMIN, email="second-admin@apt.test")
    with django_capture_on_commit_callbacks(execute=True):
        actor = register(territory, owner, commune)

    notes = Notification.objects.filter(kind="actor_registered").order_by("user_id")
    assert [(n.user, n.title) for n in notes] == [
        (admin, "Nouvel acteur à vérifier : Boulangerie des Ocres"),
        (second_admin, "Nouvel acteur à vérifier : Boulangerie des Ocres"),
    ]
    assert notes[0].url == f"/t/pays-dapt-luberon/gestion/acteurs/{actor.slug}/"
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@apt.test", "second-admin@apt.test"]


def test_gives_a_second_actor_of_the_same_name_another_slug(territory, owner, commune):
    first = register(territory, owner, commune)
    second = register(territory, owner, commune, siret=fictitious_siret(8))
    third = register(territory, owner, commune, siret=fictitious_siret(9))

    assert [first.slug, second.slug, third.slug] == [
        "boulangerie-des-ocres",
        "boulangerie-des-ocres-2",
        "boulangerie-des-ocres-3",
    ]


def test_the_same_slug_is_free_in_another_territory(territory, other_territory, owner, commune):
    register(territory, owner, commune)
    elsewhere = Commune.objects.filter(territory=other_territory).first()

    actor = register(other_territory, owner, elsewhere)

    assert actor.slug == "boulangerie-des-ocres"


def test_an_association_may_register_without_siret_nor_naf(territory, owner, commune):
    actor = register(
        territory,
        owner,
        commune,
        kind=ActorKind.ASSOCIATION,
        legal_name="AMAP du Pays d'Apt",
        trade_name="",
        siret="",
        naf_code="",
    )

    assert (actor.siret, actor.siren, actor.naf_code, actor.capla_family) == ("", "", "", "")


def test_two_associations_without_siret_may_coexist(territory, owner, commune):
    for name in ("AMAP du Pays d'Apt", "Repair Café du Luberon"):
        register(
            territory,
            owner,
            commune,
            kind=ActorKind.ASSOCIATION,
            legal_name=name,
            trade_name="",
            siret="",
            naf_code="",
        )

    assert Actor.objects.filter(siret="").count() == 2


def test_the_owner_may_choose_another_capla_family(territory, owner, commune):
    actor = register(territory, owner, commune, capla_family=CaplaFamily.COMMERCANT)

    assert (actor.capla_family, actor.capla_family_overridden) == (CaplaFamily.COMMERCANT, True)


def test_choosing_the_derived_family_is_not_an_override(territory, owner, commune):
    actor = register(territory, owner, commune, capla_family=CaplaFamily.ARTISAN)

    assert (actor.capla_family, actor.capla_family_overridden) == (CaplaFamily.ARTISAN, False)


BAD_REGISTRATIONS = [
    ({"siret": "123"}, "siret", "Le SIRET doit comporter exactement 14 chiffres."),
    (
        {"siret": ""},
        "siret",
        "Une entreprise doit indiquer son SIRET (14 chiffres).",
    ),
    (
        {"naf_code": ""},
        "naf_code",
        "Une entreprise doit indiquer son code NAF (APE), par exemple 10.71C.",
    ),
    ({"naf_code": "10.71X"}, "naf_code", None),
    ({"kind": "club"}, "kind", "Choisissez le type d'acteur dans la liste."),
    (
        {"legal_name": "  "},
        "legal_name",
        "Indiquez la raison sociale (le nom officiel de la structure).",
    ),
    ({"address": ""}, "address", "Indiquez l'adresse de l'activité."),
    (
        {"latitude": "43.87"},
        "longitude",
        "Indiquez la latitude et la longitude, ou aucune des deux.",
    ),
    (
        {"latitude": "143.87", "longitude": "5.39"},
        "latitude",
        "La latitude doit être un nombre entre -90 et 90, par exemple 43.876.",
    ),
    ({"email": "pas-une-adresse"}, "email", None),
    ({"website": "javascript:alert(1)"}, "website", None),
    ({"phone": "appelez-moi"}, "phone", None),
    ({"labels": ["bio", "meilleur"]}, "labels", "Ce label n'est pas dans la liste proposée."),
    ({"capla_family": "artiste"}, "capla_family", "Choisissez une famille dans la liste."),
]


@pytest.mark.parametrize(("values", "field", "message"), BAD_REGISTRATIONS)
def test_rejects_bad_registrations_and_creates_nothing(
    territory, owner, commune, values, field, message
):
    with pytest.raises(ActorFieldError) as error:
        register(territory, owner, commune, **values)

    assert error.value.field == field
    if message:
        assert str(error.value.message) == message
    assert Actor.objects.count() == 0
    assert ActorStaff.objects.count() == 0
    assert Membership.objects.get(user=owner, territory=territory).role == Role.MEMBER


def test_rejects_a_commune_of_another_territory(territory, other_territory, owner):
    elsewhere = Commune.objects.filter(territory=other_territory).first()

    with pytest.raises(ActorFieldError) as error:
        register(territory, owner, elsewhere)

    assert str(error.value.message) == "Choisissez une commune du territoire."
    assert Actor.objects.count() == 0


def test_rejects_a_siret_already_registered_in_the_territory(territory, owner, commune):
    register(territory, owner, commune)

    with pytest.raises(ApplicationError) as error:
        register(territory, owner, commune, trade_name="Autre nom")

    assert error.value.code == "siret_taken"
    assert Actor.objects.count() == 1


def test_rejects_unknown_details_as_a_programming_error(territory, owner, commune):
    with pytest.raises(TypeError):
        register(territory, owner, commune, status=ActorStatus.VERIFIED)


# --- the page ---------------------------------------------------------------------------------


def test_an_editor_changes_the_page(actor, owner, gargas):
    actor_update_page(
        actor=actor,
        by=owner,
        values={
            "trade_name": "Le Fournil des Ocres",
            "commune": gargas,
            "latitude": "43.9",
            "longitude": Decimal("5.357"),
            "labels": ["fait_maison", "fait_maison", "artisan"],
            "offers_delivery": True,
            "website": "https://fournil.example",
        },
    )

    actor.refresh_from_db()
    assert actor.trade_name == "Le Fournil des Ocres"
    assert actor.commune == gargas
    assert (actor.latitude, actor.longitude) == (Decimal("43.900000"), Decimal("5.357000"))
    assert actor.labels == ["fait_maison", "artisan"]
    assert actor.offers_delivery is True
    assert actor.slug == "boulangerie-des-ocres"  # Published links keep working.


def test_choosing_automatic_family_again_clears_the_override(actor, owner):
    actor_update_page(actor=actor, by=owner, values={"capla_family": CaplaFamily.COMMERCANT})
    assert (actor.capla_family, actor.capla_family_overridden) == (CaplaFamily.COMMERCANT, True)

    actor_update_page(actor=actor, by=owner, values={"capla_family": ""})

    actor.refresh_from_db()
    assert (actor.capla_family, actor.capla_family_overridden) == (CaplaFamily.ARTISAN, False)


def test_the_page_cannot_change_the_verified_identity(actor, owner):
    with pytest.raises(TypeError):
        actor_update_page(actor=actor, by=owner, values={"siret": fictitious_siret(99)})


def test_a_bad_value_changes_nothing_on_the_page(actor, owner):
    with pytest.raises(ActorFieldError):
        actor_update_page(
            actor=actor, by=owner, values={"trade_name": "Nouveau nom", "email": "faux"}
        )

    actor.refresh_from_db()
    assert actor.trade_name == ""


def test_staff_without_editing_rights_cannot_change_the_page(actor, member):
    with pytest.raises(PermissionDeniedError):
        actor_update_page(actor=actor, by=member, values={"trade_name": "Piratée"})

    actor.refresh_from_db()
    assert actor.trade_name == ""
