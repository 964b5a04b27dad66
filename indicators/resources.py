"""Indicators as rows of a workbook (django-import-export)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from directives.localization import parse_decimal
from directives.models import Directive, SchoolYear
from indicators.models import Indicator


class VietnameseDecimalWidget(widgets.DecimalWidget):
    """Cells typed as text ("32,7") are read the Vietnamese way; numbers stay numbers."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str):
            try:
                return parse_decimal(value)
            except ValueError:
                raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        return super().clean(value, row, **kwargs)


class DirectiveWidget(widgets.ForeignKeyWidget):
    """A directive named by its number and symbol as printed: "3707/KH-UBND"."""

    def __init__(self):
        super().__init__(Directive)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        number, _sep, symbol = str(value).strip().partition("/")
        matches = list(Directive.objects.filter(number=number, symbol=symbol)[:2])
        if len(matches) != 1:
            raise ValidationError(
                _("No single directive has the number and symbol “%(value)s”.") % {"value": value}
            )
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        return value.reference if value else ""


class SchoolYearWidget(widgets.ForeignKeyWidget):
    """A school year written "2023-2024"."""

    def __init__(self):
        super().__init__(SchoolYear)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        first = str(value).replace(" ", "").split("-")[0]
        if not first.isdigit():
            raise ValueError(_("“%(value)s” is not a school year.") % {"value": value})
        year, _created = SchoolYear.objects.get_or_create(start_year=int(first))
        return year

    def render(self, value, obj=None, **kwargs):
        return value.label if value else ""


class IndicatorResource(resources.ModelResource):
    directive = fields.Field(
        attribute="directive", column_name=gettext_lazy("Directive"), widget=DirectiveWidget()
    )
    order = fields.Field(
        attribute="order", column_name=gettext_lazy("No. (TT)"), widget=widgets.IntegerWidget()
    )
    name = fields.Field(attribute="name", column_name=gettext_lazy("Indicator"))
    unit = fields.Field(attribute="unit", column_name=gettext_lazy("Unit"))
    education_level = fields.Field(
        attribute="education_level", column_name=gettext_lazy("Education level")
    )
    baseline_value = fields.Field(
        attribute="baseline_value",
        column_name=gettext_lazy("Baseline (achieved)"),
        widget=VietnameseDecimalWidget(),
    )
    baseline_year = fields.Field(
        attribute="baseline_year",
        column_name=gettext_lazy("Baseline school year"),
        widget=SchoolYearWidget(),
    )
    target_value = fields.Field(
        attribute="target_value",
        column_name=gettext_lazy("Target"),
        widget=VietnameseDecimalWidget(),
    )
    direction = fields.Field(attribute="direction", column_name=gettext_lazy("Direction"))
    rollup_rule = fields.Field(attribute="rollup_rule", column_name=gettext_lazy("Roll-up rule"))
    ratio_scale = fields.Field(
        attribute="ratio_scale",
        column_name=gettext_lazy("Ratio scale"),
        widget=widgets.IntegerWidget(),
    )

    class Meta:
        model = Indicator
        import_id_fields = ["directive", "order"]
        fields = (
            "directive",
            "order",
            "name",
            "unit",
            "education_level",
            "baseline_value",
            "baseline_year",
            "target_value",
            "direction",
            "rollup_rule",
            "ratio_scale",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return Indicator.objects.select_related("directive", "baseline_year").order_by(
            "directive", "order"
        )
