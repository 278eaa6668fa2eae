"""Writes on applications: apply, the employer's steps (seen, interview, closed), withdrawal,
and the purge of personal data once the retention period is over."""

from collections.abc import Set as AbstractSet
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from pmvt.accounts.models import Membership, Role, User
from pmvt.actors.models import ActorStaff
from pmvt.core.exceptions import ApplicationError
from pmvt.jobs.access import (
    APPLICATION_HANDLERS,
    access_application_as_applicant,
    access_application_as_handler,
    access_apply,
)
from pmvt.jobs.cv import check_cv, clean_cv_name
from pmvt.jobs.errors import JobErrorCode
from pmvt.jobs.models import (
    ACTIVE_STATUSES,
    ApplicationStatus,
    JobApplication,
    JobOffer,
    OfferStatus,
    private_storage,
)
from pmvt.notifications.services import notify

KIND_NEW_APPLICATION = "jobs_application"
KIND_STATUS = "jobs_application_status"
MAX_MESSAGE = 5000


def _handlers(offer: JobOffer) -> list[User]:
    """Who is told about a new application: the actor's team, or the territory's admins."""
    if offer.actor_id is None:
        with scopes_disabled():
            return [
                m.user
                for m in Membership.objects.filter(territory_id=offer.territory_id, role=Role.ADMIN)
                .select_related("user")
                .order_by("pk")
                if m.user.is_active
            ]
    return [
        s.user
        for s in ActorStaff.objects.filter(actor_id=offer.actor_id, role__in=APPLICATION_HANDLERS)
        .select_related("user")
        .order_by("pk")
        if s.user.is_active
    ]


def _delete_file_on_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: private_storage.delete(name))


@transaction.atomic
def job_application_submit(
    *, offer: JobOffer, by: User, message: str, cv: UploadedFile
) -> JobApplication:
    """Apply to an open offer with a message and a PDF CV; the employer is told."""
    access_apply(user=by, territory=offer.territory)
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ApplicationError(
            _("Votre message ne doit pas dépasser %(count)s caractères.") % {"count": MAX_MESSAGE},
            code=JobErrorCode.INVALID_FIELD,
        )
    check_cv(cv)
    # Lock the offer: its closing and this application cannot cross.
    locked = JobOffer.objects.select_for_update().get(pk=offer.pk)
    if not locked.is_open_on(timezone.localdate()):
        raise ApplicationError(
            _("Cette offre est close : elle ne reçoit plus de candidatures."),
            code=JobErrorCode.OFFER_CLOSED,
        )
    already = _("Vous avez déjà postulé à cette offre.")
    if JobApplication.objects.filter(offer=offer, applicant=by).exists():
        raise ApplicationError(already, code=JobErrorCode.ALREADY_APPLIED)
    try:
        with transaction.atomic():
            application = JobApplication.objects.create(
                territory_id=offer.territory_id,
                offer=offer,
                applicant=by,
                message=message,
                cv_name=clean_cv_name(cv.name or ""),
                cv_size=cv.size or 0,
            )
    except IntegrityError:
        raise ApplicationError(already, code=JobErrorCode.ALREADY_APPLIED) from None
    application.cv.save("cv.pdf", cv, save=False)
    application.save(update_fields=["cv"])
    applicant_name = by.display_name or by.email
    for user in _handlers(offer):
        notify(
            user=user,
            territory=offer.territory,
            kind=KIND_NEW_APPLICATION,
            title=_("Nouvelle candidature pour « %(title)s »") % {"title": offer.title},
            body=_("%(name)s a postulé à votre offre d'emploi.") % {"name": applicant_name},
            url=application.get_manage_url(),
        )
    return application


def _lock(application: JobApplication) -> JobApplication:
    locked = JobApplication.objects.select_for_update().get(pk=application.pk)
    application.status = locked.status
    application.purged_at = locked.purged_at
    return application


def _tell_applicant(application: JobApplication, title: str, body: str = "") -> None:
    if application.applicant is None:
        return
    notify(
        user=application.applicant,
        territory=application.offer.territory,
        kind=KIND_STATUS,
        title=title,
        body=body,
        url=application.get_absolute_url(),
    )


def _move(
    application: JobApplication,
    *,
    to: str,
    allowed_from: AbstractSet[str],
    message: str = "",
) -> None:
    if application.status not in allowed_from:
        raise ApplicationError(
            _("Cette candidature ne peut plus passer à l'état « %(status)s ».")
            % {"status": ApplicationStatus(to).label},
            code=JobErrorCode.INVALID_TRANSITION,
        )
    application.status = to
    application.status_changed_at = timezone.now()
    fields = ["status", "status_changed_at", "updated_at"]
    if message:
        application.status_message = message.strip()[:2000]
        fields.append("status_message")
    if to == ApplicationStatus.SEEN:
        application.seen_at = application.status_changed_at
        fields.append("seen_at")
    application.save(update_fields=fields)


@transaction.atomic
def job_application_mark_seen(*, application: JobApplication, by: User) -> bool:
    """Received → seen, when someone who handles the offer opens it; False if already seen."""
    access_application_as_handler(user=by, application=application)
    application = _lock(application)
    if application.status != ApplicationStatus.RECEIVED:
        return False
    _move(application, to=ApplicationStatus.SEEN, allowed_from={ApplicationStatus.RECEIVED})
    _tell_applicant(
        application,
        _("Votre candidature « %(title)s » a été vue") % {"title": application.offer.title},
        _("%(employer)s a ouvert votre candidature.")
        % {"employer": application.offer.employer_name},
    )
    return True


@transaction.atomic
def job_application_invite_interview(
    *, application: JobApplication, by: User, message: str = ""
) -> JobApplication:
    """Received or seen → interview; the message (a date, a place) goes to the applicant."""
    access_application_as_handler(user=by, application=application)
    application = _lock(application)
    _move(
        application,
        to=ApplicationStatus.INTERVIEW,
        allowed_from={ApplicationStatus.RECEIVED, ApplicationStatus.SEEN},
        message=message,
    )
    _tell_applicant(
        application,
        _("Entretien proposé pour « %(title)s »") % {"title": application.offer.title},
        message.strip()
        or _("%(employer)s vous propose un entretien.")
        % {"employer": application.offer.employer_name},
    )
    return application


@transaction.atomic
def job_application_close(
    *, application: JobApplication, by: User, message: str = ""
) -> JobApplication:
    """Any active state → closed, with an optional message to the applicant."""
    access_application_as_handler(user=by, application=application)
    application = _lock(application)
    _move(application, to=ApplicationStatus.CLOSED, allowed_from=ACTIVE_STATUSES, message=message)
    _tell_applicant(
        application,
        _("Votre candidature « %(title)s » est close") % {"title": application.offer.title},
        message.strip()
        or _("%(employer)s a clos votre candidature. Merci de votre intérêt.")
        % {"employer": application.offer.employer_name},
    )
    return application


@transaction.atomic
def job_application_withdraw(*, application: JobApplication, by: User) -> JobApplication:
    """The applicant withdraws: the CV is deleted at once, the employer no longer needs it."""
    access_application_as_applicant(user=by, application=application)
    application = _lock(application)
    _move(application, to=ApplicationStatus.WITHDRAWN, allowed_from=ACTIVE_STATUSES)
    _delete_file_on_commit(application.cv.name)
    application.cv = ""
    application.save(update_fields=["cv"])
    return application


# --- retention --------------------------------------------------------------------------------


def purge_condition(*, days: int) -> Q:
    """Applications whose offer closed (by hand or by its date) more than `days` days ago."""
    now = timezone.now()
    cutoff_day = timezone.localdate() - timedelta(days=days)
    return Q(purged_at__isnull=True) & (
        Q(offer__closes_on__lt=cutoff_day)
        | Q(offer__status=OfferStatus.CLOSED, offer__closed_at__lt=now - timedelta(days=days))
    )


def job_applications_purge(*, days: int | None = None) -> int:
    """Delete the CVs and the personal data of old applications; the anonymous rows stay.

    Idempotent: a purged application is marked (`purged_at`) and never counted again.
    """
    if days is None:
        days = settings.PMVT_JOB_APPLICATION_RETENTION_DAYS
    with scopes_disabled():
        ids = list(
            JobApplication.objects.filter(purge_condition(days=days))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        purged = 0
        for start in range(0, len(ids), 200):
            with transaction.atomic():
                batch = list(
                    JobApplication.objects.select_for_update()
                    .filter(pk__in=ids[start : start + 200], purged_at__isnull=True)
                    .order_by("pk")
                )
                for application in batch:
                    _delete_file_on_commit(application.cv.name)
                JobApplication.objects.filter(pk__in=[a.pk for a in batch]).update(
                    applicant=None,
                    message="",
                    cv="",
                    cv_name="",
                    cv_size=0,
                    status_message="",
                    purged_at=timezone.now(),
                )
                purged += len(batch)
    return purged


def job_applications_erase_user(*, user: User) -> None:
    """Delete a person's applications and their CV files (account deletion)."""
    with scopes_disabled():
        applications = list(JobApplication.objects.filter(applicant=user))
        for application in applications:
            _delete_file_on_commit(application.cv.name)
        JobApplication.objects.filter(pk__in=[a.pk for a in applications]).delete()
