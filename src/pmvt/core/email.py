"""Queue emails as tasks once the surrounding transaction commits."""

from django.db import transaction

from pmvt.core.tasks import send_email


def email_on_commit(
    *, subject: str, body: str, to: list[str], html: str = "", reply_to: list[str] | None = None
) -> None:
    def enqueue() -> None:
        send_email.enqueue(subject=subject, body=body, to=to, html=html, reply_to=reply_to)

    transaction.on_commit(enqueue)
