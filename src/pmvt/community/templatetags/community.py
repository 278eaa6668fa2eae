"""`{% load community %}`: the "Signaler" link and the moderation notice of a content page."""

from urllib.parse import urlencode

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from pmvt.accounts.access import can_moderate_territory
from pmvt.community.access import can_report_content
from pmvt.community.models import ModeratedContent, Visibility
from pmvt.community.registry import moderated_for
from pmvt.territories.models import Territory

register = template.Library()


def _territory(context: template.Context, content: ModeratedContent) -> Territory:
    """The content's territory, without a query on the pages of that territory."""
    territory = getattr(context.get("request"), "territory", None)
    if territory is not None and territory.pk == content.territory_id:
        return territory
    return content.territory


def _territory_slug(context: template.Context, content: ModeratedContent) -> str:
    return _territory(context, content).slug


def report_url(content: ModeratedContent, *, territory_slug: str) -> str:
    content_type = ContentType.objects.get_for_model(type(content))  # Cached by Django.
    return reverse(
        "community:report",
        kwargs={
            "territory_slug": territory_slug,
            "content_type_id": content_type.pk,
            "object_id": content.pk,
        },
    )


@register.inclusion_tag("community/_report_link.html", takes_context=True)
def report_link(context: template.Context, obj: ModeratedContent) -> dict[str, object]:
    """A "Signaler" link to the report form: not for the author; for an anonymous visitor it
    leads to the login page, which comes back to the form."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or moderated_for(type(obj)) is None:
        return {"url": ""}
    if not can_report_content(user=user, content=obj):
        return {"url": ""}
    url = report_url(obj, territory_slug=_territory_slug(context, obj))
    if not user.is_authenticated:
        url = f"{reverse('account_login')}?{urlencode({'next': url})}"
    return {"url": url}


@register.inclusion_tag("community/_moderation_notice.html", takes_context=True)
def moderation_notice(context: template.Context, obj: ModeratedContent) -> dict[str, object]:
    """For the author and moderators of a content not published: why the public cannot see it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj.visibility == Visibility.PUBLISHED or user is None:
        return {"visibility": ""}
    return {
        "visibility": obj.visibility,
        "label": Visibility(obj.visibility).label,
        "is_moderator": can_moderate_territory(user=user, territory=_territory(context, obj)),
        "queue_url": reverse(
            "community:queue", kwargs={"territory_slug": _territory_slug(context, obj)}
        ),
    }
