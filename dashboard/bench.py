"""Generated datasets for the dashboard benchmark (``make bench``), never for real use.

Province scale: 40 units × 26 indicators × 4 periods × 3 school years. National scale:
about 3 300 communes (34 provinces' worth) on one plan with 4 periods. Rows are written
in bulk, outside the workflow: the benchmark measures reading, not writing.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from directives.models import Agency, Assignment, Directive, SchoolYear, Task, TaskGroup
from indicators.models import Indicator, IndicatorTarget
from reports.models import GroupAnswer, IndicatorValue, ProgressReport, ReportingPeriod

GROUPS, TASKS_PER_GROUP, PERIODS = 12, 4, 4


def _indicators(source: Directive, directive: Directive, previous: list[Indicator]):
    """The seed plan's appendix for the directive, each indicator continuing last year's."""
    copies = []
    for index, original in enumerate(source.indicators.order_by("order")):
        original.pk = None
        original.directive = directive
        original.previous = previous[index] if previous else None
        copies.append(original)
    return Indicator.objects.bulk_create(copies)


@transaction.atomic
def build_dataset(*, units: int, years: int, label: str, seed: int = 11) -> Directive:
    """One plan per school year (the latest returned), each continuing the one before
    indicator by indicator, each with ``units`` units that implement every task and
    report every indicator in 4 approved periods."""
    rng = random.Random(seed)
    source = Directive.objects.get(number="3707", symbol="KH-UBND")
    province = Agency.objects.get(code="lc-ubnd")
    department = Agency.objects.get(code="lc-sgddt")
    agencies = Agency.objects.bulk_create(
        Agency(
            code=f"bench-{label}-{n}",
            name=f"Đơn vị thử tải {label} số {n}",
            kind=Agency.Kind.COMMUNE,
            parent=province,
        )
        for n in range(1, units + 1)
    )
    today = timezone.localdate()
    directive, indicators = None, []
    for offset in range(years):
        start = 2024 - years + 1 + offset
        year, _created = SchoolYear.objects.get_or_create(start_year=start)
        directive = Directive.objects.create(
            doc_type="KH",
            number=f"9{offset}{units % 1000}",
            symbol=f"KH-BENCH-{label.upper()}",
            issuer=province,
            issued_on=datetime.date(start, 9, 17),
            title=f"KẾ HOẠCH THỬ TẢI {label.upper()} NĂM HỌC {start} - {start + 1}",
            school_year=year,
            previous_year=directive,
        )
        groups = TaskGroup.objects.bulk_create(
            TaskGroup(directive=directive, order=g, number=str(g), title=f"Nhóm thử tải {g}")
            for g in range(1, GROUPS + 1)
        )
        tasks = Task.objects.bulk_create(
            Task(
                group=group,
                order=t,
                text=f"Nhiệm vụ {group.number}.{t}",
                due_on=datetime.date(start + 1, 1 + t, 15),
            )
            for group in groups
            for t in range(1, TASKS_PER_GROUP + 1)
        )
        statuses = ["done", "in_progress", "not_started", "delayed"]
        Assignment.objects.bulk_create(
            Assignment(
                task=task,
                agency=department,
                role="lead",
                status=(status := rng.choice(statuses)),
                completed_on=datetime.date(start + 1, 1, 10) if status == "done" else None,
            )
            for task in tasks
        )
        Assignment.objects.bulk_create(
            Assignment(task=task, agency=agency, role="implement")
            for task in tasks
            for agency in agencies
        )
        indicators = _indicators(source, directive, indicators)
        reported = [i for i in indicators if i.rollup_rule != Indicator.RollupRule.NONE]
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(
                indicator=indicator,
                agency=agency,
                baseline_value=indicator.baseline_value,
                target_value=indicator.target_value or Decimal(1),
            )
            for indicator in reported
            for agency in agencies
        )
        for p in range(1, PERIODS + 1):
            period = ReportingPeriod.objects.create(
                directive=directive,
                school_year=year,
                kind="quarter",
                name=f"Quý {p} năm học {start} - {start + 1} (thử tải)",
                starts_on=datetime.date(start, 9, 1),
                ends_on=datetime.date(start, 9, 1) + datetime.timedelta(days=70 * p),
                due_on=today - datetime.timedelta(days=10 * (PERIODS - p + years - offset)),
                locks_on=today + datetime.timedelta(days=30),
            )
            moment = timezone.now() - datetime.timedelta(days=10 * (PERIODS - p + 1))
            reports = ProgressReport.objects.bulk_create(
                ProgressReport(
                    period=period,
                    agency=agency,
                    status=rng.choice(["approved"] * 6 + ["submitted", "returned", "not_started"]),
                    submitted_at=moment,
                    first_submitted_at=moment,
                    return_reason="Bổ sung số liệu.",
                )
                for agency in agencies
            )
            GroupAnswer.objects.bulk_create(
                GroupAnswer(report=report, group=group, progress=rng.choice(statuses))
                for report in reports
                for group in groups
            )
            values = []
            for report in reports:
                for indicator in reported:
                    if indicator.rollup_rule == Indicator.RollupRule.RATIO:
                        denominator = Decimal(rng.randint(200, 5000))
                        share = Decimal(str(rng.uniform(0.5, 1)))
                        values.append(
                            IndicatorValue(
                                report=report,
                                indicator=indicator,
                                numerator=(denominator * share).quantize(Decimal(1)),
                                denominator=denominator,
                                value=(share * 100).quantize(Decimal("0.01")),
                            )
                        )
                    else:
                        values.append(
                            IndicatorValue(
                                report=report,
                                indicator=indicator,
                                value=Decimal(rng.randint(0, 5)),
                            )
                        )
            IndicatorValue.objects.bulk_create(values, batch_size=5000)
    return directive
