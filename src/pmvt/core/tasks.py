"""Background tasks shared by every area (run by `manage.py db_worker`)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> int:
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=to, reply_to=reply_to or [], headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
