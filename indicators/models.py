"""The appendix of numeric targets (phụ lục chỉ tiêu) and per-unit targets."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.audit import AuditedHistory
from directives.localization import largest_decimal
from directives.models import Agency, Directive, SchoolYear

# Every figure of an indicator: below 10^11 with four decimal places, far beyond any
# education statistic. SQLite keeps decimals as REAL, which gives back 15 significant
# digits exactly and not 16 (Django then fails to read the row), so 15 is the most both
# databases hold exactly.
VALUE_DIGITS = {"max_digits": 15, "decimal_places": 4}
LARGEST_VALUE = largest_decimal(**VALUE_DIGITS)


def value_in_range(field: str, *, name: str) -> models.CheckConstraint:
    """The database refuses a figure the field's digits cannot hold (SQLite would store it
    and then fail to read it back)."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True})
        | Q(**{f"{field}__gte": -LARGEST_VALUE, f"{field}__lte": LARGEST_VALUE}),
        name=name,
    )


class Indicator(models.Model):
    """A numeric target of a directive's appendix: order (TT), name, unit, baseline, target."""

    class EducationLevel(models.TextChoices):
        PRESCHOOL = "mam_non", _("Preschool")
        PRIMARY = "tieu_hoc", _("Primary")
        LOWER_SECONDARY = "thcs", _("Lower secondary")
        UPPER_SECONDARY = "thpt", _("Upper secondary")
        SECONDARY = "trung_hoc", _("Secondary (lower and upper)")
        CONTINUING = "gdtx", _("Continuing education and literacy")
        HIGHER = "dai_hoc", _("Higher education")

    class Direction(models.TextChoices):
        RAISE = "raise", _("Raise")
        KEEP = "keep", _("Keep")
        LOWER = "lower", _("Lower")

    class RollupRule(models.TextChoices):
        SUM = "sum", _("Sum of units' values")
        RATIO = "ratio", _("Ratio of summed numerators over summed denominators")
        NONE = "none", _("Province-only figure (no roll-up)")

    directive = models.ForeignKey(
        Directive,
        verbose_name=_("directive"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    order = models.PositiveSmallIntegerField(_("order (TT)"))
    name = models.TextField(_("indicator"))
    unit = models.CharField(_("unit"), max_length=60)
    education_level = models.CharField(
        _("education level"), max_length=16, choices=EducationLevel.choices, blank=True
    )
    baseline_value = models.DecimalField(
        _("baseline (achieved)"), null=True, blank=True, **VALUE_DIGITS
    )
    baseline_year = models.ForeignKey(
        SchoolYear,
        verbose_name=_("baseline school year"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    target_value = models.DecimalField(_("target"), null=True, blank=True, **VALUE_DIGITS)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.RAISE
    )
    rollup_rule = models.CharField(
        _("roll-up rule"), max_length=8, choices=RollupRule.choices, default=RollupRule.SUM
    )
    ratio_scale = models.PositiveIntegerField(
        _("ratio scale"),
        default=100,
        help_text=_("For ratios: 100 for a percentage, 10000 for a value per 10,000 people."),
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["directive", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "order"], name="indicator_unique_order_in_directive"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=["raise", "keep", "lower"]),
                name="indicator_direction_valid",
            ),
            models.CheckConstraint(
                condition=Q(rollup_rule__in=["sum", "ratio", "none"]),
                name="indicator_rollup_rule_valid",
            ),
            models.CheckConstraint(
                condition=Q(ratio_scale__gt=0), name="indicator_ratio_scale_positive"
            ),
            value_in_range("baseline_value", name="indicator_baseline_in_range"),
            value_in_range("target_value", name="indicator_target_in_range"),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"

    @property
    def target_year(self):
        """The target is for the directive's own school year."""
        return self.directive.school_year


class IndicatorTarget(models.Model):
    """An indicator's target for one reporting unit (a district, a school...)."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="unit_targets",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="indicator_targets",
    )
    baseline_value = models.DecimalField(
        _("baseline (achieved)"), null=True, blank=True, **VALUE_DIGITS
    )
    target_value = models.DecimalField(_("target"), **VALUE_DIGITS)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("unit target")
        verbose_name_plural = _("unit targets")
        ordering = ["indicator", "agency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "agency"], name="indicatortarget_unique_unit"
            ),
            value_in_range("baseline_value", name="indicatortarget_baseline_in_range"),
            value_in_range("target_value", name="indicatortarget_target_in_range"),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.agency}"
