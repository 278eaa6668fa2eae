"""Writes on what an actor tells to find its aids (its headcount)."""

from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.aids.access import access_aid_profile_as_editor
from pmvt.aids.models import ActorAidProfile, HeadcountRange
from pmvt.aids.services.aids import AidFieldError


@transaction.atomic
def actor_aid_profile_set(*, actor: Actor, by: User, headcount_range: str) -> ActorAidProfile:
    """Record the actor's headcount range ("" = not told)."""
    access_aid_profile_as_editor(user=by, actor=actor)
    if headcount_range not in ["", *HeadcountRange.values]:
        raise AidFieldError(_("Choisissez une tranche d'effectif de la liste."), field="effectif")
    profile, _created = ActorAidProfile.objects.select_for_update().get_or_create(
        actor=actor, defaults={"headcount_range": headcount_range}
    )
    if profile.headcount_range != headcount_range:
        profile.headcount_range = headcount_range
        profile.save(update_fields=["headcount_range", "updated_at"])
    return profile
