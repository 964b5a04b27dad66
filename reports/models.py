"""Reporting periods, progress reports, their answers, values and evidence."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.audit import AuditedHistory
from directives.models import Agency, Directive, SchoolYear, Task, TaskGroup
from indicators.models import VALUE_DIGITS, Indicator, value_in_range

# Longer than any real answer (10 000 characters is four typed pages for one task) or
# note and reason, short enough that one form cannot carry megabytes.
NARRATIVE_LENGTH = 10_000
NOTE_LENGTH = 2_000


class ReportingPeriod(models.Model):
    """A period for which the units of a directive report (tháng, quý, học kỳ, cả năm)."""

    class Kind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        SEMESTER_1 = "semester_1", _("Semester I (mid-year review)")
        SEMESTER_2 = "semester_2", _("Semester II")
        YEAR_END = "year_end", _("Whole year (year-end review)")

    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        on_delete=models.PROTECT,
        related_name="reporting_periods",
    )
    school_year = models.ForeignKey(
        SchoolYear, verbose_name=_("school year"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind of period"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    starts_on = models.DateField(_("period starts on"))
    ends_on = models.DateField(_("period ends on"))
    due_on = models.DateField(_("reports due on"))
    locks_on = models.DateField(
        _("locked after"),
        help_text=_(
            "After this day units can no longer change their report unless staff reopen it."
        ),
    )
    remind_every_days = models.PositiveSmallIntegerField(
        _("remind every (days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "Units are reminded this many days before the due date, and again every this "
            "many days while their report is overdue."
        ),
    )
    escalate_after_days = models.PositiveSmallIntegerField(
        _("escalate after (days overdue)"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_(
            "From this many days overdue, the reminders also go to the unit's head and to "
            "the department staff who follow the unit."
        ),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="period_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(locks_on__gte=F("due_on")), name="period_locks_after_due_date"
            ),
            models.CheckConstraint(
                condition=Q(remind_every_days__gte=1, escalate_after_days__gte=1),
                name="period_reminder_days_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reports:period_detail", args=[self.pk])


class ProgressReport(models.Model):
    """One unit's report on one directive for one period."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not submitted")
        DRAFT = "draft", _("Being drafted")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reports"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every save; a stale form is refused.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(
        _("first submitted at"),
        null=True,
        blank=True,
        help_text=_("Set by the first submission and never changed: timeliness counts it."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField(_("reason for return"), max_length=NOTE_LENGTH, blank=True)
    reopened = models.BooleanField(
        _("reopened by staff"),
        default=False,
        help_text=_("Lets the unit edit after the lock date until it submits again."),
    )
    reopen_reason = models.TextField(_("reason for reopening"), max_length=NOTE_LENGTH, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(bases=[AuditedHistory], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["period", "agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "agency"], name="report_unique_unit"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="report_returned_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.agency} — {self.period}"

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])


class TaskAnswer(models.Model):
    """A unit's answer for one task assigned to it."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Completed")
        DELAYED = "delayed", _("Behind schedule")

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="answers"
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="answers"
    )
    progress = models.CharField(_("progress"), max_length=16, choices=Progress.choices, blank=True)
    results = models.TextField(_("results achieved"), max_length=NARRATIVE_LENGTH, blank=True)
    difficulties = models.TextField(
        _("shortcomings, difficulties and causes"), max_length=NARRATIVE_LENGTH, blank=True
    )
    proposals = models.TextField(_("proposals"), max_length=NARRATIVE_LENGTH, blank=True)
    completed_on = models.DateField(
        _("completed on"),
        null=True,
        blank=True,
        help_text=_("The day the task was finished; blank: the day the report is submitted."),
    )
    carried_over = models.BooleanField(
        _("carried over"),
        default=False,
        help_text=_("Copied from the unit's last approved report and not changed since."),
    )
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("task answer")
        verbose_name_plural = _("task answers")
        ordering = ["report", "task__group__order", "task__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "task"], name="answer_unique_task"),
        ]

    def __str__(self):
        return f"{self.report} — {self.task}"


class GroupAnswer(models.Model):
    """An implementing unit's answer for a whole task group ("1. Công tác quản lý nhà
    nước: kết quả ..."): it stands for every task of the group the unit implements,
    except those it answers one by one."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="group_answers",
    )
    group = models.ForeignKey(
        TaskGroup,
        verbose_name=_("task group"),
        on_delete=models.PROTECT,
        related_name="answers",
    )
    progress = models.CharField(
        _("progress"), max_length=16, choices=TaskAnswer.Progress.choices, blank=True
    )
    results = models.TextField(_("results achieved"), max_length=NARRATIVE_LENGTH, blank=True)
    difficulties = models.TextField(
        _("shortcomings, difficulties and causes"), max_length=NARRATIVE_LENGTH, blank=True
    )
    proposals = models.TextField(_("proposals"), max_length=NARRATIVE_LENGTH, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    carried_over = models.BooleanField(_("carried over"), default=False)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("task group answer")
        verbose_name_plural = _("task group answers")
        ordering = ["report", "group__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "group"], name="group_answer_unique_group"),
        ]

    def __str__(self):
        return f"{self.report} — {self.group}"


class IndicatorValue(models.Model):
    """A unit's value for one indicator; ratios also carry numerator and denominator."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("value"), null=True, blank=True, **VALUE_DIGITS)
    numerator = models.DecimalField(_("numerator"), null=True, blank=True, **VALUE_DIGITS)
    denominator = models.DecimalField(_("denominator"), null=True, blank=True, **VALUE_DIGITS)
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["report", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="value_unique_indicator"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="value_denominator_positive",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=F("denominator")),
                name="value_numerator_not_above_denominator",
            ),
            value_in_range("value", name="value_value_in_range"),
            value_in_range("numerator", name="value_numerator_in_range"),
            value_in_range("denominator", name="value_denominator_in_range"),
        ]

    def __str__(self):
        return f"{self.report} — {self.indicator}"


class ProvinceValue(models.Model):
    """A province-only figure for a period, entered by department staff directly."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="province_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("province value")
        verbose_name_plural = _("province values")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator"], name="province_value_unique_indicator"
            ),
            value_in_range("value", name="province_value_in_range"),
        ]

    def __str__(self):
        return f"{self.period} — {self.indicator}"


def evidence_path(instance, filename):
    """Unguessable stored names; the original name is kept in the database only."""
    suffix = PurePath(filename).suffix.lower()
    return f"evidence/{instance.report.period_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A file attached to a report as evidence (minh chứng), for the report as a whole or
    for one of the tasks it answers."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["report", "uploaded_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("reports:evidence_download", args=[self.pk])
