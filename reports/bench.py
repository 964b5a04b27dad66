"""A large generated dataset for the export benchmark (``make bench``), never for real use.

30 units × 26 indicators × 4 periods, 100 tasks, every report approved with values.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from directives.models import Agency, Assignment, Directive, SchoolYear, Task, TaskGroup
from indicators.models import Indicator, IndicatorTarget
from reports import workflow
from reports.models import ReportingPeriod

UNITS, GROUPS, TASKS_PER_GROUP, PERIODS = 30, 10, 10, 4


@transaction.atomic
def build_large_dataset() -> list[ReportingPeriod]:
    """Create the benchmark directive, its units and four fully reported periods."""
    rng = random.Random(7)
    source = Directive.objects.get(number="3707", symbol="KH-UBND")
    province = Agency.objects.get(code="lc-ubnd")
    year = SchoolYear.objects.get(start_year=2024)
    directive = Directive.objects.create(
        doc_type="KH",
        number="9999",
        symbol="KH-BENCH",
        issuer=province,
        issued_on=datetime.date(2024, 9, 17),
        title="KẾ HOẠCH THỬ TẢI: 100 NHIỆM VỤ, 26 CHỈ TIÊU, 30 ĐƠN VỊ",
        school_year=year,
    )
    units = [
        Agency.objects.create(
            code=f"bench-unit-{n}", name=f"Đơn vị thử tải số {n}", kind="district", parent=province
        )
        for n in range(1, UNITS + 1)
    ]
    for g in range(1, GROUPS + 1):
        group = TaskGroup.objects.create(
            directive=directive, order=g, number=str(g), title=f"Nhóm nhiệm vụ thử tải {g}"
        )
        for t in range(1, TASKS_PER_GROUP + 1):
            task = Task.objects.create(
                group=group, order=t, text=f"Nhiệm vụ {g}.{t}: triển khai, kiểm tra, báo cáo."
            )
            for unit in rng.sample(units, 3):
                Assignment.objects.create(task=task, agency=unit, role="lead")
    indicators = []
    for original in source.indicators.order_by("order"):
        original.pk = None
        original.directive = directive
        original.save()
        indicators.append(original)
    for indicator in indicators:
        if indicator.rollup_rule == Indicator.RollupRule.NONE:
            continue  # province-only figures: no unit reports them
        for unit in units:
            IndicatorTarget.objects.create(
                indicator=indicator,
                agency=unit,
                baseline_value=indicator.baseline_value,
                target_value=indicator.target_value or Decimal(1),
            )
    # Superusers: the benchmark measures exports, not permissions.
    staff, _created = User.objects.get_or_create(
        username="bench-staff", defaults={"is_superuser": True}
    )
    unit_user, _created = User.objects.get_or_create(
        username="bench-unit", defaults={"is_superuser": True}
    )
    today = timezone.localdate()
    periods = []
    for p in range(1, PERIODS + 1):
        period = workflow.open_period(
            directive=directive,
            school_year=year,
            kind="quarter",
            name=f"Quý {p} năm học 2024 - 2025 (thử tải)",
            starts_on=datetime.date(2024, 9, 1),
            ends_on=datetime.date(2025, 5, 31),
            due_on=today,
            locks_on=today + datetime.timedelta(days=30),
            by=staff,
            units=units,
        )
        for report in period.reports.all():
            answers = [
                workflow.AnswerInput(task.pk, "in_progress", "Đã triển khai theo kế hoạch.", "", "")
                for task in workflow.tasks_for(report)
            ]
            values = []
            for indicator in indicators:
                if indicator.rollup_rule == Indicator.RollupRule.RATIO:
                    denominator = Decimal(rng.randint(200, 5000))
                    numerator = (denominator * Decimal(rng.uniform(0.5, 1))).quantize(Decimal(1))
                    values.append(
                        workflow.ValueInput(
                            indicator.pk, numerator=numerator, denominator=denominator
                        )
                    )
                elif indicator.rollup_rule == Indicator.RollupRule.SUM:
                    values.append(
                        workflow.ValueInput(indicator.pk, value=Decimal(rng.randint(0, 5)))
                    )
            workflow.save_report(
                report=report,
                data=workflow.ReportInput(answers=answers, values=values),
                expected_version=report.version,
                by=unit_user,
            )
            workflow.submit_report(report=report, by=unit_user)
            workflow.approve_report(report=report, by=staff)
        periods.append(period)
    return periods
