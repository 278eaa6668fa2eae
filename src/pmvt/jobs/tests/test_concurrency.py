"""Races on PostgreSQL with real threads: the same person applying twice at once (two tabs),
and applications racing the offer's closing. Exactly one application, never one after the
close."""

import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection
from django_scopes import scopes_disabled

from pmvt.core.exceptions import ApplicationError
from pmvt.jobs.models import JobApplication, JobOffer, OfferStatus
from pmvt.jobs.services.applications import job_application_submit
from pmvt.jobs.services.offers import job_offer_close
from pmvt.jobs.tests.conftest import owner_of, pdf_upload

pytestmark = pytest.mark.django_db(transaction=True)


def race(workers: list[Callable[[], object]]) -> list[object]:
    """Run the callables in threads that start together; return results or exceptions."""
    barrier = threading.Barrier(len(workers))
    results: list[object] = [None] * len(workers)

    def run(index: int, work: Callable[[], object]) -> None:
        try:
            with scopes_disabled():
                barrier.wait()
                results[index] = work()
        except Exception as error:  # The test inspects every outcome.
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


def _apply(offer_id: int, user) -> Callable[[], object]:
    def work() -> object:
        offer = JobOffer.objects.select_related("territory", "actor").get(pk=offer_id)
        return job_application_submit(offer=offer, by=user, message="Bonjour", cv=pdf_upload())

    return work


def test_two_tabs_make_one_application(postgres_only, offer, member):
    results = race([_apply(offer.pk, member) for _ in range(6)])

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 5
    assert all(isinstance(e, ApplicationError) for e in errors), errors
    assert JobApplication.objects.filter(applicant=member).count() == 1


def test_no_application_lands_after_the_close(postgres_only, offer, make_member, territory):
    people = [make_member(territory) for _ in range(6)]
    baker = owner_of(offer.actor)

    def close() -> object:
        return job_offer_close(offer=JobOffer.objects.get(pk=offer.pk), by=baker)

    results = race([close, *(_apply(offer.pk, person) for person in people)])

    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED
    unexpected = [
        r for r in results if isinstance(r, Exception) and not isinstance(r, ApplicationError)
    ]
    assert not unexpected, unexpected
    for application in JobApplication.objects.filter(offer=offer):
        assert application.created_at <= offer.closed_at
