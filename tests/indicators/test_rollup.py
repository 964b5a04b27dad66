"""Roll-up and judgement arithmetic (indicators/rollup.py)."""

from decimal import Decimal as D

import pytest

from indicators.rollup import Judgement, UnitFigure, achievement, judge, roll_up


def test_a_ratio_is_the_sum_of_numerators_over_the_sum_of_denominators():
    """Two districts at 50 % and 100 % are not at 75 %: the small one weighs less."""
    figures = [
        UnitFigure(numerator=D(50), denominator=D(100)),
        UnitFigure(numerator=D(900), denominator=D(900)),
    ]
    unit_percentages = [D(50), D(100)]
    assert sum(unit_percentages) / 2 == D(75)
    assert roll_up(rule="ratio", figures=figures) == D("95.00")


def test_a_ratio_per_ten_thousand_people():
    figures = [UnitFigure(numerator=D(950), denominator=D(100000))]
    assert roll_up(rule="ratio", figures=figures, ratio_scale=10000) == D("95.00")


def test_sums_add_counts_and_skip_missing_units():
    figures = [UnitFigure(value=D(3)), UnitFigure(value=None), UnitFigure(value=D(20))]
    assert roll_up(rule="sum", figures=figures) == D(23)


def test_nothing_reported_gives_no_value():
    assert roll_up(rule="sum", figures=[]) is None
    assert roll_up(rule="ratio", figures=[UnitFigure()]) is None
    assert roll_up(rule="none", figures=[UnitFigure(value=D(5))]) is None


@pytest.mark.parametrize(
    ("value", "baseline", "target", "direction", "expected"),
    [
        # Targets near 100 %: 99,8 misses 99,85 although it is 99,95 % of it.
        (D("99.8"), D("99.8"), D("99.85"), "raise", Judgement.NOT_MET),
        (D("99.85"), D("99.8"), D("99.85"), "raise", Judgement.MET),
        (D("99.82"), D("99.8"), D("99.85"), "raise", Judgement.PROGRESS),
        # Keep at 100 %: anything below is not met.
        (D("100"), D("100"), D("100"), "keep", Judgement.MET),
        (D("99.99"), D("100"), D("100"), "keep", Judgement.NOT_MET),
        # Keep a count of 106 communes.
        (D("106"), D("106"), D("106"), "keep", Judgement.MET),
        (D("105"), D("106"), D("106"), "keep", Judgement.NOT_MET),
        # Lower: e.g. a drop-out rate.
        (D("1.2"), D("2.0"), D("1.5"), "lower", Judgement.MET),
        (D("1.8"), D("2.0"), D("1.5"), "lower", Judgement.PROGRESS),
        (D("2.5"), D("2.0"), D("1.5"), "lower", Judgement.NOT_MET),
        # Without a baseline there is no "progress".
        (D("7"), None, D("8"), "raise", Judgement.NOT_MET),
    ],
)
def test_judgement(value, baseline, target, direction, expected):
    assert judge(value=value, baseline=baseline, target=target, direction=direction) == expected


def test_no_value_or_no_target_gives_no_judgement():
    assert judge(value=None, baseline=D(1), target=D(2), direction="raise") is None
    assert judge(value=D(1), baseline=D(1), target=None, direction="raise") is None


def test_achievement_is_the_value_as_a_share_of_the_target():
    assert achievement(D("99.8"), D("99.85")) == D("99.95")
    assert achievement(D(7), D(8)) == D("87.50")
    assert achievement(None, D(8)) is None
