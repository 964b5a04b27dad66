"""Generated data for ``make bench``, never for real use: a large dataset for the export
benchmark (30 units × 26 indicators × 4 periods, 100 tasks, every report approved with
values), and a year of history on one report for the load run.
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
from reports.models import (
    GroupAnswer,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    TaskAnswer,
)

# The rows a report's history is made of.
HISTORY_MODELS = (ProgressReport, TaskAnswer, GroupAnswer, IndicatorValue)

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


# A report's year: a few drafts a month, submitted at the month's end and returned.
HISTORY_MONTHS, DRAFTS_PER_MONTH = 12, 3
HISTORY_RETURN_REASON = "Bổ sung minh chứng và số liệu của tháng."


@transaction.atomic
def add_year_of_history(
    *, report: ProgressReport, writer: User, reviewer: User, seed: int = 14
) -> int:
    """Give one open report the history of a school year: every month three drafts (each
    rewriting its answers and values), a submission and a return with its reason, through
    the workflow as the unit and the Sở would; then spread the saves over the year gone.
    Returns the number of saves. The report ends returned, so the unit can edit it."""
    # The demo's writer of a report, imported here so that the export benchmark above
    # does not need the demo data's module.
    from reports.demo import fill_report

    rng = random.Random(seed)
    first_history_id = {
        model: (model.history.order_by("-history_id").values_list("history_id", flat=True).first())
        or 0
        for model in HISTORY_MODELS
    }
    for _month in range(HISTORY_MONTHS):
        for _draft in range(DRAFTS_PER_MONTH):
            report.refresh_from_db()
            fill_report(report, writer, rng, scale=8 / 38)
        workflow.submit_report(report=report, by=writer)
        workflow.return_report(report=report, reason=HISTORY_RETURN_REASON, by=reviewer)
    report.refresh_from_db()
    return _spread_over_the_year(first_history_id)


def _spread_over_the_year(after: dict) -> int:
    """Move the saves written since ``after`` (history ids by model) to days of the year
    gone, in their order, each save's rows together."""
    rows = []
    for model, history_id in after.items():
        history = model.history.model
        rows += [
            (when, action, history)
            for when, action in history.objects.filter(history_id__gt=history_id).values_list(
                "history_date", "history_action"
            )
        ]
    first_seen = {}
    for when, action, _history in sorted(rows, key=lambda row: row[0]):
        first_seen.setdefault(action, when)
    saves = sorted(first_seen, key=first_seen.get)
    start = timezone.now() - datetime.timedelta(days=365)
    step = datetime.timedelta(days=365) / max(len(saves), 1)
    for index, action in enumerate(saves):
        moved = start + step * index
        for model in after:
            model.history.model.objects.filter(
                history_action=action, history_id__gt=after[model]
            ).update(history_date=moved)
    return len(saves)
