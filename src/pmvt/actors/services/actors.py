"""Writes on actors: registration, the page's details, and the verification workflow.

Status transitions, one function each:

    pending ──verify──▶ verified ──suspend──▶ suspended ──reinstate──▶ verified
       └──────────────suspend (application refused)──────▶ suspended

Only verified actors are public and can sell.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.accounts.selectors import territory_admin_users
from pmvt.accounts.services.memberships import membership_grant_actor_member
from pmvt.actors.access import access_actor_as_territory_admin, access_actor_page_as_editor
from pmvt.actors.capla import capla_family_for_naf
from pmvt.actors.errors import ActorErrorCode
from pmvt.actors.identifiers import clean_naf_code, clean_siret, siren_of
from pmvt.actors.models import (
    Actor,
    ActorKind,
    ActorLabel,
    ActorStaff,
    ActorStatus,
    CaplaFamily,
    StaffRole,
)
from pmvt.actors.signals import actor_public_changed
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.services import notify
from pmvt.territories.models import Commune, Territory

# What the team edits on its page; the identity (kind, legal name, SIRET, NAF) is what the
# territory verified, and stays as registered.
PAGE_FIELDS = frozenset(
    {
        "trade_name",
        "address",
        "commune",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "labels",
        "description",
        "offers_click_collect",
        "offers_delivery",
        "sells_to_professionals",
        "terms_of_sale",
        "capla_family",
    }
)
REGISTRATION_DETAILS = PAGE_FIELDS - {"trade_name", "address", "commune"}
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 .\-()]{5,28}$")
MAX_TEXT = 5000
MAX_SLUG_ATTEMPTS = 50


class ActorFieldError(ApplicationError):
    """Bad value for one field: `field` names it, so a form can show the message beside it."""

    def __init__(self, message: Any, *, field: str, code: str = ActorErrorCode.INVALID_FIELD):
        super().__init__(message, code=code)
        self.field = field


# --- validation -------------------------------------------------------------------------------


def _clean_text(values: Mapping[str, Any], name: str, *, max_length: int, label: Any) -> str:
    text = str(values.get(name) or "").strip()
    if len(text) > max_length:
        raise ActorFieldError(
            _("« %(field)s » ne doit pas dépasser %(max)s caractères.")
            % {"field": label, "max": max_length},
            field=name,
        )
    return text


def clean_coordinate(value: Any, *, name: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or not -limit <= number <= limit:
        message = (
            _("La latitude doit être un nombre entre -90 et 90, par exemple 43.876.")
            if name == "latitude"
            else _("La longitude doit être un nombre entre -180 et 180, par exemple 5.396.")
        )
        raise ActorFieldError(message, field=name, code=ActorErrorCode.INVALID_COORDINATES)
    return number.quantize(Decimal("0.000001"))


def _clean_details(*, territory: Territory, values: Mapping[str, Any]) -> dict[str, Any]:
    """Check the editable fields present in `values`; return them cleaned."""
    cleaned: dict[str, Any] = {}
    if "trade_name" in values:
        cleaned["trade_name"] = _clean_text(
            values, "trade_name", max_length=200, label=_("Nom commercial")
        )
    if "address" in values:
        cleaned["address"] = _clean_text(values, "address", max_length=255, label=_("Adresse"))
        if not cleaned["address"]:
            raise ActorFieldError(_("Indiquez l'adresse de l'activité."), field="address")
    if "commune" in values:
        commune = values["commune"]
        if not isinstance(commune, Commune) or commune.territory_id != territory.pk:
            raise ActorFieldError(
                _("Choisissez une commune du territoire."),
                field="commune",
                code=ActorErrorCode.COMMUNE_OUTSIDE_TERRITORY,
            )
        cleaned["commune"] = commune
    if "latitude" in values or "longitude" in values:
        latitude = clean_coordinate(values.get("latitude"), name="latitude", limit=90)
        longitude = clean_coordinate(values.get("longitude"), name="longitude", limit=180)
        if (latitude is None) != (longitude is None):
            raise ActorFieldError(
                _("Indiquez la latitude et la longitude, ou aucune des deux."),
                field="longitude" if longitude is None else "latitude",
                code=ActorErrorCode.INVALID_COORDINATES,
            )
        cleaned["latitude"], cleaned["longitude"] = latitude, longitude
    if "phone" in values:
        phone = _clean_text(values, "phone", max_length=30, label=_("Téléphone"))
        if phone and not PHONE_PATTERN.match(phone):
            raise ActorFieldError(
                _("Indiquez un numéro de téléphone, par exemple 04 90 74 00 00."), field="phone"
            )
        cleaned["phone"] = phone
    if "email" in values:
        email = _clean_text(values, "email", max_length=254, label=_("Courriel")).lower()
        if email:
            try:
                EmailValidator()(email)
            except ValidationError:
                raise ActorFieldError(
                    _("Indiquez une adresse électronique valide, par exemple contact@exemple.fr."),
                    field="email",
                ) from None
        cleaned["email"] = email
    if "website" in values:
        website = _clean_text(values, "website", max_length=200, label=_("Site web"))
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                raise ActorFieldError(
                    _("Indiquez l'adresse complète du site, par exemple https://www.exemple.fr."),
                    field="website",
                ) from None
        cleaned["website"] = website
    if "labels" in values:
        labels: list[str] = []
        for label in values.get("labels") or []:
            if label not in ActorLabel.values:
                raise ActorFieldError(
                    _("Ce label n'est pas dans la liste proposée."),
                    field="labels",
                    code=ActorErrorCode.INVALID_LABEL,
                )
            if label not in labels:
                labels.append(label)
        cleaned["labels"] = labels
    for name, label in (("description", _("Présentation")), ("terms_of_sale", _("CGV"))):
        if name in values:
            cleaned[name] = _clean_text(values, name, max_length=MAX_TEXT, label=label)
    for flag in ("offers_click_collect", "offers_delivery", "sells_to_professionals"):
        if flag in values:
            cleaned[flag] = bool(values[flag])
    if "capla_family" in values:
        family = values.get("capla_family") or ""
        if family and family not in CaplaFamily.values:
            raise ActorFieldError(
                _("Choisissez une famille dans la liste."),
                field="capla_family",
                code=ActorErrorCode.INVALID_CAPLA,
            )
        cleaned["capla_family"] = family
    return cleaned


def _capla(*, naf_code: str, chosen: str) -> tuple[str, bool]:
    """(family, overridden): the family derived from the NAF code unless the owner chose another."""
    derived = capla_family_for_naf(naf_code) if naf_code else ""
    if chosen and chosen != derived:
        return chosen, True
    return derived, False


def _unique_slug(*, territory: Territory, name: str) -> str:
    base = slugify(name)[:100].strip("-") or "acteur"
    taken = set(
        Actor.objects.filter(territory=territory, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    return next(
        slug
        for slug in [base, *(f"{base}-{n}" for n in range(2, len(taken) + 3))]
        if slug not in taken
    )


def _siret_taken() -> ApplicationError:
    return ActorFieldError(
        _(
            "Un acteur avec ce SIRET est déjà inscrit sur ce territoire : demandez à son ou sa "
            "responsable de vous inviter dans son équipe."
        ),
        field="siret",
        code=ActorErrorCode.SIRET_TAKEN,
    )


# --- registration -----------------------------------------------------------------------------


@transaction.atomic
def actor_register(
    *,
    territory: Territory,
    by: User,
    kind: str,
    legal_name: str,
    commune: Commune,
    address: str,
    trade_name: str = "",
    siret: str = "",
    naf_code: str = "",
    notify_admins: bool = True,
    **details: Any,
) -> Actor:
    """Register a new actor, pending verification; `by` becomes its owner.

    `details` holds the optional page fields (phone, email, website, labels, description,
    latitude, longitude, offers_click_collect, offers_delivery, sells_to_professionals,
    terms_of_sale, capla_family). The territory's administrators are notified, unless
    `notify_admins` is False (bulk loads such as the demo, where they enter actors themselves).
    """
    unknown = set(details) - REGISTRATION_DETAILS
    if unknown:
        raise TypeError(f"actor_register() got unexpected details: {sorted(unknown)}")
    if kind not in ActorKind.values:
        raise ActorFieldError(
            _("Choisissez le type d'acteur dans la liste."),
            field="kind",
            code=ActorErrorCode.INVALID_KIND,
        )
    legal_name = " ".join((legal_name or "").split())
    if not legal_name:
        raise ActorFieldError(
            _("Indiquez la raison sociale (le nom officiel de la structure)."), field="legal_name"
        )
    if len(legal_name) > 200:
        raise ActorFieldError(
            _("La raison sociale ne doit pas dépasser 200 caractères."), field="legal_name"
        )
    try:
        siret = clean_siret(siret)
    except ApplicationError as error:
        raise ActorFieldError(error.message, field="siret", code=error.code) from None
    try:
        naf_code = clean_naf_code(naf_code)
    except ApplicationError as error:
        raise ActorFieldError(error.message, field="naf_code", code=error.code) from None
    if kind == ActorKind.BUSINESS and not siret:
        raise ActorFieldError(
            _("Une entreprise doit indiquer son SIRET (14 chiffres)."),
            field="siret",
            code=ActorErrorCode.SIRET_REQUIRED,
        )
    if kind == ActorKind.BUSINESS and not naf_code:
        raise ActorFieldError(
            _("Une entreprise doit indiquer son code NAF (APE), par exemple 10.71C."),
            field="naf_code",
            code=ActorErrorCode.NAF_REQUIRED,
        )
    if siret and Actor.objects.filter(territory=territory, siret=siret).exists():
        raise _siret_taken()
    cleaned = _clean_details(
        territory=territory,
        values={**details, "trade_name": trade_name, "address": address, "commune": commune},
    )
    family, overridden = _capla(naf_code=naf_code, chosen=cleaned.pop("capla_family", ""))
    actor = Actor(
        territory=territory,
        kind=kind,
        legal_name=legal_name,
        siret=siret,
        siren=siren_of(siret) if siret else "",
        naf_code=naf_code,
        capla_family=family,
        capla_family_overridden=overridden,
        status=ActorStatus.PENDING,
        **cleaned,
    )
    # Two registrations may pick the same slug at once: the unique constraint decides, and
    # the loser takes the next free one.
    for _attempt in range(MAX_SLUG_ATTEMPTS):
        actor.slug = _unique_slug(territory=territory, name=actor.display_name)
        try:
            with transaction.atomic():
                actor.save()
        except IntegrityError:
            actor.pk = None
            if siret and Actor.objects.filter(territory=territory, siret=siret).exists():
                raise _siret_taken() from None
            continue
        break
    else:  # pragma: no cover - fifty concurrent registrations of the same name
        raise ApplicationError(_("Réessayez dans un instant."), code="slug_conflict")
    ActorStaff.objects.create(actor=actor, user=by, role=StaffRole.OWNER)
    by.__dict__.pop("_pmvt_actor_roles", None)
    membership_grant_actor_member(user=by, territory=territory)
    review_url = reverse(
        "actors:admin_detail", kwargs={"territory_slug": territory.slug, "actor_slug": actor.slug}
    )
    for admin in territory_admin_users(territory=territory) if notify_admins else []:
        if admin.pk == by.pk:
            continue
        notify(
            user=admin,
            territory=territory,
            kind="actor_registered",
            title=_("Nouvel acteur à vérifier : %(actor)s") % {"actor": actor.display_name},
            body=_(
                "%(actor)s (%(commune)s) demande à rejoindre la Place des marchés. Vérifiez son "
                "identité et son activité avant de publier sa page."
            )
            % {"actor": actor.display_name, "commune": actor.commune.name},
            url=review_url,
        )
    return actor


# --- the page ---------------------------------------------------------------------------------


@transaction.atomic
def actor_update_page(*, actor: Actor, by: User, values: Mapping[str, Any]) -> Actor:
    """Change what the page shows (not the verified identity). Nothing changes on error."""
    access_actor_page_as_editor(user=by, actor=actor)
    unknown = set(values) - PAGE_FIELDS
    if unknown:
        raise TypeError(f"actor_update_page() got unexpected fields: {sorted(unknown)}")
    cleaned = _clean_details(territory=actor.territory, values=values)
    if "capla_family" in cleaned:
        family, overridden = _capla(naf_code=actor.naf_code, chosen=cleaned.pop("capla_family"))
        cleaned["capla_family"], cleaned["capla_family_overridden"] = family, overridden
    changed = [name for name, value in cleaned.items() if getattr(actor, name) != value]
    for name in changed:
        setattr(actor, name, cleaned[name])
    if changed:
        actor.save(update_fields=[*changed, "updated_at"])
        actor_public_changed.send(sender=Actor, actor=actor)
    return actor


# --- verification workflow --------------------------------------------------------------------


def _staff_users(actor: Actor) -> Iterable[User]:
    return [s.user for s in ActorStaff.objects.filter(actor=actor).select_related("user")]


def _notify_staff(*, actor: Actor, kind: str, title: str, body: str) -> None:
    url = reverse(
        "actors:pro_home", kwargs={"territory_slug": actor.territory.slug, "actor_slug": actor.slug}
    )
    for user in _staff_users(actor):
        notify(user=user, territory=actor.territory, kind=kind, title=title, body=body, url=url)


def _lock_for_transition(*, actor: Actor, by: User, allowed_from: set[str], refusal: str) -> Actor:
    access_actor_as_territory_admin(user=by, actor=actor)
    locked = Actor.objects.select_for_update().get(pk=actor.pk)
    if locked.status not in allowed_from:
        raise ApplicationError(refusal, code=ActorErrorCode.INVALID_TRANSITION)
    return locked


def _apply(actor: Actor, locked: Actor, **changes: Any) -> Actor:
    for name, value in changes.items():
        setattr(locked, name, value)
        setattr(actor, name, value)
    locked.save(update_fields=[*changes, "updated_at"])
    actor.updated_at = locked.updated_at
    actor_public_changed.send(sender=Actor, actor=actor)
    return actor


@transaction.atomic
def actor_verify(*, actor: Actor, by: User) -> Actor:
    """Publish a pending actor: its page appears in the directory and it may sell."""
    locked = _lock_for_transition(
        actor=actor,
        by=by,
        allowed_from={ActorStatus.PENDING},
        refusal=_("Seul un acteur en attente de vérification peut être vérifié."),
    )
    _apply(actor, locked, status=ActorStatus.VERIFIED, status_reason="", verified_at=timezone.now())
    _notify_staff(
        actor=actor,
        kind="actor_verified",
        title=_("Votre page est publiée : %(actor)s") % {"actor": actor.display_name},
        body=_(
            "Le territoire a vérifié %(actor)s. Sa page est visible dans l'annuaire et vous "
            "pouvez vendre sur la Place des marchés."
        )
        % {"actor": actor.display_name},
    )
    return actor


@transaction.atomic
def actor_suspend(*, actor: Actor, by: User, reason: str) -> Actor:
    """Take an actor off the directory (or refuse an application), saying why to its team."""
    reason = (reason or "").strip()
    if not reason:
        raise ActorFieldError(
            _("Indiquez le motif de la suspension : il est envoyé à l'équipe de l'acteur."),
            field="reason",
            code=ActorErrorCode.REASON_REQUIRED,
        )
    if len(reason) > 2000:
        raise ActorFieldError(_("Le motif ne doit pas dépasser 2000 caractères."), field="reason")
    locked = _lock_for_transition(
        actor=actor,
        by=by,
        allowed_from={ActorStatus.PENDING, ActorStatus.VERIFIED},
        refusal=_("Cet acteur est déjà suspendu."),
    )
    _apply(actor, locked, status=ActorStatus.SUSPENDED, status_reason=reason)
    _notify_staff(
        actor=actor,
        kind="actor_suspended",
        title=_("Votre page est suspendue : %(actor)s") % {"actor": actor.display_name},
        body=_(
            "Le territoire a suspendu %(actor)s : sa page n'est plus visible et la vente est "
            "arrêtée. Motif : %(reason)s"
        )
        % {"actor": actor.display_name, "reason": reason},
    )
    return actor


@transaction.atomic
def actor_reinstate(*, actor: Actor, by: User) -> Actor:
    """Lift a suspension: the actor is verified again."""
    locked = _lock_for_transition(
        actor=actor,
        by=by,
        allowed_from={ActorStatus.SUSPENDED},
        refusal=_("Seul un acteur suspendu peut être rétabli."),
    )
    changes: dict[str, Any] = {"status": ActorStatus.VERIFIED, "status_reason": ""}
    if locked.verified_at is None:
        changes["verified_at"] = timezone.now()
    _apply(actor, locked, **changes)
    _notify_staff(
        actor=actor,
        kind="actor_reinstated",
        title=_("Votre page est rétablie : %(actor)s") % {"actor": actor.display_name},
        body=_("Le territoire a levé la suspension de %(actor)s : sa page est de nouveau visible.")
        % {"actor": actor.display_name},
    )
    return actor
