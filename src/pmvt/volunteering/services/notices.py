"""What the volunteers are told: confirmation, a freed place, a cancelled date, the reminder.

Emails leave after commit (email_on_commit); in-app notifications go through
pmvt.notifications (kind "volunteering"), which emails them as each person chose.
"""

from django.utils.translation import gettext as _

from pmvt.agenda.formatting import when_fr
from pmvt.core.email import email_on_commit
from pmvt.core.seats import SeatStatus
from pmvt.notifications.links import absolute_url
from pmvt.notifications.services.inbox import notify
from pmvt.volunteering.models import Session, Signup

KIND = "volunteering"


def _values(session: Session) -> dict[str, str]:
    mission = session.mission
    return {
        "title": mission.title,
        "when": when_fr(session.starts_at, session.ends_at),
        "place": mission.location,
        "organiser": mission.organiser_display,
        "url": absolute_url(mission.get_absolute_url()),
    }


def tell_signed_up(*, signup: Signup, session: Session) -> None:
    values = _values(session)
    if signup.status == SeatStatus.CONFIRMED:
        subject = _("Inscription confirmée : %(title)s") % values
        body = (
            _(
                "Bonjour,\n\nMerci ! Votre inscription à la mission « %(title)s » est confirmée.\n\n"
                "Date : %(when)s\nLieu : %(place)s\nOrganisation : %(organiser)s\n\n"
                "Un rappel vous sera envoyé la veille. Si vous ne pouvez plus venir, annulez votre "
                "inscription depuis la page de la mission : votre place ira à une autre personne.\n"
                "%(url)s\n"
            )
            % values
        )
        title = _("Vous êtes inscrit à la mission « %(title)s ».") % values
    else:
        subject = _("Liste d'attente : %(title)s") % values
        body = (
            _(
                "Bonjour,\n\nLa date du %(when)s de la mission « %(title)s » est complète : vous "
                "êtes sur la liste d'attente. Si une place se libère, elle vous sera attribuée et "
                "vous serez prévenu.\n\nLieu : %(place)s\n%(url)s\n"
            )
            % values
        )
        title = _("Vous êtes sur la liste d'attente de la mission « %(title)s ».") % values
    email_on_commit(subject=subject, body=body, to=[signup.user.email])
    # The email above is the confirmation: the inbox only keeps a trace of it.
    notify(
        user=signup.user,
        territory=session.territory,
        kind=KIND,
        title=title,
        body=values["when"],
        url=session.mission.get_absolute_url(),
        email=False,
    )


def tell_promoted(*, signup: Signup, session: Session) -> None:
    values = _values(session)
    notify(
        user=signup.user,
        territory=session.territory,
        kind=KIND,
        title=_("Une place s'est libérée : vous êtes inscrit à la mission « %(title)s ».") % values,
        body=_("Votre inscription pour le %(when)s est confirmée.") % values,
        url=session.mission.get_absolute_url(),
    )


def tell_session_cancelled(*, signup: Signup, session: Session) -> None:
    values = _values(session)
    notify(
        user=signup.user,
        territory=session.territory,
        kind=KIND,
        title=_("La date du %(when)s de la mission « %(title)s » est annulée.") % values,
        body=_("L'organisation a annulé cette date : votre inscription est annulée."),
        url=session.mission.get_absolute_url(),
    )


def send_reminder(*, signup: Signup, session: Session) -> None:
    values = _values(session)
    email_on_commit(
        subject=_("Rappel : demain, %(title)s") % values,
        body=_(
            "Bonjour,\n\nPetit rappel : vous êtes inscrit demain à la mission « %(title)s ».\n\n"
            "Date : %(when)s\nLieu : %(place)s\nOrganisation : %(organiser)s\n\n"
            "Si vous ne pouvez plus venir, annulez votre inscription pour laisser la place à "
            "une autre personne.\n%(url)s\n"
        )
        % values,
        to=[signup.user.email],
    )
