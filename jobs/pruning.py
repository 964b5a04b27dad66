"""Finished jobs are kept for JOBS_KEEP_DAYS, then removed with their files."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobs.models import Job


def prune_jobs(*, now: datetime.datetime | None = None) -> int:
    """Delete jobs finished more than JOBS_KEEP_DAYS ago, their files and their task
    results; returns how many jobs went. Unfinished jobs are never pruned."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.JOBS_KEEP_DAYS)
    old = Job.objects.filter(
        status__in=[Job.Status.DONE, Job.Status.FAILED], finished_at__lt=cutoff
    )
    count = 0
    for job in old.iterator():
        with transaction.atomic():
            name, storage = job.result_file.name, job.result_file.storage
            if job.task_result_id:
                DBTaskResult.objects.filter(id=job.task_result_id).delete()
            job.delete()
            if name:
                transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        count += 1
    return count
