"""Writes on aids, documents, announcements and actors' headcounts: rules and refusals."""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pmvt.actors.models import ActorKind, CaplaFamily, StaffRole
from pmvt.aids.documents import MAX_DOCUMENT_BYTES
from pmvt.aids.models import ActorAidProfile, AidDocument, AidScheme, Announcement, HeadcountRange
from pmvt.aids.services.aids import (
    AidFieldError,
    aid_document_add,
    aid_document_remove,
    aid_publish,
    aid_unpublish,
    aid_update,
)
from pmvt.aids.services.announcements import (
    announcement_create,
    announcement_delete,
    announcement_update,
)
from pmvt.aids.services.profiles import actor_aid_profile_set
from pmvt.aids.tests.conftest import add_staff, days
from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ODT = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
DOCX = zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"})
XLSX = zipped({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})


# --- aids -------------------------------------------------------------------------------------


def test_creates_an_aid_with_its_criteria_in_a_fixed_order(make_aid, territory, apt):
    theme = Theme.objects.create(territory=territory, name="Commerce", slug="commerce")

    aid = make_aid(
        "  Pass   commerce de proximité ",
        amount_min="1000",
        amount_max=Decimal("8000.5"),
        eligible_capla_families=[CaplaFamily.ARTISAN, CaplaFamily.COMMERCANT, "artisan"],
        eligible_naf_sections=["G", "C"],
        eligible_headcounts=[HeadcountRange.MICRO, HeadcountRange.NONE],
        eligible_communes=[apt],
        themes=[theme],
        opens_at=days(-1),
        deadline=days(30),
    )

    assert (aid.title, aid.slug) == ("Pass commerce de proximité", "pass-commerce-de-proximite")
    assert (aid.amount_min, aid.amount_max) == (Decimal("1000.00"), Decimal("8000.50"))
    assert aid.eligible_capla_families == ["commercant", "artisan"]
    assert aid.eligible_naf_sections == ["C", "G"]
    assert aid.eligible_headcounts == ["0", "1-9"]
    assert list(aid.eligible_communes.all()) == [apt]
    assert list(aid.themes.all()) == [theme]
    assert aid.is_published


def test_slugs_stay_unique_and_avoid_the_urls_own_words(make_aid):
    first = make_aid("Prêt d'honneur")
    second = make_aid("Prêt d'honneur")
    reserved = make_aid("Annonces")

    assert [first.slug, second.slug, reserved.slug] == [
        "pret-dhonneur",
        "pret-dhonneur-2",
        "aide-annonces",
    ]


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"title": " "}, "title", "Indiquez l'intitulé de l'aide (200 caractères au plus)."),
        (
            {"amount_min": Decimal("5000"), "amount_max": Decimal("1000")},
            "amount_max",
            "Le montant maximum doit être supérieur ou égal au montant minimum.",
        ),
        ({"amount_min": Decimal("-1")}, "amount_min", None),
        ({"eligible_naf_sections": ["Z"]}, "eligible_naf_sections", None),
        ({"eligible_actor_kinds": ["company"]}, "eligible_actor_kinds", None),
        ({"eligible_headcounts": ["5-10"]}, "eligible_headcounts", None),
        ({"funder_kind": "mairie"}, "funder_kind", None),
        ({"kind": "gift"}, "kind", None),
        (
            {"opens_at": "days(5)", "deadline": "days(1)"},
            "deadline",
            "La date limite doit être après l'ouverture des demandes.",
        ),
        ({"link": "javascript:alert(1)"}, "link", None),
    ],
)
def test_refuses_a_bad_aid_and_stores_nothing(make_aid, values, field, message):
    values = {k: days(int(v[5:-1])) if str(v).startswith("days(") else v for k, v in values.items()}

    with pytest.raises(AidFieldError) as refused:
        make_aid(**values)

    assert refused.value.field == field
    if message:
        assert str(refused.value.message) == message
    assert AidScheme.objects.count() == 0


def test_refuses_a_commune_or_a_theme_of_another_territory(make_aid, other_territory):
    from pmvt.territories.models import Commune

    thann = Commune.objects.filter(territory=other_territory).first()
    theme = Theme.objects.create(territory=other_territory, name="Commerce", slug="commerce")

    with pytest.raises(AidFieldError, match=r"Choisissez des communes du territoire\."):
        make_aid(eligible_communes=[thann])
    with pytest.raises(AidFieldError, match=r"Choisissez des thèmes du territoire\."):
        make_aid(themes=[theme])
    assert AidScheme.objects.count() == 0


def test_only_the_territory_admins_create_aids(make_aid, member, other_admin, moderator):
    for user in (member, other_admin, moderator):
        with pytest.raises(PermissionDeniedError):
            make_aid(by=user)
    assert AidScheme.objects.count() == 0


def test_the_operator_creates_aids(make_aid, operator):
    assert make_aid(by=operator).created_by == operator


def test_updating_keeps_the_address(make_aid, admin):
    aid = make_aid("Pass commerce")

    updated = aid_update(
        aid=aid,
        by=admin,
        title="Pass commerce 2026",
        funder_name="Région Sud",
        funder_kind="region",
        summary="Nouveau résumé.",
        kind="loan",
        eligible_actor_kinds=[ActorKind.BUSINESS],
    )

    aid.refresh_from_db()
    assert (aid.slug, aid.title, aid.kind) == ("pass-commerce", "Pass commerce 2026", "loan")
    assert aid.eligible_actor_kinds == ["business"]
    assert updated.funder_kind == "region"


def test_a_refused_update_changes_nothing(make_aid, admin, member):
    aid = make_aid("Pass commerce")
    kwargs: dict[str, Any] = {
        "title": "Autre",
        "funder_name": "Région",
        "funder_kind": "region",
        "summary": "Résumé.",
        "kind": "grant",
    }

    with pytest.raises(PermissionDeniedError):
        aid_update(aid=aid, by=member, **kwargs)
    with pytest.raises(AidFieldError):
        aid_update(aid=aid, by=admin, **{**kwargs, "deadline": "demain"})

    aid.refresh_from_db()
    assert aid.title == "Pass commerce"


def test_publishing_and_unpublishing(make_aid, admin, member):
    aid = make_aid(is_published=False)

    aid_publish(aid=aid, by=admin)
    aid.refresh_from_db()
    assert aid.is_published
    with pytest.raises(PermissionDeniedError):
        aid_unpublish(aid=aid, by=member)
    aid.refresh_from_db()
    assert aid.is_published
    aid_unpublish(aid=aid, by=admin)
    aid.refresh_from_db()
    assert not aid.is_published


def test_status_and_days_left(make_aid):
    assert make_aid("a", deadline=days(12)).days_left == 12
    assert make_aid("b", deadline=days(-1)).status == "closed"
    assert make_aid("c", opens_at=days(2)).status == "upcoming"
    assert make_aid("d").status == "open"
    assert make_aid("e").days_left is None


# --- documents --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [("reglement.pdf", PDF, "pdf"), ("dossier.odt", ODT, "odt"), ("dossier.docx", DOCX, "docx")],
)
def test_a_document_is_recognised_by_its_content(make_aid, admin, name, data, found):
    aid = make_aid()

    document = aid_document_add(
        aid=aid, by=admin, title="Règlement", upload=SimpleUploadedFile(name, data)
    )

    assert (document.file_format, document.file_size) == (found, len(data))
    assert document.file.name.endswith(f"/reglement.{found}")
    assert document.file.read() == data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("faux.pdf", b"<html><script>alert(1)</script></html>"),
        ("tableur.docx", XLSX),
        ("casse.odt", b"PK\x03\x04 not a zip at all"),
    ],
)
def test_a_document_that_is_not_pdf_odt_or_docx_is_refused(make_aid, admin, name, data):
    aid = make_aid()

    with pytest.raises(AidFieldError) as refused:
        aid_document_add(aid=aid, by=admin, title="Dossier", upload=SimpleUploadedFile(name, data))

    assert refused.value.field == "file"
    assert "n'est pas un document PDF, ODT ou DOCX" in str(refused.value.message)
    assert AidDocument.objects.count() == 0


def test_a_document_over_10_mb_is_refused(make_aid, admin):
    aid = make_aid()
    big = SimpleUploadedFile("gros.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES)

    with pytest.raises(AidFieldError, match="dépasse 10 Mo"):
        aid_document_add(aid=aid, by=admin, title="Gros", upload=big)
    assert AidDocument.objects.count() == 0


def test_a_document_is_a_file_or_a_link_never_both_nor_none(make_aid, admin):
    aid = make_aid()
    upload = SimpleUploadedFile("r.pdf", PDF)

    with pytest.raises(AidFieldError, match="l'un des deux"):
        aid_document_add(aid=aid, by=admin, title="R", upload=upload, url="https://a.fr/r.pdf")
    with pytest.raises(AidFieldError, match="l'un des deux"):
        aid_document_add(aid=aid, by=admin, title="R")
    link = aid_document_add(aid=aid, by=admin, title="Formulaire", url="https://a.fr/f")

    assert (link.url, link.file.name) == ("https://a.fr/f", "")
    assert link.get_absolute_url() == "https://a.fr/f"


def test_only_admins_add_and_remove_documents(make_aid, admin, member):
    aid = make_aid()
    with pytest.raises(PermissionDeniedError):
        aid_document_add(aid=aid, by=member, title="R", url="https://a.fr/r")
    document = aid_document_add(aid=aid, by=admin, title="R", url="https://a.fr/r")
    with pytest.raises(PermissionDeniedError):
        aid_document_remove(document=document, by=member)
    assert AidDocument.objects.count() == 1

    aid_document_remove(document=document, by=admin)

    assert AidDocument.objects.count() == 0


# --- announcements ----------------------------------------------------------------------------


def test_an_announcement_is_a_draft_until_published(territory, admin, make_aid):
    aid = make_aid()
    draft = announcement_create(
        territory=territory, by=admin, title="Permanence", body="Le mardi.", aid=aid
    )
    assert draft.published_at is None

    published = announcement_update(
        announcement=draft, by=admin, title="Permanence", body="Le mardi.", aid=aid, publish=True
    )
    first_date = published.published_at
    assert first_date is not None
    again = announcement_update(
        announcement=draft, by=admin, title="Permanence !", body="Le mardi.", publish=True
    )
    assert (again.published_at, again.aid) == (first_date, None)
    back = announcement_update(announcement=draft, by=admin, title="Permanence", body="x")
    assert back.published_at is None


def test_a_bad_announcement_is_refused(territory, admin, member, other_territory, other_admin):
    from pmvt.aids.services.aids import aid_create

    elsewhere = aid_create(
        territory=other_territory,
        by=other_admin,
        title="Aide de Thann",
        funder_name="CC",
        funder_kind="epci",
        summary="S.",
        kind="grant",
    )
    with pytest.raises(AidFieldError, match="Écrivez le texte"):
        announcement_create(territory=territory, by=admin, title="T", body="  ")
    with pytest.raises(AidFieldError, match=r"Choisissez une aide du territoire\."):
        announcement_create(territory=territory, by=admin, title="T", body="B", aid=elsewhere)
    with pytest.raises(PermissionDeniedError):
        announcement_create(territory=territory, by=member, title="T", body="B")
    assert Announcement.objects.count() == 0


def test_deleting_an_announcement(territory, admin, member):
    announcement = announcement_create(territory=territory, by=admin, title="T", body="B")
    with pytest.raises(PermissionDeniedError):
        announcement_delete(announcement=announcement, by=member)

    announcement_delete(announcement=announcement, by=admin)

    assert Announcement.objects.count() == 0


def test_unpublishing_an_aid_keeps_its_announcements(territory, admin, make_aid):
    aid = make_aid()
    announcement_create(territory=territory, by=admin, title="T", body="B", aid=aid, publish=True)

    aid_unpublish(aid=aid, by=admin)

    announcement = Announcement.objects.get()
    assert announcement.aid == aid
    assert announcement.published_at is not None
    assert timezone.now() - announcement.published_at < timedelta(minutes=1)


# --- the actor's headcount --------------------------------------------------------------------


def test_owners_and_managers_tell_the_headcount(make_actor, make_user):
    actor = make_actor()
    owner = actor.staff.get().user
    manager = make_user("gerante@fournil.test")
    add_staff(actor, manager, StaffRole.MANAGER)

    actor_aid_profile_set(actor=actor, by=owner, headcount_range=HeadcountRange.MICRO)
    actor_aid_profile_set(actor=actor, by=manager, headcount_range=HeadcountRange.SMALL)

    assert ActorAidProfile.objects.get(actor=actor).headcount_range == "10-49"


def test_team_members_and_strangers_may_not_tell_the_headcount(make_actor, make_user, member):
    actor = make_actor()
    employee = make_user("vendeuse@fournil.test")
    add_staff(actor, employee, StaffRole.STAFF)

    for user in (employee, member):
        with pytest.raises(PermissionDeniedError):
            actor_aid_profile_set(actor=actor, by=user, headcount_range=HeadcountRange.MICRO)
    assert ActorAidProfile.objects.count() == 0


def test_an_unknown_headcount_range_is_refused(make_actor):
    actor = make_actor()

    with pytest.raises(ApplicationError, match="tranche d'effectif"):
        actor_aid_profile_set(actor=actor, by=actor.staff.get().user, headcount_range="12")
    assert ActorAidProfile.objects.count() == 0
