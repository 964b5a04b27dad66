import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts import roles
from directives.models import Agency, Directive, SchoolYear
from indicators.models import IndicatorTarget
from reports import workflow
from tests.factories import UserFactory


def make_period(*, staff, due_in_days=7, lock_in_days=30, units=None):
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    today = timezone.localdate()
    return workflow.open_period(
        directive=plan,
        school_year=SchoolYear.objects.get(start_year=2024),
        kind="semester_1",
        name="Sơ kết học kỳ I năm học 2024 - 2025",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2025, 1, 18),
        due_on=today + datetime.timedelta(days=due_in_days),
        locks_on=today + datetime.timedelta(days=lock_in_days),
        by=staff,
        units=units,
    )


@pytest.fixture
def travel(monkeypatch):
    """``travel(days, hours=0)`` moves the clock that far from now: submissions, saves and
    their history all happen then, as if the test ran at that moment."""
    real_now = timezone.now

    def to(days: int = 0, *, hours: int = 0) -> None:
        moment = real_now() + datetime.timedelta(days=days, hours=hours)
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return to


@pytest.fixture
def targets(db):
    """Unit targets for Phong Thổ and Tam Đường on indicators 2 (ratio) and 8 (sum)."""
    plan = Directive.objects.get(number="3707", symbol="KH-UBND")
    for code in ("lc-phongtho-ubnd", "lc-tamduong-ubnd"):
        agency = Agency.objects.get(code=code)
        IndicatorTarget.objects.create(
            indicator=plan.indicators.get(order=2),
            agency=agency,
            baseline_value=Decimal("99.5"),
            target_value=Decimal("99.8"),
        )
        IndicatorTarget.objects.create(
            indicator=plan.indicators.get(order=8),
            agency=agency,
            baseline_value=Decimal(2),
            target_value=Decimal(3),
        )
    return plan


@pytest.fixture
def period(staff_user, targets):
    return make_period(staff=staff_user)


@pytest.fixture
def phongtho_report(period):
    return period.reports.get(agency__code="lc-phongtho-ubnd")


@pytest.fixture
def tamduong_report(period):
    return period.reports.get(agency__code="lc-tamduong-ubnd")


@pytest.fixture
def tamduong_user(db):
    return UserFactory(
        username="pgd-tamduong-test",
        role=roles.REPORTING_UNIT,
        agency=Agency.objects.get(code="lc-tamduong-ubnd"),
    )


def complete_input(report, *, numerator="995", denominator="1000", communes="3"):
    """Every assigned task answered and every indicator filled."""
    answers = [
        workflow.AnswerInput(
            task_id=task.pk,
            progress="in_progress",
            results="Đã triển khai kế hoạch tới 100% trường học.",
            difficulties="Thiếu giáo viên Tiếng Anh.",
            proposals="Bổ sung biên chế.",
        )
        for task in workflow.tasks_for(report)
    ]
    values = []
    for indicator in workflow.indicators_for(report):
        if indicator.rollup_rule == "ratio":
            values.append(
                workflow.ValueInput(
                    indicator.pk, numerator=Decimal(numerator), denominator=Decimal(denominator)
                )
            )
        else:
            values.append(workflow.ValueInput(indicator.pk, value=Decimal(communes)))
    groups = [
        workflow.GroupAnswerInput(
            group_id=group.pk,
            progress="in_progress",
            results="Đã triển khai trên địa bàn tới 100% trường học.",
        )
        for group in workflow.groups_for(report)
    ]
    return workflow.ReportInput(answers=answers, values=values, groups=groups)


@pytest.fixture
def submitted_report(phongtho_report, unit_user):
    report = workflow.save_report(
        report=phongtho_report,
        data=complete_input(phongtho_report),
        expected_version=phongtho_report.version,
        by=unit_user,
    )
    return workflow.submit_report(report=report, by=unit_user)
