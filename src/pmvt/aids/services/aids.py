"""Writes on aid schemes and their documents (territory admins)."""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.actors.identifiers import naf_sections
from pmvt.actors.models import ActorKind, CaplaFamily
from pmvt.aids.access import access_aids_as_admin
from pmvt.aids.documents import document_format
from pmvt.aids.errors import AidErrorCode
from pmvt.aids.models import AidDocument, AidKind, AidScheme, FunderKind, HeadcountRange
from pmvt.community.models import Theme
from pmvt.core.exceptions import ApplicationError
from pmvt.territories.models import Commune, Territory

# Slugs the URLs use after /valeurs/aides/ and /gestion/aides/.
RESERVED_SLUGS = {"nouvelle", "annonces", "mon-entreprise"}
MAX_AMOUNT = Decimal("9999999999.99")
MAX_DOCUMENTS = 20


class AidFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form can show the message beside it."""

    def __init__(self, message: Any, *, field: str, code: str = AidErrorCode.INVALID_FIELD) -> None:
        super().__init__(message, code=code)
        self.field = field


def one_line(value: object) -> str:
    """The text on one line, runs of spaces collapsed; no-break spaces (French typography) kept."""
    return re.sub(r"[^\S\u00a0\u202f]+", " ", str(value or "")).strip()


def _text(value: object, *, field: str, limit: int, required: bool, message: str) -> str:
    text = one_line(value)
    if (required and not text) or len(text) > limit:
        raise AidFieldError(message, field=field)
    return text


def _amount(value: object, *, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
        raise AidFieldError(
            _("Indiquez un montant en euros, positif, par exemple 5000 ou 1500,50."), field=field
        )
    return amount.quantize(Decimal("0.01"))


def _codes(values: Iterable[str], *, allowed: list[str], field: str, message: str) -> list[str]:
    """The chosen codes, in the canonical order of `allowed`, each once."""
    chosen = {str(value) for value in values}
    if not chosen <= set(allowed):
        raise AidFieldError(message, field=field)
    return [code for code in allowed if code in chosen]


def _url(value: str, *, field: str) -> str:
    url = str(value or "").strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise AidFieldError(
            _("Indiquez une adresse web complète, commençant par https://."), field=field
        ) from None
    if len(url) > 500:
        raise AidFieldError(_("L'adresse web ne doit pas dépasser 500 caractères."), field=field)
    return url


def _clean_aid(*, territory: Territory, values: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {
        "title": _text(
            values.get("title"),
            field="title",
            limit=200,
            required=True,
            message=_("Indiquez l'intitulé de l'aide (200 caractères au plus)."),
        ),
        "funder_name": _text(
            values.get("funder_name"),
            field="funder_name",
            limit=200,
            required=True,
            message=_("Indiquez l'organisme qui finance l'aide (200 caractères au plus)."),
        ),
        "summary": _text(
            values.get("summary"),
            field="summary",
            limit=300,
            required=True,
            message=_("Résumez l'aide en une phrase (300 caractères au plus)."),
        ),
        "rate_text": _text(
            values.get("rate_text"),
            field="rate_text",
            limit=200,
            required=False,
            message=_("Le taux ou les modalités ne doivent pas dépasser 200 caractères."),
        ),
    }
    if values.get("funder_kind") not in FunderKind.values:
        raise AidFieldError(_("Choisissez le type d'organisme qui finance."), field="funder_kind")
    cleaned["funder_kind"] = values["funder_kind"]
    if values.get("kind") not in AidKind.values:
        raise AidFieldError(_("Choisissez la nature de l'aide."), field="kind")
    cleaned["kind"] = values["kind"]
    description = str(values.get("description") or "").strip()
    if len(description) > 20000:
        raise AidFieldError(
            _("La description ne doit pas dépasser 20000 caractères."), field="description"
        )
    cleaned["description"] = description
    contact = str(values.get("contact") or "").strip()
    if len(contact) > 1000:
        raise AidFieldError(_("Le contact ne doit pas dépasser 1000 caractères."), field="contact")
    cleaned["contact"] = contact
    cleaned["amount_min"] = _amount(values.get("amount_min"), field="amount_min")
    cleaned["amount_max"] = _amount(values.get("amount_max"), field="amount_max")
    if (
        cleaned["amount_min"] is not None
        and cleaned["amount_max"] is not None
        and cleaned["amount_min"] > cleaned["amount_max"]
    ):
        raise AidFieldError(
            _("Le montant maximum doit être supérieur ou égal au montant minimum."),
            field="amount_max",
        )
    cleaned["eligible_actor_kinds"] = _codes(
        values.get("eligible_actor_kinds") or (),
        allowed=list(ActorKind.values),
        field="eligible_actor_kinds",
        message=_("Choisissez des types d'acteurs de la liste."),
    )
    cleaned["eligible_capla_families"] = _codes(
        values.get("eligible_capla_families") or (),
        allowed=list(CaplaFamily.values),
        field="eligible_capla_families",
        message=_("Choisissez des familles de la liste."),
    )
    cleaned["eligible_naf_sections"] = _codes(
        values.get("eligible_naf_sections") or (),
        allowed=[section.code for section in naf_sections()],
        field="eligible_naf_sections",
        message=_("Choisissez des sections NAF de la liste (lettres A à U)."),
    )
    cleaned["eligible_headcounts"] = _codes(
        values.get("eligible_headcounts") or (),
        allowed=list(HeadcountRange.values),
        field="eligible_headcounts",
        message=_("Choisissez des tranches d'effectif de la liste."),
    )
    communes = list(values.get("eligible_communes") or ())
    if any(
        not isinstance(commune, Commune) or commune.territory_id != territory.pk
        for commune in communes
    ):
        raise AidFieldError(_("Choisissez des communes du territoire."), field="eligible_communes")
    cleaned["eligible_communes"] = communes
    themes = list(values.get("themes") or ())
    if any(not isinstance(theme, Theme) or theme.territory_id != territory.pk for theme in themes):
        raise AidFieldError(_("Choisissez des thèmes du territoire."), field="themes")
    cleaned["themes"] = themes
    opens_at, deadline = values.get("opens_at"), values.get("deadline")
    for name, day in (("opens_at", opens_at), ("deadline", deadline)):
        if day is not None and not isinstance(day, date):
            raise AidFieldError(_("Indiquez une date valable."), field=name)
    if opens_at is not None and deadline is not None and deadline < opens_at:
        raise AidFieldError(
            _("La date limite doit être après l'ouverture des demandes."), field="deadline"
        )
    cleaned["opens_at"], cleaned["deadline"] = opens_at, deadline
    cleaned["link"] = _url(values.get("link") or "", field="link")
    return cleaned


def _free_slug(*, territory: Territory, title: str) -> str:
    base = slugify(title)[:100].strip("-") or "aide"
    if base in RESERVED_SLUGS:
        base = f"aide-{base}"
    taken = set(
        AidScheme.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )


AID_FIELDS = (
    "title",
    "funder_name",
    "funder_kind",
    "summary",
    "description",
    "kind",
    "amount_min",
    "amount_max",
    "rate_text",
    "eligible_actor_kinds",
    "eligible_capla_families",
    "eligible_naf_sections",
    "eligible_headcounts",
    "opens_at",
    "deadline",
    "link",
    "contact",
)


@transaction.atomic
def aid_create(
    *,
    territory: Territory,
    by: User,
    title: str,
    funder_name: str,
    funder_kind: str,
    summary: str,
    kind: str,
    description: str = "",
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    rate_text: str = "",
    eligible_actor_kinds: Iterable[str] = (),
    eligible_capla_families: Iterable[str] = (),
    eligible_naf_sections: Iterable[str] = (),
    eligible_headcounts: Iterable[str] = (),
    eligible_communes: Iterable[Commune] = (),
    opens_at: date | None = None,
    deadline: date | None = None,
    link: str = "",
    contact: str = "",
    themes: Iterable[Theme] = (),
    is_published: bool = False,
) -> AidScheme:
    """Add an aid scheme; unpublished (a draft) unless `is_published`."""
    access_aids_as_admin(user=by, territory=territory)
    values: dict[str, Any] = {
        "title": title,
        "funder_name": funder_name,
        "funder_kind": funder_kind,
        "summary": summary,
        "kind": kind,
        "description": description,
        "amount_min": amount_min,
        "amount_max": amount_max,
        "rate_text": rate_text,
        "eligible_actor_kinds": eligible_actor_kinds,
        "eligible_capla_families": eligible_capla_families,
        "eligible_naf_sections": eligible_naf_sections,
        "eligible_headcounts": eligible_headcounts,
        "eligible_communes": eligible_communes,
        "opens_at": opens_at,
        "deadline": deadline,
        "link": link,
        "contact": contact,
        "themes": themes,
    }
    cleaned = _clean_aid(territory=territory, values=values)
    communes, themes_list = cleaned.pop("eligible_communes"), cleaned.pop("themes")
    aid = AidScheme(territory=territory, created_by=by, is_published=bool(is_published), **cleaned)
    aid.slug = _free_slug(territory=territory, title=cleaned["title"])
    try:
        with transaction.atomic():
            aid.save()
    except IntegrityError:
        raise ApplicationError(
            _("Une aide du même intitulé vient d'être créée. Réessayez."),
            code=AidErrorCode.SLUG_TAKEN,
        ) from None
    aid.eligible_communes.set(communes)
    aid.themes.set(themes_list)
    return aid


@transaction.atomic
def aid_update(
    *,
    aid: AidScheme,
    by: User,
    title: str,
    funder_name: str,
    funder_kind: str,
    summary: str,
    kind: str,
    description: str = "",
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    rate_text: str = "",
    eligible_actor_kinds: Iterable[str] = (),
    eligible_capla_families: Iterable[str] = (),
    eligible_naf_sections: Iterable[str] = (),
    eligible_headcounts: Iterable[str] = (),
    eligible_communes: Iterable[Commune] = (),
    opens_at: date | None = None,
    deadline: date | None = None,
    link: str = "",
    contact: str = "",
    themes: Iterable[Theme] = (),
) -> AidScheme:
    """Change an aid scheme; its address stays, so links to it keep working."""
    access_aids_as_admin(user=by, territory=aid.territory)
    values: dict[str, Any] = {
        "title": title,
        "funder_name": funder_name,
        "funder_kind": funder_kind,
        "summary": summary,
        "kind": kind,
        "description": description,
        "amount_min": amount_min,
        "amount_max": amount_max,
        "rate_text": rate_text,
        "eligible_actor_kinds": eligible_actor_kinds,
        "eligible_capla_families": eligible_capla_families,
        "eligible_naf_sections": eligible_naf_sections,
        "eligible_headcounts": eligible_headcounts,
        "eligible_communes": eligible_communes,
        "opens_at": opens_at,
        "deadline": deadline,
        "link": link,
        "contact": contact,
        "themes": themes,
    }
    locked = AidScheme.objects.select_for_update().select_related("territory").get(pk=aid.pk)
    cleaned = _clean_aid(territory=locked.territory, values=values)
    communes, themes_list = cleaned.pop("eligible_communes"), cleaned.pop("themes")
    for name, value in cleaned.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*AID_FIELDS, "updated_at"])
    locked.eligible_communes.set(communes)
    locked.themes.set(themes_list)
    return locked


def _set_published(*, aid: AidScheme, by: User, published: bool) -> AidScheme:
    access_aids_as_admin(user=by, territory=aid.territory)
    locked = AidScheme.objects.select_for_update().select_related("territory").get(pk=aid.pk)
    if locked.is_published != published:
        locked.is_published = published
        locked.save(update_fields=["is_published", "updated_at"])
    return locked


@transaction.atomic
def aid_publish(*, aid: AidScheme, by: User) -> AidScheme:
    """Show the aid in the directory and to the actors it matches."""
    return _set_published(aid=aid, by=by, published=True)


@transaction.atomic
def aid_unpublish(*, aid: AidScheme, by: User) -> AidScheme:
    """Take the aid back to draft: its page answers 404 to the public."""
    return _set_published(aid=aid, by=by, published=False)


@transaction.atomic
def aid_document_add(
    *,
    aid: AidScheme,
    by: User,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> AidDocument:
    """Attach a document to an aid: an uploaded PDF, ODT or DOCX (10 MB at most), or a link."""
    access_aids_as_admin(user=by, territory=aid.territory)
    title = _text(
        title,
        field="title",
        limit=200,
        required=True,
        message=_("Indiquez le titre du document (200 caractères au plus)."),
    )
    url = _url(url, field="url")
    if (upload is None) == (not url):
        raise AidFieldError(
            _("Envoyez un fichier ou indiquez un lien, l'un des deux."), field="url"
        )
    locked = AidScheme.objects.select_for_update().get(pk=aid.pk)
    existing = AidDocument.objects.filter(aid=locked)
    if existing.count() >= MAX_DOCUMENTS:
        raise ApplicationError(
            _("Une aide compte 20 documents au plus. Retirez-en un avant d'en ajouter."),
            code=AidErrorCode.INVALID_DOCUMENT,
        )
    position = (existing.aggregate(last=Max("position"))["last"] or 0) + 1
    document = AidDocument(aid=locked, title=title, url=url, position=position)
    if upload is not None:
        try:
            found = document_format(upload, size=upload.size or 0)
        except ApplicationError as error:
            raise AidFieldError(error.message, field="file", code=error.code) from None
        document.file_format = found
        document.file_size = upload.size or 0
        document.file.save(f"{slugify(title)[:60] or 'document'}.{found}", upload, save=False)
    document.save()
    return document


@transaction.atomic
def aid_document_remove(*, document: AidDocument, by: User) -> None:
    access_aids_as_admin(user=by, territory=document.aid.territory)
    stored = document.file.name if document.file else ""
    storage = document.file.storage if document.file else None
    document.delete()
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))
