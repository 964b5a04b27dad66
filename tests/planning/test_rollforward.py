"""Rolling plan 3707 into 2025 - 2026: the copy, its baselines from the approved year-end
review, assignments and unit targets moved across the 2025 reform, and what is refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from directives.assigning import assign
from directives.models import Agency, Assignment, Directive, SchoolYear, Task
from indicators.models import Indicator, IndicatorTarget
from planning.models import RollForward, RollForwardIssue
from planning.rollforward import relabel, roll_forward, shift_date
from reports.models import IndicatorValue, ProgressReport, ProvinceValue
from reports.selectors import indicator_rollup
from tests.planning.conftest import PROVINCE_ONLY, RATIO, SUM

pytestmark = pytest.mark.django_db
Kind = RollForwardIssue.Kind


def _target(record, order, agency):
    return IndicatorTarget.objects.get(
        indicator__directive=record.result, indicator__order=order, agency=agency
    )


def test_the_new_baselines_are_the_approved_year_end_rollup(
    plan_3707, year_end, reform, year_2025, staff_user
):
    """Each indicator's baseline is last year's approved year-end province value, as the
    roll-up page shows it: a ratio of summed figures, a sum, a province-only figure."""
    rollup = {row.indicator.order: row.province_value for row in indicator_rollup(year_end)}
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    new = {i.order: i for i in record.result.indicators.all()}
    assert new[RATIO].baseline_value == rollup[RATIO] == Decimal("96.16")  # 4135 / 4300
    assert new[SUM].baseline_value == rollup[SUM] == Decimal(14)
    assert new[PROVINCE_ONLY].baseline_value == rollup[PROVINCE_ONLY] == Decimal("212.5")
    for order in (RATIO, SUM, PROVINCE_ONLY):
        assert new[order].baseline_year.start_year == 2024
        assert new[order].target_value is None
        assert new[order].previous == plan_3707.indicators.get(order=order)
    # Nobody reported the other indicators: no baseline, and staff are told.
    assert new[1].baseline_value is None
    assert record.issues.filter(kind=Kind.BASELINE, indicator=new[1]).exists()


def test_a_unit_that_went_wholly_into_one_commune_keeps_its_target_and_baseline(
    plan_3707, year_end, reform, year_2025, staff_user
):
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    ratio = _target(record, RATIO, reform["phongtho"])
    assert (ratio.target_value, ratio.baseline_value) == (Decimal(96), Decimal("95.00"))
    count = _target(record, SUM, reform["phongtho"])
    assert (count.target_value, count.baseline_value) == (Decimal(4), Decimal(3))


def test_a_merger_adds_up_targets_and_baselines(plan_3707, year_end, reform, year_2025, staff_user):
    """Tam Đường and Sìn Hồ merged into xã Bình Lư: the sum's target and baseline are
    their sums; the rate's baseline is their summed numerators over summed denominators,
    its target the rate both reach when each meets its own."""
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    count = _target(record, SUM, reform["binhlu"])
    assert (count.target_value, count.baseline_value) == (Decimal(9), Decimal(7))
    rate = _target(record, RATIO, reform["binhlu"])
    assert rate.baseline_value == Decimal("98.60")  # 2465 / 2500
    assert rate.target_value == Decimal("99.20")  # (99,5 × 2000 + 98 × 500) / 2500


def test_a_split_units_targets_are_listed_as_issues_not_invented(
    plan_3707, year_end, reform, year_2025, staff_user
):
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    muongte = Agency.objects.get(code="lc-muongte-ubnd")
    assert not IndicatorTarget.objects.filter(
        indicator__directive=record.result, agency__in=[reform["muongte"], reform["thulum"]]
    ).exists()
    issues = record.issues.filter(kind=Kind.UNIT_TARGET, agency=muongte)
    assert sorted(issues.values_list("indicator__order", flat=True)) == [RATIO, SUM]
    for issue in issues:
        assert "UBND xã Mường Tè" in issue.text and "UBND xã Thu Lũm" in issue.text


def test_assignments_move_to_the_successors_of_closed_agencies(
    plan_3707, year_end, reform, year_2025, staff_user
):
    """An implementing or coordinating part goes to every successor; a lead to its one
    successor, else it is an issue; an agency with no successor is an issue."""
    muongte = Agency.objects.get(code="lc-muongte-ubnd")
    task = plan_3707.task_groups.order_by("order").first().tasks.order_by("order").first()
    assign(tasks=[task], agencies=[muongte], role=Assignment.Role.IMPLEMENT, by=staff_user)
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    new = Assignment.objects.filter(task__group__directive=record.result)
    new_task = Task.objects.get(
        group__directive=record.result, group__order=task.group.order, order=task.order
    )
    assert set(
        new.filter(task=new_task, role="implement").values_list("agency__code", flat=True)
    ) >= {
        "test-xa-muongte",
        "test-xa-thulum",
    }
    coordinating = set(new.filter(role="coordinate").values_list("agency__code", flat=True))
    assert {
        "test-xa-muongte",
        "test-xa-thulum",
        "test-xa-binhlu",
        "test-xa-phongtho",
    } <= coordinating
    leads = list(new.filter(role="lead").values_list("agency__code", flat=True))
    assert leads.count("test-xa-binhlu") == 1  # both merged districts led the same task
    assert "test-xa-muongte" not in leads and "test-xa-thulum" not in leads
    assert record.issues.filter(kind=Kind.LEAD, agency=muongte).count() == 1
    # Nậm Nhùn closed with no successor on record in this test.
    namnhun = Agency.objects.get(code="lc-namnhun-ubnd")
    assert record.issues.filter(kind=Kind.LEAD, agency=namnhun).count() == 0
    assert record.issues.filter(kind=Kind.ASSIGNMENT, agency=namnhun).count() == 2
    assert not new.filter(agency__valid_until__lt=year_2025.span[0]).exists()


def test_the_copy_is_a_draft_of_the_new_school_year(plan_3707, year_2025, staff_user):
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    new = record.result
    assert new.is_draft and new.number == "" and new.issued_on is None
    assert new.previous_year == plan_3707 and new.school_year == year_2025
    assert new.issuer == plan_3707.issuer
    assert "NĂM HỌC 2025 - 2026" in new.title and "2024 - 2025" not in new.title
    assert "năm học 2025 - 2026" in new.preamble and "giai đoạn 2021 - 2025" in new.preamble
    assert new.sections.count() == plan_3707.sections.count()
    assert new.task_groups.count() == plan_3707.task_groups.count()
    assert Task.objects.filter(group__directive=new).count() == 47
    assert new.indicators.count() == 26
    assert new.references.count() == plan_3707.references.count()
    assert record.created_by == staff_user and not record.is_demo


def test_task_deadlines_move_by_the_years_between(plan_3707, staff_user):
    task = Task.objects.filter(group__directive=plan_3707).first()
    Task.objects.filter(pk=task.pk).update(due_on=datetime.date(2024, 10, 20))
    two_years_on = SchoolYear.objects.create(start_year=2026)
    record = roll_forward(directive=plan_3707, school_year=two_years_on, by=staff_user)
    moved = Task.objects.get(
        group__directive=record.result, group__order=task.group.order, order=task.order
    )
    assert moved.due_on == datetime.date(2026, 10, 20)
    assert shift_date(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)


def test_the_school_year_label_is_replaced_in_every_common_spelling():
    old, new = SchoolYear(start_year=2024), SchoolYear(start_year=2025)
    assert relabel("năm học 2024 - 2025; 2024-2025; 2024 – 2025", old, new) == (
        "năm học 2025 - 2026; 2025-2026; 2025 – 2026"
    )
    assert relabel("giai đoạn 2021 - 2025, chu kỳ 2024, 2025, 12024-20255", old, new) == (
        "giai đoạn 2021 - 2025, chu kỳ 2024, 2025, 12024-20255"
    )


def test_without_an_approved_year_end_review_the_baselines_stay_blank(
    plan_3707, year_2025, staff_user
):
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    assert not record.result.indicators.exclude(baseline_value=None).exists()
    assert record.issues.filter(kind=Kind.BASELINE).count() == 26
    assert "tổng kết năm học" in record.issues.filter(kind=Kind.BASELINE).first().text


def test_a_second_roll_forward_into_the_same_year_is_refused_and_creates_nothing(
    plan_3707, year_2025, staff_user
):
    roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    counts = (
        Directive.objects.count(),
        Task.objects.count(),
        Indicator.objects.count(),
        RollForward.objects.count(),
    )
    with pytest.raises(ValidationError, match="đã được tiếp nối"):
        roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    assert counts == (
        Directive.objects.count(),
        Task.objects.count(),
        Indicator.objects.count(),
        RollForward.objects.count(),
    )


def test_a_year_not_after_the_plans_own_is_refused(plan_3707, staff_user):
    with pytest.raises(ValidationError, match="phải sau"):
        roll_forward(directive=plan_3707, school_year=plan_3707.school_year, by=staff_user)
    assert not Directive.objects.filter(previous_year=plan_3707).exists()


def _snapshot(plan):
    return (
        list(Directive.objects.filter(pk=plan.pk).values()),
        list(Indicator.objects.filter(directive=plan).order_by("pk").values()),
        list(IndicatorTarget.objects.filter(indicator__directive=plan).order_by("pk").values()),
        list(Assignment.objects.filter(task__group__directive=plan).order_by("pk").values()),
        list(ProgressReport.objects.filter(period__directive=plan).order_by("pk").values()),
        list(IndicatorValue.objects.filter(report__period__directive=plan).order_by("pk").values()),
        list(ProvinceValue.objects.filter(period__directive=plan).order_by("pk").values()),
    )


def test_last_years_plan_reports_and_values_are_never_changed(
    plan_3707, year_end, reform, year_2025, staff_user
):
    before = _snapshot(plan_3707)
    history = plan_3707.history.count()
    roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    assert _snapshot(plan_3707) == before
    assert plan_3707.history.count() == history


def test_the_roll_forward_is_one_save_in_the_history(
    plan_3707, year_end, reform, year_2025, staff_user
):
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    entry = record.result.history.get()
    assert entry.history_user == staff_user and entry.history_action is not None
    actions = set(
        Indicator.history.filter(directive_id=record.result_id).values_list(
            "history_action", flat=True
        )
    ) | set(
        record.issues.model.history.filter(roll_forward_id=record.pk).values_list(
            "history_action", flat=True
        )
    )
    assert actions == {entry.history_action}
    assert record.history.get().history_user == staff_user


def test_rolling_forward_costs_a_bounded_number_of_queries(
    plan_3707, year_end, reform, year_2025, staff_user, django_assert_max_num_queries
):
    with django_assert_max_num_queries(50):
        roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)


def test_a_unit_formed_from_a_whole_unit_and_part_of_a_split_one_gets_no_carried_target(
    plan_3707, year_end, reform, year_2025, staff_user
):
    """Nậm Nhùn went wholly into xã Mường Tè, which also took part of Mường Tè district:
    Nậm Nhùn's target is not the commune's, so it is an issue, not a copy."""
    namnhun = Agency.objects.get(code="lc-namnhun-ubnd")
    IndicatorTarget.objects.create(
        indicator=plan_3707.indicators.get(order=SUM), agency=namnhun, target_value=Decimal(2)
    )
    reorganisation = reform["muongte"].reorganised_from.get().reorganisation
    line = reorganisation.lines.create(order=4, kind="merger")
    line.predecessors.set([namnhun])
    line.successors.set([reform["muongte"]])
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    assert not IndicatorTarget.objects.filter(
        indicator__directive=record.result, agency=reform["muongte"]
    ).exists()
    issue = record.issues.get(kind=Kind.UNIT_TARGET, agency=reform["muongte"])
    assert str(namnhun) in issue.text and "sáp nhập toàn bộ" in issue.text


def test_a_count_of_communes_across_the_reform_is_flagged_for_staff(
    plan_3707, year_end, reform, year_2025, staff_user
):
    """A reorganisation rearranged the districts and communes between the two years: a
    baseline that counts communes (unit "Xã") counts the old ones, and staff are told so,
    naming the basis; a percentage is not flagged."""
    record = roll_forward(directive=plan_3707, school_year=year_2025, by=staff_user)
    new = {i.order: i for i in record.result.indicators.all()}
    assert new[SUM].unit == "Xã" and new[SUM].baseline_value == 14
    flagged = record.issues.filter(kind=Kind.BASELINE, indicator=new[SUM]).get()
    assert "Nghị quyết thử nghiệm" in flagged.text and "14" in flagged.text
    assert "trước sắp xếp" in flagged.text
    assert not record.issues.filter(kind=Kind.BASELINE, indicator=new[RATIO]).exists()
