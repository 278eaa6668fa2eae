"""Keep an idea's comment count exact when the moderation changes a comment's visibility.

The moderation (pmvt.community) writes the visibility of any registered content without
knowing the ideas' denormalised counters, and has no hook for it: count again when it saves a
comment's visibility. Ideas' own writes never save a comment with update_fields, so they do
not trigger this.
"""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from django_scopes import scopes_disabled

from pmvt.ideas.models import Comment, Idea


@receiver(post_save, sender=Comment, dispatch_uid="ideas_comment_visibility_changed")
def comment_visibility_changed(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if not update_fields or "visibility" not in update_fields:
        return
    from pmvt.ideas.services.ideas import idea_refresh_counts

    with scopes_disabled():
        idea = Idea.objects.get(pk=instance.idea_id)
        idea_refresh_counts(idea=idea)
