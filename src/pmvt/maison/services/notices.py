"""What each side is told at each step of an invitation (in-app notification + e-mail).

Notifications go through pmvt.notifications (kind "maison"), which e-mails them after commit
as each person chose. A team is never told the name of a person with a private profile
before that person accepts.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.maison import selectors
from pmvt.maison.models import Direction, Invitation
from pmvt.maison.presentation import person_name
from pmvt.notifications.services.inbox import notify

KIND = "maison"


def _my_invitations_url(invitation: Invitation) -> str:
    return reverse("maison:invitations", kwargs={"territory_slug": invitation.territory.slug})


def _need_invitations_url(invitation: Invitation) -> str:
    return reverse(
        "maison:need_invitations",
        kwargs={"territory_slug": invitation.territory.slug, "need_id": invitation.need_id},
    )


def _values(invitation: Invitation) -> dict[str, str]:
    return {
        "project": invitation.need.project.title,
        "need": invitation.need.title,
        "asset": invitation.asset.title if invitation.asset else "",
    }


def _recipients_side(invitation: Invitation) -> list[User]:
    """Who answers an invitation: the person, or the asset's owner."""
    if invitation.person is not None:
        return [invitation.person]
    assert invitation.asset is not None
    return [invitation.asset.owner]


def _team(invitation: Invitation, *, but: User | None) -> list[User]:
    return [
        user
        for user in selectors.team_members(invitation.need.project)
        if but is None or user.pk != but.pk
    ]


def _send(invitation: Invitation, users: list[User], *, title: str, body: str, url: str) -> None:
    for user in users:
        notify(
            user=user, territory=invitation.territory, kind=KIND, title=title, body=body, url=url
        )


def tell_invited(invitation: Invitation) -> None:
    values = _values(invitation)
    if invitation.asset is not None:
        title = _("Le projet « %(project)s » aimerait emprunter votre bien « %(asset)s ».") % values
    else:
        title = _("Le projet « %(project)s » vous invite à contribuer : %(need)s.") % values
    body = invitation.message or _(
        "Répondez depuis la page « Mes invitations » : vous êtes libre d'accepter ou de décliner."
    )
    _send(
        invitation,
        _recipients_side(invitation),
        title=title,
        body=body,
        url=_my_invitations_url(invitation),
    )


def tell_offered(invitation: Invitation) -> None:
    values = {**_values(invitation), "name": person_name(invitation.person)}
    _send(
        invitation,
        _team(invitation, but=invitation.person),
        title=_("%(name)s propose son aide au projet « %(project)s » : %(need)s.") % values,
        body=invitation.message,
        url=_need_invitations_url(invitation),
    )


def tell_accepted(invitation: Invitation, *, by: User) -> None:
    values = {**_values(invitation), "name": person_name(invitation.person)}
    if invitation.direction == Direction.PERSON_OFFERS:
        _send(
            invitation,
            [invitation.person] if invitation.person else [],
            title=_("L'équipe du projet « %(project)s » accepte votre aide : %(need)s.") % values,
            body=invitation.answer,
            url=_my_invitations_url(invitation),
        )
        return
    if invitation.asset is not None:
        title = _("Votre demande du bien « %(asset)s » est acceptée : il est réservé.") % values
    else:
        title = _("%(name)s accepte de contribuer au projet « %(project)s » : %(need)s.") % values
    _send(
        invitation,
        _team(invitation, but=by),
        title=title,
        body=invitation.answer,
        url=_need_invitations_url(invitation),
    )


def tell_declined(invitation: Invitation, *, by: User) -> None:
    values = _values(invitation)
    if invitation.direction == Direction.PERSON_OFFERS:
        _send(
            invitation,
            [invitation.person] if invitation.person else [],
            title=_("L'équipe du projet « %(project)s » ne retient pas votre proposition d'aide.")
            % values,
            body=invitation.answer,
            url=_my_invitations_url(invitation),
        )
        return
    if invitation.asset is not None:
        title = _("Le bien « %(asset)s » ne peut pas être prêté au projet.") % values
    else:
        # No name: a person with a private profile stays unknown to the team.
        title = _("Une personne invitée a décliné l'invitation : %(need)s.") % values
    _send(
        invitation,
        _team(invitation, but=by),
        title=title,
        body=invitation.answer,
        url=_need_invitations_url(invitation),
    )


def tell_withdrawn(invitation: Invitation, *, by: User) -> None:
    values = {**_values(invitation), "name": person_name(invitation.person)}
    if invitation.direction == Direction.PERSON_OFFERS:
        _send(
            invitation,
            _team(invitation, but=by),
            title=_("%(name)s retire sa proposition d'aide : %(need)s.") % values,
            body="",
            url=_need_invitations_url(invitation),
        )
        return
    _send(
        invitation,
        _recipients_side(invitation),
        title=_("Le projet « %(project)s » a retiré son invitation : %(need)s.") % values,
        body="",
        url=_my_invitations_url(invitation),
    )


def tell_hours(invitation: Invitation, *, by: User, hours: str) -> None:
    values = {**_values(invitation), "name": person_name(invitation.person), "hours": hours}
    if invitation.person is not None and by.pk != invitation.person_id:
        users = [invitation.person]
        title = _("%(hours)s h de contribution enregistrées pour vous : %(need)s.") % values
        url = _my_invitations_url(invitation)
    else:
        users = [
            u
            for u in _team(invitation, but=by)
            if selectors.is_carrier(user=u, project=invitation.need.project)
        ]
        title = _("%(name)s a donné %(hours)s h au projet « %(project)s ».") % values
        url = _need_invitations_url(invitation)
    _send(invitation, users, title=title, body="", url=url)
