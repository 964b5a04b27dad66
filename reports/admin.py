"""Reports in the admin are for reading and fixing dates: every change to a report goes
through the workflow in the pages, so that its rules and history hold.

Unit targets are edited in the admin of ``indicators``; they are registered again here
with the rule that only ``reports`` knows: a target an approved report relies on does not
move (reports/approved_data.py).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from accounts.admin import AuditedHistoryAdmin
from directives.admin import VIETNAMESE_INPUTS
from indicators.admin import IndicatorAdmin, IndicatorTargetAdmin, IndicatorTargetInline
from indicators.forms import IndicatorTargetForm
from indicators.models import Indicator, IndicatorTarget
from indicators.resources import IndicatorTargetResource
from reports import approved_data, workflow
from reports.forms import dates_reason_field
from reports.models import (
    Evidence,
    IndicatorValue,
    ProgressReport,
    ProvinceValue,
    ReportingPeriod,
    TaskAnswer,
)

PERIOD_DATES = {"due_on", "locks_on"}


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReportingPeriodForm(forms.ModelForm):
    """The period's dates move only with a reason, which its history keeps."""

    reason = dates_reason_field()

    class Meta:
        model = ReportingPeriod
        fields = ["name", "kind", "starts_on", "ends_on", "due_on", "locks_on", "is_demo"]

    def clean(self):
        cleaned = super().clean()
        # Compared with what is stored: the form may show an old version being put back.
        stored = ReportingPeriod.objects.filter(pk=self.instance.pk).values(*PERIOD_DATES).first()
        dates = {name: cleaned.get(name) for name in PERIOD_DATES}
        if stored and all(dates.values()) and dates != stored:
            problems = workflow.period_dates_problems(**dates, reason=cleaned.get("reason", ""))
            for name, problem in problems.items():
                self.add_error(name, problem)
        return cleaned


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedHistoryAdmin):
    form = ReportingPeriodForm
    list_display = ["name", "directive", "kind", "due_on", "locks_on", "is_demo"]
    list_filter = ["kind", "school_year", "is_demo"]
    search_fields = ["name"]
    list_select_related = ["directive"]
    readonly_fields = ["directive", "school_year", "created_by", "created_at"]
    formfield_overrides = VIETNAMESE_INPUTS

    def has_add_permission(self, request):
        return False  # periods are opened from the reporting pages (units get their reports)

    def save_model(self, request, obj, form, change):
        """New dates go through the workflow with their reason; the rest as usual."""
        stored = ReportingPeriod.objects.filter(pk=obj.pk).first() if change else None
        if stored is None or (stored.due_on, stored.locks_on) == (obj.due_on, obj.locks_on):
            return super().save_model(request, obj, form, change)
        due_on, locks_on = obj.due_on, obj.locks_on
        obj.due_on, obj.locks_on = stored.due_on, stored.locks_on
        if set(form.changed_data) - PERIOD_DATES - {"reason"}:
            super().save_model(request, obj, form, change)
        workflow.change_period_dates(
            period=obj,
            due_on=due_on,
            locks_on=locks_on,
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        obj.due_on, obj.locks_on = due_on, locks_on

    def get_deleted_objects(self, objs, request):
        """A period holding approved reports is not deleted (they would go with it)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        approved = [
            approved_data.report_name(report) for report in approved_data.approved_reports_of(objs)
        ]
        if approved:
            messages.error(
                request,
                _(
                    "A period with approved reports cannot be deleted: their figures count "
                    "in the province's results."
                ),
            )
        return deleted, counts, perms_needed, [*protected, *approved]


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin, AuditedHistoryAdmin):
    list_display = ["agency", "period", "status", "submitted_at", "reviewed_at"]
    list_filter = ["status", "period"]
    search_fields = ["agency__name"]
    list_select_related = ["agency", "period"]


@admin.register(TaskAnswer)
class TaskAnswerAdmin(ReadOnlyAdmin, AuditedHistoryAdmin):
    list_display = ["report", "task", "progress"]
    list_filter = ["progress", "report__period"]
    list_select_related = ["report__agency", "report__period", "task"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin, AuditedHistoryAdmin):
    list_display = ["report", "indicator", "value", "numerator", "denominator"]
    list_filter = ["report__period"]
    list_select_related = ["report__agency", "report__period", "indicator"]


@admin.register(ProvinceValue)
class ProvinceValueAdmin(ReadOnlyAdmin, AuditedHistoryAdmin):
    list_display = ["period", "indicator", "value"]
    list_select_related = ["period", "indicator"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin, AuditedHistoryAdmin):
    list_display = ["original_name", "report", "task", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["report__agency", "report__period", "task", "uploaded_by"]


# --- unit targets that approved reports rely on --------------------------------------


class UnitTargetForm(IndicatorTargetForm):
    """The unit target form, refusing a change that would move approved figures."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # Compared with what is stored: the form may show an old version being put back.
        target = IndicatorTarget.objects.filter(pk=self.instance.pk).first()
        if target is not None:
            for name in approved_data.TARGET_FIGURES:
                if name in cleaned:
                    setattr(target, name, cleaned[name])
            try:
                approved_data.check_target_change(target)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return cleaned


class UnitTargetFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and (refusal := approved_data.target_refusal(form.instance)):
                raise ValidationError(refusal)


class UnitTargetResource(IndicatorTargetResource):
    """The unit-target import, refusing rows that would move what a report was approved
    with."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            approved_data.check_target_change(instance)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        super().validate_instance(instance, errors, validate_unique)


class UnitTargetInline(IndicatorTargetInline):
    form = UnitTargetForm
    formset = UnitTargetFormSet


class IndicatorWithUnitTargetsAdmin(IndicatorAdmin):
    inlines = [UnitTargetInline]


class UnitTargetAdmin(IndicatorTargetAdmin):
    form = UnitTargetForm
    resource_classes = [UnitTargetResource]

    def get_deleted_objects(self, objs, request):
        """A unit target an approved report relies on is not deleted."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        refusals = [refusal for target in objs if (refusal := approved_data.target_refusal(target))]
        for refusal in refusals:
            messages.error(request, refusal)
        relying = {
            approved_data.report_name(report)
            for target in objs
            for report in approved_data.reports_relying_on(target)
        }
        return deleted, counts, perms_needed, [*protected, *sorted(relying)]


admin.site.unregister(Indicator)
admin.site.register(Indicator, IndicatorWithUnitTargetsAdmin)
admin.site.unregister(IndicatorTarget)
admin.site.register(IndicatorTarget, UnitTargetAdmin)
