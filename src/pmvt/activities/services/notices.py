"""What the people registered are told: confirmation, a freed seat, a cancelled session, the
reminder of the day before.

Emails leave after commit (email_on_commit); in-app notifications go through
pmvt.notifications (kind "activities"), which emails them as each person chose.
"""

from django.utils.translation import gettext as _

from pmvt.activities.models import Registration, Session
from pmvt.agenda.formatting import when_fr
from pmvt.core.email import email_on_commit
from pmvt.core.seats import SeatStatus
from pmvt.core.templatetags.pmvt_format import euros_text
from pmvt.notifications.links import absolute_url
from pmvt.notifications.services.inbox import notify

KIND = "activities"


def _values(session: Session, registration: Registration) -> dict[str, str]:
    activity = session.activity
    return {
        "title": activity.title,
        "when": when_fr(session.starts_at, session.ends_at),
        "place": activity.location,
        "organiser": activity.organiser_display,
        "price": _("gratuit") if activity.is_free else euros_text(activity.price),
        "who": registration.participant,
        "url": absolute_url(activity.get_absolute_url()),
    }


def tell_registered(*, registration: Registration, session: Session) -> None:
    values = _values(session, registration)
    if registration.status == SeatStatus.CONFIRMED:
        subject = _("Inscription confirmée : %(title)s") % values
        body = (
            _(
                "Bonjour,\n\nL'inscription de %(who)s à « %(title)s » est confirmée.\n\n"
                "Date : %(when)s\nLieu : %(place)s\nTarif : %(price)s\nOrganisation : "
                "%(organiser)s\n\nUn rappel vous sera envoyé la veille. En cas d'empêchement, "
                "annulez l'inscription depuis la page de l'activité : la place ira à une autre "
                "personne.\n%(url)s\n"
            )
            % values
        )
        title = _("Inscription confirmée à « %(title)s » pour %(who)s.") % values
    else:
        subject = _("Liste d'attente : %(title)s") % values
        body = (
            _(
                "Bonjour,\n\nLa séance du %(when)s de « %(title)s » est complète : %(who)s est sur "
                "la liste d'attente. Si une place se libère, elle sera attribuée et vous serez "
                "prévenu.\n\nLieu : %(place)s\n%(url)s\n"
            )
            % values
        )
        title = _("%(who)s est sur la liste d'attente de « %(title)s ».") % values
    email_on_commit(subject=subject, body=body, to=[registration.user.email])
    # The email above is the confirmation: the inbox only keeps a trace of it.
    notify(
        user=registration.user,
        territory=session.territory,
        kind=KIND,
        title=title,
        body=values["when"],
        url=session.activity.get_absolute_url(),
        email=False,
    )


def tell_promoted(*, registration: Registration, session: Session) -> None:
    values = _values(session, registration)
    notify(
        user=registration.user,
        territory=session.territory,
        kind=KIND,
        title=_("Une place s'est libérée : %(who)s est inscrit à « %(title)s ».") % values,
        body=_("L'inscription pour le %(when)s est confirmée.") % values,
        url=session.activity.get_absolute_url(),
    )


def tell_session_cancelled(*, registration: Registration, session: Session) -> None:
    values = _values(session, registration)
    notify(
        user=registration.user,
        territory=session.territory,
        kind=KIND,
        title=_("La séance du %(when)s de « %(title)s » est annulée.") % values,
        body=_("L'organisation a annulé cette séance : l'inscription de %(who)s est annulée.")
        % values,
        url=session.activity.get_absolute_url(),
    )


def send_reminder(*, registration: Registration, session: Session) -> None:
    values = _values(session, registration)
    email_on_commit(
        subject=_("Rappel : demain, %(title)s") % values,
        body=_(
            "Bonjour,\n\nPetit rappel : %(who)s est inscrit demain à « %(title)s ».\n\n"
            "Date : %(when)s\nLieu : %(place)s\nOrganisation : %(organiser)s\n\n"
            "En cas d'empêchement, annulez l'inscription pour laisser la place à une autre "
            "personne.\n%(url)s\n"
        )
        % values,
        to=[registration.user.email],
    )
