"""Queue emails as tasks once the surrounding transaction commits."""

from django.db import transaction
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

    transaction.on_commit(enqueue)
