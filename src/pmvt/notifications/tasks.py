"""The daily digest as a task, for a scheduler that enqueues rather than runs a command."""

from django_tasks import task

from pmvt.notifications.services.digest import digest_send_all


@task()
def send_daily_digests() -> int:
    """Send today's digests (idempotent: a user gets at most one a day); returns how many."""
    return digest_send_all().sent
