"""The demo step: deterministic and idempotent."""

from django_scopes import scope, scopes_disabled

from pmvt.demo.actors import load_actors
from pmvt.demo.jobs import load_jobs
from pmvt.demo.loader import load_foundation
from pmvt.jobs.models import Contract, JobApplication, JobOffer


def _snapshot():
    return (
        sorted(
            JobOffer.objects.values_list("title", "actor__slug", "contract", "status", "closes_on")
        ),
        sorted(JobApplication.objects.values_list("offer__title", "applicant__email", "status")),
    )


def test_the_demo_jobs_load_once(db, settings, tmp_path):
    settings.PMVT_PRIVATE_ROOT = tmp_path / "private"
    with scopes_disabled():
        territory = load_foundation()
    with scope(territory=territory):
        load_actors(territory)
        load_jobs(territory)
        first = _snapshot()
        load_jobs(territory)
        assert _snapshot() == first
    offers, applications = first
    assert len(offers) == 7
    assert next(o for o in offers if o[2] == Contract.TZCLD)[1] == "ebe-luberon-solidaire"
    assert next(o for o in offers if o[1] is None)[2] == Contract.INTERNSHIP
    assert applications == [
        ("Employé ou employée de rayon fruits et légumes", "habitant@demo.pmvt.fr", "received")
    ]
    with scopes_disabled():
        application = JobApplication.objects.get()
    assert application.cv.read(5) == b"%PDF-"
    application.cv.close()
