"""Materialise an event's dates (`Occurrence` rows) over the rolling horizon."""

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pmvt.accounts.models import User
from pmvt.agenda.formatting import date_fr
from pmvt.agenda.models import ACTIVE_STATUSES, Event, Occurrence, Registration, RegistrationStatus
from pmvt.agenda.recurrence import HORIZON, occurrence_starts, paris
from pmvt.core.exceptions import ApplicationError
from pmvt.notifications.services import notify


@transaction.atomic
def occurrences_sync(*, event: Event, now: datetime | None = None) -> list[Occurrence]:
    """Bring the event's future dates in line with its rule; return the dates that moved.

    Past dates are history and stay as they are. A future date is matched to the rule's date
    of the same day (a one-off event: its only date), so registrations follow a change of
    time. A date the rule no longer has is deleted, or cancelled (its registrations too, and
    the people told) when people registered to it.
    """
    now = now or timezone.now()
    duration = event.ends_at - event.starts_at
    wanted = [
        start
        for start in occurrence_starts(
            recurrence=event.recurrence,
            starts_at=event.starts_at,
            until=event.recurrence_until,
            horizon_end=now + HORIZON,
        )
        if start + duration > now
    ]
    existing = list(
        Occurrence.objects.select_for_update(of=("self",))
        .filter(event=event, ends_at__gt=now)
        .order_by("starts_at", "pk")
    )
    if not event.is_recurring and len(existing) == 1:
        by_day = {paris(wanted[0]).date(): existing[0]} if wanted else {}
    else:
        by_day = {paris(o.starts_at).date(): o for o in existing}
    moved: list[Occurrence] = []
    kept: set[int] = set()
    to_create = []
    for start in wanted:
        occurrence = by_day.get(paris(start).date())
        if occurrence is None:
            to_create.append(
                Occurrence(
                    territory=event.territory,
                    event=event,
                    starts_at=start,
                    ends_at=start + duration,
                )
            )
            continue
        kept.add(occurrence.pk)
        changed = occurrence.starts_at != start or occurrence.ends_at != start + duration
        if changed or occurrence.is_cancelled:
            occurrence.starts_at, occurrence.ends_at = start, start + duration
            occurrence.is_cancelled = False
            occurrence.save(update_fields=["starts_at", "ends_at", "is_cancelled"])
            if changed:
                moved.append(occurrence)
    Occurrence.objects.bulk_create(to_create)
    for occurrence in existing:
        if occurrence.pk in kept:
            continue
        if occurrence.confirmed_count or occurrence.waiting_count:
            _cancel(occurrence)
        else:
            occurrence.delete()
    return moved


@transaction.atomic
def occurrence_cancel(*, occurrence: Occurrence, by: User) -> Occurrence:
    """The organisers call off one date: its registrations end and the registrants are told.

    The date stays listed as cancelled (calendars receive it as an exception of the series).
    """
    from pmvt.agenda.access import access_event_edit

    access_event_edit(user=by, event=occurrence.event)
    locked = (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("event__territory")
        .get(pk=occurrence.pk)
    )
    if locked.is_cancelled:
        raise ApplicationError(_("Cette date est déjà annulée."))
    if locked.ends_at <= timezone.now():
        raise ApplicationError(_("Cette date est passée : elle ne peut plus être annulée."))
    _cancel(locked)
    Event.objects.filter(pk=locked.event_id).update(sequence=F("sequence") + 1)
    return locked


def _cancel(occurrence: Occurrence) -> None:
    if occurrence.is_cancelled:
        return
    registrations = list(
        Registration.objects.filter(occurrence=occurrence, status__in=ACTIVE_STATUSES)
        .select_related("user")
        .order_by("pk")
    )
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
        status=RegistrationStatus.CANCELLED, updated_at=timezone.now()
    )
    occurrence.is_cancelled = True
    occurrence.confirmed_count = occurrence.waiting_count = 0
    occurrence.save(update_fields=["is_cancelled", "confirmed_count", "waiting_count"])
    event = occurrence.event
    for registration in registrations:
        notify(
            user=registration.user,
            territory=event.territory,
            kind="event",
            title=_("La date du %(date)s de %(title)s est annulée.")
            % {"date": date_fr(occurrence.starts_at), "title": event.title},
            body=_("Votre inscription à cette date est annulée. Les autres dates restent prévues."),
            url=event.get_absolute_url(),
        )


@transaction.atomic
def occurrences_extend_horizon(*, now: datetime | None = None) -> int:
    """Add the dates that entered the horizon to every recurring event; returns how many
    events were looked at. Run daily (`manage.py agenda_extend_horizon`)."""
    events = Event.objects.exclude(recurrence="none").select_related("territory")
    count = 0
    for event in events:
        occurrences_sync(event=event, now=now)
        count += 1
    return count
