"""Services: offers (create, change, publish, close) and applications (apply, steps, withdraw)."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pmvt.accounts.models import Role
from pmvt.actors.models import ActorStatus, StaffRole
from pmvt.actors.services.actors import actor_suspend
from pmvt.core.exceptions import ApplicationError, PermissionDeniedError
from pmvt.jobs.errors import JobFieldError
from pmvt.jobs.models import ApplicationStatus, Contract, JobApplication, JobOffer, OfferStatus
from pmvt.jobs.services.applications import (
    job_application_close,
    job_application_invite_interview,
    job_application_mark_seen,
    job_application_submit,
    job_application_withdraw,
)
from pmvt.jobs.services.offers import (
    job_offer_close,
    job_offer_create,
    job_offer_publish,
    job_offer_update,
)
from pmvt.jobs.tests.conftest import add_staff, apply, days, offer_values, owner_of, pdf_upload
from pmvt.notifications.models import Notification
from pmvt.territories.models import Commune

# --- offers -----------------------------------------------------------------------------------


def test_creates_a_published_offer_with_normalised_skills(bakery, baker, apt):
    offer = job_offer_create(
        territory=bakery.territory,
        by=baker,
        actor=bakery,
        values=offer_values(apt, skills="Vente ;  ENCAISSEMENT, vente,  Pâtisserie fine "),
        publish=True,
    )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.published_at is not None
    assert offer.skills == ["vente", "encaissement", "pâtisserie fine"]
    assert offer.skill_keys == "|vente|encaissement|patisserie fine|"
    assert " vendeu" in offer.search_text and " boulanger" in offer.search_text
    assert offer.employer_name == "Boulangerie des Ocres"


def test_a_collectivite_offer_shows_the_territory_as_employer(make_offer, admin, territory):
    offer = make_offer(None, by=admin, contract=Contract.INTERNSHIP)
    assert offer.actor is None
    assert offer.employer_name == territory.public_name


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "  "}, "title"),
        ({"contract": "interim"}, "contract"),
        ({"description": ""}, "description"),
        ({"hours_per_week": Decimal("60")}, "hours_per_week"),
        ({"salary_min": Decimal("15"), "salary_max": Decimal("12")}, "salary_max"),
        ({"salary_min": Decimal("-1"), "salary_max": None}, "salary_min"),
        ({"salary_period": ""}, "salary_period"),
        ({"skills": ",".join(f"s{i}" for i in range(20))}, "skills"),
        ({"closes_on": days(-1)}, "closes_on"),
    ],
)
def test_rejects_bad_offer_input_and_saves_nothing(bakery, baker, apt, overrides, field):
    with pytest.raises(JobFieldError) as caught:
        job_offer_create(
            territory=bakery.territory,
            by=baker,
            actor=bakery,
            values=offer_values(apt, **overrides),
            publish=True,
        )
    assert caught.value.field == field
    assert not JobOffer.objects.exists()


def test_rejects_a_commune_of_another_territory(bakery, baker, other_territory):
    thann = Commune.objects.filter(territory=other_territory)[0]
    with pytest.raises(JobFieldError):
        job_offer_create(
            territory=bakery.territory, by=baker, actor=bakery, values=offer_values(thann)
        )
    assert not JobOffer.objects.exists()


def test_a_pending_actor_drafts_but_cannot_publish(make_actor, apt):
    pending = make_actor("Nouvelle boutique", verified=False)
    owner = owner_of(pending)
    offer = job_offer_create(
        territory=pending.territory, by=owner, actor=pending, values=offer_values(apt)
    )
    assert offer.status == OfferStatus.DRAFT
    with pytest.raises(PermissionDeniedError, match="vérifiée"):
        job_offer_publish(offer=offer, by=owner)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DRAFT


def test_a_suspended_actor_cannot_post(bakery, baker, operator, apt):
    actor_suspend(actor=bakery, by=operator, reason="Contrôle")
    bakery.refresh_from_db()
    assert bakery.status == ActorStatus.SUSPENDED
    with pytest.raises(PermissionDeniedError):
        job_offer_create(
            territory=bakery.territory, by=baker, actor=bakery, values=offer_values(apt)
        )
    assert not JobOffer.objects.exists()


def test_only_owner_and_managers_write_offers(bakery, make_member, territory, apt):
    staff = add_staff(bakery, make_member(territory), StaffRole.STAFF)
    manager = add_staff(bakery, make_member(territory), StaffRole.MANAGER)
    with pytest.raises(PermissionDeniedError):
        job_offer_create(territory=territory, by=staff, actor=bakery, values=offer_values(apt))
    offer = job_offer_create(
        territory=territory, by=manager, actor=bakery, values=offer_values(apt), publish=True
    )
    assert offer.status == OfferStatus.PUBLISHED


def test_a_member_cannot_post_for_the_collectivite(member, territory, apt):
    with pytest.raises(PermissionDeniedError):
        job_offer_create(territory=territory, by=member, actor=None, values=offer_values(apt))
    assert not JobOffer.objects.exists()


def test_updates_an_offer(offer, baker, gargas):
    job_offer_update(
        offer=offer,
        by=baker,
        values=offer_values(gargas, title="Vendeur confirmé", skills="vente"),
    )
    offer.refresh_from_db()
    assert (offer.title, offer.commune, offer.skills) == ("Vendeur confirmé", gargas, ["vente"])
    assert " confirm" in offer.search_text


def test_another_actor_cannot_update_an_offer(offer, make_actor, apt):
    other = make_actor("Confiserie")
    with pytest.raises(PermissionDeniedError):
        job_offer_update(offer=offer, by=owner_of(other), values=offer_values(apt, title="X"))
    offer.refresh_from_db()
    assert offer.title == "Vendeur ou vendeuse en boulangerie"


def test_closes_and_republishes_an_offer(offer, baker):
    job_offer_close(offer=offer, by=baker)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED and offer.closed_at is not None
    with pytest.raises(ApplicationError):
        job_offer_close(offer=offer, by=baker)
    job_offer_publish(offer=offer, by=baker)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED and offer.closed_at is None


def test_cannot_publish_with_a_past_closing_date(make_offer, bakery, baker):
    draft = make_offer(bakery, publish=False)
    JobOffer.objects.filter(pk=draft.pk).update(closes_on=days(-1))
    draft.refresh_from_db()
    with pytest.raises(JobFieldError):
        job_offer_publish(offer=draft, by=baker)
    draft.refresh_from_db()
    assert draft.status == OfferStatus.DRAFT


# --- applications -----------------------------------------------------------------------------


def test_a_member_applies_with_a_pdf_and_the_team_is_told(offer, member, baker, _private_root):
    application = apply(offer, member, message="  Disponible dès lundi.  ")

    assert application.status == ApplicationStatus.RECEIVED
    assert application.message == "Disponible dès lundi."
    assert application.cv_name == "cv.pdf"
    assert (_private_root / application.cv.name).read_bytes().startswith(b"%PDF-")
    assert member.email not in application.cv.name
    notification = Notification.objects.get(user=baker, kind="jobs_application")
    assert notification.kind == "jobs_application"
    assert "Vendeur ou vendeuse" in notification.title
    assert notification.url == application.get_manage_url()


def test_a_collectivite_offer_tells_the_admins(make_offer, admin, member):
    offer = make_offer(None, by=admin)
    apply(offer, member)
    assert Notification.objects.filter(user=admin, kind="jobs_application").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.docx", b"%PDF-1.4 fake", "PDF"),
        ("cv.pdf", b"PK\x03\x04 a zip", "pas un PDF valide"),
        ("cv.pdf", b"", "vide"),
    ],
)
def test_rejects_a_cv_that_is_not_a_pdf(offer, member, name, content, message, _private_root):
    upload = SimpleUploadedFile(name, content, "application/pdf")
    with pytest.raises(ApplicationError, match=message):
        job_application_submit(offer=offer, by=member, message="Bonjour", cv=upload)
    assert not JobApplication.objects.exists()
    assert not any(_private_root.rglob("*.pdf")) if _private_root.exists() else True


def test_rejects_a_cv_over_the_size_limit(offer, member, settings):
    settings.PMVT_JOB_CV_MAX_BYTES = 100
    with pytest.raises(ApplicationError, match="ne doit pas dépasser"):
        apply(offer, member, cv=pdf_upload(content=b"%PDF-" + b"x" * 200))
    assert not JobApplication.objects.exists()


def test_one_application_per_person_and_offer(offer, member):
    apply(offer, member)
    with pytest.raises(ApplicationError, match="déjà postulé"):
        apply(offer, member)
    assert JobApplication.objects.count() == 1


def test_cannot_apply_after_the_closing_date_or_once_closed(offer, member, baker):
    JobOffer.objects.filter(pk=offer.pk).update(closes_on=days(-1))
    with pytest.raises(ApplicationError, match="close"):
        apply(offer, member)
    JobOffer.objects.filter(pk=offer.pk).update(closes_on=days(3))
    job_offer_close(offer=offer, by=baker)
    with pytest.raises(ApplicationError, match="close"):
        apply(offer, member)
    assert not JobApplication.objects.exists()


def test_cannot_apply_to_a_draft(make_offer, bakery, member):
    draft = make_offer(bakery, publish=False)
    with pytest.raises(ApplicationError):
        apply(draft, member)


def test_a_visitor_of_another_territory_cannot_apply(offer, make_member, other_territory):
    stranger = make_member(other_territory)
    with pytest.raises(PermissionDeniedError, match="Rejoignez"):
        apply(offer, stranger)
    assert not JobApplication.objects.exists()


def test_the_applicant_follows_each_step(offer, member, baker):
    application = apply(offer, member)

    assert job_application_mark_seen(application=application, by=baker) is True
    assert job_application_mark_seen(application=application, by=baker) is False
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SEEN and application.seen_at is not None

    job_application_invite_interview(
        application=application, by=baker, message="Mardi 10 h au fournil."
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW
    assert application.status_message == "Mardi 10 h au fournil."

    job_application_close(application=application, by=baker)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CLOSED

    titles = list(
        Notification.objects.filter(user=member, kind="jobs_application_status")
        .order_by("pk")
        .values_list("title", "body")
    )
    assert [t for t, _b in titles] == [
        "Votre candidature « Vendeur ou vendeuse en boulangerie » a été vue",
        "Entretien proposé pour « Vendeur ou vendeuse en boulangerie »",
        "Votre candidature « Vendeur ou vendeuse en boulangerie » est close",
    ]
    assert titles[1][1] == "Mardi 10 h au fournil."


def test_a_closed_application_cannot_move_on(offer, member, baker):
    application = apply(offer, member)
    job_application_close(application=application, by=baker)
    with pytest.raises(ApplicationError):
        job_application_invite_interview(application=application, by=baker)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CLOSED


def test_only_the_team_moves_an_application(offer, member, make_member, territory, make_actor):
    application = apply(offer, member)
    other_owner = owner_of(make_actor("Confiserie"))
    for user in (member, other_owner, make_member(territory, Role.ADMIN)):
        with pytest.raises(PermissionDeniedError):
            job_application_invite_interview(application=application, by=user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.RECEIVED


def test_withdrawal_deletes_the_cv(
    offer, member, make_member, territory, _private_root, django_capture_on_commit_callbacks
):
    application = apply(offer, member)
    path = _private_root / application.cv.name
    with pytest.raises(PermissionDeniedError):
        job_application_withdraw(application=application, by=make_member(territory))
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        job_application_withdraw(application=application, by=member)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert not application.cv
    assert application.cv_name == "cv.pdf"
    assert not path.exists()


def test_status_changed_at_moves(offer, member, baker):
    application = apply(offer, member)
    before = application.status_changed_at
    job_application_invite_interview(application=application, by=baker)
    application.refresh_from_db()
    assert application.status_changed_at >= before
    assert application.status_changed_at <= timezone.now()
