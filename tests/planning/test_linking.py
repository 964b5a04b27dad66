"""Linking a real new plan, read from its document, to last year's plan indicator by
indicator: the same baselines as a roll-forward gives."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from indicators.models import IndicatorTarget
from planning.linking import folded, link_previous_year, propose_pairs
from planning.rollforward import plan_roll_forward, roll_forward
from tests.factories import DirectiveFactory, IndicatorFactory
from tests.planning.conftest import PROVINCE_ONLY, RATIO, SUM

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_plan(plan_3707, year_2025):
    """The 2025 - 2026 plan as its document gives it: the same indicators written a little
    differently, one of them new, its own baselines from the document."""
    plan = DirectiveFactory(school_year=year_2025, issuer=plan_3707.issuer)
    old = {i.order: i for i in plan_3707.indicators.all()}
    IndicatorFactory(
        directive=plan, order=1, name=old[RATIO].name.upper(), unit="%", baseline_value="1"
    )
    IndicatorFactory(
        directive=plan,
        order=2,
        name="  " + old[SUM].name.replace(" ", "  ") + " ",
        unit=old[SUM].unit,
        baseline_value="1",
        target_value="20",
        rollup_rule="sum",
    )
    IndicatorFactory(
        directive=plan,
        order=3,
        name=old[PROVINCE_ONLY].name,
        unit=old[PROVINCE_ONLY].unit,
        rollup_rule="none",
    )
    IndicatorFactory(directive=plan, order=4, name="Tỷ lệ trường học có kết nối Internet", unit="%")
    # Same name, another unit: not the same indicator.
    IndicatorFactory(directive=plan, order=5, name=old[SUM].name, unit="Huyện", rollup_rule="sum")
    return plan


def test_folding_ignores_case_diacritics_and_spacing():
    assert folded("  Tỷ lệ  huy động\tTRẺ Đến trường ") == folded("ty le huy dong tre den truong")


def test_the_proposal_pairs_indicators_of_the_same_name_and_unit(plan_3707, new_plan):
    pairs = {
        i.order: (p.order if p else None)
        for i, p in propose_pairs(directive=new_plan, previous=plan_3707).items()
    }
    assert pairs == {1: RATIO, 2: SUM, 3: PROVINCE_ONLY, 4: None, 5: None}


def test_linking_sets_the_same_baselines_as_a_roll_forward(
    plan_3707, new_plan, year_end, reform, year_2025, staff_user
):
    binhlu = reform["binhlu"]
    IndicatorTarget.objects.create(
        indicator=new_plan.indicators.get(order=2), agency=binhlu, target_value=Decimal(10)
    )
    # What a roll-forward would give (it cannot run after: the plan is then continued).
    preview = plan_roll_forward(directive=plan_3707, school_year=year_2025)
    rolled = {i.order: i for i in preview.indicators}
    rolled_target = next(
        t for t in preview.unit_targets if t.agency == binhlu and t.indicator.order == SUM
    )
    pairs = propose_pairs(directive=new_plan, previous=plan_3707)
    result = link_previous_year(directive=new_plan, previous=plan_3707, pairs=pairs, by=staff_user)
    assert (result.linked, result.baselines, result.unit_baselines) == (3, 3, 1)
    new_plan.refresh_from_db()
    assert new_plan.previous_year == plan_3707
    linked = {i.order: i for i in new_plan.indicators.all()}
    assert linked[1].previous.order == RATIO and linked[4].previous is None
    assert linked[4].baseline_value == Decimal("50.5")  # no pair: the document's baseline stays
    assert linked[1].baseline_value == rolled[RATIO].baseline_value == Decimal("96.16")
    assert linked[2].baseline_value == rolled[SUM].baseline_value == Decimal(14)
    assert linked[3].baseline_value == rolled[PROVINCE_ONLY].baseline_value
    assert linked[1].baseline_year.start_year == 2024
    target = IndicatorTarget.objects.get(indicator=linked[2], agency=binhlu)
    assert target.baseline_value == Decimal(7) == rolled_target.baseline_value
    assert target.target_value == Decimal(10)


def test_linking_is_refused_when_another_plan_continues_last_years(
    plan_3707, new_plan, year_2025, staff_user
):
    roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    with pytest.raises(ValidationError, match="đã tiếp nối"):
        link_previous_year(directive=new_plan, previous=plan_3707, pairs={}, by=staff_user)
    new_plan.refresh_from_db()
    assert new_plan.previous_year is None


def test_one_indicator_of_last_year_is_continued_once(plan_3707, new_plan, staff_user):
    old = plan_3707.indicators.get(order=RATIO)
    first, second = new_plan.indicators.order_by("order")[:2]
    with pytest.raises(ValidationError):
        link_previous_year(
            directive=new_plan, previous=plan_3707, pairs={first: old, second: old}, by=staff_user
        )
