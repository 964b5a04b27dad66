"""Long work in the background, with progress the user sees: the API the apps use.

The work runs as a django-tasks task on the database backend (``TASKS`` in settings), taken
by ``manage.py db_worker``; the user follows a ``jobs.models.Job`` on ``/jobs/<id>/``.

Defining a job (in the owning app's ``tasks.py``)::

    from jobs.running import JobFailed, JobRun, job

    @job
    def period_workbook(run: JobRun, period_id: int) -> None:
        period = ReportingPeriod.objects.filter(pk=period_id).first()
        if period is None:
            raise JobFailed(_("The reporting period no longer exists."))
        run.progress(_("Reading the reports"), 10)
        ...
        run.finish_file("bao-cao.xlsx", content, XLSX)

``@job`` makes a django-tasks ``Task`` of a module-level function whose first argument is
the ``JobRun``; the other arguments are what ``start`` was given (JSON values: ids, not
model instances). Inside, the task:

- reports a step: ``run.progress(step, percent)``: a sentence the user understands
  ("Đang tổng hợp số liệu 12/38 đơn vị") and 0-100; each call is also the job's sign of
  life (see "stale" below);
- finishes with a file: ``run.finish_file(download_name, data, content_type)``: the bytes
  go to private media storage (never a public URL) and are downloaded by the owner only;
- or finishes with a page to go to: ``run.finish_redirect(url, message)`` (an import that
  ends on its preview, a roll-forward on the new plan); the progress page goes there when
  the job is done, and ``message`` (what the view would have said with
  ``messages.success``) is the job's last step, which the page shows with
  ``announce_finished`` when ``url`` carries the job's id (``with_job(url, job)``);
- fails with a message for the user: ``raise JobFailed(_("..."))`` (Vietnamese through
  gettext; the worker writes it in the language the user asked in, ``run.job.language``).

Any other exception fails the job with a generic message that names the job's id (what
the user tells the administrator) and logs the traceback; the task result is marked
failed too. A task that returns without finishing is a bug and fails the same way.
``run.owner`` is the user who asked, for work scoped by what they may see.

Starting a job (in a view, after checking permission)::

    job = start(request.user, tasks.period_workbook, period.pk, title=_("Workbook of ..."))
    return redirect(job)  # the progress page

``start`` writes the Job and the task's row in the same transaction (the backend is the
same database), so a worker never sees a task before its job and the data it reads are
committed, and a rolled-back caller leaves neither behind.

Stale: a running job with no sign of life for ``JOBS_STALE_AFTER`` (the worker died or
was killed) is shown as failed rather than spinning forever (``give_up_if_stale``), and
if its task was in fact still alive, its next ``progress`` stops it.
"""

import datetime
import functools
import logging
import mimetypes
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from jobs.models import Job

logger = logging.getLogger("jobs")

Status = Job.Status


class JobFailed(Exception):
    """An expected failure: its message is shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


class JobGivenUp(Exception):
    """The job was marked failed while its task still ran (stale, or pruned)."""


class JobRun:
    """What a running task sees of its job: report progress, finish, fail."""

    def __init__(self, job: Job):
        self.job = job
        self.finished = False

    @property
    def owner(self):
        return self.job.owner

    def _update(self, **fields) -> None:
        fields.setdefault("heartbeat_at", timezone.now())
        if not Job.objects.filter(pk=self.job.pk, status=Status.RUNNING).update(**fields):
            raise JobGivenUp(self.job.pk)
        for name, value in fields.items():
            setattr(self.job, name, value)

    def progress(self, step: str, percent: int | float) -> None:
        """The step the work is on, in words, and how far it has gone (0-100)."""
        self._update(step=str(step)[:300], percent=max(0, min(100, int(percent))))

    def finish_file(self, name: str, data: bytes, content_type: str = "") -> None:
        """Done: ``data`` is kept in private storage and downloaded as ``name``."""
        suffix = PurePosixPath(name).suffix.lower()
        stored = self.job.result_file.storage.save(
            self.job.result_file.field.generate_filename(self.job, f"{self.job.pk}{suffix}"),
            ContentFile(data),
        )
        self._finish(
            result_file=stored,
            result_name=name,
            result_content_type=content_type
            or mimetypes.guess_type(name)[0]
            or "application/octet-stream",
        )

    def finish_redirect(self, url: str, message: str = "") -> None:
        """Done: the user is taken to ``url`` (a page of the app); ``message``, if any, is
        the last step, for the page to show (``announce_finished``)."""
        self._finish(result_url=url, step=str(message)[:300])

    def _finish(self, **fields) -> None:
        self._update(status=Status.DONE, percent=100, finished_at=timezone.now(), **fields)
        self.finished = True


def job(function: Callable) -> Task:
    """Decorator: a django-tasks Task running ``function(run, *args)`` for a Job."""

    @functools.wraps(function)  # keeps the module and name: the worker imports the Task
    def run_job(job_id: str, *args, **kwargs):
        current = _begin(job_id)
        if current is None:
            return None
        with translation.override(current.job.language or settings.LANGUAGE_CODE):
            try:
                function(current, *args, **kwargs)
                if not current.finished:
                    raise RuntimeError(f"job {job_id} returned without a result")
            except JobGivenUp:
                logger.warning("Job %s was given up while it ran; its work is dropped", job_id)
            except JobFailed as failure:
                logger.info("Job %s failed: %s", job_id, failure.message)
                _fail(current.job, failure.message)
            except Exception:
                logger.exception("Job %s (%s) failed unexpectedly", job_id, current.job.kind)
                _fail(current.job, generic_failure(current.job))
                raise
        return None

    return task(run_job)


def generic_failure(job: Job) -> str:
    return _(
        "The work could not be finished because of an error in the system. Please tell "
        "the system administrator, quoting job number %(id)s."
    ) % {"id": job.pk}


def _begin(job_id: str) -> JobRun | None:
    now = timezone.now()
    taken = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, heartbeat_at=now
    )
    if not taken:
        # Pruned or given up before a worker reached it: nothing to do.
        logger.warning("Job %s is not waiting any more; its task does nothing", job_id)
        return None
    return JobRun(Job.objects.select_related("owner").get(pk=job_id))


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk, status__in=[Status.QUEUED, Status.RUNNING]).update(
        status=Status.FAILED,
        error_message=message,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )


@transaction.atomic
def start(user, task: Task, *args, title: str, kind: str = "") -> Job:
    """Queue ``task`` for ``user``'s new Job, which is returned (waiting its turn)."""
    job = Job(
        owner=user,
        kind=kind or task.module_path,
        title=str(title)[:300],
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    job.full_clean()
    job.save()
    result = task.enqueue(str(job.pk), *args)
    job.task_result_id = str(result.id)
    job.save(update_fields=["task_result_id"])
    return job


def active_job(task: Task, *args) -> Job | None:
    """The job of ``task`` started with these arguments that waits or runs, if any (the
    same roll-forward asked for twice), whoever started it."""
    waiting = Job.objects.filter(
        kind=task.module_path, status__in=[Status.QUEUED, Status.RUNNING]
    ).select_related("owner")
    by_task = {job.task_result_id: job for job in waiting}
    if not by_task:
        return None
    for result in DBTaskResult.objects.filter(id__in=list(by_task)).order_by("enqueued_at"):
        if list(result.args_kwargs.get("args", [])[1:]) == list(args):
            return give_up_if_stale(by_task[str(result.id)])
    return None


JOB_PARAMETER = "job"


def with_job(url: str, job: Job | str) -> str:
    """``url`` naming the job that led to it, for ``announce_finished`` there."""
    job_id = job.pk if isinstance(job, Job) else job
    return f"{url}{'&' if '?' in url else '?'}{urlencode({JOB_PARAMETER: job_id})}"


def announce_finished(request) -> str | None:
    """On a page a job ended on (``with_job``): the job's closing message is added to the
    user's messages and the page's own address (without the job) returned, to redirect
    to, so that it shows once; None when the request names no finished job of the user."""
    job_id = request.GET.get(JOB_PARAMETER)
    if not job_id:
        return None
    try:
        job = jobs_of(request.user).filter(pk=job_id, status=Status.DONE).first()
    except (ValueError, ValidationError):
        job = None
    if job is not None and job.step:
        messages.success(request, job.step)
    rest = request.GET.copy()
    del rest[JOB_PARAMETER]
    return request.path + (f"?{rest.urlencode()}" if rest else "")


def stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.JOBS_STALE_AFTER)


def give_up_if_stale(job: Job) -> Job:
    """A running job silent for longer than JOBS_STALE_AFTER is marked failed: its
    worker stopped (killed, restarted, out of memory) and it will not finish."""
    if job.status != Status.RUNNING or job.heartbeat_at is None:
        return job
    if job.heartbeat_at >= stale_before():
        return job
    message = _(
        "The work stopped without finishing (nothing happened for %(minutes)s minutes). "
        "Please start it again."
    ) % {"minutes": max(1, settings.JOBS_STALE_AFTER // 60)}
    Job.objects.filter(pk=job.pk, status=Status.RUNNING, heartbeat_at=job.heartbeat_at).update(
        status=Status.FAILED, error_message=message, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def jobs_of(user):
    """The user's own jobs, newest first: nobody else's job is ever shown or served."""
    return Job.objects.filter(owner=user)


def running_count(user) -> int:
    return jobs_of(user).filter(status__in=[Status.QUEUED, Status.RUNNING]).count()
