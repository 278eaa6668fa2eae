"""Reads of the community area: the territory's settings, themes and the moderation queue."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.community.models import (
    CommunitySettings,
    ModeratedContent,
    ModerationAction,
    Report,
    Theme,
    Visibility,
)
from pmvt.community.registry import moderated_for, moderated_models
from pmvt.territories.models import Territory


def community_settings_of(territory: Territory) -> CommunitySettings:
    """The territory's community settings, created with the defaults on first use."""
    cached = territory.__dict__.get("_pmvt_community_settings")
    if cached is not None:
        return cached
    with scopes_disabled():
        found = CommunitySettings.objects.filter(territory=territory).first()
        if found is None:
            try:
                with transaction.atomic():
                    found = CommunitySettings.objects.create(territory=territory)
            except IntegrityError:  # Created meanwhile by a concurrent request.
                found = CommunitySettings.objects.get(territory=territory)
    territory.__dict__["_pmvt_community_settings"] = found
    return found


def themes_of(*, territory: Territory) -> QuerySet[Theme]:
    return Theme.objects.filter(territory=territory).order_by("position", "name", "pk")


def content_of(
    *, territory: Territory, content_type_id: int, object_id: int
) -> ModeratedContent | None:
    """A registered piece of content of this territory, or None (unknown, other territory)."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    model = content_type.model_class()
    moderated = moderated_for(model) if model is not None else None
    if moderated is None:
        return None
    return (
        moderated.model._default_manager.filter(territory=territory, pk=object_id)
        .select_related("territory", "author", "commune")
        .first()
    )


@dataclass
class QueueEntry:
    """One piece of content in the moderation queue, with its open reports."""

    content: ModeratedContent
    content_type_id: int
    kind: str
    title: str
    url: str
    reports: list[Report] = field(default_factory=list)

    @property
    def visibility_label(self) -> str:
        return str(Visibility(self.content.visibility).label)

    @property
    def key(self) -> str:
        return f"{self.content_type_id}-{self.content.pk}"


class QueueTab(StrEnum):
    PENDING = "pending"
    REPORTED = "reported"


def _queue_filter(tab: QueueTab) -> Q:
    if tab == QueueTab.PENDING:
        return Q(visibility=Visibility.PENDING)
    return Q(visibility=Visibility.HIDDEN) | (
        Q(report_count__gt=0) & ~Q(visibility=Visibility.REMOVED)
    )


def queue_rows(*, territory: Territory, tab: QueueTab) -> QuerySet | list:
    """(content type id, pk, …) of every registered content in the tab, in one ordered query.

    Pending content: oldest first (first come, first served). Reported: hidden first, then by
    number of open reports, oldest first.
    """
    parts = []
    for moderated in moderated_models():
        model = moderated.model
        content_type = ContentType.objects.get_for_model(model)
        parts.append(
            model.objects.filter(_queue_filter(tab), territory=territory)
            .annotate(
                ct=Value(content_type.pk, output_field=IntegerField()),
                hidden_rank=Case(
                    When(visibility=Visibility.HIDDEN, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
            )
            .values_list("ct", "pk", "hidden_rank", "report_count", "created_at")
            .order_by()
        )
    if not parts:
        return []
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    if tab == QueueTab.PENDING:
        return rows.order_by("created_at", "ct", "pk")
    return rows.order_by("hidden_rank", "-report_count", "created_at", "ct", "pk")


def queue_entries(*, territory: Territory, rows: Iterable[tuple]) -> list[QueueEntry]:
    """The page's rows as entries: one query per content type on the page, one for reports."""
    rows = list(rows)
    by_type: dict[int, list[int]] = defaultdict(list)
    for content_type_id, pk, *_rest in rows:
        by_type[content_type_id].append(pk)
    objects: dict[tuple[int, int], ModeratedContent] = {}
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        moderated = moderated_for(model) if model is not None else None
        assert moderated is not None  # Rows only come from registered models.
        for obj in moderated.model._default_manager.filter(
            territory=territory, pk__in=pks
        ).select_related("territory", "author", "commune"):
            objects[(content_type_id, obj.pk)] = obj
    reports: dict[tuple[int, int], list[Report]] = defaultdict(list)
    if by_type:
        which = Q()
        for content_type_id, pks in by_type.items():
            which |= Q(content_type_id=content_type_id, object_id__in=pks)
        for report in Report.objects.filter(
            which, territory=territory, resolved_at__isnull=True
        ).order_by("created_at", "pk"):
            reports[(report.content_type_id, report.object_id)].append(report)
    entries = []
    for content_type_id, pk, *_rest in rows:
        found = objects.get((content_type_id, pk))
        if found is None:
            continue
        obj = found
        moderated = moderated_for(type(obj))
        assert moderated is not None
        entries.append(
            QueueEntry(
                content=obj,
                content_type_id=content_type_id,
                kind=str(moderated.kind),
                title=str(moderated.title(obj)),
                url=obj.get_absolute_url(),  # type: ignore[attr-defined]
                reports=reports.get((content_type_id, pk), []),
            )
        )
    return entries


def queue_counts(*, territory: Territory) -> dict[str, int]:
    """How many items each tab holds (for the tab labels)."""
    counts = {}
    for tab in QueueTab:
        rows = queue_rows(territory=territory, tab=tab)
        counts[tab.value] = rows.count() if isinstance(rows, QuerySet) else 0
    return counts


def moderation_log(*, territory: Territory) -> QuerySet[ModerationAction]:
    return (
        ModerationAction.objects.filter(territory=territory)
        .select_related("moderator", "content_type")
        .order_by("-created_at", "-pk")
    )


def reports_by_user(*, user: User) -> list[Report]:
    """Every report the user made, on every territory (for their personal data export)."""
    with scopes_disabled():
        return list(
            Report.objects.filter(reporter=user)
            .select_related("territory", "content_type")
            .order_by("created_at", "pk")
        )


def has_reported(*, user: User, content: ModeratedContent) -> bool:
    content_type = ContentType.objects.get_for_model(type(content))
    return Report.objects.filter(
        content_type=content_type, object_id=content.pk, reporter_id=user.pk
    ).exists()
