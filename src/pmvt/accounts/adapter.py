"""django-allauth adapter: emails go through the task queue."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest

from pmvt.core.email import email_on_commit


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Same context as allauth's own send_mail, which this replaces: without `current_site`
        # the emails greet from, and thank for using, an empty site name.
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        email_on_commit(subject=message.subject, body=message.body, to=list(message.to), html=html)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The login email django-axes counts failures against (AXES_USERNAME_CALLABLE).

    allauth authenticates with `email=...`, not with the form's `login` field name, so axes'
    default lookup finds no username and would lock the whole IP address. Lower-case it so
    that changing the case of the address does not reset the count.
    """
    value = (credentials or {}).get("email") or (credentials or {}).get("login")
    if value is None:
        value = request.POST.get("login")
    return value.strip().lower() if value else None
