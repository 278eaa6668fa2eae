"""Reads of skills: the vocabulary, the people directory, profiles, contact requests.

`matchable_profiles`, `visible_profile_or_none`, `can_view_profile` (re-exported from access)
and `profile_of` are the matching engine's entry points (pmvt.maison).
"""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast

from pmvt.accounts.access import AnyUser
from pmvt.accounts.models import User
from pmvt.catalog.text import search_tokens
from pmvt.skills.access import can_view_profile, is_member
from pmvt.skills.models import (
    ContactRequest,
    ContactStatus,
    ProfileSkill,
    SkillProfile,
    SkillTerm,
    Visibility,
)
from pmvt.territories.models import Commune, Territory

__all__ = [
    "ProfileFilters",
    "can_view_profile",
    "matchable_profiles",
    "profile_list",
    "profile_of",
    "skill_terms",
    "visible_profile_or_none",
]


def skill_terms(*, territory: Territory) -> QuerySet[SkillTerm]:
    """The terms a person may declare here: the national ones and the territory's active ones."""
    return SkillTerm.objects.filter(
        Q(territory__isnull=True) | Q(territory=territory), is_active=True
    ).order_by("category", "label", "pk")


def vocabulary_for_admin(*, territory: Territory) -> QuerySet[SkillTerm]:
    """Every term the territory's admins see: national ones, and their own, withdrawn or not."""
    return SkillTerm.objects.filter(Q(territory__isnull=True) | Q(territory=territory)).order_by(
        "category", "label", "pk"
    )


def terms_by_category(terms: QuerySet[SkillTerm] | list[SkillTerm]) -> list[tuple[str, list]]:
    return [(category, list(group)) for category, group in groupby(terms, lambda t: t.category)]


def term_of_territory(*, territory: Territory, term_id: int) -> SkillTerm | None:
    return vocabulary_for_admin(territory=territory).filter(pk=term_id).first()


def _with_details(profiles: QuerySet[SkillProfile]) -> QuerySet[SkillProfile]:
    return profiles.select_related("user", "territory").prefetch_related(
        Prefetch("skills", queryset=ProfileSkill.objects.select_related("term")),
        Prefetch("communes", queryset=Commune.objects.order_by("name")),
    )


def matchable_profiles(*, territory: Territory) -> QuerySet[SkillProfile]:
    """Active profiles of every visibility, private ones included: for matching, never display."""
    return _with_details(SkillProfile.objects.filter(territory=territory, is_active=True))


def profile_of(*, territory: Territory, user: AnyUser) -> SkillProfile | None:
    if not user.is_authenticated:
        return None
    return _with_details(SkillProfile.objects.filter(territory=territory, user=user)).first()


def visible_profile_or_none(
    *, territory: Territory, viewer: AnyUser, profile_id: int
) -> SkillProfile | None:
    profile = _with_details(SkillProfile.objects.filter(territory=territory, pk=profile_id)).first()
    if profile is None or not can_view_profile(viewer=viewer, profile=profile):
        return None
    return profile


@dataclass(frozen=True)
class ProfileFilters:
    words: str = ""
    term: SkillTerm | None = None
    commune: Commune | None = None
    spirit: str = ""


def profile_list(
    *, territory: Territory, viewer: AnyUser, filters: ProfileFilters | None = None
) -> QuerySet[SkillProfile]:
    """The people directory: active profiles the viewer may see. Private ones never appear."""
    filters = filters or ProfileFilters()
    visible = [Visibility.PUBLIC]
    if is_member(user=viewer, territory=territory):
        visible.append(Visibility.MEMBERS)
    profiles = SkillProfile.objects.filter(
        territory=territory, is_active=True, visibility__in=visible
    )
    for token in dict.fromkeys(search_tokens(filters.words)):
        profiles = profiles.filter(search_text__contains=token)
    if filters.term is not None:
        profiles = profiles.filter(skills__term=filters.term)
    if filters.commune is not None:
        profiles = profiles.filter(communes=filters.commune)
    if filters.spirit:
        # JSON lists are stored as text on both engines: look for the quoted value.
        profiles = profiles.annotate(spirits_text=Cast("spirits", TextField())).filter(
            spirits_text__contains=f'"{filters.spirit}"'
        )
    return _with_details(profiles.distinct()).order_by("-updated_at", "-pk")


def received_requests(*, territory: Territory, user: User) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(territory=territory, profile__user=user)
        .select_related("sender", "profile__user")
        .order_by("-created_at", "-pk")
    )


def sent_requests(*, territory: Territory, user: User) -> QuerySet[ContactRequest]:
    return (
        ContactRequest.objects.filter(territory=territory, sender=user)
        .select_related("profile__user")
        .order_by("-created_at", "-pk")
    )


def pending_request(*, profile: SkillProfile, sender: AnyUser) -> ContactRequest | None:
    if not sender.is_authenticated:
        return None
    return ContactRequest.objects.filter(
        profile=profile, sender=sender, status=ContactStatus.PENDING
    ).first()


def request_of_territory(*, territory: Territory, request_id: int) -> ContactRequest | None:
    return (
        ContactRequest.objects.filter(territory=territory, pk=request_id)
        .select_related("sender", "profile__user", "territory")
        .first()
    )


def pending_received_count(*, territory: Territory, user: AnyUser) -> int:
    if not user.is_authenticated:
        return 0
    return ContactRequest.objects.filter(
        territory=territory, profile__user=user, status=ContactStatus.PENDING
    ).count()
