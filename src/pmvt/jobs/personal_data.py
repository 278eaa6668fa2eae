"""The jobs' share of "download my data" and "delete my account".

Exported: the person's applications (offer, employer, message, status, the CV's file name;
not the file itself, which they sent). On erasure the applications and their CV files go.
"""

from typing import Any

from django_scopes import scopes_disabled

from pmvt.accounts.models import User
from pmvt.jobs.models import JobApplication
from pmvt.jobs.services.applications import job_applications_erase_user


def export_jobs_data(user: User) -> dict[str, list[dict[str, Any]]]:
    with scopes_disabled():
        applications = (
            JobApplication.objects.filter(applicant=user)
            .select_related("territory", "offer", "offer__actor", "offer__territory")
            .order_by("created_at", "pk")
        )
        return {
            "applications": [
                {
                    "territory": a.territory.name,
                    "offer": a.offer.title,
                    "employer": a.offer.employer_name,
                    "message": a.message,
                    "cv_file_name": a.cv_name,
                    "cv_kept": bool(a.cv),
                    "status": a.status,
                    "employer_message": a.status_message,
                    "created_at": a.created_at.isoformat(),
                    "status_changed_at": a.status_changed_at.isoformat(),
                }
                for a in applications
            ]
        }


def erase_jobs_data(user: User) -> None:
    job_applications_erase_user(user=user)
