"""Write the territory's community settings (report threshold, moderation before publication)."""

from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.access import AnyUser
from pmvt.community.access import access_community_settings
from pmvt.community.errors import CommunityErrorCode
from pmvt.community.models import CommunitySettings
from pmvt.community.selectors import community_settings_of
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Territory

MAX_THRESHOLD = 50


@transaction.atomic
def community_settings_update(
    *, by: AnyUser, territory: Territory, report_threshold: int, moderate_before_publication: bool
) -> CommunitySettings:
    access_community_settings(user=by, territory=territory)
    if not 1 <= report_threshold <= MAX_THRESHOLD:
        raise ApplicationError(
            _("Le seuil doit être compris entre 1 et 50 signalements."),
            code=CommunityErrorCode.INVALID_SETTING,
        )
    current = community_settings_of(territory)
    settings = CommunitySettings.objects.select_for_update().get(pk=current.pk)
    settings.report_threshold = report_threshold
    settings.moderate_before_publication = moderate_before_publication
    settings.save(update_fields=["report_threshold", "moderate_before_publication", "updated_at"])
    territory.__dict__["_pmvt_community_settings"] = settings
    return settings
