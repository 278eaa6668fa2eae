"""Retention: CVs and personal data purged after the offer closed; RGPD export and erasure."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from pmvt.accounts.personal_data import HANDLERS
from pmvt.jobs.models import ApplicationStatus, JobApplication, JobOffer, OfferStatus
from pmvt.jobs.services.applications import job_applications_purge
from pmvt.jobs.tasks import purge_job_applications
from pmvt.jobs.tests.conftest import apply, days


def _age(offer: JobOffer, *, closed_days_ago: int) -> None:
    JobOffer.objects.filter(pk=offer.pk).update(closes_on=days(-closed_days_ago))


def test_the_command_purges_old_applications_once(
    settings,
    make_offer,
    bakery,
    member,
    make_member,
    territory,
    _private_root,
    django_capture_on_commit_callbacks,
):
    settings.PMVT_JOB_APPLICATION_RETENTION_DAYS = 183
    old = make_offer(bakery, title="Ancienne")
    recent = make_offer(bakery, title="Récente")
    open_offer = make_offer(bakery, title="Ouverte")
    old_application = apply(old, member, message="Mon message")
    recent_application = apply(recent, member)
    open_application = apply(open_offer, make_member(territory))
    old_file = _private_root / old_application.cv.name
    _age(old, closed_days_ago=184)
    _age(recent, closed_days_ago=183)

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("jobs_purge_applications", stdout=out)

    assert out.getvalue().startswith("1 candidature(s) effacée(s)")
    assert not old_file.exists()
    old_application.refresh_from_db()
    assert old_application.applicant is None
    assert (old_application.message, old_application.cv_name, old_application.cv.name) == (
        "",
        "",
        "",
    )
    assert old_application.purged_at is not None
    for kept in (recent_application, open_application):
        kept.refresh_from_db()
        assert kept.applicant is not None and kept.cv
        assert (_private_root / kept.cv.name).exists()

    out = StringIO()
    call_command("jobs_purge_applications", stdout=out)
    assert out.getvalue().startswith("0 candidature(s)")


def test_an_offer_closed_by_hand_counts_from_its_closing(
    make_offer, bakery, baker, member, django_capture_on_commit_callbacks
):
    offer = make_offer(bakery)
    application = apply(offer, member)
    JobOffer.objects.filter(pk=offer.pk).update(
        status=OfferStatus.CLOSED, closed_at=timezone.now() - timedelta(days=10)
    )
    assert job_applications_purge(days=11) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert job_applications_purge(days=9) == 1
    application.refresh_from_db()
    assert application.is_purged


def test_the_task_purges_too(settings, make_offer, bakery, member):
    settings.PMVT_JOB_APPLICATION_RETENTION_DAYS = 1
    offer = make_offer(bakery)
    apply(offer, member)
    _age(offer, closed_days_ago=5)
    purge_job_applications.call()
    assert JobApplication.objects.get().is_purged


def test_export_lists_applications_without_the_file(make_offer, bakery, member):
    application = apply(make_offer(bakery), member, message="Bonjour")
    data = HANDLERS["jobs"].export(member)
    assert data["applications"] == [
        {
            "territory": application.territory.name,
            "offer": "Vendeur ou vendeuse en boulangerie",
            "employer": "Boulangerie des Ocres",
            "message": "Bonjour",
            "cv_file_name": "cv.pdf",
            "cv_kept": True,
            "status": ApplicationStatus.RECEIVED,
            "employer_message": "",
            "created_at": application.created_at.isoformat(),
            "status_changed_at": application.status_changed_at.isoformat(),
        }
    ]


def test_erasure_deletes_applications_and_files(
    make_offer,
    bakery,
    member,
    make_member,
    territory,
    _private_root,
    django_capture_on_commit_callbacks,
):
    mine = apply(make_offer(bakery), member)
    other = apply(make_offer(bakery, title="Autre"), make_member(territory))
    path = _private_root / mine.cv.name
    with django_capture_on_commit_callbacks(execute=True):
        HANDLERS["jobs"].erase(member)
    assert not path.exists()
    assert list(JobApplication.objects.values_list("pk", flat=True)) == [other.pk]
    assert (_private_root / other.cv.name).exists()
