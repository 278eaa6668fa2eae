"""Share a link or a document with the club's members; pin or remove it.

Documents are checked by their content (pmvt.clubs.documents), stored under a random name
outside the public media and served only to those who may read the club.
"""

import uuid
from typing import IO
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.clubs.access import (
    access_club_manage,
    access_club_post,
    access_resource_remove,
    can_manage_club,
)
from pmvt.clubs.documents import check_document
from pmvt.clubs.models import Club, Resource
from pmvt.clubs.services._common import ClubFieldError, one_line, text_block
from pmvt.core.exceptions import PermissionDeniedError


def _clean_url(url: str) -> str:
    url = str(url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        raise ClubFieldError(
            _("Indiquez une adresse web complète, qui commence par https:// ou http://."),
            field="url",
        )
    return url


@transaction.atomic
def resource_add(
    *,
    club: Club,
    by: User,
    title: str,
    url: str = "",
    document: IO[bytes] | None = None,
    description: str = "",
    pinned: bool = False,
) -> Resource:
    access_club_post(user=by, club=club)
    if pinned and not can_manage_club(user=by, club=club):
        raise PermissionDeniedError(_("Seuls les modérateurs du club épinglent une ressource."))
    title = one_line(title)
    if not title or len(title) > 200:
        raise ClubFieldError(
            _("Indiquez le titre de la ressource (200 caractères au plus)."), field="title"
        )
    url = _clean_url(url)
    if url and document is not None:
        raise ClubFieldError(
            _("Partagez soit un lien, soit un document, pas les deux à la fois."), field="url"
        )
    if not url and document is None:
        raise ClubFieldError(_("Indiquez un lien ou choisissez un document."), field="url")
    description = text_block(description)
    if len(description) > 1000:
        raise ClubFieldError(
            _("La description ne doit pas dépasser 1000 caractères."), field="description"
        )
    resource = Resource(
        territory=club.territory,
        club=club,
        title=title,
        url=url,
        description=description,
        pinned=bool(pinned),
        added_by=by,
    )
    if document is None:
        resource.save()
        return resource
    checked = check_document(document)
    resource.document_type = checked.document_type
    resource.document_size = len(checked.data)
    resource.document.save(
        f"{uuid.uuid4().hex}.{checked.document_type.value}", ContentFile(checked.data), save=False
    )
    # The file is written before the row: remove it if the row is not written.
    name, storage = resource.document.name, resource.document.storage
    try:
        resource.save()
    except Exception:
        storage.delete(name)
        raise
    return resource


@transaction.atomic
def resource_remove(*, resource: Resource, by: User) -> None:
    access_resource_remove(user=by, resource=resource)
    name = resource.document.name if resource.document else ""
    storage = resource.document.storage
    resource.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def resource_set_pinned(*, resource: Resource, by: User, pinned: bool) -> Resource:
    access_club_manage(user=by, club=resource.club)
    if resource.pinned != bool(pinned):
        resource.pinned = bool(pinned)
        resource.save(update_fields=["pinned"])
    return resource
