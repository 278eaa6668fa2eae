"""django-allauth adapter: emails go through the task queue."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter

from pmvt.core.email import email_on_commit


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        email_on_commit(subject=message.subject, body=message.body, to=list(message.to), html=html)
