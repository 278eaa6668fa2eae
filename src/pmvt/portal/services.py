"""Writes of the portal: the contact form."""

from django.conf import settings
from django.utils.translation import gettext as _

from pmvt.core.email import email_on_commit
from pmvt.territories.models import Territory


def contact_message_send(
    *, territory: Territory, name: str, email: str, subject: str, message: str
) -> None:
    """Forward a visitor's message to the territory's contact address (queued after commit)."""
    recipient = territory.contact_email or settings.PMVT_OPERATOR["email"]
    body = _("Message envoyé depuis le formulaire de contact de %(territory)s.") % {
        "territory": territory.public_name
    }
    # A line break in a header would make the email unsendable (or inject headers): flatten it.
    one_line_subject = " ".join(f"[{territory.public_name}] {subject}".split())
    email_on_commit(
        subject=one_line_subject,
        body=f"{body}\n\n{name} <{email}>\n\n{message}",
        to=[recipient],
        reply_to=[email],
    )
