"""The arithmetic of indicators, as pure functions: roll-up and judgement.

Given units' figures and a rule, the province value; given a value, the baseline, the
target and the direction, the judgement a department writes: Đạt, Tiến bộ, Chưa đạt.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

RATIO_PLACES = Decimal("0.01")


class Judgement(models.TextChoices):
    MET = "met", _("Met")
    PROGRESS = "progress", _("Progress")
    NOT_MET = "not_met", _("Not met")


@dataclass(frozen=True)
class UnitFigure:
    """What one unit reported for an indicator."""

    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def ratio(numerator: Decimal, denominator: Decimal, scale: int = 100) -> Decimal:
    """numerator / denominator × scale, to two decimal places (32,70 %)."""
    return (Decimal(numerator) * scale / Decimal(denominator)).quantize(
        RATIO_PLACES, rounding=ROUND_HALF_UP
    )


def roll_up(*, rule: str, figures: Iterable[UnitFigure], ratio_scale: int = 100) -> Decimal | None:
    """The province value from units' figures.

    sum: the units' values added up (counts of communes, districts).
    ratio: summed numerators over summed denominators; averaging units' percentages
    would weigh a district of 300 children like one of 3,000.
    none: no roll-up (a province-only figure); returns None.
    Units without a figure are left out; with no figure at all the result is None.
    """
    figures = list(figures)
    if rule == "sum":
        values = [f.value for f in figures if f.value is not None]
        return sum(values, Decimal(0)) if values else None
    if rule == "ratio":
        pairs = [(f.numerator, f.denominator) for f in figures]
        pairs = [(n, d) for n, d in pairs if n is not None and d]
        if not pairs:
            return None
        return ratio(sum(n for n, _d in pairs), sum(d for _n, d in pairs), ratio_scale)
    return None


def judge(
    *,
    value: Decimal | None,
    baseline: Decimal | None,
    target: Decimal | None,
    direction: str,
) -> Judgement | None:
    """Đạt when the target is met in its direction; Tiến bộ when not met but better than
    last year's baseline; Chưa đạt otherwise. Compares the values themselves, so a target
    of 99,85 is missed by 99,8 even though 99,8 is 99,95 % of it."""
    if value is None or target is None:
        return None
    if direction == "lower":
        if value <= target:
            return Judgement.MET
        better = baseline is not None and value < baseline
    else:  # raise, keep: at least the target
        if value >= target:
            return Judgement.MET
        better = baseline is not None and value > baseline
    return Judgement.PROGRESS if better else Judgement.NOT_MET


def achievement(value: Decimal | None, target: Decimal | None) -> Decimal | None:
    """The value as a percentage of the target (tỷ lệ đạt), for display only."""
    if value is None or not target:
        return None
    return ratio(value, target, 100)


def shortfall(*, value: Decimal | None, target: Decimal | None, direction: str) -> Decimal | None:
    """How far a value is behind its target in the indicator's direction, as a share of
    the target (0,25 is a quarter short); zero or less when the target is met. None when
    there is no value or no target. A target of zero is measured in its own units."""
    if value is None or target is None:
        return None
    gap = value - target if direction == "lower" else target - value
    return gap / abs(target) if target else gap
