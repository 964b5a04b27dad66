from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import AuditedHistoryAdmin
from directives.admin import (
    VIETNAMESE_INPUTS,
    DirectiveAdmin,
    PermissionCheckedImportExportAdmin,
)
from directives.localization import format_decimal
from directives.models import Directive
from indicators.forms import IndicatorForm, IndicatorTargetForm
from indicators.models import Indicator, IndicatorTarget
from indicators.resources import IndicatorResource, IndicatorTargetResource


class FormattedValuesMixin:
    """Baseline and target columns shown as on the page: 99,85, not 99,8500."""

    @admin.display(description=_("baseline (achieved)"), ordering="baseline_value")
    def baseline(self, obj):
        return format_decimal(obj.baseline_value)

    @admin.display(description=_("target"), ordering="target_value")
    def target(self, obj):
        return format_decimal(obj.target_value)


class IndicatorInline(admin.TabularInline):
    model = Indicator
    form = IndicatorForm
    extra = 0
    fields = [
        "order",
        "name",
        "unit",
        "education_level",
        "baseline_value",
        "baseline_year",
        "target_value",
        "direction",
        "rollup_rule",
        "is_count",
    ]
    formfield_overrides = VIETNAMESE_INPUTS


class DirectiveWithAppendixAdmin(DirectiveAdmin):
    """The directive admin, with its appendix of indicators under it.

    Registered here so that ``directives`` does not depend on ``indicators``.
    """

    inlines = [*DirectiveAdmin.inlines, IndicatorInline]


admin.site.unregister(Directive)
admin.site.register(Directive, DirectiveWithAppendixAdmin)


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    form = IndicatorTargetForm
    extra = 0
    autocomplete_fields = ["agency"]
    formfield_overrides = VIETNAMESE_INPUTS


@admin.register(Indicator)
class IndicatorAdmin(FormattedValuesMixin, PermissionCheckedImportExportAdmin, AuditedHistoryAdmin):
    resource_classes = [IndicatorResource]
    form = IndicatorForm
    list_display = [
        "order",
        "name",
        "unit",
        "baseline",
        "target",
        "direction",
        "rollup_rule",
        "is_count",
        "directive",
    ]
    list_display_links = ["order", "name"]
    list_filter = ["directive", "education_level", "direction", "rollup_rule", "is_count"]
    search_fields = ["name", "unit"]
    list_select_related = ["directive"]
    autocomplete_fields = ["directive"]
    inlines = [IndicatorTargetInline]
    formfield_overrides = VIETNAMESE_INPUTS


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(
    FormattedValuesMixin, PermissionCheckedImportExportAdmin, AuditedHistoryAdmin
):
    resource_classes = [IndicatorTargetResource]
    form = IndicatorTargetForm
    list_display = ["indicator", "agency", "baseline", "target"]
    list_filter = ["indicator__directive", "agency"]
    search_fields = ["indicator__name", "agency__name"]
    list_select_related = ["indicator", "agency"]
    autocomplete_fields = ["indicator", "agency"]
    formfield_overrides = VIETNAMESE_INPUTS
