"""The e-mail of an event's notices, sent by the background worker (``manage.py
db_worker``, settings ``TASKS``) so that the request that caused the event never waits
for the mail server. A plain django-tasks task: the user follows the notice, not a job."""

import datetime

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from notifications import delivery


@task
def send_notice_mail(notice_ids: list[int]) -> int:
    """Send the mail of these notices that is still pending; returns how many went.

    Each mail is claimed before it is sent (``delivery.send_mail_of``), so the daily run
    or another worker at the same moment never sends it twice; a failure leaves it
    pending for the daily run."""
    return delivery.send_mail_of(delivery.pending_mail().filter(pk__in=notice_ids))


def prune_mail_tasks(*, now: datetime.datetime | None = None) -> int:
    """Delete the finished mail tasks older than RETRY_DAYS (their mail is in the notices'
    log), from the daily run; returns how many went. Waiting and running ones stay."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=delivery.RETRY_DAYS)
    deleted, _ = DBTaskResult.objects.filter(
        task_path=send_notice_mail.module_path,
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=cutoff,
    ).delete()
    return deleted
