"""Whether background jobs are being taken, for /healthz."""

import datetime

from django.conf import settings
from django.db.models import Count, Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def worker_health(*, now: datetime.datetime | None = None) -> dict:
    """When a worker last took a task, how many wait and since when; ``status`` "late"
    when one has waited longer than JOBS_WORKER_LATE_AFTER (no worker is taking them)."""
    now = now or timezone.now()
    waiting = DBTaskResult.objects.ready().aggregate(count=Count("id"), oldest=Min("enqueued_at"))
    last_taken = DBTaskResult.objects.aggregate(last=Max("started_at"))["last"]
    oldest_wait = int((now - waiting["oldest"]).total_seconds()) if waiting["oldest"] else 0
    return {
        "status": "late" if oldest_wait > settings.JOBS_WORKER_LATE_AFTER else "ok",
        "last_took_a_job_at": timezone.localtime(last_taken).isoformat() if last_taken else None,
        "waiting": waiting["count"],
        "oldest_waiting_seconds": oldest_wait,
    }
