"""A plan carried into the next school year (roll-forward), and what could not be carried."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.audit import AuditedHistory
from directives.models import Agency, Directive, SchoolYear, Task
from indicators.models import Indicator


class RollForward(models.Model):
    """A draft plan for a school year copied from last year's plan (tạo kế hoạch năm học
    mới): its structure, assignments and indicators, with last year's approved year-end
    values as the new baselines."""

    source = models.ForeignKey(
        Directive,
        verbose_name=_("plan of the previous year"),
        on_delete=models.PROTECT,
        related_name="roll_forwards",
    )
    result = models.OneToOneField(
        Directive,
        verbose_name=_("new plan"),
        on_delete=models.PROTECT,
        related_name="rolled_forward_from",
    )
    school_year = models.ForeignKey(
        SchoolYear, verbose_name=_("school year"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("roll-forward of a plan")
        verbose_name_plural = _("roll-forwards of plans")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "school_year"], name="rollforward_once_per_year"
            ),
        ]

    def __str__(self):
        return f"{self.source} → {self.school_year}"

    def get_absolute_url(self):
        return reverse("planning:issues", args=[self.result_id])


class RollForwardIssue(models.Model):
    """Something of last year's plan that could not be carried as it was, for staff to
    settle: a closed agency with no successor, a lead split between several agencies, a
    unit target of a split unit, an indicator without an approved year-end value."""

    class Kind(models.TextChoices):
        ISSUER = "issuer", _("Issuing agency")
        ASSIGNMENT = "assignment", _("Assignment")
        LEAD = "lead", _("Lead agency")
        BASELINE = "baseline", _("Baseline")
        UNIT_TARGET = "unit_target", _("Unit target")

    roll_forward = models.ForeignKey(
        RollForward,
        verbose_name=_("roll-forward"),
        on_delete=models.CASCADE,
        related_name="issues",
    )
    order = models.PositiveIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    task = models.ForeignKey(
        Task,
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("what could not be carried, and why"))
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), max_length=2_000, blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("issue of a roll-forward")
        verbose_name_plural = _("issues of a roll-forward")
        ordering = ["roll_forward", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["roll_forward", "order"], name="rollforwardissue_unique_order"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["issuer", "assignment", "lead", "baseline", "unit_target"]
                ),
                name="rollforwardissue_kind_valid",
            ),
        ]

    def __str__(self):
        return self.text[:100]

    @property
    def is_settled(self) -> bool:
        return self.settled_at is not None
