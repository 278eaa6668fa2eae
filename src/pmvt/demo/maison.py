"""Demo invitations of the Maison de création de valeur (pmvt.maison) on the demo projects.

Runs after the skills, assets and projects demo steps, and builds on what they left: for the
open needs of the demo projects, the matching engine's suggestions are followed as a team
would, through the services:

- on the first people need, the best suggestion is invited and has not answered yet;
- the demo inhabitant (habitant@demo.pmvt.fr) is invited to the first people need of a
  project they are not in, so that the browser walk can accept an invitation;
- on the next people need, the best suggestion accepted and gave hours twice (recorded);
- on the next one, the best suggestion declined, with a kind word;
- on the first asset need that can be met, the best free asset was invited and its manager
  accepted: the asset is booked for the need's dates (a need longer than a booking may last,
  or an asset its manager cannot lend, is skipped).

Deterministic given the earlier steps, and idempotent: nothing is done when the territory
already has invitations.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pmvt.accounts.models import User
from pmvt.core.exceptions import ApplicationError
from pmvt.maison import matching, selectors
from pmvt.maison.models import Invitation
from pmvt.maison.services.invitations import (
    contribution_hours_record,
    invitation_accept,
    invitation_decline,
    invitation_send,
)
from pmvt.projects.models import MemberRole, Need, NeedKind, ProjectMember
from pmvt.territories.models import Territory

INHABITANT_EMAIL = "habitant@demo.pmvt.fr"
MESSAGES = [
    "Bonjour ! Votre profil correspond bien à ce que nous cherchons. Seriez-vous partant pour "
    "nous donner un coup de main ? Nous nous retrouvons le mardi soir à la salle des fêtes.",
    "Bonjour, nous avons vu que vous connaissiez bien le sujet : votre aide nous serait "
    "précieuse, même quelques heures par mois.",
    "Bonjour, auriez-vous un peu de temps pour nous aider ce printemps ?",
]


def _carrier(need: Need) -> User | None:
    member = (
        ProjectMember.objects.filter(project=need.project, role=MemberRole.CARRIER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return member.user if member else None


def _invite_best(need: Need, by: User, message: str) -> Invitation | None:
    suggestions = matching.suggest_people(need=need, limit=1)
    if not suggestions:
        return None
    try:
        return invitation_send(
            need=need,
            by=by,
            person=suggestions[0].person,
            message=message,
            suggestion=suggestions[0],
        )
    except ApplicationError:
        return None


def _invite_inhabitant(needs: list[Need]) -> None:
    """Invite the demo inhabitant to the first need of a project they are not in."""
    inhabitant = User.objects.filter(email=INHABITANT_EMAIL).first()
    if inhabitant is None:
        return
    for need in needs:
        carrier = _carrier(need)
        if carrier is None or selectors.is_team_member(user=inhabitant, project=need.project):
            continue
        try:
            invitation_send(
                need=need,
                by=carrier,
                person=inhabitant,
                message="Bonjour Jean ! On nous a dit que vous aviez un peu de temps libre : "
                "venez nous rencontrer, sans engagement.",
            )
        except ApplicationError:
            continue
        return


def _lend_an_asset(needs: list[Need]) -> None:
    """The best free asset of the first asset need that can be booked is lent to the project."""
    for need in needs:
        carrier = _carrier(need)
        if carrier is None:
            continue
        for suggestion in matching.suggest_assets(need=need, limit=3):
            asset = suggestion.asset
            if asset is None:
                continue
            try:
                with transaction.atomic():
                    invitation = invitation_send(
                        need=need,
                        by=carrier,
                        asset=asset,
                        message="Bonjour, votre bien conviendrait parfaitement à notre projet.",
                        suggestion=suggestion,
                    )
                    invitation_accept(invitation=invitation, by=asset.owner, answer="Avec plaisir.")
            except ApplicationError:
                continue
            return


def load_maison(territory: Territory) -> None:
    if Invitation.objects.filter(territory=territory).exists():
        return
    needs = list(selectors.open_needs(territory=territory))
    needs.sort(key=lambda n: n.pk)  # Oldest first: a stable choice.
    people_needs = [n for n in needs if n.kind in matching.PEOPLE_KINDS]
    asset_needs = [n for n in needs if n.kind == NeedKind.ASSET]
    today = timezone.localdate()

    for step, need in enumerate(people_needs[:3]):
        carrier = _carrier(need)
        if carrier is None:
            continue
        invitation = _invite_best(need, carrier, MESSAGES[step])
        if step == 0:
            continue
        if invitation is None or invitation.person is None:
            continue
        if step == 1:
            invitation_accept(
                invitation=invitation, by=invitation.person, answer="Avec plaisir, à mardi !"
            )
            for days, hours, note in (
                (12, Decimal("3"), "Première séance"),
                (5, Decimal("2.5"), ""),
            ):
                contribution_hours_record(
                    invitation=invitation,
                    by=invitation.person,
                    given_on=today - timedelta(days=days),
                    hours=hours,
                    note=note,
                )
        else:
            invitation_decline(
                invitation=invitation,
                by=invitation.person,
                answer="Merci d'avoir pensé à moi, mais je suis déjà bien pris ce trimestre.",
            )

    _invite_inhabitant(people_needs)

    _lend_an_asset(asset_needs)
