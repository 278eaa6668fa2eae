"""Write news: submit a post, edit it, delete it.

The Markdown text is rendered and sanitised here, once (pmvt.core.markdown), and the summary
is taken from the text when the author leaves it empty. Who signs the post decides whether it
is published at once:

- in the name of the territory (admins) or of a verified actor (its staff): published;
- in one's own name: as the community's publishing rule says (`initial_visibility`: an
  inhabitant's post waits for a moderator when the territory moderates before publication,
  which is the default).

When its author edits a post signed in their own name, the same rule applies again: an
inhabitant's approved post goes back to moderation, so an approved text cannot be swapped for
another. A moderator's correction keeps the post's status and signature.
"""

import html
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from pmvt.accounts.access import can_moderate_territory
from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.community.models import Theme, Visibility
from pmvt.community.services.publishing import initial_visibility
from pmvt.core.exceptions import ApplicationError
from pmvt.core.images import clean_photo
from pmvt.core.markdown import render_markdown
from pmvt.news.access import (
    access_post_delete,
    access_post_edit,
    access_post_submit,
    access_publish_as_actor,
    access_publish_as_territory,
    is_post_author,
)
from pmvt.news.errors import NewsErrorCode
from pmvt.news.models import Post
from pmvt.territories.models import Commune, Territory

MAX_TITLE = 160
MAX_SUMMARY = 300
AUTO_SUMMARY = 220
MAX_BODY = 20000
MAX_ALT = 200
# Words the URLs use after /actualites/.
RESERVED_SLUGS = {"proposer", "mes-actualites", "theme"}


class NewsFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form can show the message beside it."""

    def __init__(
        self, message: object, *, field: str, code: str = NewsErrorCode.INVALID_FIELD
    ) -> None:
        super().__init__(str(message), code=code)
        self.field = field


@dataclass(frozen=True)
class Publisher:
    """Who signs a post: the author (default), a verified actor, or the territory."""

    actor: Actor | None = None
    territory: bool = False


PERSONAL = Publisher()

_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def _one_line(value: object) -> str:
    # Keep the non-breaking spaces of French typography.
    return _SPACES.sub(" ", str(value or "")).strip(" ")


def _text_block(value: object) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def free_slug(*, territory: Territory, title: str) -> str:
    """An address for the post from its title, free in the territory ("fete-du-pain-2")."""
    dashed = "".join("-" if unicodedata.category(c) == "Pd" else c for c in title)
    base = slugify(dashed)[:100].strip("-") or "actualite"
    if base in RESERVED_SLUGS:
        base = f"actualite-{base}"
    taken = set(
        Post.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )


def summary_from_html(body_html: str) -> str:
    """The first words of the rendered text, as plain text."""
    text = _one_line(html.unescape(strip_tags(body_html.replace("</", " </"))))
    return Truncator(text).chars(AUTO_SUMMARY)


def _clean_fields(
    *,
    territory: Territory,
    title: str,
    body: str,
    summary: str,
    themes: Iterable[Theme],
    commune: Commune | None,
) -> tuple[str, str, str, list[Theme]]:
    title = _one_line(title)
    if not title:
        raise NewsFieldError(_("Indiquez le titre de l'actualité."), field="title")
    if len(title) > MAX_TITLE:
        raise NewsFieldError(_("Le titre ne doit pas dépasser 160 caractères."), field="title")
    body = _text_block(body)
    if not body:
        raise NewsFieldError(_("Écrivez le texte de l'actualité."), field="body")
    if len(body) > MAX_BODY:
        raise NewsFieldError(_("Le texte ne doit pas dépasser 20000 caractères."), field="body")
    summary = _one_line(summary)
    if len(summary) > MAX_SUMMARY:
        raise NewsFieldError(_("Le résumé ne doit pas dépasser 300 caractères."), field="summary")
    themes = list(themes)
    if any(theme.territory_id != territory.pk for theme in themes):
        raise NewsFieldError(_("Choisissez des thèmes de ce territoire."), field="themes")
    if commune is not None and commune.territory_id != territory.pk:
        raise NewsFieldError(_("Choisissez une commune de ce territoire."), field="commune")
    return title, body, summary, themes


def _clean_alt(image_alt: str, *, has_image: bool) -> str:
    image_alt = _one_line(image_alt)
    if has_image and not image_alt:
        raise NewsFieldError(
            _("Décrivez l'image en quelques mots, pour les personnes qui ne la voient pas."),
            field="image_alt",
        )
    if len(image_alt) > MAX_ALT:
        raise NewsFieldError(
            _("La description de l'image ne doit pas dépasser 200 caractères."), field="image_alt"
        )
    return image_alt if has_image else ""


def _check_publisher(*, user: User, territory: Territory, publisher: Publisher) -> None:
    if publisher.territory and publisher.actor is not None:
        raise NewsFieldError(
            _(
                "Choisissez un seul nom de publication : le vôtre, celui d'un acteur ou du territoire."
            ),
            field="publisher",
        )
    if publisher.territory:
        access_publish_as_territory(user=user, territory=territory)
    if publisher.actor is not None:
        access_publish_as_actor(user=user, actor=publisher.actor, territory=territory)


def post_initial_visibility(
    *, user: User, territory: Territory, publisher: Publisher
) -> Visibility:
    """Published for the territory's and verified actors' posts; see the module docstring."""
    if publisher.territory or publisher.actor is not None:
        return Visibility.PUBLISHED
    return initial_visibility(user=user, territory=territory)


def _image_data(image: IO[bytes]) -> tuple[bytes, str]:
    try:
        return clean_photo(image)
    except ApplicationError as error:
        raise NewsFieldError(
            error.message, field="image", code=NewsErrorCode.INVALID_IMAGE
        ) from None


def _save_with_image(post: Post, data: tuple[bytes, str] | None) -> None:
    """Save the post; a new image file is removed again if the row is not written."""
    if data is None:
        post.save()
        return
    content, extension = data
    post.image.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(content), save=False)
    name, storage = post.image.name, post.image.storage
    try:
        post.save()
    except Exception:
        storage.delete(name)
        raise


@transaction.atomic
def post_create(
    *,
    territory: Territory,
    author: User,
    title: str,
    body: str,
    summary: str = "",
    themes: Iterable[Theme] = (),
    commune: Commune | None = None,
    image: IO[bytes] | None = None,
    image_alt: str = "",
    publisher: Publisher = PERSONAL,
) -> Post:
    access_post_submit(user=author, territory=territory)
    _check_publisher(user=author, territory=territory, publisher=publisher)
    title, body, summary, theme_list = _clean_fields(
        territory=territory,
        title=title,
        body=body,
        summary=summary,
        themes=themes,
        commune=commune,
    )
    image_alt = _clean_alt(image_alt, has_image=image is not None)
    data = _image_data(image) if image is not None else None
    body_html = str(render_markdown(body))
    post = Post(
        territory=territory,
        author=author,
        commune=commune,
        title=title,
        body=body,
        body_html=body_html,
        summary=summary or summary_from_html(body_html),
        image_alt=image_alt,
        actor=publisher.actor,
        by_territory=publisher.territory,
        visibility=post_initial_visibility(user=author, territory=territory, publisher=publisher),
    )
    post.slug = free_slug(territory=territory, title=title)
    try:
        with transaction.atomic():
            _save_with_image(post, data)
    except IntegrityError:
        raise ApplicationError(
            _("Une actualité du même titre vient d'être publiée. Réessayez."),
            code=NewsErrorCode.INVALID_FIELD,
        ) from None
    post.themes.set(theme_list)
    return post


@transaction.atomic
def post_update(
    *,
    post: Post,
    by: User,
    title: str,
    body: str,
    summary: str = "",
    themes: Iterable[Theme] = (),
    commune: Commune | None = None,
    image: IO[bytes] | None = None,
    image_alt: str = "",
    remove_image: bool = False,
    publisher: Publisher | None = None,
) -> Post:
    """Change a post. `publisher=None` keeps who signs it (a moderator editing a post)."""
    access_post_edit(user=by, post=post)
    territory = post.territory
    if publisher is not None:
        _check_publisher(user=by, territory=territory, publisher=publisher)
    title, body, summary, theme_list = _clean_fields(
        territory=territory,
        title=title,
        body=body,
        summary=summary,
        themes=themes,
        commune=commune,
    )
    keeps_image = bool(post.image) and not remove_image
    image_alt = _clean_alt(image_alt, has_image=image is not None or keeps_image)
    data = _image_data(image) if image is not None else None
    old_image = post.image.name if post.image and (image is not None or remove_image) else ""
    storage = post.image.storage

    post.title, post.body, post.commune, post.image_alt = title, body, commune, image_alt
    post.body_html = str(render_markdown(body))
    post.summary = summary or summary_from_html(post.body_html)
    if publisher is not None:
        post.actor, post.by_territory = publisher.actor, publisher.territory
    if remove_image and image is None:
        post.image = ""
    editor_moderates = can_moderate_territory(user=by, territory=territory)
    if (
        post.visibility in (Visibility.PUBLISHED, Visibility.PENDING)
        and is_post_author(user=by, post=post)
        and not editor_moderates
    ):
        post.visibility = post_initial_visibility(
            user=by,
            territory=territory,
            publisher=Publisher(actor=post.actor, territory=post.by_territory),
        )
    _save_with_image(post, data)
    post.themes.set(theme_list)
    if old_image:
        transaction.on_commit(lambda: storage.delete(old_image))
    return post


@transaction.atomic
def post_delete(*, post: Post, by: User) -> None:
    access_post_delete(user=by, post=post)
    name = post.image.name if post.image else ""
    storage = post.image.storage
    post.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
