"""Reports in the admin are for reading and fixing dates: every change to a report goes
through the workflow in the pages, so that its rules and history hold."""

from django.contrib import admin

from accounts.admin import AuditedHistoryAdmin
from reports.models import (
    Evidence,
    IndicatorValue,
    ProgressReport,
    ProvinceValue,
    ReportingPeriod,
    TaskAnswer,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedHistoryAdmin):
    list_display = ["name", "directive", "kind", "due_on", "locks_on", "is_demo"]
    list_filter = ["kind", "school_year", "is_demo"]
    search_fields = ["name"]
    list_select_related = ["directive"]
    readonly_fields = ["directive", "school_year", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False  # periods are opened from the reporting pages (units get their reports)


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
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "report", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["report__agency", "report__period", "uploaded_by"]
