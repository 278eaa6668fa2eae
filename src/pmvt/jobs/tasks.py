"""Background tasks of the jobs area (run by `manage.py db_worker`)."""

from django_tasks import task

from pmvt.jobs.services.applications import job_applications_purge


@task()
def purge_job_applications() -> int:
    """The task version of `jobs_purge_applications`, for a scheduler that enqueues tasks."""
    return job_applications_purge()
