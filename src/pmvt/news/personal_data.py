"""The news' share of "download my data" and "delete my account".

Exported: the posts the member wrote. On erasure the posts in the member's own name go (with
their images); posts signed by an actor or the territory stay, without the link to the account.
"""

from functools import partial
from typing import Any

from django.db import transaction

from pmvt.accounts.models import User
from pmvt.news.models import Post


def export_news_data(user: User) -> dict[str, list[dict[str, Any]]]:
    posts = Post.objects.filter(author=user).select_related("territory", "actor")
    return {
        "posts": [
            {
                "territory": post.territory.name,
                "title": post.title,
                "summary": post.summary,
                "body": post.body,
                "signed_by": post.publisher_name,
                "visibility": post.visibility,
                "created_at": post.created_at.isoformat(),
                "published_at": post.published_at.isoformat() if post.published_at else None,
            }
            for post in posts.order_by("created_at", "pk")
        ]
    }


def erase_news_data(user: User) -> None:
    own = Post.objects.filter(author=user, actor__isnull=True, by_territory=False)
    images = [(post.image.storage, post.image.name) for post in own if post.image]
    own.delete()
    Post.objects.filter(author=user).update(author=None)
    for storage, name in images:
        transaction.on_commit(partial(storage.delete, name))
