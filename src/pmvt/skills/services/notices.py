"""What people are told about contact requests.

The person contacted gets an in-app notification (emailed as they chose, kind "skills"); the
sender's e-mail address is never in it. When the person accepts, the sender receives the
person's address by e-mail (after commit) and sees it on "Mes demandes envoyées".
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.core.email import email_on_commit
from pmvt.notifications.links import absolute_url
from pmvt.notifications.services.inbox import notify
from pmvt.skills.models import ContactRequest

KIND = "skills"


def person_name(user: User) -> str:
    """How a person is named to another: never their e-mail address."""
    return user.display_name or _("Un membre du territoire")


def _url(request: ContactRequest, name: str) -> str:
    return reverse(f"skills:{name}", kwargs={"territory_slug": request.territory.slug})


def tell_request_received(*, request: ContactRequest) -> None:
    values = {"sender": person_name(request.sender), "message": request.message}
    notify(
        user=request.profile.user,
        territory=request.territory,
        kind=KIND,
        title=_("%(sender)s souhaite vous contacter au sujet de vos compétences.") % values,
        body=_(
            "Message : %(message)s\n\nVotre adresse n'est pas transmise : acceptez la demande "
            "pour la partager avec cette personne, ou déclinez-la."
        )
        % values,
        url=_url(request, "requests"),
    )


def tell_request_accepted(*, request: ContactRequest) -> None:
    person = request.profile.user
    values = {
        "person": request.profile.display_name,
        "email": person.email,
        "answer": request.answer or _("(pas de message)"),
        "url": absolute_url(_url(request, "sent")),
    }
    email_on_commit(
        subject=_("%(person)s accepte votre demande de contact") % values,
        body=_(
            "Bonjour,\n\n%(person)s accepte votre demande de contact et vous transmet son adresse "
            ": %(email)s\n\nSa réponse : %(answer)s\n\nRetrouvez vos demandes sur la plateforme "
            ":\n%(url)s\n"
        )
        % values,
        to=[request.sender.email],
        reply_to=[person.email],
    )
    # The e-mail above carries the address: the inbox keeps a trace without emailing again.
    notify(
        user=request.sender,
        territory=request.territory,
        kind=KIND,
        title=_("%(person)s accepte votre demande de contact.") % values,
        body=_("Son adresse est affichée sur la page de vos demandes envoyées."),
        url=_url(request, "sent"),
        email=False,
    )


def tell_request_declined(*, request: ContactRequest) -> None:
    values = {"person": request.profile.display_name}
    body = _("Sa réponse : %(answer)s") % {"answer": request.answer} if request.answer else ""
    notify(
        user=request.sender,
        territory=request.territory,
        kind=KIND,
        title=_("%(person)s décline votre demande de contact.") % values,
        body=body,
        url=_url(request, "sent"),
    )
