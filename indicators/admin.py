from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from directives.admin import DECIMAL_OVERRIDES, DirectiveAdmin
from directives.models import Directive
from indicators.models import Indicator, IndicatorTarget
from indicators.resources import IndicatorResource


class IndicatorInline(admin.TabularInline):
    model = Indicator
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
    ]
    formfield_overrides = DECIMAL_OVERRIDES


class DirectiveWithAppendixAdmin(DirectiveAdmin):
    """The directive admin, with its appendix of indicators under it.

    Registered here so that ``directives`` does not depend on ``indicators``.
    """

    inlines = [*DirectiveAdmin.inlines, IndicatorInline]


admin.site.unregister(Directive)
admin.site.register(Directive, DirectiveWithAppendixAdmin)


class IndicatorTargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0
    autocomplete_fields = ["agency"]
    formfield_overrides = DECIMAL_OVERRIDES


@admin.register(Indicator)
class IndicatorAdmin(ImportExportModelAdmin):
    resource_classes = [IndicatorResource]
    list_display = [
        "order",
        "name",
        "unit",
        "baseline_value",
        "target_value",
        "direction",
        "rollup_rule",
        "directive",
    ]
    list_display_links = ["order", "name"]
    list_filter = ["directive", "education_level", "direction", "rollup_rule"]
    search_fields = ["name", "unit"]
    list_select_related = ["directive"]
    autocomplete_fields = ["directive"]
    inlines = [IndicatorTargetInline]
    formfield_overrides = DECIMAL_OVERRIDES


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "agency", "baseline_value", "target_value"]
    list_filter = ["indicator__directive", "agency"]
    search_fields = ["indicator__name", "agency__name"]
    list_select_related = ["indicator", "agency"]
    autocomplete_fields = ["indicator", "agency"]
    formfield_overrides = DECIMAL_OVERRIDES
