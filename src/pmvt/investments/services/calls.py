"""Writes on investment calls: create, edit, submit, approve or reject, close; documents, news.

One function per transition, each checking that the transition is allowed:
draft → submitted → published → closed, submitted → rejected → (edited) → submitted.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.actors.models import Actor
from pmvt.catalog.text import search_text
from pmvt.core.exceptions import ApplicationError
from pmvt.investments.access import (
    access_actor_call_create,
    access_call_as_editor,
    access_calls_as_reviewer,
)
from pmvt.investments.documents import MAX_DOCUMENTS, check_pdf
from pmvt.investments.errors import InvestmentErrorCode, InvestmentFieldError
from pmvt.investments.models import (
    AMOUNT_MAX,
    CallDocument,
    CallKind,
    CallNews,
    CallStatus,
    Instrument,
    InvestmentCall,
)
from pmvt.investments.services.notifications import (
    holder_team,
    notify_users,
    pledgers,
    territory_admins,
)
from pmvt.territories.models import Commune, Territory

# Path segments of the public list that a call's slug must not take.
RESERVED_SLUGS = {"mes-promesses", "nouveau"}

CALL_FIELDS = (
    "title",
    "kind",
    "summary",
    "description",
    "commune",
    "amount_sought",
    "instruments",
    "minimum_pledge",
    "opens_on",
    "closes_on",
    "project_starts_on",
    "risks",
    "contact_email",
)


def _text(value: Any, *, field: str, limit: int, required: bool, message: str) -> str:
    text = str(value or "").strip()
    if (required and not text) or len(text) > limit:
        raise InvestmentFieldError(message, field=field)
    return text


def _amount(value: Any, *, field: str, required: bool) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise InvestmentFieldError(_("Indiquez un montant en euros."), field=field)
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise InvestmentFieldError(_("Indiquez un montant en euros."), field=field) from None
    if not amount.is_finite() or amount <= 0:
        raise InvestmentFieldError(_("Le montant doit être supérieur à zéro."), field=field)
    if amount >= AMOUNT_MAX or amount != amount.quantize(Decimal("0.01")):
        raise InvestmentFieldError(
            _("Indiquez un montant en euros, au centime près, inférieur à 100 millions."),
            field=field,
        )
    return amount


def _clean(*, territory: Territory, values: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    cleaned["title"] = _text(
        values.get("title"),
        field="title",
        limit=200,
        required=True,
        message=_("Indiquez le titre du projet (200 caractères au plus)."),
    )
    kind = values.get("kind")
    if kind not in CallKind.values:
        raise InvestmentFieldError(_("Choisissez le type de projet."), field="kind")
    cleaned["kind"] = kind
    cleaned["summary"] = _text(
        values.get("summary"),
        field="summary",
        limit=300,
        required=True,
        message=_("Résumez le projet en une ou deux phrases (300 caractères au plus)."),
    )
    cleaned["description"] = _text(
        values.get("description"),
        field="description",
        limit=20000,
        required=False,
        message=_("La description compte 20 000 caractères au plus."),
    )
    commune = values.get("commune")
    if commune is not None and (
        not isinstance(commune, Commune) or commune.territory_id != territory.pk
    ):
        raise InvestmentFieldError(_("Choisissez une commune du territoire."), field="commune")
    cleaned["commune"] = commune
    amount_sought = _amount(values.get("amount_sought"), field="amount_sought", required=True)
    cleaned["amount_sought"] = amount_sought
    instruments = set(values.get("instruments") or ())
    if not instruments or not instruments <= set(Instrument.values):
        raise InvestmentFieldError(
            _("Cochez au moins une forme d'investissement acceptée."), field="instruments"
        )
    cleaned["accepts_donation"] = Instrument.DONATION in instruments
    cleaned["accepts_loan"] = Instrument.LOAN in instruments
    cleaned["accepts_shares"] = Instrument.SHARES in instruments
    minimum = _amount(values.get("minimum_pledge"), field="minimum_pledge", required=False)
    if minimum is not None and amount_sought is not None and minimum > amount_sought:
        raise InvestmentFieldError(
            _("La promesse minimale ne peut dépasser le montant recherché."),
            field="minimum_pledge",
        )
    cleaned["minimum_pledge"] = minimum
    for name in ("opens_on", "closes_on", "project_starts_on"):
        day = values.get(name)
        if day is None and name != "project_starts_on":
            raise InvestmentFieldError(_("Indiquez une date."), field=name)
        if day is not None and not isinstance(day, date):
            raise InvestmentFieldError(_("Indiquez une date valable."), field=name)
        cleaned[name] = day
    if cleaned["closes_on"] < cleaned["opens_on"]:
        raise InvestmentFieldError(
            _("La clôture des promesses doit venir après leur ouverture."), field="closes_on"
        )
    cleaned["risks"] = _text(
        values.get("risks"),
        field="risks",
        limit=10000,
        required=True,
        message=_(
            "Décrivez les risques du projet (10 000 caractères au plus) : les personnes qui "
            "s'engagent doivent savoir ce qu'elles peuvent perdre."
        ),
    )
    email = str(values.get("contact_email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvestmentFieldError(
                _("Indiquez une adresse de courriel valable."), field="contact_email"
            ) from None
    cleaned["contact_email"] = email
    return cleaned


def _free_slug(*, territory: Territory, title: str) -> str:
    base = slugify(title)[:100].strip("-") or "projet"
    if base in RESERVED_SLUGS:
        base = f"projet-{base}"
    taken = set(
        InvestmentCall.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )


def _search_text(call: InvestmentCall) -> str:
    words = [
        call.title,
        call.summary,
        call.description,
        str(CallKind(call.kind).label),
        call.holder_name,
        call.commune.name if call.commune else "",
    ]
    # Spaces around: a query word matches the start of a word (" token" is in the text).
    return f" {search_text(' '.join(words))} "


def _lock(call: InvestmentCall) -> InvestmentCall:
    locked = (
        InvestmentCall.objects.select_for_update(of=("self",))
        .select_related("territory", "actor", "commune")
        .get(pk=call.pk)
    )
    return locked


def _transition_error(message: str) -> ApplicationError:
    return ApplicationError(message, code=InvestmentErrorCode.INVALID_TRANSITION)


@transaction.atomic
def call_create(
    *,
    territory: Territory,
    by: User,
    actor: Actor | None,
    title: str,
    kind: str,
    summary: str,
    amount_sought: Decimal,
    instruments: Iterable[str],
    opens_on: date,
    closes_on: date,
    risks: str,
    description: str = "",
    commune: Commune | None = None,
    minimum_pledge: Decimal | None = None,
    project_starts_on: date | None = None,
    contact_email: str = "",
) -> InvestmentCall:
    """A new call, a draft; held by `actor`, or by the collectivité when `actor` is None."""
    if actor is None:
        access_calls_as_reviewer(user=by, territory=territory)
    else:
        if actor.territory_id != territory.pk:
            raise ApplicationError(_("Cet acteur n'appartient pas à ce territoire."))
        access_actor_call_create(user=by, actor=actor)
    cleaned = _clean(
        territory=territory,
        values={
            "title": title,
            "kind": kind,
            "summary": summary,
            "description": description,
            "commune": commune,
            "amount_sought": amount_sought,
            "instruments": list(instruments),
            "minimum_pledge": minimum_pledge,
            "opens_on": opens_on,
            "closes_on": closes_on,
            "project_starts_on": project_starts_on,
            "risks": risks,
            "contact_email": contact_email,
        },
    )
    if cleaned["commune"] is None and actor is not None:
        cleaned["commune"] = actor.commune
    call = InvestmentCall(territory=territory, actor=actor, created_by=by, **cleaned)
    call.slug = _free_slug(territory=territory, title=cleaned["title"])
    call.search_text = _search_text(call)
    try:
        with transaction.atomic():
            call.save()
    except IntegrityError:
        raise ApplicationError(
            _("Un projet du même titre vient d'être créé. Réessayez."),
            code=InvestmentErrorCode.SLUG_TAKEN,
        ) from None
    return call


@transaction.atomic
def call_update(*, call: InvestmentCall, by: User, **values: Any) -> InvestmentCall:
    """Change a draft or a rejected call (a published call keeps what was approved)."""
    access_call_as_editor(user=by, call=call)
    locked = _lock(call)
    if not locked.is_editable:
        raise _transition_error(
            _("Ce projet ne se modifie plus : il est en attente de validation ou déjà publié.")
        )
    unknown = set(values) - set(CALL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    current: dict[str, Any] = {name: getattr(locked, name) for name in CALL_FIELDS}
    current.update(values)
    cleaned = _clean(territory=locked.territory, values=current)
    for name, value in cleaned.items():
        setattr(locked, name, value)
    locked.search_text = _search_text(locked)
    locked.save(update_fields=[*cleaned.keys(), "search_text", "updated_at"])
    return locked


@transaction.atomic
def call_submit(*, call: InvestmentCall, by: User) -> InvestmentCall:
    """Ask the territory to publish the call; its admins are notified."""
    access_call_as_editor(user=by, call=call)
    locked = _lock(call)
    if not locked.is_editable:
        raise _transition_error(_("Ce projet a déjà été soumis à la validation du territoire."))
    if locked.closes_on < timezone.localdate():
        raise InvestmentFieldError(
            _("La date de clôture est passée : choisissez-en une autre avant de soumettre."),
            field="closes_on",
        )
    locked.status = CallStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.rejection_reason = ""
    locked.save(update_fields=["status", "submitted_at", "rejection_reason", "updated_at"])
    notify_users(
        territory_admins(locked.territory),
        call=locked,
        kind="investment_call_review",
        title=_("Appel à investissement à valider : %(title)s") % {"title": locked.title},
        body=_("%(holder)s demande la publication de son appel à investissement.")
        % {"holder": locked.holder_name},
        url=locked.get_review_url(),
    )
    return locked


@transaction.atomic
def call_publish(*, call: InvestmentCall, by: User) -> InvestmentCall:
    """Approve a submitted call: the platform vouches for the project's existence only."""
    access_calls_as_reviewer(user=by, territory=call.territory)
    locked = _lock(call)
    if locked.status != CallStatus.SUBMITTED:
        raise _transition_error(_("Seul un projet en attente de validation peut être publié."))
    locked.status = CallStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    if locked.actor is not None:
        notify_users(
            holder_team(locked),
            call=locked,
            kind="investment_call_status",
            title=_("Votre appel à investissement est publié : %(title)s")
            % {"title": locked.title},
            body=_("Les membres du territoire peuvent maintenant faire leurs promesses."),
            url=locked.get_absolute_url(),
        )
    return locked


@transaction.atomic
def call_reject(*, call: InvestmentCall, by: User, reason: str) -> InvestmentCall:
    """Refuse a submitted call, saying why; the holder may correct it and submit it again."""
    access_calls_as_reviewer(user=by, territory=call.territory)
    reason = _text(
        reason,
        field="reason",
        limit=2000,
        required=True,
        message=_("Indiquez le motif du refus (2 000 caractères au plus) : le porteur le lira."),
    )
    locked = _lock(call)
    if locked.status != CallStatus.SUBMITTED:
        raise _transition_error(_("Seul un projet en attente de validation peut être refusé."))
    locked.status = CallStatus.REJECTED
    locked.rejection_reason = reason
    locked.save(update_fields=["status", "rejection_reason", "updated_at"])
    notify_users(
        holder_team(locked),
        call=locked,
        kind="investment_call_status",
        title=_("Votre appel à investissement est refusé : %(title)s") % {"title": locked.title},
        body=_("Motif : %(reason)s") % {"reason": reason},
        url=locked.get_manage_url(),
    )
    return locked


def _close(locked: InvestmentCall) -> None:
    locked.status = CallStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    notify_users(
        pledgers(locked),
        call=locked,
        kind="investment_call_news",
        title=_("Appel à investissement clôturé : %(title)s") % {"title": locked.title},
        body=_(
            "Les promesses sont closes. Le porteur du projet vous contactera s'il donne suite "
            "à votre promesse."
        ),
        url=locked.get_absolute_url(),
    )


@transaction.atomic
def call_close(*, call: InvestmentCall, by: User) -> InvestmentCall:
    """End the pledge period now; the pledgers are told."""
    access_call_as_editor(user=by, call=call)
    locked = _lock(call)
    if locked.status != CallStatus.PUBLISHED:
        raise _transition_error(_("Seul un projet publié peut être clôturé."))
    _close(locked)
    return locked


def calls_close_expired(*, today: date) -> int:
    """Close every published call whose closing date is past; returns how many (idempotent)."""
    closed = 0
    with scopes_disabled():
        ids = list(
            InvestmentCall.objects.filter(status=CallStatus.PUBLISHED, closes_on__lt=today)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    for pk in ids:
        with scopes_disabled(), transaction.atomic():
            locked = (
                InvestmentCall.objects.select_for_update(of=("self",))
                .select_related("territory", "actor")
                .get(pk=pk)
            )
            if locked.status == CallStatus.PUBLISHED and locked.closes_on < today:
                _close(locked)
                closed += 1
    return closed


@transaction.atomic
def call_document_add(
    *, call: InvestmentCall, by: User, title: str, upload: UploadedFile
) -> CallDocument:
    """Attach a public PDF (business plan, statutes…) to a call the holder may still edit."""
    access_call_as_editor(user=by, call=call)
    title = _text(
        title,
        field="title",
        limit=200,
        required=True,
        message=_("Indiquez le titre du document (200 caractères au plus)."),
    )
    locked = _lock(call)
    if locked.status not in {CallStatus.DRAFT, CallStatus.REJECTED, CallStatus.PUBLISHED}:
        raise _transition_error(
            _("Les documents ne se changent pas pendant la validation ni après la clôture.")
        )
    existing = CallDocument.objects.filter(call=locked)
    if existing.count() >= MAX_DOCUMENTS:
        raise InvestmentFieldError(
            _("Un projet compte 10 documents au plus. Retirez-en un avant d'en ajouter."),
            field="file",
            code=InvestmentErrorCode.INVALID_DOCUMENT,
        )
    check_pdf(upload, size=upload.size or 0)
    position = (existing.aggregate(last=Max("position"))["last"] or 0) + 1
    document = CallDocument(call=locked, title=title, position=position, file_size=upload.size or 0)
    document.file.save(f"{slugify(title)[:60] or 'document'}.pdf", upload, save=False)
    document.save()
    return document


@transaction.atomic
def call_document_remove(*, document: CallDocument, by: User) -> None:
    access_call_as_editor(user=by, call=document.call)
    locked = _lock(document.call)
    if locked.status not in {CallStatus.DRAFT, CallStatus.REJECTED, CallStatus.PUBLISHED}:
        raise _transition_error(
            _("Les documents ne se changent pas pendant la validation ni après la clôture.")
        )
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def call_news_add(*, call: InvestmentCall, by: User, title: str, body: str) -> CallNews:
    """Post a dated update on a public call; every pledger is told."""
    access_call_as_editor(user=by, call=call)
    title = _text(
        title,
        field="title",
        limit=200,
        required=True,
        message=_("Indiquez le titre de l'actualité (200 caractères au plus)."),
    )
    body = _text(
        body,
        field="body",
        limit=5000,
        required=True,
        message=_("Écrivez le texte de l'actualité (5 000 caractères au plus)."),
    )
    locked = _lock(call)
    if not locked.is_public:
        raise _transition_error(_("Les actualités se publient une fois le projet publié."))
    news = CallNews.objects.create(call=locked, title=title, body=body, created_by=by)
    notify_users(
        pledgers(locked),
        call=locked,
        kind="investment_call_news",
        title=_("Du nouveau sur « %(call)s » : %(title)s") % {"call": locked.title, "title": title},
        body=body[:500],
        url=locked.get_absolute_url() + "#actualites",
    )
    return news
