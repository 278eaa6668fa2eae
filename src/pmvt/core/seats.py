"""Seats on dated sessions: capacity, a waiting list and promotion, shared by the apps that take
sign-ups (volunteering missions, activities).

An app declares a concrete session model on `SeatedSession` and a concrete sign-up model on
`Seat` (with a `session` foreign key and a `user` foreign key). The functions below do the
lock/check/write: the session row is locked (select_for_update; SQLite serialises writers),
the counters `confirmed_count` and `waiting_count` are kept under that lock, and the database
refuses a confirmed count above the capacity (CheckConstraint) and two active seats of the same
person on the same session (a partial unique constraint the concrete model declares): two
clicks, or twenty people racing for the last place, cannot overbook.

The waiting list is ordered by sign-up time (then primary key): when a confirmed seat is given
back, or the capacity grows, the first people waiting are confirmed.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pmvt.core.exceptions import ApplicationError

# Longest run of a weekly schedule, so that one form cannot create hundreds of rows.
MAX_WEEKLY_SESSIONS = 52


class SeatErrorCode:
    ALREADY = "already_signed_up"
    NOT_SIGNED_UP = "not_signed_up"
    CLOSED = "closed"
    INVALID = "invalid"


class SeatStatus(models.TextChoices):
    CONFIRMED = "confirmed", gettext_lazy("Inscription confirmée")
    WAITING = "waiting", gettext_lazy("En liste d'attente")
    CANCELLED = "cancelled", gettext_lazy("Annulée")


ACTIVE_SEAT_STATUSES = (SeatStatus.CONFIRMED, SeatStatus.WAITING)


class SeatedSession(models.Model):
    """One dated session with a number of places (abstract)."""

    starts_at = models.DateTimeField(gettext_lazy("début"))
    ends_at = models.DateTimeField(gettext_lazy("fin"))
    capacity = models.PositiveIntegerField(gettext_lazy("nombre de places"))
    is_cancelled = models.BooleanField(gettext_lazy("annulée"), default=False)
    # Kept by the functions of this module under a lock on the row.
    confirmed_count = models.PositiveIntegerField(gettext_lazy("places prises"), default=0)
    waiting_count = models.PositiveIntegerField(gettext_lazy("en liste d'attente"), default=0)

    class Meta:
        abstract = True
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="%(app_label)s_%(class)s_capacity"
            ),
            # The last line of defence against overbooking.
            models.CheckConstraint(
                condition=models.Q(confirmed_count__lte=models.F("capacity")),
                name="%(app_label)s_%(class)s_not_overbooked",
            ),
        ]

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def length(self) -> timedelta:
        return self.ends_at - self.starts_at


class Seat(models.Model):
    """One person's seat, or place on the waiting list, on a session (abstract)."""

    status = models.CharField(gettext_lazy("état"), max_length=20, choices=SeatStatus.choices)
    created_at = models.DateTimeField(gettext_lazy("inscrit le"), default=timezone.now)
    updated_at = models.DateTimeField(gettext_lazy("modifiée le"), auto_now=True)
    cancelled_at = models.DateTimeField(gettext_lazy("annulée le"), null=True, blank=True)
    # Set when the reminder of the day before is sent: the command never sends it twice.
    reminded_at = models.DateTimeField(gettext_lazy("rappel envoyé le"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_SEAT_STATUSES


S = TypeVar("S", bound=SeatedSession)
T = TypeVar("T", bound=Seat)


@dataclass(frozen=True)
class SeatRelease:
    seat: Any
    promoted: list[Any]


def seat_lock(session_model: type[S], pk: int) -> S:
    """The session row, locked until the end of the transaction."""
    return session_model._default_manager.select_for_update(of=("self",)).get(pk=pk)


def _set_counts(session: SeatedSession, seat_model: type[Seat]) -> None:
    """Count the seats again (under the lock) and store the counters."""
    seats = seat_model._default_manager.filter(session=session)  # type: ignore[misc]
    session.confirmed_count = seats.filter(status=SeatStatus.CONFIRMED).count()
    session.waiting_count = seats.filter(status=SeatStatus.WAITING).count()
    session.save(update_fields=["confirmed_count", "waiting_count"])


def seat_take(
    *,
    session: S,
    seat_model: type[T],
    same_person: dict[str, Any],
    values: dict[str, Any],
    now: datetime | None = None,
) -> T:
    """A confirmed seat while places remain, else a place on the waiting list.

    `session` must be locked by the caller (seat_lock) in the current transaction, after which
    the caller checks its own permissions. `same_person` are the lookups that tell one person's
    seats (user, and the relative's name where an app allows it); `values` the other fields.
    """
    if session.is_cancelled:
        raise ApplicationError(_("Cette date est annulée."), code=SeatErrorCode.CLOSED)
    if session.starts_at <= (now or timezone.now()):
        raise ApplicationError(
            _("Cette date est passée : les inscriptions sont closes."), code=SeatErrorCode.CLOSED
        )
    manager = seat_model._default_manager
    if manager.filter(session=session, status__in=ACTIVE_SEAT_STATUSES, **same_person).exists():
        raise ApplicationError(
            _("Vous êtes déjà inscrit à cette date."), code=SeatErrorCode.ALREADY
        )
    confirmed = session.confirmed_count < session.capacity
    status = SeatStatus.CONFIRMED if confirmed else SeatStatus.WAITING
    try:
        with transaction.atomic():
            seat = manager.create(session=session, status=status, **same_person, **values)
    except IntegrityError:
        raise ApplicationError(
            _("Vous êtes déjà inscrit à cette date."), code=SeatErrorCode.ALREADY
        ) from None
    counter = "confirmed_count" if confirmed else "waiting_count"
    type(session)._default_manager.filter(pk=session.pk).update(**{counter: F(counter) + 1})
    session.refresh_from_db(fields=["confirmed_count", "waiting_count"])
    return seat


def seat_release(*, session: S, seat: T, now: datetime | None = None) -> SeatRelease:
    """Cancel a seat (the session locked by the caller); a freed place goes to the first person
    waiting. Returns the cancelled seat and the promoted ones, whom the caller tells."""
    if not seat.is_active:
        raise ApplicationError(
            _("Cette inscription est déjà annulée."), code=SeatErrorCode.NOT_SIGNED_UP
        )
    seat.status = SeatStatus.CANCELLED
    seat.cancelled_at = now or timezone.now()
    seat.save(update_fields=["status", "cancelled_at", "updated_at"])
    _set_counts(session, type(seat))
    promoted = seats_promote(session=session, seat_model=type(seat))
    return SeatRelease(seat=seat, promoted=promoted)


def seats_promote(*, session: S, seat_model: type[T]) -> list[T]:
    """Confirm the first people waiting while places are free (session locked by the caller)."""
    if session.is_cancelled or session.is_past:
        return []
    free = session.capacity - session.confirmed_count
    if free <= 0:
        return []
    waiting = list(
        seat_model._default_manager.select_for_update(of=("self",))
        .filter(session=session, status=SeatStatus.WAITING)
        .order_by("created_at", "pk")[:free]
    )
    for seat in waiting:
        seat.status = SeatStatus.CONFIRMED
        seat.save(update_fields=["status", "updated_at"])
    if waiting:
        _set_counts(session, seat_model)
    return waiting


def seats_recount(*, session: SeatedSession, seat_model: type[Seat]) -> None:
    """Store the counters again (after seats were deleted, e.g. an erased account)."""
    _set_counts(session, seat_model)


# --- dates --------------------------------------------------------------------------------------


def session_starts(
    *, first: datetime, weekly: bool, weeks: int | None = None, until: date | None = None
) -> list[datetime]:
    """The start of each session: one, or one a week (for `weeks` weeks, or until a date).

    The weekly dates come from the agenda's recurrence rules (Paris wall-clock time, so an
    18:00 session stays at 18:00 across the daylight-saving changes).
    """
    from pmvt.agenda.models import Recurrence
    from pmvt.agenda.recurrence import occurrence_starts

    if not weekly:
        return [first]
    if weeks is None and until is None:
        raise ApplicationError(
            _("Indiquez le nombre de semaines ou la date de la dernière séance."),
            code=SeatErrorCode.INVALID,
        )
    if weeks is not None:
        if weeks < 1 or weeks > MAX_WEEKLY_SESSIONS:
            raise ApplicationError(
                _("Le nombre de semaines doit être compris entre 1 et %(max)s.")
                % {"max": MAX_WEEKLY_SESSIONS},
                code=SeatErrorCode.INVALID,
            )
        horizon = first + timedelta(weeks=weeks - 1, hours=12)
    else:
        horizon = first + timedelta(weeks=MAX_WEEKLY_SESSIONS)
    starts = occurrence_starts(
        recurrence=Recurrence.WEEKLY, starts_at=first, until=until, horizon_end=horizon
    )
    if until is not None and not starts:
        raise ApplicationError(
            _("La date de fin doit suivre la première séance."), code=SeatErrorCode.INVALID
        )
    return starts[:MAX_WEEKLY_SESSIONS]
