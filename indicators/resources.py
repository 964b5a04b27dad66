"""Indicators as rows of a workbook (django-import-export)."""

from decimal import InvalidOperation

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from directives.localization import (
    AmbiguousNumber,
    NumberKind,
    decimal_for_field,
    parse_decimal,
)
from directives.models import Agency, Directive, SchoolYear
from directives.resources import SafeSpreadsheetResource
from directives.selectors import directive_by_reference
from indicators.models import VALUE_DIGITS, Indicator, IndicatorTarget, counts_whole_units


class VietnameseDecimalWidget(widgets.DecimalWidget):
    """Cells typed as text ("32,7", "1.000") are read as ``parse_decimal`` reads them, as a
    figure of the ``kind`` the resource passes; numbers stay numbers. Either way a number
    the field's digits cannot hold is refused, as in the forms."""

    def __init__(self, *, max_digits: int, decimal_places: int, **kwargs):
        super().__init__(**kwargs)
        self.max_digits, self.decimal_places = max_digits, decimal_places

    def clean(self, value, row=None, kind: NumberKind = NumberKind.ANY, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            if isinstance(value, str):
                number = parse_decimal(value, kind=kind)
            else:
                number = super().clean(value, row, **kwargs)
        except AmbiguousNumber:
            raise
        except (ValueError, InvalidOperation):
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        return decimal_for_field(
            number, max_digits=self.max_digits, decimal_places=self.decimal_places
        )


class FiguresOfTheirIndicator:
    """A resource whose baseline and target cells are read as figures of their indicator
    (``Indicator.figure_kind``); whether a count is whole is the model's own check."""

    def indicator_of(self, instance) -> Indicator | None:
        raise NotImplementedError

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if isinstance(field.widget, VietnameseDecimalWidget):
            indicator = self.indicator_of(instance)
            if indicator is not None:
                kwargs["kind"] = indicator.figure_kind(field.attribute)
        return super().import_field(field, instance, row, is_m2m, **kwargs)


class DirectiveWidget(widgets.ForeignKeyWidget):
    """A directive named by its number and symbol as printed: "3707/KH-UBND"."""

    def __init__(self):
        super().__init__(Directive)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return directive_by_reference(value)
        except ObjectDoesNotExist:
            raise ValidationError(
                _("No single directive has the number and symbol “%(value)s”.") % {"value": value}
            ) from None

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
        # School years are master data: an indicator import names one, never creates it.
        year = SchoolYear.objects.filter(start_year=int(first)).first()
        if year is None:
            raise ValueError(
                _("The school year “%(value)s” is not in the system.") % {"value": value}
            )
        return year

    def render(self, value, obj=None, **kwargs):
        return value.label if value else ""


class IndicatorResource(FiguresOfTheirIndicator, SafeSpreadsheetResource):
    directive = fields.Field(
        attribute="directive", column_name=gettext_lazy("Directive"), widget=DirectiveWidget()
    )
    order = fields.Field(
        attribute="order", column_name=gettext_lazy("No. (TT)"), widget=widgets.IntegerWidget()
    )
    name = fields.Field(attribute="name", column_name=gettext_lazy("Indicator"))
    unit = fields.Field(attribute="unit", column_name=gettext_lazy("Unit"))
    education_level = fields.Field(
        attribute="education_level",
        column_name=gettext_lazy("Education level"),
        widget=widgets.CharWidget(allow_blank=True),
    )
    baseline_value = fields.Field(
        attribute="baseline_value",
        column_name=gettext_lazy("Baseline (achieved)"),
        widget=VietnameseDecimalWidget(**VALUE_DIGITS),
    )
    baseline_year = fields.Field(
        attribute="baseline_year",
        column_name=gettext_lazy("Baseline school year"),
        widget=SchoolYearWidget(),
    )
    target_value = fields.Field(
        attribute="target_value",
        column_name=gettext_lazy("Target"),
        widget=VietnameseDecimalWidget(**VALUE_DIGITS),
    )
    direction = fields.Field(attribute="direction", column_name=gettext_lazy("Direction"))
    rollup_rule = fields.Field(attribute="rollup_rule", column_name=gettext_lazy("Roll-up rule"))
    ratio_scale = fields.Field(
        attribute="ratio_scale",
        column_name=gettext_lazy("Ratio scale"),
        widget=widgets.IntegerWidget(),
    )
    is_count = fields.Field(
        attribute="is_count",
        column_name=gettext_lazy("Counts whole units (1/0)"),
        widget=widgets.BooleanWidget(),
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
            "is_count",
        )
        # What a figure is (unit, rule, count) is known before the figures are read.
        import_order = ("directive", "order", "name", "unit", "rollup_rule", "is_count")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def indicator_of(self, instance):
        return instance

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "is_count" and row.get(field.column_name) in ("", None):
            # Not said: an existing indicator keeps its own; a new one counts by its unit.
            if instance.pk is None:
                instance.is_count = counts_whole_units(
                    unit=instance.unit or "", rollup_rule=instance.rollup_rule
                )
            return None
        return super().import_field(field, instance, row, is_m2m, **kwargs)

    def get_queryset(self):
        return Indicator.objects.select_related("directive", "baseline_year").order_by(
            "directive", "order"
        )


DIRECTIVE_COLUMN = gettext_lazy("Directive")


class IndicatorByOrderWidget(widgets.ForeignKeyWidget):
    """An indicator named by its directive (another column of the row) and its TT."""

    def __init__(self):
        super().__init__(Indicator)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        directive = DirectiveWidget().clean((row or {}).get(str(DIRECTIVE_COLUMN)))
        if directive is None:
            raise ValueError(_("The directive column is empty."))
        try:
            return directive.indicators.get(order=int(value))
        except (ValueError, Indicator.DoesNotExist):
            raise ValueError(
                _("%(directive)s has no indicator %(order)s.")
                % {"directive": directive.reference, "order": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.order if value else ""


class IndicatorTargetResource(FiguresOfTheirIndicator, SafeSpreadsheetResource):
    """Unit targets (chỉ tiêu giao đơn vị): directive, TT, unit code, baseline, target."""

    directive = fields.Field(
        attribute="indicator__directive",
        column_name=DIRECTIVE_COLUMN,
        widget=DirectiveWidget(),
        readonly=True,
    )
    indicator = fields.Field(
        attribute="indicator", column_name=gettext_lazy("No. (TT)"), widget=IndicatorByOrderWidget()
    )
    agency = fields.Field(
        attribute="agency",
        column_name=gettext_lazy("Unit code"),
        widget=widgets.ForeignKeyWidget(Agency, field="code"),
    )
    baseline_value = fields.Field(
        attribute="baseline_value",
        column_name=gettext_lazy("Baseline (achieved)"),
        widget=VietnameseDecimalWidget(**VALUE_DIGITS),
    )
    target_value = fields.Field(
        attribute="target_value",
        column_name=gettext_lazy("Unit target"),
        widget=VietnameseDecimalWidget(**VALUE_DIGITS),
    )
    note = fields.Field(
        attribute="note",
        column_name=gettext_lazy("Note"),
        widget=widgets.CharWidget(allow_blank=True),
    )

    class Meta:
        model = IndicatorTarget
        import_id_fields = ["indicator", "agency"]
        fields = ("directive", "indicator", "agency", "baseline_value", "target_value", "note")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def indicator_of(self, instance):
        return instance.indicator if instance.indicator_id else None

    def get_queryset(self):
        return IndicatorTarget.objects.select_related("indicator__directive", "agency").order_by(
            "indicator__directive", "indicator__order", "agency__code"
        )
