"""The appendix of numeric targets (phụ lục chỉ tiêu) and per-unit targets."""

import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.audit import AuditedHistory
from directives.localization import NumberKind, figure_of_kind, largest_decimal
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


# Units that are counted one by one, as appendices write them (compared without case).
COUNTED_UNITS = frozenset(
    {
        "xã", "phường", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh",
        "đơn vị", "trường", "điểm trường", "cơ sở", "lớp", "nhóm lớp", "nhóm trẻ",
        "phòng", "phòng học", "thư viện", "người", "học sinh", "học viên", "sinh viên",
        "trẻ", "giáo viên", "cán bộ", "nhân viên", "bộ", "cái", "chiếc",
    }
)  # fmt: skip


def counts_whole_units(*, unit: str, rollup_rule: str) -> bool:
    """Whether an indicator counts whole units, when nobody said: a rate's numerator and
    denominator count children, pupils or schools; a sum or a province figure counts when
    its unit is something counted one by one (xã, huyện, trường, người...)."""
    if rollup_rule == Indicator.RollupRule.RATIO:
        return True
    return unicodedata.normalize("NFC", unit).strip().casefold() in COUNTED_UNITS


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
    is_count = models.BooleanField(
        _("counts whole units"),
        default=False,
        help_text=_(
            "Its figures count communes, schools or people and take whole numbers only: "
            "for a ratio, the numerator and the denominator; otherwise the value, the "
            "baseline and the target."
        ),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("same indicator, previous school year"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_years",
        help_text=_("The indicator of last year's plan this one continues."),
    )
    history = HistoricalRecords(bases=[AuditedHistory])

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["directive", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "order"], name="indicator_unique_order_in_directive"
            ),
            models.UniqueConstraint(
                fields=["directive", "previous"],
                condition=Q(previous__isnull=False),
                name="indicator_one_continuation_per_directive",
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

    def clean(self):
        check_figures(self, self, ("baseline_value", "target_value"))

    @property
    def target_year(self):
        """The target is for the directive's own school year."""
        return self.directive.school_year

    def figure_kind(self, figure: str) -> NumberKind:
        """How the ``figure`` ("value", "numerator", "denominator", "baseline_value",
        "target_value") of this indicator is read: a rate's numerator and denominator, and
        the other figures of an indicator that counts, take whole numbers; a percentage
        (unit "%") is never a count; anything else is any number."""
        if figure in ("numerator", "denominator"):
            return NumberKind.COUNT if self.is_count else NumberKind.ANY
        if self.unit.strip() == "%":
            return NumberKind.PERCENTAGE
        if self.is_count and self.rollup_rule != self.RollupRule.RATIO:
            return NumberKind.COUNT
        return NumberKind.ANY


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
    # Blank while staff have not yet given the unit its target: a plan rolled into a new
    # school year carries each unit's baseline before anyone has set the new targets.
    target_value = models.DecimalField(_("target"), null=True, blank=True, **VALUE_DIGITS)
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

    def clean(self):
        if self.indicator_id is not None:
            check_figures(self.indicator, self, ("baseline_value", "target_value"))
            self.check_agency_open()

    def check_agency_open(self) -> None:
        """A unit takes a target only if it exists during the directive's school year: a
        district closed by the 2025 reform takes none for 2025 - 2026.

        Raises ValidationError on ``agency``.
        """
        directive = self.indicator.directive
        if self.agency_id is None or directive.school_year_id is None:
            return
        first_day, last_day = directive.school_year.span
        if not self.agency.is_valid_between(first_day, last_day):
            raise ValidationError(
                {
                    "agency": _(
                        "%(agency)s is not open during the school year %(year)s: it cannot "
                        "take a target."
                    )
                    % {"agency": self.agency.name, "year": directive.school_year}
                }
            )


def check_figures(indicator: Indicator, row: models.Model, names) -> None:
    """Raises ValidationError, by field, for each figure of ``row`` that the indicator's
    kind refuses: a count that is not a whole number."""
    errors = {}
    for name in names:
        number = getattr(row, name)
        if not isinstance(number, Decimal):
            continue  # empty, or refused by the field itself
        try:
            figure_of_kind(number, indicator.figure_kind(name))
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise ValidationError(errors)
