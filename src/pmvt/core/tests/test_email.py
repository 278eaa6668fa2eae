"""Emails are queued so that they exist only if the transaction that caused them commits."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from pmvt.core.email import DATABASE_TASK_BACKEND, email_on_commit

DB_TASKS = {"default": {"BACKEND": DATABASE_TASK_BACKEND}}


def send(subject: str) -> None:
    email_on_commit(subject=subject, body="Bonjour", to=["habitant@example.org"])


@pytest.mark.django_db
def test_the_database_queue_takes_the_email_inside_the_transaction(settings):
    settings.TASKS = DB_TASKS

    with transaction.atomic():
        send("Commande enregistrée")

    assert list(DBTaskResult.objects.values_list("args_kwargs", flat=True)) == [
        {
            "args": [],
            "kwargs": {
                "subject": "Commande enregistrée",
                "body": "Bonjour",
                "to": ["habitant@example.org"],
                "html": "",
                "reply_to": None,
                "headers": {},
            },
        }
    ]


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_no_email_in_the_database_queue(settings):
    settings.TASKS = DB_TASKS

    with transaction.atomic():
        send("Gardé")
        try:
            with transaction.atomic():
                send("Annulé")
                raise RuntimeError("the order failed")
        except RuntimeError:
            pass

    subjects = [row.args_kwargs["kwargs"]["subject"] for row in DBTaskResult.objects.all()]
    assert subjects == ["Gardé"]


@pytest.mark.django_db(transaction=True)
def test_another_backend_sends_only_after_commit():
    with transaction.atomic():
        send("Après validation")
        assert mail.outbox == []

    assert [m.subject for m in mail.outbox] == ["Après validation"]


@pytest.mark.django_db(transaction=True)
def test_another_backend_sends_nothing_for_a_rolled_back_write():
    with pytest.raises(RuntimeError), transaction.atomic():
        send("Jamais")
        raise RuntimeError("the order failed")

    assert mail.outbox == []
