import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Job(models.Model):
    """Long work a user asked for, as they see it: what it is, how far it has gone, and
    the file (or the page) it ended with, or why it failed. The work itself is a
    django-tasks task (``task_result_id``) run by ``manage.py db_worker``."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job status", "Waiting its turn")
        RUNNING = "running", pgettext_lazy("job status", "In progress")
        DONE = "done", pgettext_lazy("job status", "Done")
        FAILED = "failed", pgettext_lazy("job status", "Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(pgettext_lazy("job", "kind"), max_length=150)
    title = models.CharField(pgettext_lazy("job", "title"), max_length=300)
    # The language the user asked in: the steps and messages the worker writes use it.
    language = models.CharField(pgettext_lazy("job", "language"), max_length=10)
    status = models.CharField(
        pgettext_lazy("job", "status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    step = models.CharField(pgettext_lazy("job", "step"), max_length=300, blank=True)
    percent = models.PositiveSmallIntegerField(pgettext_lazy("job", "percent"), default=0)
    created_at = models.DateTimeField(pgettext_lazy("job", "created at"), auto_now_add=True)
    started_at = models.DateTimeField(pgettext_lazy("job", "started at"), null=True, blank=True)
    # The last sign of life from the worker: a running job silent for longer than
    # JOBS_STALE_AFTER is given up (jobs.running.give_up_if_stale).
    heartbeat_at = models.DateTimeField(
        pgettext_lazy("job", "last progress at"), null=True, blank=True
    )
    finished_at = models.DateTimeField(pgettext_lazy("job", "finished at"), null=True, blank=True)
    # Private media storage: served only through jobs:job_download, to the owner.
    result_file = models.FileField(
        pgettext_lazy("job", "result file"), upload_to="jobs/", blank=True
    )
    result_name = models.CharField(
        pgettext_lazy("job", "download name"), max_length=255, blank=True
    )
    result_content_type = models.CharField(
        pgettext_lazy("job", "content type"), max_length=100, blank=True
    )
    result_url = models.CharField(pgettext_lazy("job", "result page"), max_length=500, blank=True)
    error_message = models.TextField(pgettext_lazy("job", "error message"), blank=True)
    task_result_id = models.CharField(
        pgettext_lazy("job", "task result id"), max_length=64, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="jobs_owner_newest_idx"),
            models.Index(fields=["status", "heartbeat_at"], name="jobs_status_heartbeat_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="jobs_percent_at_most_100"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:job_detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def has_file(self) -> bool:
        return self.status == self.Status.DONE and bool(self.result_file)

    @property
    def shown_step(self) -> str:
        """The step as the user reads it: a finished file is ready, not "being built"."""
        if self.has_file:
            return _("The file is ready.")
        if not self.step and self.status == self.Status.QUEUED:
            return _("Waiting for the background worker to take it.")
        return self.step
