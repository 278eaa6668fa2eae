"""What the participants are told: a new phase of their workshop opened.

In-app notifications go through pmvt.notifications (kind "workshops"), which emails them as
each person chose (instantly by default), after commit.
"""

from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.notifications.services.inbox import notify
from pmvt.workshops.models import Participant, Phase, Workshop

KIND = "workshops"


def _phase_text(workshop: Workshop) -> tuple[str, str]:
    values = {"title": workshop.title}
    if workshop.phase == Phase.CONTRIBUTIONS:
        return (
            _("L'atelier « %(title)s » est ouvert : à vos contributions !") % values,
            _("Partagez vos idées en quelques phrases ; chacun voit celles des autres."),
        )
    if workshop.phase == Phase.CLUSTERING:
        return (
            _("Atelier « %(title)s » : les contributions sont regroupées en thèmes.") % values,
            _("Vous pouvez proposer un thème pour une contribution."),
        )
    if workshop.phase == Phase.VOTING:
        return (
            _("Atelier « %(title)s » : le vote par gommettes est ouvert.") % values,
            _("Répartissez vos %(dots)s gommettes sur les thèmes qui vous semblent prioritaires.")
            % {"dots": workshop.dots_per_participant},
        )
    return (
        _("Atelier « %(title)s » : le plan d'action est en ligne.") % values,
        _("Découvrez les résultats du vote et les actions retenues."),
    )


def tell_phase_opened(*, workshop: Workshop, by: User) -> None:
    """Notify every participant (but the person who moved the phase) of the new phase."""
    title, body = _phase_text(workshop)
    participants = (
        Participant.objects.filter(workshop=workshop)
        .exclude(user=by)
        .select_related("user")
        .order_by("pk")
    )
    for participant in participants:
        notify(
            user=participant.user,
            territory=workshop.territory,
            kind=KIND,
            title=title,
            body=body,
            url=workshop.get_absolute_url(),
        )
