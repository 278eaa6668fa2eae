"""Queue emails as tasks that run once the surrounding transaction has committed."""

from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from pmvt.core.tasks import send_email


def unsubscribe_footer(unsubscribe_url: str) -> str:
    """The last lines of every notification email: why it came, and how to stop it."""
    return _(
        "Vous recevez ce courriel selon vos préférences de notification. Pour ne plus recevoir "
        "ces courriels, ou pour choisir un résumé quotidien, suivez ce lien.\n%(url)s"
    ) % {"url": unsubscribe_url}


def email_on_commit(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    reply_to: list[str] | None = None,
    unsubscribe_url: str = "",
) -> None:
    """Send after commit; with `unsubscribe_url` (notification emails), add the unsubscribe
    footer and the List-Unsubscribe headers of RFC 2369 and RFC 8058 (one-click)."""
    headers: dict[str, str] = {}
    if unsubscribe_url:
        footer = unsubscribe_footer(unsubscribe_url)
        body = f"{body.rstrip()}\n\n-- \n{footer}\n"
        if html:
            link = f'<a href="{escape(unsubscribe_url)}">{escape(unsubscribe_url)}</a>'
            text = escape(footer.replace(unsubscribe_url, "")).strip()
            html = f"{html}\n<hr>\n<p>{text}<br>{link}</p>"
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }

    def enqueue() -> None:
        send_email.enqueue(
            subject=subject, body=body, to=to, html=html, reply_to=reply_to, headers=headers
        )

    enqueue_with_transaction(enqueue)


DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"


def enqueue_with_transaction(enqueue: Callable[[], None]) -> None:
    """Queue a task so that it exists only if the current transaction commits.

    The database task backend keeps its queue in our own database: a task queued inside the
    transaction is committed, or rolled back (savepoints included), with the writes that
    caused it, the way an outbox table works, and the worker cannot see it before. That
    costs one commit for the whole checkout instead of one more per email. Any other
    backend (the immediate one of the tests, a broker) runs or publishes at once, so it
    waits for the commit.
    """
    in_database = settings.TASKS["default"]["BACKEND"] == DATABASE_TASK_BACKEND
    if in_database and connection.in_atomic_block:
        enqueue()
    else:
        transaction.on_commit(enqueue)
